package io.attentionflow.engine.inference.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BiasCorrectedMeanTest extends NumericInferenceContractTest {

    @Override
    NumericInference method() {
        return new BiasCorrectedMean();
    }

    @Test
    void recoversPlantedBiasesAndBeatsThePlainMean() {
        int[][] ids = new int[2][];
        double[] bias = new double[20];
        double[] noise = new double[20];
        Arrays.fill(noise, 3);
        bias[0] = 25;
        bias[1] = 25;
        bias[2] = -20;
        double[][] data = crowd(5, 400, bias, noise, 5, ids);
        NumericAnswers answers = new NumericAnswers(400, 20, ids[0], ids[1], data[1]);
        double[] gold = new double[400];
        Arrays.fill(gold, Double.NaN);
        for (int i = 0; i < 40; i++) {
            gold[i] = data[0][i];
        }
        NumericResult corrected = method().infer(answers, gold);
        NumericResult plain = RobustMean.mean().infer(answers, gold);
        assertEquals(25, corrected.workerBias(0), 2.0);
        assertEquals(-20, corrected.workerBias(2), 2.0);
        assertTrue(Math.abs(corrected.workerBias(5)) < 2.0);
        double maeCorrected = 0;
        double maePlain = 0;
        for (int i = 40; i < 400; i++) {
            maeCorrected += Math.abs(corrected.value(i) - data[0][i]);
            maePlain += Math.abs(plain.value(i) - data[0][i]);
        }
        assertTrue(maeCorrected < 0.6 * maePlain, "corrected " + maeCorrected + " vs plain " + maePlain);
    }
}
