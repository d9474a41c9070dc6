package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;
import java.util.Arrays;

/**
 * GLAD, "generative model of labels, abilities and difficulties": worker {@code w} has an ability
 * {@code alpha_w} (any real; negative means adversarial), item {@code i} an inverse difficulty
 * {@code beta_i = exp(b_i) > 0}, and the worker answers correctly with probability
 * {@code sigmoid(alpha_w * beta_i)}; a wrong answer is any other label with equal probability. Class
 * priors are uniform. Gaussian priors N(1, 1) on {@code alpha} and on {@code b} regularise the fit.
 *
 * <p>EM: the E-step computes each item's posterior in O(its answers + labels), using
 * {@code log sigmoid(x) - log(1 - sigmoid(x)) = x}. The M-step maximises the expected complete
 * log-likelihood plus the log-priors by block-coordinate ascent: {@code newtonRounds} rounds of one
 * Newton step for every {@code alpha_w} (the objective is concave in each), then one Fisher-scoring
 * step for every {@code b_i}; steps are capped at 1 in size. The expected log-likelihood depends on an
 * answer only through the posterior probability that it is right, so each step is one pass over the
 * answers with one exponential per answer. Stops after {@code maxIterations} or when the penalised
 * log-likelihood per answer grows by less than {@code tolerance}. Gold items are clamped in every
 * E-step and so anchor the abilities.
 *
 * <p>Running time O(answers x (1 + 2 newtonRounds) + items x labels) per EM iteration, memory
 * O(answers + items x labels). Assumes that item difficulty scales every worker's ability alike.
 * Reported worker accuracy: the mean of {@code sigmoid(alpha_w * beta_i)} over the worker's answers.
 *
 * <p>J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma and J. Movellan, "Whose vote should count more: optimal
 * integration of labels from labelers of unknown expertise", NIPS 2009.
 */
public final class Glad implements TruthInference {

    private static final double PRIOR_MEAN = 1.0;
    private static final double MAX_STEP = 1.0;

    private final int maxIterations;
    private final double tolerance;
    private final int newtonRounds;
    private final boolean learnPriors;

    public Glad() {
        this(DawidSkene.MAX_ITERATIONS, DawidSkene.TOLERANCE, 2, false);
    }

    /**
     * @param maxIterations EM iterations at most, at least 1
     * @param tolerance     convergence tolerance on the penalised log-likelihood per answer, at least 0
     * @param newtonRounds  alpha/beta update rounds per M-step, at least 1
     * @param learnPriors   estimate class priors as the mean posterior (true) or keep them uniform as in the paper
     */
    public Glad(int maxIterations, double tolerance, int newtonRounds, boolean learnPriors) {
        if (maxIterations < 1 || !(tolerance >= 0) || newtonRounds < 1) {
            throw new IllegalArgumentException("need maxIterations >= 1, tolerance >= 0, newtonRounds >= 1");
        }
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.newtonRounds = newtonRounds;
        this.learnPriors = learnPriors;
    }

    @Override
    public String name() {
        return "glad";
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        return fit(answers, gold).result();
    }

    /**
     * The fitted model: the inference result plus each worker's ability {@code alpha} and each item's
     * inverse difficulty {@code beta} (larger is easier).
     */
    public record Fit(InferenceResult result, double[] ability, double[] inverseDifficulty) {
    }

