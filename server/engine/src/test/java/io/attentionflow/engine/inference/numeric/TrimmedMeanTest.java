package io.attentionflow.engine.inference.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrimmedMeanTest extends NumericInferenceContractTest {

    @Override
    NumericInference method() {
        return RobustMean.trimmed(0.1);
    }

    @Test
    void dropsTheExtremeTenPercentAtEachEnd() {
        int[] item = new int[10];
        int[] worker = new int[10];
        double[] value = new double[10];
        for (int j = 0; j < 10; j++) {
            worker[j] = j;
            value[j] = j == 9 ? 1000 : j == 0 ? -1000 : 10;
        }
        NumericResult r = method().infer(new NumericAnswers(1, 10, item, worker, value), null);
        assertEquals(10, r.value(0), 1e-12);
    }
}
