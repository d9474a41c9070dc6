package io.attentionflow.engine.state;

/**
 * The posterior over labels of one item from its answers, under the one-coin worker model: a worker of
 * accuracy {@code a} gives the true label with probability {@code a} and each other label with
 * {@code (1 - a) / (labels - 1)}. This is the per-item step of one-coin Dawid-Skene with the worker
 * accuracies held fixed (Dawid and Skene 1979; the one-coin form as in Raykar et al. 2010), and is what
 * the server recomputes for an item after each accepted answer: O(answers of the item x labels), with
 * no state between calls, so any server node can do it.
 *
 * <p>Accuracies are clamped to [{@value #MIN_ACCURACY}, {@value #MAX_ACCURACY}] so that one worker can
 * never make an item certain on their own, and a worker worse than chance counts as uninformative
 * rather than as a reliable liar (a new estimate from the full re-estimation will say which).
 */
public final class ItemPosterior {

    static final double MIN_ACCURACY = 0.05;
    static final double MAX_ACCURACY = 0.99;

    private ItemPosterior() {
    }

    /**
     * @param labels   number of labels, {@code >= 2}
     * @param given    label id of each answer
     * @param accuracy accuracy of the worker of each answer
     * @param gold     known label of the item, or -1
     * @return the posterior, summing to 1 (uniform without answers; one-hot for a gold item)
     */
    public static double[] of(int labels, int[] given, double[] accuracy, int gold) {
        if (labels < 2) {
            throw new IllegalArgumentException("at least two labels are needed, got " + labels);
        }
        if (given.length != accuracy.length) {
            throw new IllegalArgumentException("given and accuracy differ in length");
        }
        double[] posterior = new double[labels];
        if (gold >= 0) {
            posterior[gold] = 1;
            return posterior;
        }
        double[] log = new double[labels];
        for (int a = 0; a < given.length; a++) {
            double acc = Math.min(MAX_ACCURACY, Math.max(MIN_ACCURACY, accuracy[a]));
            double right = Math.log(acc);
            double wrong = Math.log((1 - acc) / (labels - 1));
            for (int t = 0; t < labels; t++) {
                log[t] += t == given[a] ? right : wrong;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int t = 0; t < labels; t++) {
            posterior[t] = Math.exp(log[t] - max);
            sum += posterior[t];
        }
        for (int t = 0; t < labels; t++) {
            posterior[t] /= sum;
        }
        return posterior;
    }

    /** The most probable label of a posterior; ties go to the lowest label id. */
    public static int label(double[] posterior) {
        int best = 0;
        for (int l = 1; l < posterior.length; l++) {
            if (posterior[l] > posterior[best]) {
                best = l;
            }
        }
        return best;
    }

    /** The largest probability of a posterior: the confidence in its most probable label. */
    public static double confidence(double[] posterior) {
        double best = 0;
        for (double p : posterior) {
            best = Math.max(best, p);
        }
        return best;
    }
}
