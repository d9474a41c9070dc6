package io.attentionflow.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemPosteriorTest {

    @Test
    void withoutAnswersThePosteriorIsUniform() {
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, ItemPosterior.of(3, new int[0], new double[0], -1), 1e-12);
    }

    @Test
    void aGoldItemIsCertainOfItsLabel() {
        assertArrayEquals(new double[] {0, 1}, ItemPosterior.of(2, new int[] {0, 0, 0}, new double[] {0.9, 0.9, 0.9}, 1), 0);
    }

    @Test
    void agreeingReliableWorkersMakeAnItemConfident() {
        double[] posterior = ItemPosterior.of(2, new int[] {1, 1, 1}, new double[] {0.9, 0.9, 0.9}, -1);
        assertEquals(0.9 * 0.9 * 0.9 / (0.9 * 0.9 * 0.9 + 0.1 * 0.1 * 0.1), posterior[1], 1e-12);
    }

    @Test
    void aReliableWorkerOutweighsTwoCoinFlippers() {
        double[] posterior = ItemPosterior.of(2, new int[] {0, 1, 1}, new double[] {0.95, 0.55, 0.55}, -1);
        assertTrue(posterior[0] > posterior[1]);
    }

    @Test
    void posteriorsSumToOneAndDoNotDependOnAnswerOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int labels = 2 + random.nextInt(5);
            int n = random.nextInt(12);
            int[] given = new int[n];
            double[] accuracy = new double[n];
            for (int a = 0; a < n; a++) {
                given[a] = random.nextInt(labels);
                accuracy[a] = random.nextDouble();
            }
            double[] posterior = ItemPosterior.of(labels, given, accuracy, -1);
            double sum = 0;
            for (double p : posterior) {
                sum += p;
            }
            assertEquals(1, sum, 1e-9);
            int[] reversedGiven = new int[n];
            double[] reversedAccuracy = new double[n];
            for (int a = 0; a < n; a++) {
                reversedGiven[a] = given[n - 1 - a];
                reversedAccuracy[a] = accuracy[n - 1 - a];
            }
            assertArrayEquals(posterior, ItemPosterior.of(labels, reversedGiven, reversedAccuracy, -1), 1e-9);
        }
    }
}
