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
 * follows the pairs in which votes settle. A pair counts only where the item can still take two answers
 * ({@code room}: what its cap on answers leaves beyond the answers given): an item with room for one more gets
 * what one answer is worth, not the value of a pair it can never complete. The room leaves answers in flight
 * out, which the division below accounts for, so the engine, the serving index and the claim script all count
 * it from what is committed.
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
 * <p>Cost: {@code O(labels^2 x leaders)}, leaders being the labels that share the most votes (every pair of next
 * answers, each over the labels that may then lead), and one array of {@code labels}.
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
     * @param room         answers the item can still take beyond those given ({@link Integer#MAX_VALUE}: no cap)
     * @return the need, {@code >= 0}
     */
    public static double of(double[] belief, int offset, int labels, int[] votes, int votesOffset, double[] confusion,
                            int inFlight, int room) {
        double riskFall = riskFall(belief, offset, labels, votes, votesOffset, confusion, room);
        return riskFall / (inFlight + 1) + TIE_BREAK * Need.of(belief, offset, labels, confusion, inFlight);
    }

    /** The label a majority vote reports: the first of the most-voted labels. */
    public static int reportedLabel(int[] votes, int votesOffset, int labels) {
        int reported = 0;
        for (int t = 1; t < labels; t++) {
            if (votes[votesOffset + t] > votes[votesOffset + reported]) {
                reported = t;
            }
        }
        return reported;
    }

    /**
     * The expected fall of the reported label's risk per answer: the better of one more answer and, where
     * {@code room} allows two, half of two more; never below 0.
     *
     * <p>After answers {@code g} (and {@code h}), with joint weights {@code j_t = p_t C[t][g] (C[t][h])}, the risk
     * weighted by the answers' probability is {@code sum_t j_t - mean over the new most-voted labels of j_t}: the
     * posterior's normalisation cancels out, so no belief is ever rebuilt. Summed over the answers, the first terms
     * add up to {@code sum_t p_t r_t} (one answer) and {@code sum_t p_t r_t^2} (two), {@code r_t} being the row sums
     * of {@code C} (1 for a proper matrix). The new most-voted labels are among the current leaders and the labels
     * answered, and only when nothing overtakes the leaders need they be looked at, so a pair of answers costs
     * O(1) or O(leaders); the pair (g, h) is the pair (h, g). Two answers ahead then cost about
     * {@code labels^2 / 2} times the leaders instead of {@code labels^3 / 2}, which matters in the claim script's Lua
     * copy of this (many-label projects, where few labels lead).
     */
    static double riskFall(double[] belief, int offset, int labels, int[] votes, int votesOffset, double[] confusion,
                           int room) {
        double sum = 0;
        int most = 0;
        for (int t = 0; t < labels; t++) {
            sum += belief[offset + t];
            most = Math.max(most, votes[votesOffset + t]);
        }
        if (!(sum > 0)) {
            return 0;
        }
        int[] leaders = new int[labels];
        int leaderCount = 0;
        double leading = 0;
        double oneWeight = 0;
        double twoWeight = 0;
        for (int t = 0; t < labels; t++) {
            double p = belief[offset + t] / sum;
            if (votes[votesOffset + t] == most) {
                leaders[leaderCount++] = t;
                leading += p;
            }
            double rowSum = 0;
            for (int g = 0; g < labels; g++) {
                rowSum += confusion[t * labels + g];
            }
            oneWeight += p * rowSum;
            twoWeight += p * rowSum * rowSum;
        }
        double now = 1 - leading / leaderCount;
        boolean pairs = room >= 2;
        double oneRight = 0;
        double twoRight = 0;
        for (int g = 0; g < labels; g++) {
            oneRight += rightAfter(belief, offset, sum, labels, votes, votesOffset, confusion, most, leaders, leaderCount, g, -1);
            for (int h = g; pairs && h < labels; h++) {
                twoRight += (h == g ? 1 : 2)
                        * rightAfter(belief, offset, sum, labels, votes, votesOffset, confusion, most, leaders, leaderCount, g, h);
            }
        }
        double fallFromOne = now - (oneWeight - oneRight);
        double fallPerAnswerOfTwo = pairs ? (now - (twoWeight - twoRight)) / 2 : 0;
        return Math.max(0, Math.max(fallFromOne, fallPerAnswerOfTwo));
    }

    /**
     * After answer {@code g} and, unless {@code h < 0}, answer {@code h}: the mean of {@code j_t} over the labels
     * then most voted, the probability-weighted chance that the reported label is right.
     */
    private static double rightAfter(double[] belief, int offset, double sum, int labels, int[] votes, int votesOffset,
                                     double[] confusion, int most, int[] leaders, int leaderCount, int g, int h) {
        int votesG = votes[votesOffset + g] + 1 + (h == g ? 1 : 0);
        int votesH = h < 0 ? 0 : votes[votesOffset + h] + 1 + (h == g ? 1 : 0);
        int top = Math.max(most, Math.max(votesG, votesH));
        double right = 0;
        int tied = 0;
        if (top == most) {
            // Nothing overtook the leaders (neither answer went to one of them): they all still lead.
            for (int k = 0; k < leaderCount; k++) {
                right += joint(belief, offset, sum, labels, confusion, leaders[k], g, h);
            }
            tied = leaderCount;
        }
        if (votesG == top) {
            right += joint(belief, offset, sum, labels, confusion, g, g, h);
            tied++;
        }
        if (h >= 0 && h != g && votesH == top) {
            right += joint(belief, offset, sum, labels, confusion, h, g, h);
            tied++;
        }
        return right / tied;
    }

    /** {@code p_t C[t][g] C[t][h]} ({@code h < 0}: one answer). */
    private static double joint(double[] belief, int offset, double sum, int labels, double[] confusion, int t, int g, int h) {
        double j = belief[offset + t] / sum * confusion[t * labels + g];
        return h < 0 ? j : j * confusion[t * labels + h];
    }
}
