package io.attentionflow.engine.inference.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every numeric truth-inference method must do; one short subclass per method. */
abstract class NumericInferenceContractTest {

    abstract NumericInference method();

    /** Seeded crowd: truth uniform in [-100, 100], worker w adds bias[w] and Gaussian noise of sd noise[w]. */
    static double[][] crowd(long seed, int items, double[] bias, double[] noise, int perItem, int[][] ids) {
        Random random = new Random(seed);
        int workers = bias.length;
        double[] truth = new double[items];
        int n = items * perItem;
        int[] item = new int[n];
        int[] worker = new int[n];
        double[] value = new double[n];
        for (int i = 0, a = 0; i < items; i++) {
            truth[i] = -100 + 200 * random.nextDouble();
            int first = random.nextInt(workers);
            for (int j = 0; j < perItem; j++, a++) {
                int w = (first + j) % workers;
                item[a] = i;
                worker[a] = w;
                value[a] = truth[i] + bias[w] + noise[w] * random.nextGaussian();
            }
        }
        ids[0] = item;
        ids[1] = worker;
        return new double[][]{truth, value};
    }

    @Test
    void unanimousAnswersGiveThatValueAndFullAgreement() {
        NumericAnswers a = new NumericAnswers(2, 3, new int[]{0, 0, 0, 1, 1}, new int[]{0, 1, 2, 0, 1}, new double[]{4, 4, 4, -2.5, -2.5});
        NumericResult r = method().infer(a, null);
        assertEquals(4, r.value(0), 1e-9);
        assertEquals(-2.5, r.value(1), 1e-9);
        double[] agreement = r.agreement(a, 0.01);
        assertEquals(1.0, agreement[0], 0.0);
        assertEquals(1.0, agreement[1], 0.0);
    }

    @Test
    void goldClampsItsItems() {
        NumericAnswers a = new NumericAnswers(2, 2, new int[]{0, 0, 1, 1}, new int[]{0, 1, 0, 1}, new double[]{1, 2, 3, 4});
        double[] gold = {Double.NaN, 10};
        NumericResult r = method().infer(a, gold);
        assertEquals(10, r.value(1), 0.0);
        assertEquals(0, r.standardError(1), 0.0);
    }

    @Test
    void itemWithoutAnswersHasNoValue() {
        NumericAnswers a = new NumericAnswers(2, 1, new int[]{0}, new int[]{0}, new double[]{7});
        NumericResult r = method().infer(a, null);
        assertEquals(7, r.value(0), 1e-9);
        assertTrue(Double.isNaN(r.value(1)));
    }

    @Test
    void relabellingWorkersAndItemsDoesNotChangeResults() {
        int[][] ids = new int[2][];
        double[] bias = new double[10];
        double[] noise = new double[10];
        Arrays.fill(noise, 5);
        double[][] data = crowd(4, 50, bias, noise, 4, ids);
        NumericAnswers a = new NumericAnswers(50, 10, ids[0], ids[1], data[1]);
        int n = a.answerCount();
        int[] item = new int[n];
        int[] worker = new int[n];
        double[] value = new double[n];
        for (int j = 0; j < n; j++) {
            int src = n - 1 - j;
            item[j] = 49 - a.item(src);
            worker[j] = (a.worker(src) + 3) % 10;
            value[j] = a.value(src);
        }
        NumericResult before = method().infer(a, null);
        NumericResult after = method().infer(new NumericAnswers(50, 10, item, worker, value), null);
        for (int i = 0; i < 50; i++) {
            assertEquals(before.value(i), after.value(49 - i), 1e-6);
        }
    }

    @Test
    void estimatesAreCloseToTheTruthOfAnHonestCrowd() {
        int[][] ids = new int[2][];
        double[] bias = new double[20];
        double[] noise = new double[20];
        Arrays.fill(noise, 4);
        double[][] data = crowd(9, 300, bias, noise, 9, ids);
        NumericResult r = method().infer(new NumericAnswers(300, 20, ids[0], ids[1], data[1]), null);
        double mae = 0;
        for (int i = 0; i < 300; i++) {
            mae += Math.abs(r.value(i) - data[0][i]) / 300;
        }
        assertTrue(mae < 2.5, "mean absolute error " + mae);
    }

    @Test
    void rejectsGoldOfTheWrongLength() {
        NumericAnswers a = new NumericAnswers(2, 1, new int[]{0}, new int[]{0}, new double[]{7});
        assertThrows(IllegalArgumentException.class, () -> method().infer(a, new double[5]));
    }

    @Test
    void isRegisteredUnderItsName() {
        assertEquals(method().name(), NumericMethods.byName(method().name()).orElseThrow().name());
    }
}
