package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/**
 * Majority vote: the posterior of an item is the share of its answers that gave each label; an item
 * without answers gets the uniform distribution. A worker's accuracy is the share of their answers that
 * agree with the majority label. Gold items are clamped to their label. O(answers + items x labels).
 */
public final class MajorityVote implements TruthInference {

    @Override
    public String name() {
        return "mv";
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        int items = answers.itemCount();
        int labels = answers.labelCount();
        gold = gold == null ? null : ItemMajor.checkedGold(gold, items, labels);
        double[] posterior = new double[items * labels];
        for (int a = 0; a < answers.answerCount(); a++) {
            posterior[answers.item(a) * labels + answers.label(a)] += 1;
        }
        for (int i = 0; i < items; i++) {
            int base = i * labels;
            if (gold != null && gold[i] != NO_GOLD) {
                java.util.Arrays.fill(posterior, base, base + labels, 0);
                posterior[base + gold[i]] = 1;
                continue;
            }
            int n = answers.answersOf(i);
            for (int l = 0; l < labels; l++) {
                posterior[base + l] = n == 0 ? 1.0 / labels : posterior[base + l] / n;
            }
        }
        InferenceResult byVote = new InferenceResult(items, labels, posterior, new double[answers.workerCount()], null);
        double[] agreed = new double[answers.workerCount()];
        int[] given = new int[answers.workerCount()];
        for (int a = 0; a < answers.answerCount(); a++) {
            int w = answers.worker(a);
            given[w]++;
            if (answers.label(a) == byVote.label(answers.item(a))) {
                agreed[w]++;
            }
        }
        for (int w = 0; w < agreed.length; w++) {
            agreed[w] = given[w] == 0 ? 0 : agreed[w] / given[w];
        }
        return new InferenceResult(items, labels, posterior, agreed, null);
    }
}
