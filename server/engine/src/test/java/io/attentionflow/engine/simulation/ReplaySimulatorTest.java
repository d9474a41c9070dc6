package io.attentionflow.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.engine.allocation.Policies;
import io.attentionflow.engine.inference.MajorityVote;
import io.attentionflow.engine.inference.TruthInference;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySimulatorTest {

    private static final SyntheticAnswers DATA = new SyntheticAnswers(17, 300, 40, 3, 9);

    private static ReplaySimulator.Result run(String policy, long seed) {
        return run(new ReplaySimulator.Options(policy, 0, 2, 0, Long.MAX_VALUE, 50, 1, seed));
    }

    private static ReplaySimulator.Result run(ReplaySimulator.Options options) {
        return new ReplaySimulator(DATA.answers, DATA.gold, new MajorityVote(), options).run();
    }

    @Test
    void neverSpendsMoreAnswersOnAnItemThanTheDataHolds() {
        for (String policy : Policies.names()) {
            for (int concurrency : new int[] {1, 7}) {
                ReplaySimulator.Result result = run(new ReplaySimulator.Options(policy, 0, 0.97, 2, Long.MAX_VALUE, 50, concurrency, 3));
                int[] used = result.usedByItem();
                long sum = 0;
                for (int i = 0; i < used.length; i++) {
                    assertTrue(used[i] <= DATA.answers.answersOf(i), policy + ": item " + i + " used " + used[i]);
                    sum += used[i];
                }
                assertEquals(sum, result.spent());
            }
        }
    }

    @Test
    void withoutRetirementEveryPolicySpendsEveryAnswerAndEndsAtTheSameAccuracy() {
        double fullAccuracy = Double.NaN;
        for (String policy : Policies.names()) {
            ReplaySimulator.Result result = run(policy, 5);
            assertEquals(DATA.answers.answerCount(), result.spent(), policy);
            if (Double.isNaN(fullAccuracy)) {
                fullAccuracy = result.finalAccuracy();
            }
            assertEquals(fullAccuracy, result.finalAccuracy(), 1e-12, policy);
        }
    }

    @Test
    void isDeterministicForASeed() {
        for (String policy : Policies.names()) {
            ReplaySimulator.Result a = run(policy, 11);
            ReplaySimulator.Result b = run(policy, 11);
            assertEquals(a.points(), b.points(), policy);
            assertArrayEquals(a.usedByItem(), b.usedByItem(), policy);
        }
        assertTrue(!run("random", 1).points().equals(run("random", 2).points()), "seeds should matter");
    }

    @Test
    void reportsEveryKAnswersAndAtTheEnd() {
        List<ReplaySimulator.Point> points = run("breadth", 1).points();
        for (int k = 0; k < points.size() - 1; k++) {
            assertEquals(50L * (k + 1), points.get(k).answersSpent());
        }
        assertEquals(DATA.answers.answerCount(), points.get(points.size() - 1).answersSpent());
    }

    @Test
    void stopsWhenTheBudgetIsSpent() {
        ReplaySimulator.Result result = run(new ReplaySimulator.Options("need", 0, 2, 0, 123, 50, 1, 1));
        assertEquals(123, result.spent());
    }

    @Test
    void fixedRedundancyStopsAtItsCount() {
        ReplaySimulator.Result result = run(new ReplaySimulator.Options("fixed", 2, 2, 0, Long.MAX_VALUE, 50, 1, 1));
        for (int i = 0; i < DATA.answers.itemCount(); i++) {
            assertEquals(Math.min(2, DATA.answers.answersOf(i)), result.usedByItem()[i]);
        }
    }

    @Test
    void retirementByConfidenceSavesAnswers() {
        ReplaySimulator.Result result = run(new ReplaySimulator.Options("need", 0, 0.95, 1, Long.MAX_VALUE, 50, 1, 1));
        assertTrue(result.spent() < DATA.answers.answerCount());
    }

    @Test
    void theNeedPolicyReachesFullDataAccuracySoonerThanRandom() {
        double target = run("fixed", 1).finalAccuracy();
        long need = 0;
        long random = 0;
        for (long seed = 1; seed <= 3; seed++) {
            need += firstReaching(run("need", seed), target);
            random += firstReaching(run("random", seed), target);
        }
        assertTrue(need < random, "need " + need + " vs random " + random);
    }

    static long firstReaching(ReplaySimulator.Result result, double target) {
        for (ReplaySimulator.Point p : result.points()) {
            if (p.accuracy() >= target - 1e-12) {
                return p.answersSpent();
            }
        }
        return Long.MAX_VALUE;
    }

    @Test
    void refusesBadOptionsAndDataWithoutGold() {
        assertThrows(IllegalArgumentException.class, () -> ReplaySimulator.Options.of("greedy", 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReplaySimulator.Options("need", 0, 2, 0, 0, 10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReplaySimulator.Options("need", 0, 2, 0, 10, 0, 1, 1));
        int[] noGold = new int[DATA.answers.itemCount()];
        java.util.Arrays.fill(noGold, TruthInference.NO_GOLD);
        assertThrows(IllegalArgumentException.class,
                () -> new ReplaySimulator(DATA.answers, noGold, new MajorityVote(), ReplaySimulator.Options.of("need", 10, 1)));
    }
}
