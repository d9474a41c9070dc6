package io.attentionflow.engine.inference;

import java.util.Arrays;

/** Small numeric helpers shared by the inference methods; rows are {@code labels} wide in flat arrays. */
final class Posteriors {

    /** Probabilities are kept at least this far from 0 before taking logs. */
    static final double FLOOR = 1e-300;

    private Posteriors() {
    }

    /**
     * Turns the log-scores in {@code row[off .. off+k)} into probabilities in place (a softmax) and returns
     * the log of their normaliser, that is log(sum(exp(score))).
     */
    static double softmax(double[] row, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < k; l++) {
            max = Math.max(max, row[off + l]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(row, off, off + k, 1.0 / k);
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int l = 0; l < k; l++) {
            double e = Math.exp(row[off + l] - max);
            row[off + l] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int l = 0; l < k; l++) {
            row[off + l] *= inv;
        }
        return max + Math.log(sum);
    }

    /** Sets row {@code item} of {@code posterior} to the one-hot vector of {@code label}. */
    static void clamp(double[] posterior, int labels, int item, int label) {
        int base = item * labels;
        Arrays.fill(posterior, base, base + labels, 0.0);
        posterior[base + label] = 1.0;
    }

    /** Vote shares per item (uniform where an item has no answers), gold items clamped. */
    static double[] voteShares(ItemMajor m) {
        int k = m.labels;
        double[] post = new double[m.items * k];
        for (int i = 0; i < m.items; i++) {
            int base = i * k;
            if (m.gold[i] != TruthInference.NO_GOLD) {
                post[base + m.gold[i]] = 1.0;
                continue;
            }
            int n = m.start[i + 1] - m.start[i];
            if (n == 0) {
                Arrays.fill(post, base, base + k, 1.0 / k);
                continue;
            }
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                post[base + m.label[p]] += 1.0;
            }
            double inv = 1.0 / n;
            for (int l = 0; l < k; l++) {
                post[base + l] *= inv;
            }
        }
        return post;
    }

    /** Class priors: the mean posterior over items, floored so that no class gets probability 0. */
    static double[] classPriors(double[] posterior, int items, int labels, double floor) {
        double[] prior = new double[labels];
        for (int i = 0; i < items; i++) {
            int base = i * labels;
            for (int l = 0; l < labels; l++) {
                prior[l] += posterior[base + l];
            }
        }
        double sum = 0;
        for (int l = 0; l < labels; l++) {
            prior[l] = Math.max(prior[l], floor);
            sum += prior[l];
        }
        for (int l = 0; l < labels; l++) {
            prior[l] /= sum;
        }
        return prior;
    }

    /** Share of each worker's answers that agree with {@code label}, weighted by the posterior: sum p(item = given) / n. */
    static double[] expectedAccuracy(ItemMajor m, double[] posterior, double ifNoAnswers) {
        double[] hit = new double[m.workers];
        int[] n = new int[m.workers];
        int k = m.labels;
        for (int i = 0; i < m.items; i++) {
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                hit[m.worker[p]] += posterior[i * k + m.label[p]];
                n[m.worker[p]]++;
            }
        }
        for (int w = 0; w < m.workers; w++) {
            hit[w] = n[w] == 0 ? ifNoAnswers : hit[w] / n[w];
        }
        return hit;
    }
}
