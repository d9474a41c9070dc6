package io.attentionflow.engine.answers;

import java.util.Arrays;

/**
 * Answers grouped by item, in compressed sparse rows: the answers of item {@code i} are
 * {@code answer(p)} for {@code start(i) <= p < end(i)}, in their original order. Built by a counting sort in
 * O(answers + items); shared by the categorical and numeric answer sets.
 */
public final class ByItemIndex {

    private final int[] start;
    private final int[] order;

    /** @param item the item id of each answer, each in {@code 0..itemCount-1} */
    public ByItemIndex(int itemCount, int[] item) {
        start = new int[itemCount + 1];
        for (int i : item) {
            start[i + 1]++;
        }
        for (int i = 0; i < itemCount; i++) {
            start[i + 1] += start[i];
        }
        order = new int[item.length];
        int[] next = Arrays.copyOf(start, itemCount);
        for (int a = 0; a < item.length; a++) {
            order[next[item[a]]++] = a;
        }
    }

    public int start(int item) { return start[item]; }

    public int end(int item) { return start[item + 1]; }

    public int answer(int position) { return order[position]; }

    public int count(int item) { return start[item + 1] - start[item]; }
}
