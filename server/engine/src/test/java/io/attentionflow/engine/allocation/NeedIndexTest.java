package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NeedIndexTest {

    @Test
    void agreesWithABruteForceMaximumUnderRandomOperations() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 200;
        NeedIndex index = new NeedIndex(n);
        double[] key = new double[n];
        boolean[] in = new boolean[n];
        for (int step = 0; step < 20_000; step++) {
            int item = random.nextInt(n);
            if (random.nextInt(4) == 0) {
                index.remove(item);
                in[item] = false;
            } else {
                key[item] = random.nextInt(10) + random.nextDouble();
                index.set(item, key[item]);
                in[item] = true;
            }
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (in[i] && (best < 0 || key[i] > key[best])) {
                    best = i;
                }
            }
            assertEquals(best, index.peek(), "step " + step);
            assertTrue(index.isHeap());
        }
    }

    @Test
    void topGivesTheBestEligibleItemsInOrderWithoutChangingTheIndex() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 1000;
        NeedIndex index = new NeedIndex(n);
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            key[i] = random.nextDouble();
            index.set(i, key[i]);
        }
        int[] out = new int[10];
        int found = index.top(out, item -> item % 3 != 0, Integer.MAX_VALUE);
        int[] expected = IntStream.range(0, n).filter(i -> i % 3 != 0).boxed()
                .sorted((a, b) -> Double.compare(key[b], key[a])).limit(10).mapToInt(Integer::intValue).toArray();
        assertEquals(10, found);
        assertArrayEquals(expected, out);
        assertEquals(n, index.size());
        assertTrue(index.isHeap());
    }

    @Test
    void topStopsAtTheVisitLimit() {
        NeedIndex index = new NeedIndex(100);
        for (int i = 0; i < 100; i++) {
            index.set(i, i);
        }
        int[] out = new int[5];
        assertEquals(0, index.top(out, item -> false, 50));
        assertEquals(3, index.top(Arrays.copyOf(out, 3), item -> true, 3));
    }

    @Test
    void breaksTiesTowardTheLowerItem() {
        NeedIndex index = new NeedIndex(10);
        index.set(7, 1.0);
        index.set(2, 1.0);
        index.set(5, 1.0);
        assertEquals(2, index.peek());
    }
}
