package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FixedRedundancyPolicyTest extends AllocationPolicyContract {

    @Override
    AllocationPolicy create(AllocationState state, long seed) {
        return new FixedRedundancyPolicy(state, 4, seed);
    }

    @Override
    Retirement retirement() {
        return Retirement.atCount(4);
    }

    @Test
    void givesEveryItemExactlyItsRedundancy() {
        AllocationState state = new AllocationState(10, 2, Retirement.atCount(3), 0.8);
        FixedRedundancyPolicy policy = new FixedRedundancyPolicy(state, 3, 1);
        int player = 0;
        for (int item = policy.next(player, null); item >= 0; item = policy.next(++player, null)) {
            state.claim(player, item);
            state.answer(item, 0, Need.oneCoin(2, 0.8));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(3, state.answers(i));
        }
    }

    @Test
    void refusesANonPositiveRedundancy() {
        AllocationState state = new AllocationState(1, 2, Retirement.atCount(3), 0.8);
        assertThrows(IllegalArgumentException.class, () -> new FixedRedundancyPolicy(state, 0, 1));
    }
}
