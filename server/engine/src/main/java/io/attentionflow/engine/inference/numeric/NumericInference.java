package io.attentionflow.engine.inference.numeric;

/** Truth inference for numeric answers: an estimated value per item. Deterministic for a given input. */
public interface NumericInference {

    /** Short method name as the CLI spells it ({@code median}, {@code trimmed}, {@code bias}, ...). */
    String name();

    /**
     * @param gold known value per item, NaN where unknown; {@code null} for none. Gold items are clamped to
     *             their value and, for methods that model workers, anchor the worker estimates.
     */
    NumericResult infer(NumericAnswers answers, double[] gold);

    /** Checks a gold array's length; returns an all-NaN array for {@code null}. */
    static double[] checkedGold(double[] gold, int items) {
        if (gold == null) {
            double[] none = new double[items];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        if (gold.length != items) {
            throw new IllegalArgumentException("gold has " + gold.length + " entries, expected one per item (" + items + ")");
        }
        return gold;
    }
}
