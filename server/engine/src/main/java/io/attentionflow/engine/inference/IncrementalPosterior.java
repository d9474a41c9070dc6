package io.attentionflow.engine.inference;

import java.util.Arrays;

/**
 * Item posteriors kept up to date answer by answer, with the current worker estimates: each
 * {@link #add(int, int, int)} multiplies the item's posterior by the worker's likelihood column for the
 * given label, in O(labels) (log space, normalised only when read). A full re-estimation (any
 * {@link TruthInference}) hands its worker estimates to {@link #replaceWorkerEstimates(InferenceResult)},
 * which recomputes every posterior from the answers seen so far with the new estimates.
 *
 * <p>Items and workers are dense int ids ({@code 0..n-1}) that may grow over time; storage grows as
 * needed. A worker the current estimates do not know gets a one-coin matrix with
 * {@code newWorkerAccuracy}. Gold items set with {@link #setGold(int, int)} stay clamped. Memory:
 * O(items x labels + workers x labels^2) doubles plus 12 bytes per answer (kept so that new estimates
 * can be applied to old answers). Not thread-safe: callers serialise access per project.
 */
public final class IncrementalPosterior {

    private final int labels;
    private final double[] newWorkerLog;
    private double[] logPrior;
    /** Log-likelihood per known worker, given-major: [(w * labels + given) * labels + truth]. */
    private double[] workerLog = new double[0];
    private int knownWorkers;
    /** Unnormalised log posterior per item. */
    private double[] logPost = new double[0];
    private int[] answerCount = new int[0];
    private int[] gold = new int[0];
    private int items;
    private int[] answerItem = new int[16];
    private int[] answerWorker = new int[16];
    private int[] answerLabel = new int[16];
    private int answers;

    /** Uniform class priors and new workers at {@link AccuracyPrior#ACCURACY}. */
    public IncrementalPosterior(int labels) {
        this(uniform(labels), AccuracyPrior.ACCURACY);
    }

    /**
     * @param priors            class priors (positive, normalised here); their length is the number of labels
     * @param newWorkerAccuracy probability that a worker without estimates answers right, in (0, 1)
     */
    public IncrementalPosterior(double[] priors, double newWorkerAccuracy) {
        if (priors.length < 1) {
            throw new IllegalArgumentException("at least one label is needed");
        }
        if (!(newWorkerAccuracy > 0 && newWorkerAccuracy < 1)) {
            throw new IllegalArgumentException("newWorkerAccuracy must be in (0, 1), got " + newWorkerAccuracy);
        }
        this.labels = priors.length;
        this.logPrior = logNormalised(priors);
        this.newWorkerLog = new double[labels * labels];
        double wrong = labels > 1 ? (1 - newWorkerAccuracy) / (labels - 1) : 0;
        for (int g = 0; g < labels; g++) {
            for (int t = 0; t < labels; t++) {
                newWorkerLog[g * labels + t] = Math.log(Math.max(g == t ? newWorkerAccuracy : wrong, 1e-10));
            }
        }
    }

    private static double[] uniform(int labels) {
        double[] p = new double[Math.max(labels, 0)];
        Arrays.fill(p, 1.0);
        return p;
    }

