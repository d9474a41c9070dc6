package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeedTest {

    private static double[] randomPosterior(SplittableRandom random, int labels) {
        double[] p = new double[labels];
        double sum = 0;
        for (int l = 0; l < labels; l++) {
            p[l] = -Math.log(1 - random.nextDouble());
            sum += p[l];
        }
        for (int l = 0; l < labels; l++) {
            p[l] /= sum;
        }
        return p;
    }

    private static double[] randomConfusion(SplittableRandom random, int labels) {
        double[] c = new double[labels * labels];
        for (int t = 0; t < labels; t++) {
            double[] row = randomPosterior(random, labels);
            row[t] += 1.5;
            for (int g = 0; g < labels; g++) {
                c[t * labels + g] = row[g] / 2.5;
            }
        }
        return c;
    }

    @Test
    void isHigherForUncertainItemsThanForNearCertainOnes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 500; trial++) {
            int labels = 2 + random.nextInt(5);
            double accuracy = 1.0 / labels + random.nextDouble() * (0.99 - 1.0 / labels);
            double[] uniform = new double[labels];
            java.util.Arrays.fill(uniform, 1.0 / labels);
            double[] nearCertain = new double[labels];
            java.util.Arrays.fill(nearCertain, 0.01 / (labels - 1));
            nearCertain[random.nextInt(labels)] = 0.99;
            assertTrue(Need.ofAccuracy(uniform, labels, accuracy) > Need.ofAccuracy(nearCertain, labels, accuracy),
                    "labels " + labels + ", accuracy " + accuracy);
        }
    }

    @Test
    void growsAsABinaryItemGetsLessCertain() {
        double previous = -1;
        for (double p = 0.999; p >= 0.5; p -= 0.01) {
            double need = Need.ofAccuracy(new double[] {p, 1 - p}, 2, 0.8);
            assertTrue(need > previous, "need at p=" + p);
            previous = need;
        }
    }

    @Test
    void isZeroForACertainItemOrAnUninformativePlayer() {
        assertEquals(0, Need.ofAccuracy(new double[] {1, 0, 0}, 3, 0.9), 1e-15);
        assertEquals(0, Need.ofAccuracy(new double[] {0.5, 0.3, 0.2}, 3, 1.0 / 3), 1e-12);
    }

    @Test
    void isHigherForMoreReliablePlayers() {
        double[] p = {0.6, 0.4};
        assertTrue(Need.ofAccuracy(p, 2, 0.95) > Need.ofAccuracy(p, 2, 0.75));
        assertTrue(Need.ofAccuracy(p, 2, 0.75) > Need.ofAccuracy(p, 2, 0.55));
    }

    @Test
    void neverExceedsTheEntropyAndIsNeverNegative() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 1000; trial++) {
            int labels = 2 + random.nextInt(6);
            double[] p = randomPosterior(random, labels);
            double need = Need.of(p, labels, randomConfusion(random, labels));
            assertTrue(need >= 0 && need <= Need.entropy(p, 0, labels) + 1e-12, "need " + need);
        }
    }

    @Test
    void inFlightAnswersLowerTheNeed() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int labels = 2 + random.nextInt(5);
            double[] p = randomPosterior(random, labels);
            double[] c = randomConfusion(random, labels);
            double previous = Need.of(p, 0, labels, c, 0);
            for (int k = 1; k <= 8; k++) {
                double need = Need.of(p, 0, labels, c, k);
                assertTrue(need <= previous + 1e-12, "labels " + labels + " k " + k + ": " + need + " > " + previous);
                previous = need;
            }
            assertTrue(Need.of(p, 0, labels, c, 3) < Need.of(p, 0, labels, c, 0));
        }
    }

    @Test
    void oneAnswerInFlightGivesTheConditionalInformationOfTheSecondAnswer() {
        // I(T; G2 | G1) = I(T; G1, G2) - I(T; G1), computed here by brute force over (g1, g2)
        double[] p = {0.5, 0.3, 0.2};
        double[] c = Need.oneCoin(3, 0.7);
        double hT = Need.entropy(p, 0, 3);
        double hGiven2 = 0;
        for (int g1 = 0; g1 < 3; g1++) {
            for (int g2 = 0; g2 < 3; g2++) {
                double[] joint = new double[3];
                double mass = 0;
                for (int t = 0; t < 3; t++) {
                    joint[t] = p[t] * c[t * 3 + g1] * c[t * 3 + g2];
                    mass += joint[t];
                }
                for (int t = 0; t < 3; t++) {
                    joint[t] /= mass;
                }
                hGiven2 += mass * Need.entropy(joint, 0, 3);
            }
        }
        double expected = (hT - hGiven2) - Need.of(p, 3, c);
        assertEquals(expected, Need.of(p, 0, 3, c, 1), 1e-12);
    }
}