    /** Like {@link #infer}, but also returns the fitted abilities and inverse difficulties. */
    public Fit fit(CategoricalAnswers answers, int[] gold) {
        Run run = new Run(new ItemMajor(answers, gold));
        InferenceResult result = run.solve();
        return new Fit(result, run.alpha.clone(), run.beta.clone());
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** log(1 + exp(x)) without overflow. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private final class Run {
        private final ItemMajor m;
        private final int k;
        private final double logOthers;
        private final double[] alpha;
        private final double[] b;
        private final double[] beta;
        private final double[] posterior;
        /** Per position: posterior probability that the answer is right. */
        private final double[] right;
        private final double[] logPrior;

        Run(ItemMajor m) {
            this.m = m;
            this.k = m.labels;
            this.logOthers = k > 1 ? Math.log(k - 1) : 0;
            this.alpha = new double[m.workers];
            this.b = new double[m.items];
            this.beta = new double[m.items];
            Arrays.fill(alpha, PRIOR_MEAN);
            Arrays.fill(b, PRIOR_MEAN);
            Arrays.fill(beta, Math.exp(PRIOR_MEAN));
            this.posterior = new double[m.items * k];
            this.right = new double[m.answers];
            this.logPrior = new double[k];
            Arrays.fill(logPrior, -Math.log(k));
        }

        InferenceResult solve() {
            if (k == 1) {
                Arrays.fill(posterior, 1.0);
                return result();
            }
            double previous = Double.NEGATIVE_INFINITY;
            for (int it = 0; it < maxIterations; it++) {
                double objective = (expect() - penalty()) / Math.max(1, m.answers);
                for (int r = 0; r < newtonRounds; r++) {
                    updateAbilities();
                    updateDifficulties();
                }
                if (learnPriors) {
                    double[] prior = Posteriors.classPriors(posterior, m.items, k, 1e-6);
                    for (int t = 0; t < k; t++) {
                        logPrior[t] = Math.log(prior[t]);
                    }
                }
                if (objective - previous < tolerance) {
                    break;
                }
                previous = objective;
            }
            expect();
            return result();
        }

        private double penalty() {
            double sum = 0;
            for (double a : alpha) {
                sum += (a - PRIOR_MEAN) * (a - PRIOR_MEAN);
            }
            for (double v : b) {
                sum += (v - PRIOR_MEAN) * (v - PRIOR_MEAN);
            }
            return sum / 2;
        }

        /** E-step with uniform class priors; fills {@link #right}; returns the log-likelihood. */
        private double expect() {
            double logLikelihood = 0;
            for (int i = 0; i < m.items; i++) {
                int base = i * k;
                double wrongSum = 0;
                Arrays.fill(posterior, base, base + k, 0.0);
                double bi = beta[i];
                for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                    double x = alpha[m.worker[p]] * bi;
                    double logWrong = -softplus(x) - logOthers;
                    wrongSum += logWrong;
                    posterior[base + m.label[p]] += x + logOthers;
                }
                for (int t = 0; t < k; t++) {
                    posterior[base + t] += wrongSum + logPrior[t];
                }
                int g = m.gold[i];
                if (g == NO_GOLD) {
                    logLikelihood += Posteriors.softmax(posterior, base, k);
                } else {
                    logLikelihood += posterior[base + g];
                    Posteriors.clamp(posterior, k, i, g);
                }
                for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                    right[p] = posterior[base + m.label[p]];
                }
            }
            return logLikelihood;
        }

        /** One Newton step for every worker's ability (concave in each alpha_w). */
        private void updateAbilities() {
            double[] grad = new double[m.workers];
            double[] curv = new double[m.workers];
            for (int i = 0; i < m.items; i++) {
                double bi = beta[i];
                for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                    int w = m.worker[p];
                    double s = sigmoid(alpha[w] * bi);
                    grad[w] += (right[p] - s) * bi;
                    curv[w] += s * (1 - s) * bi * bi;
                }
            }
            for (int w = 0; w < m.workers; w++) {
                double g = grad[w] - (alpha[w] - PRIOR_MEAN);
                alpha[w] += clampStep(g / (curv[w] + 1));
            }
        }

        /** One Fisher-scoring step for every item's log inverse difficulty. */
        private void updateDifficulties() {
            for (int i = 0; i < m.items; i++) {
                double bi = beta[i];
                double grad = 0;
                double info = 0;
                for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                    double a = alpha[m.worker[p]];
                    double x = a * bi;
                    double s = sigmoid(x);
                    grad += (right[p] - s) * x;
                    info += s * (1 - s) * x * x;
                }
                grad -= b[i] - PRIOR_MEAN;
                b[i] += clampStep(grad / (info + 1));
                beta[i] = Math.exp(b[i]);
            }
        }

        private double clampStep(double step) {
            return Math.max(-MAX_STEP, Math.min(MAX_STEP, step));
        }

        private InferenceResult result() {
            double[] accuracy = new double[m.workers];
            int[] n = m.answersPerWorker();
            for (int i = 0; i < m.items; i++) {
                for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                    accuracy[m.worker[p]] += sigmoid(alpha[m.worker[p]] * beta[i]);
                }
            }
            for (int w = 0; w < m.workers; w++) {
                accuracy[w] = n[w] == 0 ? sigmoid(alpha[w] * Math.exp(PRIOR_MEAN)) : accuracy[w] / n[w];
            }
            return new InferenceResult(m.items, k, posterior, accuracy, null);
        }
    }
}
