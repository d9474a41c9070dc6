package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What every allocation policy must guarantee, checked on seeded random play. */
abstract class AllocationPolicyContract {

    static final int ITEMS = 60;
    static final int LABELS = 3;
    static final int PLAYERS = 25;

    abstract AllocationPolicy create(AllocationState state, long seed);

    /** The retirement rule to play under; fixed redundancy overrides it. */
    Retirement retirement() {
        return new Retirement(0.9, 2, 6, Long.MAX_VALUE);
    }

    private record Claim(int player, int item) {
    }

    private AllocationState play(long seed, Set<Long> served, int[] claimsPerItem) {
        SplittableRandom random = new SplittableRandom(seed);
        AllocationState state = new AllocationState(ITEMS, LABELS, retirement(), 0.7);
        int[] truth = new int[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            truth[i] = random.nextInt(LABELS);
            state.setCapacity(i, 1 + random.nextInt(8));
        }
        AllocationPolicy policy = create(state, seed);
        double[][] confusion = new double[PLAYERS][];
        for (int p = 0; p < PLAYERS; p++) {
            confusion[p] = Need.oneCoin(LABELS, 0.4 + 0.55 * random.nextDouble());
        }
        List<Claim> open = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            int player = random.nextInt(PLAYERS);
            int item = policy.next(player, confusion[player]);
            if (item >= 0) {
                assertTrue(served.add((long) player * ITEMS + item), "item " + item + " served twice to player " + player);
                assertFalse(state.isRetired(item), "retired item " + item + " served");
                assertTrue(state.expectedAnswers(item) < Math.min(state.capacity(item), retirement().maxAnswers()),
                        "item " + item + " served beyond its cap");
                state.claim(player, item);
                claimsPerItem[item]++;
                open.add(new Claim(player, item));
            }
            if (!open.isEmpty() && random.nextInt(3) > 0) {
                Claim c = open.remove(random.nextInt(open.size()));
                if (random.nextInt(10) == 0) {
                    state.release(c.item());
                    claimsPerItem[c.item()]--;
                } else {
                    double[] conf = confusion[c.player()];
                    int label = random.nextDouble() < conf[0] ? truth[c.item()] : (truth[c.item()] + 1 + random.nextInt(LABELS - 1)) % LABELS;
                    state.answer(c.item(), label, conf);
                }
            }
        }
        return state;
    }

    @Test
    void neverServesAnItemTwiceToOnePlayerNorARetiredOneNorBeyondItsCap() {
        for (long seed = 1; seed <= 5; seed++) {
            int[] claims = new int[ITEMS];
            AllocationState state = play(seed, new HashSet<>(), claims);
            for (int i = 0; i < ITEMS; i++) {
                assertTrue(claims[i] <= state.capacity(i), "item " + i + " got " + claims[i] + " answers, capacity " + state.capacity(i));
            }
        }
    }

    @Test
    void retiredItemsHaveNoNeed() {
        AllocationState state = play(42, new HashSet<>(), new int[ITEMS]);
        int retired = 0;
        for (int i = 0; i < ITEMS; i++) {
            if (state.isRetired(i)) {
                retired++;
                assertEquals(0, state.need(i, Need.oneCoin(LABELS, 0.9)));
            }
        }
        assertTrue(retired > 0, "the play should retire some items");
    }

    @Test
    void isDeterministicForASeed() {
        Set<Long> first = new HashSet<>();
        Set<Long> second = new HashSet<>();
        play(7, first, new int[ITEMS]);
        play(7, second, new int[ITEMS]);
        assertEquals(first, second);
    }

    @Test
    void givesNothingToAPlayerWhoHasSeenEveryOpenItem() {
        AllocationState state = new AllocationState(3, 2, Retirement.atConfidence(2, 0), 0.7);
        AllocationPolicy policy = create(state, 1);
        for (int k = 0; k < 3; k++) {
            int item = policy.next(0, null);
            assertTrue(item >= 0);
            state.claim(0, item);
        }
        assertEquals(-1, policy.next(0, null));
        assertTrue(policy.next(1, null) >= 0);
    }
}
