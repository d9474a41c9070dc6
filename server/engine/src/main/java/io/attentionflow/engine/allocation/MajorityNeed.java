package io.attentionflow.engine.allocation;

/**
 * The need of an item whose result is its most-voted label (a project aggregated by majority vote): the
 * expected reduction, from more answers of a player, of the probability that the label the project reports
 * is wrong.
 *
 * <h2>Why the reported label and not the posterior</h2>
 * The item's belief (its posterior, weighing every answer by its player's estimated accuracy) is the best
 * guess of the true label, but a majority-vote project reports the most-voted label, ties going to the first
 * of the tied labels in the project's order. The two part where the votes are tied, or where a few reliable
 * players are outvoted: the belief may be sure while the reported label is a coin toss or wrong. Entropy
 * ({@link Need}) sees such an item as settled and sends nobody; the risk of the reported label,
 * {@code 1 - belief[reported]}, sees that it is not. So the need here is the expected fall of that risk,
 * averaged over the answers the player may give, under the belief.
 *
 * <h2>Two answers ahead</h2>
 * One more answer can make the risk worse: a 2:1 item becomes 2:2 when the answer goes to the minority, and
 * its reported label turns into a toss, so a one-step lookahead never tops up a lead of one. The need is the
 * better of the fall from one more answer and half the fall from two more (the value per answer), which
 * follows the pairs in which votes settle.
 *
 * <h2>Items one or two answers cannot change</h2>
 * A 3:0 item keeps its reported label whatever the next two answers are, so its risk cannot fall and the
 * term above is 0, for every such item alike. Among those, {@link Need}'s entropy reduction decides,
 * weighed by {@value #TIE_BREAK} so that it orders items the risk term leaves level and hardly anything
 * else; in replays of the shared datasets any weight from 1e-6 to 1 gave the same shares of answers within
 * two points (docs/benchmarks/allocation.md).
 *
 * <h2>Answers in flight</h2>
 * {@code inFlight} answers already claimed are expected to do their share: the risk term is divided by
 * {@code inFlight + 1}, as the serving index discounts pending answers, and the entropy term is
 * {@link Need}'s conditional one. Either way the need falls as claims pile up, so a burst of players spreads.
 *
 * <p>Cost: {@code O(labels^3)} (every pair of next answers, each re-weighing the belief). No boxing; the only
 * allocations are a few arrays of {@code labels}.
 */
public final class MajorityNeed {

    /** Weight of the entropy reduction, which orders the items whose reported label the risk term cannot move. */
    public static final double TIE_BREAK = 1e-3;

    private MajorityNeed() {
    }

    /**
     * @param belief       flat array holding the item's belief at {@code offset..offset+labels-1} (sums to 1)
     * @param votes        flat array holding the item's answers per label at {@code votesOffset..}
     * @param confusion    the player's confusion matrix, flat {@code labels x labels}, row = true label
     * @param inFlight     answers claimed for the item and not yet given ({@code >= 0})
     * @return the need, {@code >= 0}
     */
    public static double of(double[] belief, int offset, int labels, int[] votes, int votesOffset, double[] confusion,
                            int inFlight) {
        double riskFall = riskFall(belief, offset, labels, votes, votesOffset, confusion);
        return riskFall / (inFlight + 1) + TIE_BREAK * Need.of(belief, offset, labels, confusion, inFlight);
    }

    /**
     * The expected fall of the reported label's risk per answer: the better of one more answer and half of two
     * more, never below 0.
     */
    static double riskFall(double[] belief, int offset, int labels, int[] votes, int votesOffset, double[] confusion) {
        double[] p = new double[labels];
        int[] v = new int[labels];
        double sum = 0;
        for (int t = 0; t < labels; t++) {
            p[t] = belief[offset + t];
            v[t] = votes[votesOffset + t];
            sum += p[t];
        }
        if (!(sum > 0)) {
            return 0;
        }
        for (int t = 0; t < labels; t++) {
            p[t] /= sum;
        }
        double now = risk(p, v);
        double[] afterOne = new double[labels];
        double[] afterTwo = new double[labels];
        double oneAhead = 0;
        double twoAhead = 0;
        for (int g = 0; g < labels; g++) {
            double pg = reweigh(p, g, confusion, afterOne);
            if (pg <= 0) {
                continue;
            }
            v[g]++;
            oneAhead += pg * risk(afterOne, v);
            for (int h = 0; h < labels; h++) {
                double ph = reweigh(afterOne, h, confusion, afterTwo);
                if (ph > 0) {
                    v[h]++;
                    twoAhead += pg * ph * risk(afterTwo, v);
                    v[h]--;
                }
            }
            v[g]--;
        }
        return Math.max(0, Math.max(now - oneAhead, (now - twoAhead) / 2));
    }

    /**
     * The probability that the reported label is wrong under belief {@code p}: {@code 1 - p[r]}, where
     * {@code r} is the first of the most-voted labels.
     */
    static double risk(double[] p, int[] votes) {
        int reported = 0;
        for (int t = 1; t < votes.length; t++) {
            if (votes[t] > votes[reported]) {
                reported = t;
            }
        }
        return 1 - p[reported];
    }

    /**
     * Writes into {@code out} the belief after the player answers {@code given} and returns the probability of
     * that answer; {@code out} is untouched when the answer is impossible (probability 0).
     */
    private static double reweigh(double[] p, int given, double[] confusion, double[] out) {
        int labels = p.length;
        double q = 0;
        for (int t = 0; t < labels; t++) {
            q += p[t] * confusion[t * labels + given];
        }
        if (q > 0) {
            for (int t = 0; t < labels; t++) {
                out[t] = p[t] * confusion[t * labels + given] / q;
            }
        }
        return q;
    }
}
