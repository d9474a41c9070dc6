package io.attentionflow.engine.simulation;

import io.attentionflow.engine.allocation.AllocationPolicy;
import io.attentionflow.engine.allocation.AllocationState;
import io.attentionflow.engine.allocation.Policies;
import io.attentionflow.engine.allocation.Retirement;
import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.inference.AccuracyPrior;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.inference.TruthInference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Replays a real answer set under an allocation policy and measures accuracy against gold as a
 * function of answers spent.
 *
 * <h2>Model</h2>
 * Item first: the policy picks an item for an anonymous player with the reference reliability (the
 * answer-weighted mean accuracy of the workers seen so far); the simulator hands it one not-yet-used
 * real answer of that item, drawn in a per-item order shuffled with the seed, and that answer brings
 * its real worker and label. An item can therefore never get more answers than the data holds
 * (its capacity in the {@link AllocationState}). The replay cannot choose who answers, so the
 * player-specific matching and gold mixing of the live allocator are not exercised here; gold labels
 * are used only to score, never shown to the policy.
 *
 * <p>What the policy sees is what the platform would see: after each answer the item's posterior is
 * updated incrementally with the answering worker's current one-coin estimate; every so often
 * (after 50 answers, then each time the spent answers grew by a quarter) a {@link OneCoinRefit}
 * re-estimates workers and posteriors from all answers spent by the platform's rule for the scoring method,
 * as its background re-estimation would for a project aggregated by that method. The need aims at the
 * labels the method reports: for majority vote the most-voted label ({@code MajorityNeed}), otherwise the
 * posterior ({@code Need}).
 * With {@code concurrency > 1}, that many items are claimed before their answers arrive, so answers
 * in flight shape the choices as in a burst of players.
 *
 * <p>Accuracy is measured every {@code every} answers and at the end by running the same
 * {@link TruthInference} method, without gold, on the answers spent so far, over the items that have
 * gold; an item without answers counts with whatever the method says for it (its lowest label). The
 * run stops when the policy has nothing to serve: every item retired or exhausted, or the budget spent.
 * Deterministic for a given seed. O(answers x (log items + labels^2)) for the replay itself, plus
 * the refits and the evaluations.
 */
public final class ReplaySimulator {

    /**
     * @param policy           {@code need}, {@code random}, {@code breadth} or {@code fixed}
     * @param redundancy       the fixed policy's count, and the max answers per item for the others;
     *                         0 for what the data holds
     * @param targetConfidence confidence at which items retire (not for fixed); above 1 for never
     * @param minAnswers       answers before confidence may retire an item
     * @param budget           total answers that may be spent
     * @param every            report accuracy every this many answers ({@code >= 1})
     * @param concurrency      items claimed before their answers arrive ({@code >= 1})
     * @param seed             seed of every random choice
     */
    public record Options(String policy, int redundancy, double targetConfidence, int minAnswers, long budget,
                          int every, int concurrency, long seed) {
        public Options {
            if (!Policies.names().contains(policy)) {
                throw new IllegalArgumentException("unknown policy '" + policy + "', expected one of " + Policies.names());
            }
            if (redundancy < 0) {
                throw new IllegalArgumentException("redundancy must be >= 1, got " + redundancy);
            }
            if (!(targetConfidence > 0)) {
                throw new IllegalArgumentException("target confidence must be > 0, got " + targetConfidence);
            }
            if (minAnswers < 0) {
                throw new IllegalArgumentException("min answers must be >= 0, got " + minAnswers);
            }
            if (budget < 1) {
                throw new IllegalArgumentException("budget must be >= 1, got " + budget);
            }
            if (every < 1) {
                throw new IllegalArgumentException("every must be >= 1, got " + every);
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
            }
        }

        /** Defaults: no retirement by confidence, all the data, report every {@code every} answers. */
        public static Options of(String policy, int every, long seed) {
            return new Options(policy, 0, 2, 0, Long.MAX_VALUE, every, 1, seed);
        }
    }

    /** Accuracy against gold after {@code answersSpent} answers. */
    public record Point(long answersSpent, double accuracy) {
    }

    /**
     * @param points   accuracy every {@code every} answers and at the end
     * @param usedByItem answers drawn per item
     */
    public record Result(List<Point> points, int[] usedByItem) {
        public long spent() {
            return points.isEmpty() ? 0 : points.get(points.size() - 1).answersSpent();
        }

        public double finalAccuracy() {
            return points.isEmpty() ? Double.NaN : points.get(points.size() - 1).accuracy();
        }
    }

    private final CategoricalAnswers data;
    private final int[] gold;
    private final TruthInference method;
    private final Options options;

