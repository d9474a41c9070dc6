package io.attentionflow.engine.inference.numeric;

import io.attentionflow.engine.answers.ByItemIndex;
import java.util.Arrays;

/**
 * An immutable set of numeric answers in compact form: answer {@code a} says that worker
 * {@code worker(a)} gave value {@code value(a)} to item {@code item(a)}; items and workers are dense int
 * ids. Answers are also indexed by item (compressed sparse rows), built in O(answers).
 */
public final class NumericAnswers {

    private final int itemCount;
    private final int workerCount;
    private final int[] item;
    private final int[] worker;
    private final double[] value;
    private final ByItemIndex byItem;

    /**
     * @throws IllegalArgumentException if the arrays differ in length, hold an id out of range or a value
     *                                  that is not finite
     */
    public NumericAnswers(int itemCount, int workerCount, int[] item, int[] worker, double[] value) {
        if (item.length != worker.length || item.length != value.length) {
            throw new IllegalArgumentException("item, worker and value arrays differ in length");
        }
        for (int a = 0; a < item.length; a++) {
            if (item[a] < 0 || item[a] >= itemCount || worker[a] < 0 || worker[a] >= workerCount) {
                throw new IllegalArgumentException("answer " + a + " has an item or worker id out of range");
            }
            if (!Double.isFinite(value[a])) {
                throw new IllegalArgumentException("answer " + a + " has a value that is not finite: " + value[a]);
            }
        }
        this.itemCount = itemCount;
        this.workerCount = workerCount;
        this.item = item;
        this.worker = worker;
        this.value = value;
        this.byItem = new ByItemIndex(itemCount, item);
    }

    public int itemCount() { return itemCount; }

    public int workerCount() { return workerCount; }

    public int answerCount() { return item.length; }

    public int item(int answer) { return item[answer]; }

    public int worker(int answer) { return worker[answer]; }

    public double value(int answer) { return value[answer]; }

    /** First position in {@link #answerOfItem(int)} of the answers to {@code item}. */
    public int itemStart(int item) { return byItem.start(item); }

    /** One past the last position of the answers to {@code item}. */
    public int itemEnd(int item) { return byItem.end(item); }

    /** The answer at {@code position} of the by-item index. */
    public int answerOfItem(int position) { return byItem.answer(position); }

    public int answersOf(int item) { return byItem.count(item); }

    /** The values given to {@code item}, sorted ascending (a new array). */
    double[] sortedValuesOf(int item) {
        double[] v = new double[answersOf(item)];
        for (int p = byItem.start(item); p < byItem.end(item); p++) {
            v[p - byItem.start(item)] = value[byItem.answer(p)];
        }
        Arrays.sort(v);
        return v;
    }
}
