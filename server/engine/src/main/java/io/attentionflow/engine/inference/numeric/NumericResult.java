package io.attentionflow.engine.inference.numeric;

/**
 * What a numeric truth-inference method concludes. Per item: the estimated value (NaN for an item
 * without answers and without gold) and its standard error (NaN where it cannot be estimated). Per
 * worker: an additive bias (answer minus truth; 0 for methods that do not model it) and the standard
 * deviation of their errors (NaN where not modelled).
 */
public final class NumericResult {

    private final double[] value;
    private final double[] standardError;
    private final double[] workerBias;
    private final double[] workerSd;

    /** Takes ownership of the arrays. */
    public NumericResult(double[] value, double[] standardError, double[] workerBias, double[] workerSd) {
        if (value.length != standardError.length || workerBias.length != workerSd.length) {
            throw new IllegalArgumentException("per-item or per-worker arrays differ in length");
        }
        this.value = value;
        this.standardError = standardError;
        this.workerBias = workerBias;
        this.workerSd = workerSd;
    }

    public int itemCount() { return value.length; }

    public int workerCount() { return workerBias.length; }

    public double value(int item) { return value[item]; }

    /** All item values (a new array). */
    public double[] values() { return value.clone(); }

    public double standardError(int item) { return standardError[item]; }

    public double workerBias(int worker) { return workerBias[worker]; }

    public double workerSd(int worker) { return workerSd[worker]; }

    /**
     * Agreement per item: the share of its answers that lie within {@code tolerance} of the estimate once
     * the worker's bias is removed; 1 for a gold item without answers, 0 for an item without answers.
     * A confidence in [0, 1] for numeric answers. O(answers).
     */
    public double[] agreement(NumericAnswers answers, double tolerance) {
        double[] share = new double[value.length];
        for (int i = 0; i < value.length; i++) {
            int n = answers.answersOf(i);
            if (n == 0) {
                share[i] = Double.isNaN(value[i]) ? 0 : 1;
                continue;
            }
            int close = 0;
            for (int p = answers.itemStart(i); p < answers.itemEnd(i); p++) {
                int a = answers.answerOfItem(p);
                if (Math.abs(answers.value(a) - workerBias[answers.worker(a)] - value[i]) <= tolerance) {
                    close++;
                }
            }
            share[i] = (double) close / n;
        }
        return share;
    }
}
