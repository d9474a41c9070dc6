package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/**
 * Dawid-Skene truth inference: every worker has a full confusion matrix {@code e[w][t][g]}, the
 * probability of answering {@code g} when the truth is {@code t}; items have a latent true label drawn
 * from class priors. Expectation-maximisation alternates the posterior over each item's true label
 * (E-step) with confusion matrices and priors re-estimated from the expected counts (M-step).
 *
 * <p>Start: vote shares (majority vote posteriors). Smoothing: a pseudo-count {@code smoothing} is added
 * to every confusion cell before normalising (a symmetric Dirichlet prior, MAP estimate), which keeps
 * workers with few answers from getting zero probabilities. Stop: after {@code maxIterations}, or when
 * the data log-likelihood per answer grows by less than {@code tolerance}. Gold items are clamped to
 * their label in every E-step, so they also anchor the confusion matrices in every M-step.
 *
 * <p>Running time: O(answers x labels) per iteration plus O(workers x labels^2) for the matrices;
 * memory O(answers + items x labels + workers x labels^2). Assumes workers answer independently given
 * the true label, with a behaviour that does not depend on the item.
 *
 * <p>A. P. Dawid and A. M. Skene, "Maximum likelihood estimation of observer error-rates using the EM
 * algorithm", Journal of the Royal Statistical Society C 28(1), 1979.
 */
public final class DawidSkene implements TruthInference {

    /** Default iteration cap. */
    public static final int MAX_ITERATIONS = 100;
    /** Default convergence tolerance on the log-likelihood per answer. */
    public static final double TOLERANCE = 1e-5;
    /** Default pseudo-count per confusion cell: close to plain maximum likelihood. */
    public static final double SMOOTHING = 0.01;

    private final int maxIterations;
    private final double tolerance;
    private final double smoothing;
    private final double diagonalPrior;
    private final String name;

    public DawidSkene() {
        this(MAX_ITERATIONS, TOLERANCE, SMOOTHING);
    }

    /**
     * @param maxIterations at least 1
     * @param tolerance     stop once the log-likelihood per answer grows less than this; 0 runs all iterations
     * @param smoothing     pseudo-count per confusion cell, at least 0
     */
    public DawidSkene(int maxIterations, double tolerance, double smoothing) {
        this("ds", maxIterations, tolerance, smoothing, 0);
    }

