package io.attentionflow.engine.allocation;

/**
 * The need of an item whose result is its most-voted label (a project aggregated by majority vote): the
 * expected reduction, from more answers of a player, of the probability that the label the project reports
 * is wrong.
 *
 * <h2>Why the reported label and not the posterior</h2>
 * The item's belief (its posterior, weighing every answer by its player's estimated accuracy) is the best
 * guess of the true label, but a majority-vote project reports the most-voted label. The two part where the
 * votes are tied, or where a few reliable players are outvoted: the belief may be sure while the reported label
 * is a coin toss or wrong. Entropy ({@link Need}) sees such an item as settled and sends nobody; the risk of the
 * reported label, {@code 1 - belief[reported]}, sees that it is not. So the need here is the expected fall of
 * that risk, averaged over the answers the player may give, under the belief.
 *
 * <p>A tie counts as a toss among the tied labels (the risk is {@code 1 -} their mean belief), although majority
 * vote reports the first of them: which label comes first in a project is arbitrary, and players should not be
 * steered by it. It also keeps an AI helper's prior meaningful on unanswered items (all tied at 0): one answer
 * takes the same risk off each of them, and the entropy term sends players first where the helper is unsure.
 * Counting ties as the first label instead did about as well in the replays (docs/benchmarks/allocation.md).
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
 * <p>Cost: {@code O(labels^3)} (every pair of next answers, each over every label), no allocation.
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
     *
     * <p>After answers {@code g} (and {@code h}), with joint weights {@code j_t = p_t C[t][g] (C[t][h])} and
     * {@code P = sum_t j_t}, the risk weighted by the answers' probability is {@code P - mean_tied(j)}, the
     * posterior's normalisation cancelling out; so no belief is ever rebuilt, and the pair (g, h) is the pair
     * (h, g). That keeps the cost at {@code labels^2 (labels + 1) / 2} products for two answers ahead, which
     * matters in the claim script's Lua copy of this.
     */
    static double riskFall(double[] belief, int offset, int labels, int[] votes, int votesOffset, double[] confusion) {
        double sum = 0;
        int most = 0;
        for (int t = 0; t < labels; t++) {
            sum += belief[offset + t];
            most = Math.max(most, votes[votesOffset + t]);
        }
        if (!(sum > 0)) {
            return 0;
        }
        double now = 0;
        int tiedNow = 0;
        for (int t = 0; t < labels; t++) {
            if (votes[votesOffset + t] == most) {
                now += belief[offset + t];
                tiedNow++;
            }
        }
        now = 1 - now / tiedNow / sum;
        double oneAhead = 0;
        double twoAhead = 0;
        for (int g = 0; g < labels; g++) {
            int mostOne = Math.max(most, votes[votesOffset + g] + 1);
            double weight = 0;
            double right = 0;
            int tied = 0;
            for (int t = 0; t < labels; t++) {
                double j = belief[offset + t] / sum * confusion[t * labels + g];
                weight += j;
                if (votes[votesOffset + t] + (t == g ? 1 : 0) == mostOne) {
                    right += j;
                    tied++;
                }
            }
            oneAhead += weight - right / tied;
            for (int h = g; h < labels; h++) {
                int mostTwo = Math.max(mostOne, votes[votesOffset + h] + 1 + (h == g ? 1 : 0));
                double weightTwo = 0;
                double rightTwo = 0;
                int tiedTwo = 0;
                for (int t = 0; t < labels; t++) {
                    double j = belief[offset + t] / sum * confusion[t * labels + g] * confusion[t * labels + h];
                    weightTwo += j;
                    if (votes[votesOffset + t] + (t == g ? 1 : 0) + (t == h ? 1 : 0) == mostTwo) {
                        rightTwo += j;
                        tiedTwo++;
                    }
                }
                twoAhead += (h == g ? 1 : 2) * (weightTwo - rightTwo / tiedTwo);
            }
        }
        return Math.max(0, Math.max(now - oneAhead, (now - twoAhead) / 2));
    }
}
