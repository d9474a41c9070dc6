package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/**
 * The answers of a {@link CategoricalAnswers} copied into item-major order, so that the EM loops read
 * memory sequentially: the answers of item {@code i} sit at positions {@code start[i] .. start[i+1]-1}
 * of {@link #worker} and {@link #label}. Also checks a gold array against the answers.
 */
final class ItemMajor {

    final int items;
    final int workers;
    final int labels;
    final int answers;
    final int[] start;
    final int[] worker;
    final int[] label;
    /** Per position: item id (the inverse of {@link #start}), handy for worker-side passes. */
    final int[] item;
    /** Gold label per item or {@link TruthInference#NO_GOLD}; never null. */
    final int[] gold;
    final boolean hasGold;

    ItemMajor(CategoricalAnswers a, int[] gold) {
        this.items = a.itemCount();
        this.workers = a.workerCount();
        this.labels = a.labelCount();
        this.answers = a.answerCount();
        this.start = new int[items + 1];
        this.worker = new int[answers];
        this.label = new int[answers];
        this.item = new int[answers];
        for (int i = 0; i < items; i++) {
            start[i] = a.itemStart(i);
            for (int p = a.itemStart(i); p < a.itemEnd(i); p++) {
                int ans = a.answerOfItem(p);
                worker[p] = a.worker(ans);
                label[p] = a.label(ans);
                item[p] = i;
            }
        }
        start[items] = answers;
        this.gold = checkedGold(gold, items, labels);
        boolean any = false;
        for (int g : this.gold) {
            any |= g != TruthInference.NO_GOLD;
        }
        this.hasGold = any;
    }

    static int[] checkedGold(int[] gold, int items, int labels) {
        if (gold == null) {
            int[] none = new int[items];
            java.util.Arrays.fill(none, TruthInference.NO_GOLD);
            return none;
        }
        if (gold.length != items) {
            throw new IllegalArgumentException("gold has " + gold.length + " entries, expected one per item (" + items + ")");
        }
        for (int i = 0; i < items; i++) {
            if (gold[i] != TruthInference.NO_GOLD && (gold[i] < 0 || gold[i] >= labels)) {
                throw new IllegalArgumentException("gold label " + gold[i] + " of item " + i + " is outside 0.." + (labels - 1));
            }
        }
        return gold;
    }

    /** Number of answers each worker gave. */
    int[] answersPerWorker() {
        int[] n = new int[workers];
        for (int w : worker) {
            n[w]++;
        }
        return n;
    }
}
