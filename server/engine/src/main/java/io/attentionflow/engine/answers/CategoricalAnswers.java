package io.attentionflow.engine.answers;


/**
 * An immutable set of categorical answers in compact form: answer {@code a} says that worker
 * {@code worker(a)} gave label {@code label(a)} to item {@code item(a)}. Items, workers and labels are
 * dense int ids ({@code 0..n-1}); callers map their own ids with {@link IdIndex}.
 *
 * <p>Answers are also indexed by item (compressed sparse rows), since every inference method walks
 * them item by item. Building the index is O(answers).
 */
public final class CategoricalAnswers {

    private final int itemCount;
    private final int workerCount;
    private final int labelCount;
    private final int[] item;
    private final int[] worker;
    private final int[] label;
    private final ByItemIndex byItem;

    /**
     * @param item   item id of each answer
     * @param worker worker id of each answer
     * @param label  label id of each answer
     * @throws IllegalArgumentException if the arrays differ in length or hold an id out of range
     */
    public CategoricalAnswers(int itemCount, int workerCount, int labelCount, int[] item, int[] worker, int[] label) {
        if (item.length != worker.length || item.length != label.length) {
            throw new IllegalArgumentException("item, worker and label arrays differ in length");
        }
        if (labelCount < 1) {
            throw new IllegalArgumentException("at least one label is needed, got " + labelCount);
        }
        checkRange("item", item, itemCount);
        checkRange("worker", worker, workerCount);
        checkRange("label", label, labelCount);
        this.itemCount = itemCount;
        this.workerCount = workerCount;
        this.labelCount = labelCount;
        this.item = item;
        this.worker = worker;
        this.label = label;
        this.byItem = new ByItemIndex(itemCount, item);
    }

    private static void checkRange(String what, int[] ids, int count) {
        for (int a = 0; a < ids.length; a++) {
            if (ids[a] < 0 || ids[a] >= count) {
                throw new IllegalArgumentException(what + " id " + ids[a] + " of answer " + a + " is outside 0.." + (count - 1));
            }
        }
    }

    public int itemCount() { return itemCount; }

    public int workerCount() { return workerCount; }

    public int labelCount() { return labelCount; }

    public int answerCount() { return item.length; }

    public int item(int answer) { return item[answer]; }

    public int worker(int answer) { return worker[answer]; }

    public int label(int answer) { return label[answer]; }

    /** First position in {@link #answerOfItem(int)} of the answers to {@code item}. */
    public int itemStart(int item) { return byItem.start(item); }

    /** One past the last position of the answers to {@code item}. */
    public int itemEnd(int item) { return byItem.end(item); }

    /** The answer at {@code position} of the by-item index, for {@code itemStart(i) <= position < itemEnd(i)}. */
    public int answerOfItem(int position) { return byItem.answer(position); }

    /** Number of answers that {@code item} has. */
    public int answersOf(int item) { return byItem.count(item); }
}
