package io.attentionflow.engine.allocation;

import java.util.Arrays;

/**
 * An AI helper's suggestion for an item as a prior over its labels, and the item's belief for allocation
 * with that prior folded in.
 *
 * <p>A helper states one answer and its probability of being right. Read as a one-coin observation, that is
 * {@code confidence} on the suggested label and the rest spread evenly over the others. Multiplied into the
 * posterior from the players' answers, it lowers the need of items the helper is sure of and leaves the need
 * of items it is unsure of where it was, so players go first where the machine cannot help. The helper is
 * trusted only up to {@value #MAX_CONFIDENCE} either way: a helper that claims certainty would otherwise
 * zero a label for good, and no number of players could bring it back.
 */
public final class AiPrior {

    /** Most probability a suggestion may give its label, or take from it. */
    public static final double MAX_CONFIDENCE = 0.99;

    private AiPrior() {
    }

    /**
     * @param labels     number of labels, {@code >= 2}
     * @param suggested  index of the suggested label
     * @param confidence the helper's probability that its suggestion is right, in [0, 1]
     */
    public static double[] of(int labels, int suggested, double confidence) {
        if (labels < 2) {
            throw new IllegalArgumentException("a prior needs at least 2 labels, got " + labels);
        }
        if (suggested < 0 || suggested >= labels) {
            throw new IllegalArgumentException("suggested label " + suggested + " is not one of " + labels);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        double right = Math.max(1 - MAX_CONFIDENCE, Math.min(MAX_CONFIDENCE, confidence));
        double[] prior = new double[labels];
        Arrays.fill(prior, (1 - right) / (labels - 1));
        prior[suggested] = right;
        return prior;
    }

    /**
     * The belief allocation works with: {@code posterior x prior}, renormalised, as a new array. A missing
     * posterior (no answers yet) counts as uniform; a missing prior leaves the posterior as it is.
     */
    public static double[] combine(int labels, double[] posterior, double[] prior) {
        double[] p = new double[labels];
        double sum = 0;
        for (int t = 0; t < labels; t++) {
            p[t] = (posterior == null ? 1.0 / labels : posterior[t]) * (prior == null ? 1 : prior[t]);
            sum += p[t];
        }
        for (int t = 0; t < labels; t++) {
            p[t] = sum > 0 ? p[t] / sum : 1.0 / labels;
        }
        return p;
    }
}
