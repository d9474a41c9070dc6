package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;
import java.util.Arrays;

/**
 * MACE, "multi-annotator competence estimation", a spammer-aware model: on each item worker {@code w}
 * either knows the answer (probability {@code theta_w}) and gives the true label, or spams and draws a
 * label from their own strategy distribution {@code xi_w}. So
 * {@code P(answer g | truth t) = (1 - theta_w) xi_w[g] + theta_w [g == t]}; true labels are uniform.
 * A worker who always clicks the same button gets a low {@code theta}, however often they agree with
 * the others on that label.
 *
 * <p>Fitted by variational Bayes as in the paper: a Beta(0.5, 0.5) prior on {@code theta_w} and a
 * symmetric Dirichlet(10) prior on {@code xi_w}; the M-step turns expected counts {@code c} into
 * {@code exp(digamma(c + prior) - digamma(sum + prior sum))}. Start: {@code theta = 0.5}, uniform
 * strategies (no random restarts, so the result is deterministic). Runs {@code maxIterations}
 * iterations or until the log-likelihood per answer grows by less than {@code tolerance}. Gold items
 * are clamped in every E-step and anchor the competences.
 *
 * <p>Running time O(answers + items x labels + workers x labels) per iteration; memory
 * O(answers + items x labels + workers x labels). Reported worker accuracy:
 * {@code theta + (1 - theta) / labels}; the confusion matrix is the model's own.
 *
 * <p>D. Hovy, T. Berg-Kirkpatrick, A. Vaswani and E. Hovy, "Learning whom to trust with MACE",
 * NAACL-HLT 2013.
 */
public final class Mace implements TruthInference {

    private static final double THETA_PRIOR = 0.5;
    private static final double STRATEGY_PRIOR = 10.0;

    private final int maxIterations;
    private final double tolerance;
    private final boolean learnPriors;

    public Mace() {
        this(50, 1e-6, true);
    }

    /**
     * @param learnPriors estimate class priors as the mean posterior (true) or keep them uniform as in the paper
     */
    public Mace(int maxIterations, double tolerance, boolean learnPriors) {
        if (maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("need maxIterations >= 1 and tolerance >= 0");
        }
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.learnPriors = learnPriors;
    }

    @Override
    public String name() {
        return "mace";
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        ItemMajor m = new ItemMajor(answers, gold);
        int k = m.labels;
        double[] know = new double[m.workers];
        double[] spam = new double[m.workers];
        double[] strategy = new double[m.workers * k];
        Arrays.fill(know, 0.5);
        Arrays.fill(spam, 0.5);
        Arrays.fill(strategy, 1.0 / k);
        double[] posterior = new double[m.items * k];
        double[] knowCount = new double[m.workers];
        double[] spamCount = new double[m.workers];
        double[] strategyCount = new double[m.workers * k];
        double[] logPrior = new double[k];
        Arrays.fill(logPrior, -Math.log(k));
        double previous = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < maxIterations; it++) {
            double logLikelihood = expect(m, posterior, logPrior, know, spam, strategy);
            count(m, posterior, know, spam, strategy, knowCount, spamCount, strategyCount);
            maximise(m.workers, k, know, spam, strategy, knowCount, spamCount, strategyCount);
            if (learnPriors) {
                double[] prior = Posteriors.classPriors(posterior, m.items, k, 1e-6);
                for (int t = 0; t < k; t++) {
                    logPrior[t] = Math.log(prior[t]);
                }
            }
            double perAnswer = logLikelihood / Math.max(1, m.answers);
            if (perAnswer - previous < tolerance) {
                break;
            }
            previous = perAnswer;
        }
        expect(m, posterior, logPrior, know, spam, strategy);
        return result(m, posterior, know, spam, strategy);
    }

    /** E-step: posterior over each item's label; returns the log-likelihood. */
    private static double expect(ItemMajor m, double[] posterior, double[] logPrior, double[] know, double[] spam, double[] strategy) {
        int k = m.labels;
        double logLikelihood = 0;
        for (int i = 0; i < m.items; i++) {
            int base = i * k;
            double spamSum = 0;
            Arrays.fill(posterior, base, base + k, 0.0);
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                int w = m.worker[p];
                double random = spam[w] * strategy[w * k + m.label[p]];
                double logRandom = Math.log(Math.max(random, Posteriors.FLOOR));
                spamSum += logRandom;
                posterior[base + m.label[p]] += Math.log(random + know[w]) - logRandom;
            }
            for (int t = 0; t < k; t++) {
                posterior[base + t] += spamSum + logPrior[t];
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

    /** Expected counts of knowing, of spamming, and of each label given while spamming. */
    private static void count(ItemMajor m, double[] posterior, double[] know, double[] spam, double[] strategy,
                              double[] knowCount, double[] spamCount, double[] strategyCount) {
        int k = m.labels;
        Arrays.fill(knowCount, 0.0);
        Arrays.fill(spamCount, 0.0);
        Arrays.fill(strategyCount, 0.0);
        for (int i = 0; i < m.items; i++) {
            int base = i * k;
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                int w = m.worker[p];
                int g = m.label[p];
                double random = spam[w] * strategy[w * k + g];
                double knowing = posterior[base + g] * know[w] / (random + know[w]);
                knowCount[w] += knowing;
                spamCount[w] += 1 - knowing;
                strategyCount[w * k + g] += 1 - knowing;
            }
        }
    }

    /** Variational M-step: exp(digamma(count + prior) - digamma(total + prior total)). */
    private static void maximise(int workers, int k, double[] know, double[] spam, double[] strategy,
                                 double[] knowCount, double[] spamCount, double[] strategyCount) {
        for (int w = 0; w < workers; w++) {
            double norm = digamma(knowCount[w] + spamCount[w] + 2 * THETA_PRIOR);
            know[w] = Math.exp(digamma(knowCount[w] + THETA_PRIOR) - norm);
            spam[w] = Math.exp(digamma(spamCount[w] + THETA_PRIOR) - norm);
            double total = 0;
            for (int g = 0; g < k; g++) {
                total += strategyCount[w * k + g];
            }
            double strategyNorm = digamma(total + k * STRATEGY_PRIOR);
            for (int g = 0; g < k; g++) {
                strategy[w * k + g] = Math.exp(digamma(strategyCount[w * k + g] + STRATEGY_PRIOR) - strategyNorm);
            }
        }
    }

    private static InferenceResult result(ItemMajor m, double[] posterior, double[] know, double[] spam, double[] strategy) {
        int k = m.labels;
        double[] accuracy = new double[m.workers];
        double[] confusion = new double[m.workers * k * k];
        for (int w = 0; w < m.workers; w++) {
            double theta = know[w] / (know[w] + spam[w]);
            double strategyTotal = 0;
            for (int g = 0; g < k; g++) {
                strategyTotal += strategy[w * k + g];
            }
            for (int t = 0; t < k; t++) {
                for (int g = 0; g < k; g++) {
                    confusion[(w * k + t) * k + g] = (1 - theta) * strategy[w * k + g] / strategyTotal + (g == t ? theta : 0);
                }
            }
            accuracy[w] = theta + (1 - theta) / k;
        }
        return new InferenceResult(m.items, k, posterior, accuracy, confusion);
    }

    /** The digamma function for x > 0: recurrence up to x >= 10, then the asymptotic series. */
    static double digamma(double x) {
        double result = 0;
        while (x < 10) {
            result -= 1 / x;
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        return result + Math.log(x) - 0.5 * inv
                - inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))));
    }
}
