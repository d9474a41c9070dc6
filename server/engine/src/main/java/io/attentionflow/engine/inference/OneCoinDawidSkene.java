package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/**
 * One-coin Dawid-Skene: Dawid-Skene where each worker has a single skill {@code s}, the probability of
 * giving the true label; a wrong answer is any other label with equal probability
 * {@code (1 - s) / (labels - 1)}. Estimated by EM from vote shares: the E-step is Dawid-Skene's with
 * these one-coin matrices, the M-step sets a worker's skill to the expected share of their answers that
 * are right, {@code (sum p(item = given) + smoothing) / (answers + 2 smoothing)}, kept inside
 * {@code [0.001, 0.999]}. Class priors are the mean posterior. Gold items are clamped in every E-step
 * and so anchor the skills. Stops after {@code maxIterations} or when the log-likelihood per answer
 * grows by less than {@code tolerance}.
 *
 * <p>Running time O(answers + items x labels) per iteration, memory O(answers + items x labels).
 * Assumes a worker is equally good on every class and errs uniformly; with few parameters per worker it
 * suits sparse data, but it cannot model a worker's bias toward one label.
 *
 * <p>The homogeneous ("one-coin") special case of Dawid and Skene (1979); see also Q. Liu, J. Peng and
 * A. Ihler, "Variational inference for crowdsourcing", NIPS 2012.
 */
public final class OneCoinDawidSkene implements TruthInference {

    private static final double MIN_SKILL = 0.001;

    private final int maxIterations;
    private final double tolerance;
    private final double smoothing;

    public OneCoinDawidSkene() {
        this(DawidSkene.MAX_ITERATIONS, DawidSkene.TOLERANCE, 0.01);
    }

    public OneCoinDawidSkene(int maxIterations, double tolerance, double smoothing) {
        if (maxIterations < 1 || !(tolerance >= 0) || !(smoothing >= 0)) {
            throw new IllegalArgumentException("need maxIterations >= 1, tolerance >= 0, smoothing >= 0");
        }
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.smoothing = smoothing;
    }

    @Override
    public String name() {
        return "ocds";
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        ItemMajor m = new ItemMajor(answers, gold);
        int k = m.labels;
        double[] posterior = Posteriors.voteShares(m);
        double[] prior = Posteriors.classPriors(posterior, m.items, k, 1e-6);
        double[] skill = skills(m, posterior);
        double[] logRight = new double[m.workers];
        double[] logWrong = new double[m.workers];
        double previous = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < maxIterations; it++) {
            for (int w = 0; w < m.workers; w++) {
                logRight[w] = Math.log(skill[w]);
                logWrong[w] = k > 1 ? Math.log((1 - skill[w]) / (k - 1)) : 0;
            }
            double logLikelihood = expect(m, posterior, prior, logRight, logWrong);
            prior = Posteriors.classPriors(posterior, m.items, k, 1e-6);
            skill = skills(m, posterior);
            double perAnswer = logLikelihood / Math.max(1, m.answers);
            if (perAnswer - previous < tolerance) {
                break;
            }
            previous = perAnswer;
        }
        double[] confusion = new double[m.workers * k * k];
        for (int w = 0; w < m.workers; w++) {
            double wrong = k > 1 ? (1 - skill[w]) / (k - 1) : 0;
            for (int t = 0; t < k; t++) {
                for (int g = 0; g < k; g++) {
                    confusion[(w * k + t) * k + g] = g == t ? skill[w] : wrong;
                }
            }
        }
        return new InferenceResult(m.items, k, posterior, skill, confusion);
    }

    /** E-step: each answer adds log(skill) to its own label and log((1-skill)/(k-1)) to every other. */
    private static double expect(ItemMajor m, double[] posterior, double[] prior, double[] logRight, double[] logWrong) {
        int k = m.labels;
        double logLikelihood = 0;
        for (int i = 0; i < m.items; i++) {
            int base = i * k;
            double wrongSum = 0;
            for (int t = 0; t < k; t++) {
                posterior[base + t] = Math.log(prior[t]);
            }
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                int w = m.worker[p];
                wrongSum += logWrong[w];
                posterior[base + m.label[p]] += logRight[w] - logWrong[w];
            }
            for (int t = 0; t < k; t++) {
                posterior[base + t] += wrongSum;
            }
            int g = m.gold[i];
            if (g == NO_GOLD) {
                logLikelihood += Posteriors.softmax(posterior, base, k);
            } else {
                logLikelihood += posterior[base + g];
                Posteriors.clamp(posterior, k, i, g);
            }
        }
        return logLikelihood;
    }

    /** M-step: expected share of right answers per worker, smoothed and kept off 0 and 1. */
    private double[] skills(ItemMajor m, double[] posterior) {
        double[] right = new double[m.workers];
        int[] n = new int[m.workers];
        int k = m.labels;
        for (int i = 0; i < m.items; i++) {
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                right[m.worker[p]] += posterior[i * k + m.label[p]];
                n[m.worker[p]]++;
            }
        }
        for (int w = 0; w < m.workers; w++) {
            double s = (right[w] + smoothing) / (n[w] + 2 * smoothing);
            if (n[w] == 0 && smoothing == 0) {
                s = 1.0 / k;
            }
            right[w] = Math.min(1 - MIN_SKILL, Math.max(MIN_SKILL, s));
        }
        return right;
    }
}
