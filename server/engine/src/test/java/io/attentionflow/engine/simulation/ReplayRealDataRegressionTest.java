package io.attentionflow.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.engine.inference.MajorityVote;
import io.attentionflow.engine.testdata.RealDatasets;
import org.junit.jupiter.api.Test;

/**
 * Replays real answer sets from {@code shared/datasets}. Bounds are the figures measured when the
 * policy was written (docs/benchmarks/allocation.md) with some slack: a change that makes the need
 * policy markedly worse fails here.
 */
class ReplayRealDataRegressionTest {

    private static ReplaySimulator.Result run(RealDatasets data, String policy, long seed) {
        int every = Math.max(1, data.answers().answerCount() / 50);
        return new ReplaySimulator(data.answers(), data.gold(), new MajorityVote(), ReplaySimulator.Options.of(policy, every, seed)).run();
    }

    @Test
    void rteFixedRedundancyWithAllAnswersMatchesMajorityVoteOnTheWholeSet() {
        RealDatasets rte = RealDatasets.load("rte");
        ReplaySimulator.Result fixed = run(rte, "fixed", 1);
        assertEquals(8000, fixed.spent());
        // Crowd-Kit's majority vote on the same file: 0.919 (shared/datasets/SOURCES.md)
        assertEquals(0.919, fixed.finalAccuracy(), 0.0015);
    }

    @Test
    void needReachesFullDataAccuracyWithFarFewerAnswersOnWsdDogRteAndTemp() {
        for (String name : new String[] {"wsd", "dog", "rte", "temp"}) {
            RealDatasets data = RealDatasets.load(name);
            double target = run(data, "fixed", 1).finalAccuracy();
            long total = data.answers().answerCount();
            long need = ReplaySimulatorTest.firstReaching(run(data, "need", 1), target);
            long random = ReplaySimulatorTest.firstReaching(run(data, "random", 1), target);
            assertTrue(need <= 0.65 * total, name + ": need reached " + target + " after " + need + " of " + total);
            assertTrue(need < random, name + ": need " + need + ", random " + random);
        }
    }
}
