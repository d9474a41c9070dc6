package io.attentionflow.app.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.attentionflow.engine.inference.InferenceResult;
import org.junit.jupiter.api.Test;

class ReestimationTest {

    /** Two labels, one worker who mixes both up one way: says "a" whatever the truth. */
    private static final double[] SAYS_A = {1, 0, 1, 0};

    private static InferenceResult withConfusion(double[] confusion) {
        return new InferenceResult(1, 2, new double[] {0.5, 0.5}, new double[] {0.5}, confusion);
    }

    @Test
    void aPlayerWithEnoughAnswersKeepsTheMethodsConfusionMatrix() {
        assertArrayEquals(SAYS_A, Reestimation.confusion(withConfusion(SAYS_A), 0, 0.5, 2 * Reestimation.ANSWERS_PER_LABEL), 1e-12);
    }

    @Test
    void aPlayerWithFewAnswersIsOneCoinAtTheirAccuracy() {
        assertArrayEquals(new double[] {0.8, 0.2, 0.2, 0.8},
                Reestimation.confusion(withConfusion(SAYS_A), 0, 0.8, 2 * Reestimation.ANSWERS_PER_LABEL - 1), 1e-12);
    }

    @Test
    void aMatrixThatIsNotAllNumbersGivesWayToOneCoin() {
        assertArrayEquals(new double[] {0.8, 0.2, 0.2, 0.8},
                Reestimation.confusion(withConfusion(new double[] {Double.NaN, 0, 1, 0}), 0, 0.8, 1000), 1e-12);
    }

    @Test
    void aMethodWithoutConfusionMatricesGivesOneCoinAndNoPlayerIsInfallibleOrWorseThanChance() {
        assertArrayEquals(new double[] {0.99, 0.01, 0.01, 0.99}, Reestimation.confusion(withConfusion(null), 0, 1.0, 1000), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, Reestimation.confusion(withConfusion(null), 0, 0.1, 1000), 1e-12);
    }
}
