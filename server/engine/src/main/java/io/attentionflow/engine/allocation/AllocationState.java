package io.attentionflow.engine.allocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The allocation state of one project: per item its posterior, answers given, answers in flight
 * (claimed, not yet given), how many answers it can take at most ({@code capacity}, e.g. what a
 * replayed data set holds), whether it is gold or retired; per player the items already served to
 * them. Policies listen to its changes to keep their indexes current.
 *
 * <p>Invariants: an item is served to a player at most once ({@link #claim} refuses otherwise);
 * {@code answers + inFlight <= min(maxAnswers, capacity)} for every non-gold item; a retired item
 * takes no claims and has need 0; once the budget is spent every item is retired. Not thread-safe:
 * the in-memory form of what the app keeps in Redis.
 */
public final class AllocationState {

    /** Receives item changes; policies implement it to maintain their indexes. */
    public interface Listener {
        /** The servability, counts or posterior of {@code item} changed. */
        void itemChanged(int item);

        /** Anything may have changed (reference player, budget): re-key every item. */
        default void allChanged() {
        }
    }

    private final int itemCount;
    private final int labelCount;
    private final Retirement retirement;
    private final double[] posterior;
    private final double[] confidence;
    private final int[] answers;
    private final int[] counts;
    private final int[] inFlight;
    private final int[] capacity;
    private final int[] gold;
    private final boolean[] retired;
    private final List<IntHashSet> seen = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final boolean majorityResults;
    private double[] referenceConfusion;
    private long spent;

    /** A state whose need is {@link Need}'s entropy reduction: for results that are the most probable label. */
    public AllocationState(int itemCount, int labelCount, Retirement retirement, double referenceAccuracy) {
        this(itemCount, labelCount, retirement, referenceAccuracy, false);
    }

    /**
     * Items start with a uniform posterior, no answers, unlimited capacity, not gold.
     *
     * @param referenceAccuracy accuracy of the typical player, used for the global need index until
     *                          {@link #setReferenceConfusion} sets better estimates
     * @param majorityResults   true if the project reports each item's most-voted label (majority vote): the need
     *                          is then {@link MajorityNeed}'s, the fall of the reported label's risk, and an item
     *                          retires on its belief in that label, not in its most probable one (a tie the belief
     *                          is sure about is still a toss for the result)
     */
    public AllocationState(int itemCount, int labelCount, Retirement retirement, double referenceAccuracy,
                           boolean majorityResults) {
        if (itemCount < 0 || labelCount < 1) {
            throw new IllegalArgumentException("need items >= 0 and labels >= 1, got " + itemCount + ", " + labelCount);
        }
        this.itemCount = itemCount;
        this.labelCount = labelCount;
        this.retirement = retirement;
        this.posterior = new double[itemCount * labelCount];
        Arrays.fill(posterior, 1.0 / labelCount);
        this.confidence = new double[itemCount];
        Arrays.fill(confidence, 1.0 / labelCount);
        this.answers = new int[itemCount];
        this.counts = new int[itemCount * labelCount];
        this.inFlight = new int[itemCount];
        this.capacity = new int[itemCount];
        Arrays.fill(capacity, Integer.MAX_VALUE);
        this.gold = new int[itemCount];
        Arrays.fill(gold, -1);
        this.retired = new boolean[itemCount];
        this.referenceConfusion = Need.oneCoin(labelCount, referenceAccuracy);
        this.majorityResults = majorityResults;
    }

    public void addListener(Listener listener) { listeners.add(listener); }

    public int itemCount() { return itemCount; }

    public int labelCount() { return labelCount; }

    public Retirement retirement() { return retirement; }

    public long spent() { return spent; }

    public int answers(int item) { return answers[item]; }

    public int inFlight(int item) { return inFlight[item]; }

    /** Answers given plus answers in flight. */
    public int expectedAnswers(int item) { return answers[item] + inFlight[item]; }

    public int capacity(int item) { return capacity[item]; }

    public boolean isRetired(int item) { return retired[item]; }

    public boolean isGold(int item) { return gold[item] >= 0; }

    public double confidence(int item) { return confidence[item]; }

    public double posterior(int item, int label) { return posterior[item * labelCount + label]; }

    /** The flat posterior array (item {@code i} at {@code i * labels}); read only. */
    double[] posteriors() { return posterior; }

    public double[] referenceConfusion() { return referenceConfusion.clone(); }

    /** Limits how many answers {@code item} can ever take (a replay: what the data holds). */
    public void setCapacity(int item, int max) {
        capacity[item] = max;
        changed(item);
    }

    /** Marks {@code item} as gold with {@code label}: policies skip it; gold mixing serves it. */
    public void setGold(int item, int label) {
        gold[item] = label;
        changed(item);
    }

    /**
     * True if the item may be claimed now by some player: not gold, not retired, and its expected
     * answers below both its max answers and its capacity.
     */
    public boolean isServable(int item) {
        if (gold[item] >= 0 || retired[item]) {
            return false;
        }
        int expected = answers[item] + inFlight[item];
        return expected < retirement.maxAnswers() && expected < capacity[item];
    }

    /** True if nothing more can happen to the item: retired, or every answer it can take given. */
    public boolean isClosed(int item) {
        return retired[item] || answers[item] >= capacity[item];
    }

    public boolean hasSeen(int player, int item) {
        return player >= 0 && player < seen.size() && seen.get(player) != null && seen.get(player).contains(item);
    }

    /**
     * The need of {@code item} for a player with {@code confusion} (see {@link Need}, or {@link MajorityNeed}
     * for majority results), counting the answers in flight; 0 if the item is not servable.
     */
    public double need(int item, double[] confusion) {
        if (!isServable(item)) {
            return 0;
        }
        int base = item * labelCount;
        return majorityResults ? MajorityNeed.of(posterior, base, labelCount, counts, base, confusion, inFlight[item], room(item))
                : Need.of(posterior, base, labelCount, confusion, inFlight[item]);
    }

    /** Answers {@code item} can still take beyond those given, under its max answers and its capacity. */
    public int room(int item) {
        return Math.max(0, Math.min(retirement.maxAnswers(), capacity[item]) - answers[item]);
    }

    /** Answers {@code item} got with {@code label}. */
    public int count(int item, int label) { return counts[item * labelCount + label]; }

    /** The need of {@code item} for the reference player: the key of the global need index. */
    public double referenceNeed(int item) {
        return need(item, referenceConfusion);
    }

    /**
     * Serves {@code item} to {@code player}: one more answer in flight. A negative player id is an
     * anonymous player (a replay), for whom nothing is remembered.
     *
     * @throws IllegalStateException if the item is not servable or the player has seen it
     */
    public void claim(int player, int item) {
        boolean goldItem = gold[item] >= 0;
        if (!goldItem && !isServable(item)) {
            throw new IllegalStateException("item " + item + " is not servable");
        }
        if (player >= 0) {
            while (seen.size() <= player) {
                seen.add(null);
            }
            IntHashSet set = seen.get(player);
            if (set == null) {
                set = new IntHashSet();
                seen.set(player, set);
            }
            if (!set.add(item)) {
                throw new IllegalStateException("item " + item + " was already served to player " + player);
            }
        }
        inFlight[item]++;
        changed(item);
    }

    /** A lease expired unanswered: the item goes back (it is not served to that player again). */
    public void release(int item) {
        if (inFlight[item] == 0) {
            throw new IllegalStateException("item " + item + " has nothing in flight");
        }
        inFlight[item]--;
        changed(item);
    }

    /**
     * A claimed answer arrived: the posterior is multiplied by the player's confusion column for
     * {@code label} (incremental Bayes with the current estimates), then retirement is checked.
     *
     * @param confusion the answering player's confusion matrix (flat labels x labels)
     */
    public void answer(int item, int label, double[] confusion) {
        if (inFlight[item] == 0) {
            throw new IllegalStateException("item " + item + " was not claimed");
        }
        inFlight[item]--;
        answers[item]++;
        counts[item * labelCount + label]++;
        spent++;
        if (gold[item] < 0) {
            int base = item * labelCount;
            double sum = 0;
            for (int t = 0; t < labelCount; t++) {
                double v = posterior[base + t] * confusion[t * labelCount + label];
                posterior[base + t] = v;
                sum += v;
            }
            normalise(base, sum);
        }
        boolean budgetNowSpent = retirement.budgetSpent(spent) && retirement.budgetSpent(spent - 1) == false;
        checkRetirement(item);
        changed(item);
        if (budgetNowSpent) {
            for (int i = 0; i < itemCount; i++) {
                retired[i] = true;
            }
            for (Listener l : listeners) {
                l.allChanged();
            }
        }
    }

    /** Replaces the posterior of {@code item} (after a background re-estimation), from {@code p[offset..]}. */
    public void setPosterior(int item, double[] p, int offset) {
        int base = item * labelCount;
        double sum = 0;
        for (int t = 0; t < labelCount; t++) {
            posterior[base + t] = p[offset + t];
            sum += p[offset + t];
        }
        normalise(base, sum);
        checkRetirement(item);
        changed(item);
    }

    /** Sets the typical player's confusion matrix (keys of the global need index) and re-keys all items. */
    public void setReferenceConfusion(double[] confusion) {
        if (confusion.length != labelCount * labelCount) {
            throw new IllegalArgumentException("confusion needs " + labelCount * labelCount + " cells");
        }
        referenceConfusion = confusion.clone();
        for (Listener l : listeners) {
            l.allChanged();
        }
    }

    private void normalise(int base, double sum) {
        int best = 0;
        for (int t = 0; t < labelCount; t++) {
            posterior[base + t] = sum > 0 ? posterior[base + t] / sum : 1.0 / labelCount;
            if (posterior[base + t] > posterior[base + best]) {
                best = t;
            }
        }
        confidence[base / labelCount] = posterior[base + best];
    }

    private void checkRetirement(int item) {
        if (!retired[item] && retirement.isRetired(resultConfidence(item), answers[item], spent)) {
            retired[item] = true;
        }
    }

    /** The belief that the label the project reports for {@code item} is right. */
    private double resultConfidence(int item) {
        if (!majorityResults) {
            return confidence[item];
        }
        int base = item * labelCount;
        return posterior[base + MajorityNeed.reportedLabel(counts, base, labelCount)];
    }

    private void changed(int item) {
        for (Listener l : listeners) {
            l.itemChanged(item);
        }
    }
}
