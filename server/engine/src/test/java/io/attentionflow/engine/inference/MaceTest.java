package io.attentionflow.engine.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaceTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new Mace();
    }

    @Test
    void aSpammerIsModelledAsSpammingItsFavouriteLabel() {
        double[] acc = new double[25];
        Arrays.fill(acc, 0.8);
        acc[0] = -1; // always answers label 0
        Simulated crowd = Simulated.crowd(8, 400, 3, acc, 6);
        InferenceResult r = method().infer(crowd.answers, null);
        // whatever the truth, the spammer's answer is 0
        for (int t = 0; t < 3; t++) {
            assertTrue(r.confusion(0, t, 0) > 0.8, "P(0 | truth " + t + ") = " + r.confusion(0, t, 0));
        }
        assertTrue(r.workerAccuracy(0) < 0.45, "spammer accuracy " + r.workerAccuracy(0));
        assertTrue(r.workerAccuracy(1) > 0.7, "honest accuracy " + r.workerAccuracy(1));
    }
}
