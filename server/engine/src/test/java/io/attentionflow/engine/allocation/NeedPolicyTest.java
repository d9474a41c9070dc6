package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeedPolicyTest extends AllocationPolicyContract {

    @Override
    AllocationPolicy create(AllocationState state, long seed) {
        return new NeedPolicy(state, seed);
    }

    @Test
    void sendsTheNextPlayerToTheMostUncertainItem() {
        AllocationState state = new AllocationState(3, 2, Retirement.atConfidence(2, 0), 0.8);
        state.setPosterior(0, new double[] {0.95, 0.05}, 0);
        state.setPosterior(1, new double[] {0.55, 0.45}, 0);
        state.setPosterior(2, new double[] {0.8, 0.2}, 0);
        assertEquals(1, new NeedPolicy(state, 1).next(0, null));
    }

    @Test
    void answersInFlightSpreadABurstOfPlayers() {
        AllocationState state = new AllocationState(2, 2, Retirement.atConfidence(2, 0), 0.8);
        state.setPosterior(0, new double[] {0.5, 0.5}, 0);
        state.setPosterior(1, new double[] {0.6, 0.4}, 0);
        NeedPolicy policy = new NeedPolicy(state, 1);
        double before = state.referenceNeed(0);
        int first = policy.next(0, null);
        state.claim(0, first);
        assertEquals(0, first);
        assertTrue(state.referenceNeed(0) < before);
        assertNotEquals(first, policy.next(1, null), "a second player at once should go elsewhere");
    }

    @Test
    void retirementByConfidenceClosesTheItem() {
        AllocationState state = new AllocationState(1, 2, new Retirement(0.9, 2, 10, 100), 0.8);
        NeedPolicy policy = new NeedPolicy(state, 1);
        double[] good = Need.oneCoin(2, 0.95);
        for (int k = 0; k < 2; k++) {
            state.claim(k, policy.next(k, good));
            state.answer(0, 1, good);
        }
        assertTrue(state.isRetired(0));
        assertEquals(0, state.need(0, good));
        assertEquals(-1, policy.next(5, good));
    }

    @Test
    void spendingTheBudgetRetiresEverything() {
        AllocationState state = new AllocationState(5, 2, new Retirement(2, 0, 10, 3), 0.8);
        NeedPolicy policy = new NeedPolicy(state, 1);
        for (int k = 0; k < 3; k++) {
            int item = policy.next(k, null);
            state.claim(k, item);
            state.answer(item, 0, Need.oneCoin(2, 0.8));
        }
        assertEquals(-1, policy.next(9, null));
        for (int i = 0; i < 5; i++) {
            assertTrue(state.isRetired(i));
        }
    }
}
