package io.attentionflow.engine.inference;

/**
 * What a truth-inference method concludes. Per item: a posterior over labels (row {@code i} of a flat
 * {@code items x labels} array, summing to 1), the most probable label and its probability (the
 * confidence). Per worker: an accuracy estimate, and where the method models one, a confusion matrix
 * (flat {@code workers x labels x labels}: row = true label, column = given label).
 */
public final class InferenceResult {

    private final int itemCount;
    private final int labelCount;
    private final double[] posterior;
    private final int[] label;
    private final double[] confidence;
    private final double[] workerAccuracy;
    private final double[] confusion;

    /**
     * Takes ownership of the arrays. Label and confidence are derived from the posterior; ties go to the
     * lowest label id so that results are deterministic.
     *
     * @param confusion flat confusion matrices, or {@code null} when the method has none
     */
    public InferenceResult(int itemCount, int labelCount, double[] posterior, double[] workerAccuracy, double[] confusion) {
        if (posterior.length != itemCount * labelCount) {
            throw new IllegalArgumentException("posterior has " + posterior.length + " cells, expected " + itemCount * labelCount);
        }
        this.itemCount = itemCount;
        this.labelCount = labelCount;
        this.posterior = posterior;
        this.workerAccuracy = workerAccuracy;
        this.confusion = confusion;
        this.label = new int[itemCount];
        this.confidence = new double[itemCount];
        for (int i = 0; i < itemCount; i++) {
            int base = i * labelCount;
            int best = 0;
            for (int l = 1; l < labelCount; l++) {
                if (posterior[base + l] > posterior[base + best]) {
                    best = l;
                }
            }
            label[i] = best;
            confidence[i] = posterior[base + best];
        }
    }

    public int itemCount() { return itemCount; }

    public int labelCount() { return labelCount; }

    public int workerCount() { return workerAccuracy.length; }

    public int label(int item) { return label[item]; }

    public double confidence(int item) { return confidence[item]; }

    public double posterior(int item, int label) { return posterior[item * labelCount + label]; }

    public double workerAccuracy(int worker) { return workerAccuracy[worker]; }

    public boolean hasConfusion() { return confusion != null; }

    /** P(worker answers {@code given} | true label is {@code truth}); only when {@link #hasConfusion()}. */
    public double confusion(int worker, int truth, int given) {
        return confusion[(worker * labelCount + truth) * labelCount + given];
    }
}