    /**
     * @param gold gold label per item, {@link TruthInference#NO_GOLD} where unknown; at least one item has gold
     */
    public ReplaySimulator(CategoricalAnswers data, int[] gold, TruthInference method, Options options) {
        if (gold.length != data.itemCount()) {
            throw new IllegalArgumentException("gold has " + gold.length + " entries for " + data.itemCount() + " items");
        }
        if (Arrays.stream(gold).allMatch(g -> g == TruthInference.NO_GOLD)) {
            throw new IllegalArgumentException("no item has a gold label");
        }
        this.data = data;
        this.gold = gold;
        this.method = method;
        this.options = options;
    }

    public Result run() {
        int items = data.itemCount();
        int labels = data.labelCount();
        SplittableRandom random = new SplittableRandom(options.seed());
        int[] order = answerOrder(data, random);
        int dataMax = 0;
        for (int i = 0; i < items; i++) {
            dataMax = Math.max(dataMax, data.answersOf(i));
        }
        boolean fixed = options.policy().equals("fixed");
        int cap = options.redundancy() > 0 ? options.redundancy() : Math.max(1, dataMax);
        Retirement retirement = fixed
                ? new Retirement(2, 0, cap, options.budget())
                : new Retirement(options.targetConfidence(), options.minAnswers(), cap, options.budget());
        AllocationState state = new AllocationState(items, labels, retirement, AccuracyPrior.ACCURACY, method.reportsMajority());
        for (int i = 0; i < items; i++) {
            state.setCapacity(i, data.answersOf(i));
        }
        AllocationPolicy policy = Policies.create(options.policy(), state, cap, random.nextLong()).orElseThrow();
        OneCoinRefit refit = new OneCoinRefit(items, data.workerCount(), labels, method);

        int total = data.answerCount();
        int[] item = new int[total];
        int[] worker = new int[total];
        int[] label = new int[total];
        int[] used = new int[items];
        int[] claimed = new int[options.concurrency()];
        List<Point> points = new ArrayList<>();
        int n = 0;
        long nextRefit = 50;
        while (true) {
            int batch = 0;
            while (batch < claimed.length) {
                int pick = policy.next(-1, null);
                if (pick < 0) {
                    break;
                }
                state.claim(-1, pick);
                claimed[batch++] = pick;
            }
            if (batch == 0) {
                break;
            }
            for (int b = 0; b < batch; b++) {
                int i = claimed[b];
                int a = data.answerOfItem(order[data.itemStart(i) + used[i]]);
                used[i]++;
                item[n] = i;
                worker[n] = data.worker(a);
                label[n] = data.label(a);
                state.answer(i, label[n], refit.confusion(worker[n]));
                n++;
                if (n % options.every() == 0) {
                    points.add(new Point(n, accuracy(item, worker, label, n)));
                }
            }
            if (n >= nextRefit) {
                refit.refit(state, item, worker, label, n);
                nextRefit = Math.max(n + 50, (long) Math.ceil(n * 1.25));
            }
        }
        if (points.isEmpty() || points.get(points.size() - 1).answersSpent() != n) {
            points.add(new Point(n, accuracy(item, worker, label, n)));
        }
        return new Result(List.copyOf(points), used);
    }

    /**
     * The order in which a replay hands out each item's answers: per item, a random permutation of its positions in
     * the by-item index. The replay with seed s draws it first, from {@code new SplittableRandom(s)}.
     */
    public static int[] answerOrder(CategoricalAnswers data, SplittableRandom random) {
        int[] order = new int[data.answerCount()];
        for (int i = 0; i < data.itemCount(); i++) {
            int start = data.itemStart(i);
            int end = data.itemEnd(i);
            for (int p = start; p < end; p++) {
                order[p] = p;
            }
            for (int p = end - 1; p > start; p--) {
                int q = start + random.nextInt(p - start + 1);
                int tmp = order[p];
                order[p] = order[q];
                order[q] = tmp;
            }
        }
        return order;
    }

    /** Accuracy over the gold items of the method run on the first {@code n} spent answers. */
    private double accuracy(int[] item, int[] worker, int[] label, int n) {
        CategoricalAnswers spent = new CategoricalAnswers(data.itemCount(), data.workerCount(), data.labelCount(),
                Arrays.copyOf(item, n), Arrays.copyOf(worker, n), Arrays.copyOf(label, n));
        InferenceResult result = method.infer(spent, null);
        int right = 0;
        int scored = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] != TruthInference.NO_GOLD) {
                scored++;
                if (result.label(i) == gold[i]) {
                    right++;
                }
            }
        }
        return (double) right / scored;
    }
}
