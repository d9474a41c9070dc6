package io.attentionflow.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GladTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new Glad();
    }

    @Test
    void fitRanksAbilitiesAndReturnsTheSameResultAsInfer() {
        double[] acc = new double[20];
        Arrays.fill(acc, 0, 10, 0.9);
        Arrays.fill(acc, 10, 20, 0.4);
        Simulated crowd = Simulated.crowd(77, 300, 3, acc, 6);
        Glad.Fit fit = new Glad().fit(crowd.answers, null);
        assertEquals(20, fit.ability().length);
        assertEquals(300, fit.inverseDifficulty().length);
        for (int w = 0; w < 10; w++) {
            assertTrue(fit.ability()[w] > fit.ability()[10 + w], "worker " + w);
        }
        for (double beta : fit.inverseDifficulty()) {
            assertTrue(beta > 0);
        }
        InferenceResult again = new Glad().infer(crowd.answers, null);
        assertSameLabels(fit.result(), again);
    }
}