    /**
     * @param name          the method name to report
     * @param diagonalPrior extra pseudo-count on the diagonal of every confusion matrix (the prior belief
     *                      that workers are better than chance), at least 0
     */
    public DawidSkene(String name, int maxIterations, double tolerance, double smoothing, double diagonalPrior) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || !(smoothing >= 0) || !(diagonalPrior >= 0)) {
            throw new IllegalArgumentException("tolerance, smoothing and diagonalPrior must be at least 0");
        }
        this.diagonalPrior = diagonalPrior;
        this.name = name;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.smoothing = smoothing;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        return new Run(new ItemMajor(answers, gold)).solve();
    }

    /** The state of one EM run. */
    private final class Run {
        private final ItemMajor m;
        private final int k;
        /** Per position: offset of (worker, given label) in the given-major tables. */
        private final int[] offset;
        /** Log confusion, given-major: logE[(w*k + given)*k + truth]. */
        private final double[] logE;
        /** Expected counts in the same layout. */
        private final double[] counts;
        private final double[] posterior;
        private double[] prior;

        Run(ItemMajor m) {
            this.m = m;
            this.k = m.labels;
            this.offset = new int[m.answers];
            for (int p = 0; p < m.answers; p++) {
                offset[p] = (m.worker[p] * k + m.label[p]) * k;
            }
            this.logE = new double[m.workers * k * k];
            this.counts = new double[m.workers * k * k];
            this.posterior = Posteriors.voteShares(m);
        }

        InferenceResult solve() {
            prior = Posteriors.classPriors(posterior, m.items, k, 1e-6);
            java.util.Arrays.fill(counts, 0.0);
            for (int i = 0; i < m.items; i++) {
                count(i);
            }
            maximise();
            double previous = Double.NEGATIVE_INFINITY;
            for (int it = 0; it < maxIterations; it++) {
                double logLikelihood = expectAndCount();
                prior = Posteriors.classPriors(posterior, m.items, k, 1e-6);
                maximise();
                double perAnswer = logLikelihood / Math.max(1, m.answers);
                if (perAnswer - previous < tolerance) {
                    break;
                }
                previous = perAnswer;
            }
            return result();
        }

        /**
         * E-step: posterior of each item's label under the current matrices. The expected counts of the
         * following M-step need only that item's new posterior, so they are gathered in the same pass over
         * the answers. Returns the log-likelihood under the current matrices.
         */
        private double expectAndCount() {
            final int k = this.k;
            final double[] post = posterior;
            final double[] table = logE;
            final double[] count = counts;
            final int[] start = m.start;
            final int[] off = offset;
            final int[] gold = m.gold;
            double[] logPrior = new double[k];
            for (int t = 0; t < k; t++) {
                logPrior[t] = Math.log(prior[t]);
            }
            java.util.Arrays.fill(count, 0.0);
            double logLikelihood = 0;
            for (int i = 0, base = 0; i < m.items; i++, base += k) {
                int from = start[i];
                int to = start[i + 1];
                System.arraycopy(logPrior, 0, post, base, k);
                for (int p = from; p < to; p++) {
                    int o = off[p];
                    for (int t = 0; t < k; t++) {
                        post[base + t] += table[o + t];
                    }
                }
                int g = gold[i];
                if (g == NO_GOLD) {
                    logLikelihood += Posteriors.softmax(post, base, k);
                } else {
                    logLikelihood += post[base + g];
                    Posteriors.clamp(post, k, i, g);
                }
                for (int p = from; p < to; p++) {
                    int o = off[p];
                    for (int t = 0; t < k; t++) {
                        count[o + t] += post[base + t];
                    }
                }
            }
            return logLikelihood;
        }

        /** Adds item {@code i}'s posterior to the expected counts of each of its answers. */
        private void count(int i) {
            int base = i * k;
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                int o = offset[p];
                for (int t = 0; t < k; t++) {
                    counts[o + t] += posterior[base + t];
                }
            }
        }

        /** M-step: confusion matrices from the expected counts, with the pseudo-count. */
        private void maximise() {
            double[] total = new double[k];
            for (int w = 0; w < m.workers; w++) {
                int wb = w * k * k;
                java.util.Arrays.fill(total, k * smoothing + diagonalPrior);
                for (int g = 0; g < k; g++) {
                    for (int t = 0; t < k; t++) {
                        total[t] += counts[wb + g * k + t];
                    }
                }
                for (int g = 0; g < k; g++) {
                    for (int t = 0; t < k; t++) {
                        double pseudo = g == t ? smoothing + diagonalPrior : smoothing;
                        double e = total[t] > 0 ? (counts[wb + g * k + t] + pseudo) / total[t] : 1.0 / k;
                        logE[wb + g * k + t] = Math.log(Math.max(e, 1e-10));
                    }
                }
            }
        }

        private InferenceResult result() {
            double[] confusion = new double[m.workers * k * k];
            double[] accuracy = new double[m.workers];
            for (int w = 0; w < m.workers; w++) {
                for (int t = 0; t < k; t++) {
                    for (int g = 0; g < k; g++) {
                        confusion[(w * k + t) * k + g] = Math.exp(logE[(w * k + g) * k + t]);
                    }
                    accuracy[w] += prior[t] * confusion[(w * k + t) * k + t];
                }
            }
            return new InferenceResult(m.items, k, posterior, accuracy, confusion);
        }
    }
}
