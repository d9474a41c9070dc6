package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BreadthPolicyTest extends AllocationPolicyContract {

    @Override
    AllocationPolicy create(AllocationState state, long seed) {
        return new BreadthPolicy(state, seed);
    }

    @Test
    void servesTheItemWithFewestExpectedAnswersFirst() {
        AllocationState state = new AllocationState(3, 2, Retirement.atConfidence(2, 0), 0.8);
        BreadthPolicy policy = new BreadthPolicy(state, 3);
        int[] counts = new int[3];
        for (int k = 0; k < 9; k++) {
            int item = policy.next(k, null);
            state.claim(k, item);
            counts[item]++;
            int min = Math.min(counts[0], Math.min(counts[1], counts[2]));
            int max = Math.max(counts[0], Math.max(counts[1], counts[2]));
            assertEquals(true, max - min <= 1, "counts spread evenly");
        }
    }
}
