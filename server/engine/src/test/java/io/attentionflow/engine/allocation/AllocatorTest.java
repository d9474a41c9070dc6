package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllocatorTest {

    private static Allocator allocator(int items, int[] goldItems, GoldMixer mixer) {
        AllocationState state = new AllocationState(items, 2, Retirement.atConfidence(2, 0), 0.8);
        for (int g : goldItems) {
            state.setGold(g, 0);
        }
        return new Allocator(state, new NeedPolicy(state, 1), mixer, goldItems, 1);
    }

    @Test
    void mixesMoreGoldForNewcomersThanForRegulars() {
        int[] gold = new int[200];
        for (int g = 0; g < gold.length; g++) {
            gold[g] = g;
        }
        Allocator allocator = allocator(1000, gold, new GoldMixer(0.5, 0.05, 10));
        int newcomerGold = 0;
        int regularGold = 0;
        for (int player = 0; player < 400; player++) {
            if (allocator.assign(player, 0, null) < 200) {
                newcomerGold++;
            }
            if (allocator.assign(player, 50, null) < 200) {
                regularGold++;
            }
        }
        assertTrue(newcomerGold > 150 && newcomerGold < 250, "newcomers got " + newcomerGold + " gold of 400");
        assertTrue(regularGold < 45, "regulars got " + regularGold + " gold of 400");
    }

    @Test
    void neverServesTheSameGoldTwiceAndFallsBackToThePolicy() {
        Allocator allocator = allocator(5, new int[] {0, 1}, new GoldMixer(1, 1, 0));
        List<Integer> got = List.of(allocator.assign(3, 0, null), allocator.assign(3, 0, null), allocator.assign(3, 0, null));
        assertTrue(got.containsAll(List.of(0, 1)));
        assertTrue(got.get(2) >= 2, "third round comes from the policy");
    }

    @Test
    void policiesNeverServeGoldItems() {
        Allocator allocator = allocator(3, new int[] {0}, GoldMixer.NONE);
        assertTrue(allocator.assign(0, 0, null) > 0);
        assertTrue(allocator.assign(0, 0, null) > 0);
        assertEquals(-1, allocator.assign(0, 0, null));
    }

    @Test
    void rejectsBadGoldRates() {
        assertThrows(IllegalArgumentException.class, () -> new GoldMixer(1.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new GoldMixer(0.1, -0.1, 1));
    }

    @Test
    void knowsThePoliciesByName() {
        AllocationState state = new AllocationState(3, 2, Retirement.atCount(2), 0.8);
        for (String name : Policies.names()) {
            assertEquals(name, Policies.create(name, state, 2, 1).orElseThrow().name());
        }
        assertTrue(Policies.create("greedy", state, 2, 1).isEmpty());
    }
}
