package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MajorityNeedTest {

    private static final int NO_CAP = Integer.MAX_VALUE;

    private static double need(double[] belief, int[] votes, double accuracy) {
        return MajorityNeed.of(belief, 0, belief.length, votes, 0, Need.oneCoin(belief.length, accuracy), 0, NO_CAP);
    }

    @Test
    void aTiedItemIsToppedUpEvenWhenTheBeliefIsSure() {
        // The same belief; a 1:1 tie reports the first label, which the belief thinks wrong, while 2:0 reports the second.
        double[] sure = {0.05, 0.95};
        double tied = need(sure, new int[] {1, 1}, 0.7);
        double settled = need(sure, new int[] {0, 2}, 0.7);
        assertTrue(tied > 100 * settled, "tied " + tied + ", settled " + settled);
    }

    @Test
    void aBinaryTieFromAnUnsureBeliefIsWorthWhatOneAnswerTakesOffTheRisk() {
        // Votes 1:1 report label 0, wrong with probability 0.5. One answer of accuracy 0.8 breaks the tie toward
        // itself and leaves the belief at 0.8 for the label it now reports: risk 0.2, a fall of 0.3. Two answers
        // fall by 0.3 in all (0.15 each: they agree with probability 0.68 and leave 0.059, or tie again at 0.5).
        double[] uniform = {0.5, 0.5};
        double expected = 0.3 + MajorityNeed.TIE_BREAK * Need.ofAccuracy(uniform, 2, 0.8);
        assertEquals(expected, need(uniform, new int[] {1, 1}, 0.8), 1e-12);
    }

    @Test
    void aLeadOfOneIsToppedUpThoughOneMoreAnswerCouldTieIt() {
        // 2:1 for the first label, belief 0.8 on it: one answer may tie the votes (risk up), two settle them.
        double[] belief = {0.8, 0.2};
        int[] votes = {2, 1};
        double[] confusion = Need.oneCoin(2, 0.7);
        assertTrue(MajorityNeed.riskFall(belief, 0, 2, votes, 0, confusion, NO_CAP) > 0.01);
        // 3:0 keeps its reported label whatever the next two answers say: only the entropy term is left.
        double[] threeNil = {0.93, 0.07};
        assertEquals(0, MajorityNeed.riskFall(threeNil, 0, 2, new int[] {3, 0}, 0, confusion, NO_CAP), 1e-15);
        assertTrue(need(belief, votes, 0.7) > need(threeNil, new int[] {3, 0}, 0.7));
    }

    @Test
    void aPairOfAnswersCountsOnlyWhereTheItemHasRoomForTwo() {
        // 2:1 is worth topping up only by a pair (one answer may tie it): with room for one more, its risk cannot fall.
        double[] belief = {0.8, 0.2};
        int[] votes = {2, 1};
        double[] confusion = Need.oneCoin(2, 0.7);
        assertEquals(MajorityNeed.riskFall(belief, 0, 2, votes, 0, confusion, NO_CAP),
                MajorityNeed.riskFall(belief, 0, 2, votes, 0, confusion, 2), 0);
        assertEquals(0, MajorityNeed.riskFall(belief, 0, 2, votes, 0, confusion, 1), 1e-15);
        // A 1:1 tie is worth what one answer takes off its risk either way.
        double[] uniform = {0.5, 0.5};
        assertEquals(MajorityNeed.riskFall(uniform, 0, 2, new int[] {1, 1}, 0, confusion, NO_CAP),
                MajorityNeed.riskFall(uniform, 0, 2, new int[] {1, 1}, 0, confusion, 1), 1e-12);
        // The state counts the room its item's capacity leaves: at 3 answers of 4 the 2:1 item has room for one.
        AllocationState state = new AllocationState(2, 2, new Retirement(2, 0, 10, Long.MAX_VALUE), 0.7, true);
        state.setCapacity(0, 4);
        double[] sure = Need.oneCoin(2, 0.8);
        for (int item = 0; item < 2; item++) {
            for (int label : new int[] {0, 0, 1}) {
                state.claim(-1, item);
                state.answer(item, label, sure);
            }
        }
        assertEquals(1, state.room(0));
        assertEquals(7, state.room(1), "the max answers (10) leave seven");
        assertTrue(state.need(1, confusion) > 10 * state.need(0, confusion),
                "room for seven: " + state.need(1, confusion) + ", for one: " + state.need(0, confusion));
    }

    @Test
    void reliablePlayersOutvotedByOthersMakeTheItemNeedy() {
        // Two votes for the first label, one for the second from a player so reliable that the belief sides with it.
        double outvoted = need(new double[] {0.1, 0.9}, new int[] {2, 1}, 0.7);
        double agreeing = need(new double[] {0.9, 0.1}, new int[] {2, 1}, 0.7);
        assertTrue(outvoted > 2 * agreeing, "outvoted " + outvoted + ", agreeing " + agreeing);
    }

    @Test
    void equalsTheFallComputedFromTheBeliefsAfterEachAnswer() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 500; trial++) {
            int labels = 2 + random.nextInt(11);
            double[] belief = randomBelief(random, labels);
            int[] votes = randomVotes(random, labels, trial % 5 == 0);
            double[] confusion = new double[labels * labels];
            for (int t = 0; t < labels; t++) {
                double rowSum = 0;
                for (int g = 0; g < labels; g++) {
                    confusion[t * labels + g] = random.nextDouble() + (t == g ? 1 : 0);
                    rowSum += confusion[t * labels + g];
                }
                for (int g = 0; g < labels; g++) {
                    confusion[t * labels + g] /= rowSum;
                }
            }
            assertEquals(directFall(belief, votes, confusion, true), MajorityNeed.riskFall(belief, 0, labels, votes, 0, confusion, 2),
                    1e-12, "trial " + trial);
            assertEquals(directFall(belief, votes, confusion, false), MajorityNeed.riskFall(belief, 0, labels, votes, 0, confusion, 1),
                    1e-12, "trial " + trial + ", room for one answer");
        }
    }

    /**
     * The definition, step by step: the belief after each answer or pair of answers, and its reported label's risk.
     *
     * @param pairs whether two answers ahead count (the item has room for two)
     */
    private static double directFall(double[] p, int[] votes, double[] confusion, boolean pairs) {
        int labels = p.length;
        double now = risk(p, votes);
        double oneAhead = 0;
        double twoAhead = 0;
        for (int g = 0; g < labels; g++) {
            double[] afterOne = p.clone();
            double pg = answer(afterOne, g, confusion);
            int[] v = votes.clone();
            v[g]++;
            oneAhead += pg * risk(afterOne, v);
            for (int h = 0; h < labels; h++) {
                double[] afterTwo = afterOne.clone();
                double ph = answer(afterTwo, h, confusion);
                int[] w = v.clone();
                w[h]++;
                twoAhead += pg * ph * risk(afterTwo, w);
            }
        }
        return Math.max(0, pairs ? Math.max(now - oneAhead, (now - twoAhead) / 2) : now - oneAhead);
    }

    private static double[] randomBelief(SplittableRandom random, int labels) {
        double[] belief = random.doubles(labels).toArray();
        double sum = java.util.Arrays.stream(belief).sum();
        return java.util.Arrays.stream(belief).map(b -> b / sum).toArray();
    }

    /** 0 to 3 answers per label, or none at all. */
    private static int[] randomVotes(SplittableRandom random, int labels, boolean unanswered) {
        return unanswered ? new int[labels] : random.ints(labels, 0, 4).toArray();
    }

    /** Turns {@code belief} into the belief after answer {@code given}; returns that answer's probability. */
    private static double answer(double[] belief, int given, double[] confusion) {
        int labels = belief.length;
        double probability = 0;
        for (int t = 0; t < labels; t++) {
            belief[t] *= confusion[t * labels + given];
            probability += belief[t];
        }
        for (int t = 0; t < labels; t++) {
            belief[t] /= probability;
        }
        return probability;
    }

    /** One minus the mean belief of the most-voted labels. */
    private static double risk(double[] p, int[] votes) {
        int most = java.util.Arrays.stream(votes).max().orElse(0);
        double right = 0;
        int tied = 0;
        for (int t = 0; t < votes.length; t++) {
            if (votes[t] == most) {
                right += p[t];
                tied++;
            }
        }
        return 1 - right / tied;
    }

    @Test
    void isNeverNegativeAndFallsAsAnswersAreInFlight() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            int labels = 2 + random.nextInt(4);
            double[] belief = randomBelief(random, labels);
            int[] votes = randomVotes(random, labels, false);
            double[] confusion = Need.oneCoin(labels, 1.0 / labels + random.nextDouble() * (0.99 - 1.0 / labels));
            double previous = Double.POSITIVE_INFINITY;
            for (int inFlight = 0; inFlight <= 4; inFlight++) {
                double need = MajorityNeed.of(belief, 0, labels, votes, 0, confusion, inFlight, NO_CAP);
                assertTrue(need >= 0, "trial " + trial);
                assertTrue(need <= previous + 1e-12, "trial " + trial + ", in flight " + inFlight);
                previous = need;
            }
        }
    }

    @Test
    void aMoreReliablePlayerIsWorthMoreOnATiedItem() {
        double[] belief = {0.4, 0.6};
        int[] votes = {2, 2};
        assertTrue(need(belief, votes, 0.9) > need(belief, votes, 0.7));
        assertTrue(need(belief, votes, 0.7) > need(belief, votes, 0.55));
    }

    @Test
    void aStateWithMajorityResultsServesTheTieTheBeliefIsSureOfWhereEntropyServesTheLessSureItem() {
        assertEquals(0, new NeedPolicy(tiedAndTwoNil(true), 1).next(-1, null));
        assertEquals(1, new NeedPolicy(tiedAndTwoNil(false), 1).next(-1, null));
    }

    @Test
    void aTieTheBeliefIsSureAboutDoesNotRetireAnItemWhoseResultIsItsMajority() {
        for (boolean majorityResults : new boolean[] {true, false}) {
            AllocationState state = new AllocationState(1, 2, new Retirement(0.85, 2, 10, Long.MAX_VALUE), 0.7, majorityResults);
            state.claim(-1, 0);
            state.answer(0, 0, Need.oneCoin(2, 0.7));
            state.claim(-1, 0);
            state.answer(0, 1, Need.oneCoin(2, 0.95));
            assertTrue(state.posterior(0, 1) > 0.85, "the belief is sure of the second label");
            // A majority vote reports the first label of the 1:1 tie, which the belief thinks wrong.
            assertEquals(!majorityResults, state.isRetired(0), "majority results: " + majorityResults);
        }
    }

    /** Item 0: 1:1, the belief siding with the second answer's reliable player. Item 1: 2:0 from typical players. */
    private static AllocationState tiedAndTwoNil(boolean majorityResults) {
        AllocationState state = new AllocationState(2, 2, Retirement.atConfidence(2, 0), 0.8, majorityResults);
        double[] reliable = Need.oneCoin(2, 0.95);
        double[] typical = Need.oneCoin(2, 0.6);
        state.claim(-1, 0);
        state.answer(0, 0, typical);
        state.claim(-1, 0);
        state.answer(0, 1, reliable);
        state.claim(-1, 1);
        state.answer(1, 1, typical);
        state.claim(-1, 1);
        state.answer(1, 1, typical);
        assertTrue(state.posterior(0, 1) > state.posterior(1, 1), "the tied item's belief is the surer one");
        return state;
    }
}
