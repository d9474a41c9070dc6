package io.attentionflow.engine.simulation;

import io.attentionflow.engine.allocation.AllocationState;
import io.attentionflow.engine.allocation.Need;
import io.attentionflow.engine.inference.AccuracyPrior;
import java.util.Arrays;

/**
 * The simulator's stand-in for the platform's background re-estimation: a few warm-started EM
 * iterations of the one-coin Dawid-Skene model (one accuracy per worker) over the
 * answers spent so far, with every worker pulled toward the {@link AccuracyPrior} so that a worker
 * with one answer is not trusted blindly, as on the platform. The class prior is uniform. It rewrites the item posteriors in the allocation
 * state and sets the reference player to the answer-weighted mean accuracy. O(iterations x answers
 * + items x labels). Between refits, the state updates posteriors incrementally answer by answer.
 */
final class OneCoinRefit {

    static final int ITERATIONS = 3;

    private final int items;
    private final int labels;
    private final double[] accuracy;
    private final double[][] confusion;
    private final double[] hits;
    private final int[] given;

    OneCoinRefit(int items, int workers, int labels) {
        this.items = items;
        this.labels = labels;
        this.accuracy = new double[workers];
        Arrays.fill(accuracy, AccuracyPrior.ACCURACY);
        this.confusion = new double[workers][];
        this.hits = new double[workers];
        this.given = new int[workers];
    }

    /** The current confusion matrix of a worker (one-coin). */
    double[] confusion(int worker) {
        if (confusion[worker] == null) {
            confusion[worker] = Need.oneCoin(labels, clamp(accuracy[worker]));
        }
        return confusion[worker];
    }

    private double clamp(double a) {
        return Math.max(1.0 / labels, Math.min(0.995, a));
    }

    /** Re-estimates from the first {@code n} spent answers and writes the posteriors into {@code state}. */
    void refit(AllocationState state, int[] item, int[] worker, int[] label, int n) {
        double[] post = new double[items * labels];
        for (int i = 0; i < items; i++) {
            for (int t = 0; t < labels; t++) {
                post[i * labels + t] = state.posterior(i, t);
            }
        }
        double[] prior = new double[labels];
        double[] logC = new double[labels];
        double meanAccuracy = AccuracyPrior.ACCURACY;
        for (int it = 0; it < ITERATIONS; it++) {
            // M-step: worker accuracies and class prior from the current posteriors
            Arrays.fill(hits, 0);
            Arrays.fill(given, 0);
            for (int a = 0; a < n; a++) {
                hits[worker[a]] += post[item[a] * labels + label[a]];
                given[worker[a]]++;
            }
            double sumAcc = 0;
            for (int w = 0; w < accuracy.length; w++) {
                accuracy[w] = AccuracyPrior.shrink(hits[w], given[w]);
                sumAcc += given[w] * clamp(accuracy[w]);
            }
            meanAccuracy = n == 0 ? AccuracyPrior.ACCURACY : sumAcc / n;
            // uniform class prior: a prevalence estimated from the first few answers misleads more than
            // it helps, and it would rank unanswered items below answered ones
            Arrays.fill(prior, 1);
            double total = labels;
            // E-step: posteriors from the prior and every answer's one-coin likelihood
            for (int i = 0; i < items; i++) {
                for (int t = 0; t < labels; t++) {
                    post[i * labels + t] = Math.log(prior[t] / total);
                }
            }
            for (int a = 0; a < n; a++) {
                double acc = clamp(accuracy[worker[a]]);
                double right = Math.log(acc);
                double wrong = labels == 1 ? 0 : Math.log((1 - acc) / (labels - 1));
                int base = item[a] * labels;
                for (int t = 0; t < labels; t++) {
                    post[base + t] += t == label[a] ? right : wrong;
                }
            }
            for (int i = 0; i < items; i++) {
                int base = i * labels;
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < labels; t++) {
                    max = Math.max(max, post[base + t]);
                }
                double sum = 0;
                for (int t = 0; t < labels; t++) {
                    logC[t] = Math.exp(post[base + t] - max);
                    sum += logC[t];
                }
                for (int t = 0; t < labels; t++) {
                    post[base + t] = logC[t] / sum;
                }
            }
        }
        Arrays.fill(confusion, null);
        for (int i = 0; i < items; i++) {
            if (!state.isClosed(i)) {
                state.setPosterior(i, post, i * labels);
            }
        }
        state.setReferenceConfusion(Need.oneCoin(labels, meanAccuracy));
    }
}