    private static double[] logNormalised(double[] p) {
        double sum = 0;
        for (double v : p) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("priors must be positive");
            }
            sum += v;
        }
        double[] log = new double[p.length];
        for (int l = 0; l < p.length; l++) {
            log[l] = Math.log(p[l] / sum);
        }
        return log;
    }

    public int labelCount() { return labels; }

    /** One more than the highest item id seen so far. */
    public int itemCount() { return items; }

    public int answerCount() { return answers; }

    /** Number of answers {@code item} has received (0 for an item never seen). */
    public int answerCount(int item) { return item < items ? answerCount[item] : 0; }

    /** Records that {@code worker} gave {@code label} to {@code item} and updates the item's posterior in O(labels). */
    public void add(int item, int worker, int label) {
        if (item < 0 || worker < 0 || label < 0 || label >= labels) {
            throw new IllegalArgumentException("bad answer: item " + item + ", worker " + worker + ", label " + label);
        }
        ensureItem(item);
        if (answers == answerItem.length) {
            int size = answers * 2;
            answerItem = Arrays.copyOf(answerItem, size);
            answerWorker = Arrays.copyOf(answerWorker, size);
            answerLabel = Arrays.copyOf(answerLabel, size);
        }
        answerItem[answers] = item;
        answerWorker[answers] = worker;
        answerLabel[answers] = label;
        answers++;
        answerCount[item]++;
        apply(item, worker, label);
    }

    private void apply(int item, int worker, int label) {
        double[] table;
        int off;
        if (worker < knownWorkers) {
            table = workerLog;
            off = (worker * labels + label) * labels;
        } else {
            table = newWorkerLog;
            off = label * labels;
        }
        int base = item * labels;
        for (int t = 0; t < labels; t++) {
            logPost[base + t] += table[off + t];
        }
    }

    /** Clamps {@code item} to {@code label} (a gold item); {@link TruthInference#NO_GOLD} releases it. */
    public void setGold(int item, int label) {
        if (label != TruthInference.NO_GOLD && (label < 0 || label >= labels)) {
            throw new IllegalArgumentException("label " + label + " outside 0.." + (labels - 1));
        }
        ensureItem(item);
        gold[item] = label;
    }

    /** Writes the posterior of {@code item} into {@code into[0..labels)}; an unseen item gets the priors. */
    public void posterior(int item, double[] into) {
        if (item < items && gold[item] != TruthInference.NO_GOLD) {
            Arrays.fill(into, 0, labels, 0.0);
            into[gold[item]] = 1.0;
            return;
        }
        if (item < items) {
            System.arraycopy(logPost, item * labels, into, 0, labels);
        } else {
            System.arraycopy(logPrior, 0, into, 0, labels);
        }
        Posteriors.softmax(into, 0, labels);
    }

    /** The posterior of {@code item} as a new array. */
    public double[] posterior(int item) {
        double[] p = new double[labels];
        posterior(item, p);
        return p;
    }

    /** Probability of the most probable label of {@code item}, in O(labels) without allocating. */
    public double confidence(int item) {
        if (item < items && gold[item] != TruthInference.NO_GOLD) {
            return 1.0;
        }
        double[] src = item < items ? logPost : logPrior;
        int base = item < items ? item * labels : 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < labels; t++) {
            max = Math.max(max, src[base + t]);
        }
        double sum = 0;
        for (int t = 0; t < labels; t++) {
            sum += Math.exp(src[base + t] - max);
        }
        return 1.0 / sum;
    }

    /** The most probable label of {@code item}; ties go to the lowest label id. */
    public int label(int item) {
        if (item < items && gold[item] != TruthInference.NO_GOLD) {
            return gold[item];
        }
        double[] src = item < items ? logPost : logPrior;
        int base = item < items ? item * labels : 0;
        int best = 0;
        for (int t = 1; t < labels; t++) {
            if (src[base + t] > src[base + best]) {
                best = t;
            }
        }
        return best;
    }

    /** Current estimate of P(worker answers {@code given} | truth is {@code truth}). */
    public double likelihood(int worker, int truth, int given) {
        if (worker < knownWorkers) {
            return Math.exp(workerLog[(worker * labels + given) * labels + truth]);
        }
        return Math.exp(newWorkerLog[given * labels + truth]);
    }

    /** Current class priors (a new array). */
    public double[] priors() {
        double[] p = logPrior.clone();
        Posteriors.softmax(p, 0, labels);
        return p;
    }

    /**
     * Takes the worker estimates of a full re-estimation: its confusion matrices when it has them,
     * otherwise one-coin matrices from its worker accuracies (at least chance, 1 / labels); class priors
     * become its mean posterior.
     * Every item posterior is then recomputed from all answers seen so far, in O(answers x labels).
     *
     * @throws IllegalArgumentException if the result has another number of labels
     */
    public void replaceWorkerEstimates(InferenceResult result) {
        if (result.labelCount() != labels) {
            throw new IllegalArgumentException("result has " + result.labelCount() + " labels, expected " + labels);
        }
        int workers = result.workerCount();
        double[] table = new double[workers * labels * labels];
        for (int w = 0; w < workers; w++) {
            // One-coin estimates below chance (a worker the vote methods saw disagree, or never saw) count
            // as uninformative rather than adversarial.
            double accuracy = Math.min(1 - 1e-6, Math.max(1.0 / labels, result.workerAccuracy(w)));
            double wrong = labels > 1 ? (1 - accuracy) / (labels - 1) : 0;
            for (int t = 0; t < labels; t++) {
                for (int g = 0; g < labels; g++) {
                    double p = result.hasConfusion() ? result.confusion(w, t, g) : (g == t ? accuracy : wrong);
                    table[(w * labels + g) * labels + t] = Math.log(Math.max(p, 1e-10));
                }
            }
        }
        double[] prior = new double[labels];
        for (int i = 0; i < result.itemCount(); i++) {
            for (int t = 0; t < labels; t++) {
                prior[t] += result.posterior(i, t);
            }
        }
        for (int t = 0; t < labels; t++) {
            prior[t] = Math.max(prior[t], 1e-6);
        }
        this.workerLog = table;
        this.knownWorkers = workers;
        this.logPrior = logNormalised(prior);
        for (int i = 0; i < items; i++) {
            System.arraycopy(logPrior, 0, logPost, i * labels, labels);
        }
        for (int a = 0; a < answers; a++) {
            apply(answerItem[a], answerWorker[a], answerLabel[a]);
        }
    }

    private void ensureItem(int item) {
        if (item < items) {
            return;
        }
        int needed = item + 1;
        if (needed > answerCount.length) {
            int capacity = Math.max(needed, answerCount.length * 2);
            logPost = Arrays.copyOf(logPost, capacity * labels);
            answerCount = Arrays.copyOf(answerCount, capacity);
            int old = gold.length;
            gold = Arrays.copyOf(gold, capacity);
            Arrays.fill(gold, old, capacity, TruthInference.NO_GOLD);
        }
        for (int i = items; i < needed; i++) {
            System.arraycopy(logPrior, 0, logPost, i * labels, labels);
        }
        items = needed;
    }
}
