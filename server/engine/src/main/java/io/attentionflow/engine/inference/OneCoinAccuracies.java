package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;
import java.util.Arrays;

/**
 * Worker accuracies for weighing answers, for methods that do not model workers themselves (the majority
 * votes, whose agreement figures are a by-product): a few EM iterations of the one-coin model, every
 * accuracy pulled toward the {@link AccuracyPrior}, with a uniform class prior. Each answer counts for its
 * worker by how sure its item is, so workers are told apart even while few items have many answers; and the
 * few iterations from a vote-like start keep the labels where the answers put them, where a full one-coin EM
 * may settle on swapped labels. The replay simulator re-estimates this way; the platform does for projects
 * aggregated by majority vote. O(iterations x (answers + items x labels)).
 */
public final class OneCoinAccuracies {

    /** EM iterations per estimate. */
    public static final int ITERATIONS = 3;

    private OneCoinAccuracies() {
    }

    /**
     * @param start posteriors to start from (flat {@code items x labels}; not modified), or {@code null} for
     *              the answers weighed at the prior accuracy
     * @param gold  known label per item ({@link TruthInference#NO_GOLD} where unknown), or {@code null}: gold
     *              items stay at their label, so answers on them measure their workers against the truth
     * @return the workers' accuracies (pulled toward the prior, not clamped) and the items' posteriors after
     *         the last iteration
     */
    public static InferenceResult estimate(CategoricalAnswers answers, double[] start, int[] gold) {
        int items = answers.itemCount();
        int labels = answers.labelCount();
        int workers = answers.workerCount();
        int n = answers.answerCount();
        double[] accuracy = new double[workers];
        Arrays.fill(accuracy, AccuracyPrior.ACCURACY);
        gold = gold == null ? null : ItemMajor.checkedGold(gold, items, labels);
        double[] post = start == null ? posteriors(answers, accuracy, gold) : start.clone();
        double[] hits = new double[workers];
        int[] given = new int[workers];
        for (int it = 0; it < ITERATIONS; it++) {
            Arrays.fill(hits, 0);
            Arrays.fill(given, 0);
            for (int a = 0; a < n; a++) {
                hits[answers.worker(a)] += post[answers.item(a) * labels + answers.label(a)];
                given[answers.worker(a)]++;
            }
            for (int w = 0; w < workers; w++) {
                accuracy[w] = AccuracyPrior.shrink(hits[w], given[w]);
            }
            post = posteriors(answers, accuracy, gold);
        }
        return new InferenceResult(items, labels, post, accuracy, null);
    }

    /**
     * The accuracy each worker's answers are weighed with, by the one rule the platform's re-estimation and the
     * replay simulator share: a method that models workers gives its own estimate, pulled toward the
     * {@link AccuracyPrior} by the answers the worker gave; for the others (the majority votes) this class
     * estimates them. Not clamped ({@link #clamp} is applied where answers are weighed).
     *
     * @param estimate the method's result on {@code answers}
     * @param start    where this class's EM starts for a method that does not model workers (see {@link #estimate})
     * @param gold     as for {@link #estimate}
     */
    public static double[] forWeighing(TruthInference method, InferenceResult estimate, CategoricalAnswers answers, double[] start,
                                       int[] gold) {
        InferenceResult source = method.modelsWorkers() ? estimate : estimate(answers, start, gold);
        int[] given = new int[answers.workerCount()];
        for (int a = 0; a < answers.answerCount(); a++) {
            given[answers.worker(a)]++;
        }
        double[] accuracy = new double[answers.workerCount()];
        for (int w = 0; w < accuracy.length; w++) {
            // this class's own estimates already carry the prior
            accuracy[w] = method.modelsWorkers() ? AccuracyPrior.of(source, w, given[w]) : source.workerAccuracy(w);
        }
        return accuracy;
    }

    /** The accuracy an answer is weighed with: no better than 0.995, no worse than chance. */
    public static double clamp(double accuracy, int labels) {
        return Math.max(1.0 / labels, Math.min(0.995, accuracy));
    }

    /** One-coin posteriors of every item from its answers at the workers' (clamped) accuracies, uniform class prior; gold clamped. */
    public static double[] posteriors(CategoricalAnswers answers, double[] accuracy, int[] gold) {
        int items = answers.itemCount();
        int labels = answers.labelCount();
        double[] post = new double[items * labels];
        Arrays.fill(post, Math.log(1.0 / labels));
        for (int a = 0; a < answers.answerCount(); a++) {
            double acc = clamp(accuracy[answers.worker(a)], labels);
            double right = Math.log(acc);
            double wrong = labels == 1 ? 0 : Math.log((1 - acc) / (labels - 1));
            int base = answers.item(a) * labels;
            for (int t = 0; t < labels; t++) {
                post[base + t] += t == answers.label(a) ? right : wrong;
            }
        }
        double[] scratch = new double[labels];
        for (int i = 0; i < items; i++) {
            int base = i * labels;
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < labels; t++) {
                max = Math.max(max, post[base + t]);
            }
            double sum = 0;
            for (int t = 0; t < labels; t++) {
                scratch[t] = Math.exp(post[base + t] - max);
                sum += scratch[t];
            }
            for (int t = 0; t < labels; t++) {
                post[base + t] = scratch[t] / sum;
            }
            if (gold != null && gold[i] != TruthInference.NO_GOLD) {
                Arrays.fill(post, base, base + labels, 0);
                post[base + gold[i]] = 1;
            }
        }
        return post;
    }
}
