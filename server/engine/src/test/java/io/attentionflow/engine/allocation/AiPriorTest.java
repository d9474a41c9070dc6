package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AiPriorTest {

    private static double typicalNeed(double[] belief) {
        return Need.ofAccuracy(belief, belief.length, 0.7);
    }

    @Test
    void theSurerTheHelperTheLessAnUnansweredItemNeedsPlayers() {
        double unsure = typicalNeed(AiPrior.combine(3, null, AiPrior.of(3, 0, 0.4)));
        double fairlySure = typicalNeed(AiPrior.combine(3, null, AiPrior.of(3, 0, 0.8)));
        double sure = typicalNeed(AiPrior.combine(3, null, AiPrior.of(3, 0, 0.97)));
        assertTrue(unsure > fairlySure && fairlySure > sure, unsure + " > " + fairlySure + " > " + sure);
    }

    @Test
    void aHelperThatKnowsNothingChangesNothing() {
        double[] posterior = {0.6, 0.3, 0.1};
        assertArrayEquals(posterior, AiPrior.combine(3, posterior, AiPrior.of(3, 1, 1.0 / 3)), 1e-12);
        assertArrayEquals(posterior, AiPrior.combine(3, posterior, null), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, AiPrior.combine(4, null, null), 1e-12);
    }

    @Test
    void aHelperThatClaimsCertaintyCanStillBeOutvotedByPlayers() {
        double[] prior = AiPrior.of(2, 0, 1.0);
        assertEquals(AiPrior.MAX_CONFIDENCE, prior[0], 1e-12);
        // Players agree on the other label: their posterior 0.999 outweighs the capped 0.99 of the helper.
        double[] belief = AiPrior.combine(2, new double[] {0.001, 0.999}, prior);
        assertTrue(belief[1] > 0.9, "label 1 after the players: " + belief[1]);
    }

    @Test
    void refusesAPriorItCannotMean() {
        assertThrows(IllegalArgumentException.class, () -> AiPrior.of(1, 0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> AiPrior.of(3, 3, 0.9));
        assertThrows(IllegalArgumentException.class, () -> AiPrior.of(3, 0, 1.5));
    }
}
