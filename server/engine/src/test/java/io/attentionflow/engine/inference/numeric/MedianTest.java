package io.attentionflow.engine.inference.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MedianTest extends NumericInferenceContractTest {

    @Override
    NumericInference method() {
        return RobustMean.median();
    }

    @Test
    void takesTheMiddleValueAndAveragesTheTwoMiddleOnes() {
        NumericAnswers a = new NumericAnswers(2, 4, new int[]{0, 0, 0, 1, 1, 1, 1}, new int[]{0, 1, 2, 0, 1, 2, 3},
                new double[]{5, 100, 1, 1, 2, 3, 1000});
        NumericResult r = method().infer(a, null);
        assertEquals(5, r.value(0), 0.0);
        assertEquals(2.5, r.value(1), 0.0);
    }
}
