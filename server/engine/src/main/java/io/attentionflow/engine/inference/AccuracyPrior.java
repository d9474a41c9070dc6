package io.attentionflow.engine.inference;

/**
 * What a worker's accuracy is taken to be before their answers say otherwise, and how far a few answers move
 * it: a Beta prior worth {@value #WEIGHT} answers at {@value #ACCURACY}.
 *
 * <p>Truth-inference methods report a worker's accuracy from their answers alone, so a worker with three
 * answers that happen to agree with the current labels scores 1.0. Taken at face value, one answer of theirs
 * would then settle an item. The posterior mean under this prior keeps such a worker near a typical one until
 * their record is long enough to tell: 3 of 3 gives 0.88, 98 of 100 gives 0.97. The same prior is what the
 * replay simulator's re-estimation uses, so the simulated platform trusts workers as the real one does.
 */
public final class AccuracyPrior {

    /** Accuracy of a worker nothing is known about yet: right on seven answers out of ten. */
    public static final double ACCURACY = 0.7;
    /** Weight of the prior, in answers. */
    public static final double WEIGHT = 2;

    private AccuracyPrior() {
    }

    /**
     * The accuracy to work with after {@code right} of {@code answers} answers were judged right ({@code right}
     * may be a soft count); {@link #ACCURACY} without answers.
     */
    public static double shrink(double right, double answers) {
        if (!(answers >= 0 && right >= 0)) {
            throw new IllegalArgumentException("right and answers must be >= 0, got " + right + " of " + answers);
        }
        return (right + WEIGHT * ACCURACY) / (answers + WEIGHT);
    }

    /**
     * A method's accuracy estimate for a worker who gave {@code answers} answers, kept to [0, 1] and pulled
     * toward the prior: what the platform and the simulator weigh the worker's answers with.
     */
    public static double of(InferenceResult estimate, int worker, int answers) {
        double measured = Math.max(0, Math.min(1, estimate.workerAccuracy(worker)));
        return shrink(measured * answers, answers);
    }
}
