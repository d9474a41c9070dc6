package io.attentionflow.engine.simulation;

import io.attentionflow.engine.allocation.AllocationState;
import io.attentionflow.engine.allocation.Need;
import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.inference.AccuracyPrior;
import io.attentionflow.engine.inference.OneCoinAccuracies;
import io.attentionflow.engine.inference.TruthInference;
import java.util.Arrays;

/**
 * The simulator's stand-in for the platform's background re-estimation, by the same rule: a method that
 * models workers gives each worker's accuracy, pulled toward the {@link AccuracyPrior} by the answers they
 * gave; for the majority votes, {@link OneCoinAccuracies} estimates them, warm-started from the current
 * posteriors. Item posteriors are then one-coin from those accuracies. It rewrites the posteriors in the
 * allocation state and sets the reference player to the answer-weighted mean accuracy. Between refits, the
 * state updates posteriors incrementally answer by answer.
 */
final class OneCoinRefit {

    private final int items;
    private final int workers;
    private final int labels;
    private final TruthInference method;
    private final double[] accuracy;
    private final double[][] confusion;

    OneCoinRefit(int items, int workers, int labels, TruthInference method) {
        this.items = items;
        this.workers = workers;
        this.labels = labels;
        this.method = method;
        this.accuracy = new double[workers];
        Arrays.fill(accuracy, AccuracyPrior.ACCURACY);
        this.confusion = new double[workers][];
    }

    /** The current confusion matrix of a worker (one-coin). */
    double[] confusion(int worker) {
        if (confusion[worker] == null) {
            confusion[worker] = Need.oneCoin(labels, OneCoinAccuracies.clamp(accuracy[worker], labels));
        }
        return confusion[worker];
    }

    /** Re-estimates from the first {@code n} spent answers and writes the posteriors into {@code state}. */
    void refit(AllocationState state, int[] item, int[] worker, int[] label, int n) {
        CategoricalAnswers spent = new CategoricalAnswers(items, workers, labels,
                Arrays.copyOf(item, n), Arrays.copyOf(worker, n), Arrays.copyOf(label, n));
        double[] start = new double[items * labels];
        for (int i = 0; i < items; i++) {
            for (int t = 0; t < labels; t++) {
                start[i * labels + t] = state.posterior(i, t);
            }
        }
        double[] estimated = OneCoinAccuracies.forWeighing(method, method.infer(spent, null), spent, start, null);
        System.arraycopy(estimated, 0, accuracy, 0, workers);
        double[] post = OneCoinAccuracies.posteriors(spent, accuracy, null);
        int[] given = new int[workers];
        for (int a = 0; a < n; a++) {
            given[worker[a]]++;
        }
        double sumAcc = 0;
        for (int w = 0; w < workers; w++) {
            sumAcc += given[w] * OneCoinAccuracies.clamp(accuracy[w], labels);
        }
        double meanAccuracy = n == 0 ? AccuracyPrior.ACCURACY : sumAcc / n;
        Arrays.fill(confusion, null);
        for (int i = 0; i < items; i++) {
            if (!state.isClosed(i)) {
                state.setPosterior(i, post, i * labels);
            }
        }
        state.setReferenceConfusion(Need.oneCoin(labels, meanAccuracy));
    }
}
