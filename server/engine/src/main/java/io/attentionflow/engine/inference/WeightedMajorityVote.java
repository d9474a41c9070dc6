package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/**
 * Weighted majority vote in two passes ("worker agreement with aggregate"): a plain majority vote
 * first, then each worker's weight is the share of their answers that agree with it (with gold items,
 * agreement with the gold label), and the posterior of an item is the weighted share of votes per
 * label. An item whose voters all have weight 0, or that has no answers, gets the uniform posterior.
 * Gold items are clamped. Ties go to the lowest label id. Reported worker accuracy is the weight.
 *
 * <p>Running time O(answers + items x labels), memory O(answers + items x labels). No model and no
 * iteration: robust on sparse data, but a single pass cannot correct a majority that is wrong.
 *
 * <p>Known as Wawa in Crowd-Kit (D. Ustalov et al., "Learning from crowds with Crowd-Kit", 2021); the
 * weighting idea goes back to N. Littlestone and M. K. Warmuth, "The weighted majority algorithm", 1994.
 */
public final class WeightedMajorityVote implements TruthInference {

    @Override
    public String name() {
        return "wmv";
    }

    @Override
    public boolean modelsWorkers() {
        return false;
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        ItemMajor m = new ItemMajor(answers, gold);
        int k = m.labels;
        InferenceResult vote = new InferenceResult(m.items, k, Posteriors.voteShares(m), new double[m.workers], null);
        double[] weight = new double[m.workers];
        int[] n = m.answersPerWorker();
        for (int i = 0; i < m.items; i++) {
            int truth = vote.label(i);
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                if (m.label[p] == truth) {
                    weight[m.worker[p]] += 1;
                }
            }
        }
        for (int w = 0; w < m.workers; w++) {
            weight[w] = n[w] == 0 ? 0 : weight[w] / n[w];
        }
        double[] posterior = new double[m.items * k];
        for (int i = 0; i < m.items; i++) {
            int base = i * k;
            if (m.gold[i] != NO_GOLD) {
                posterior[base + m.gold[i]] = 1;
                continue;
            }
            double total = 0;
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                posterior[base + m.label[p]] += weight[m.worker[p]];
                total += weight[m.worker[p]];
            }
            for (int l = 0; l < k; l++) {
                posterior[base + l] = total > 0 ? posterior[base + l] / total : 1.0 / k;
            }
        }
        return new InferenceResult(m.items, k, posterior, weight, null);
    }
}
