package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/**
 * Majority vote: the posterior of an item is the share of its answers that gave each label; an item
 * without answers gets the uniform distribution. Gold items are clamped to their label.
 *
 * <p>A worker's accuracy is how often they agree with the others: each answer is compared with the majority
 * of the other answers of its item (with gold, with the gold label), a tie among k labels counting 1/k for
 * each of them. Comparing with a majority that includes the answer itself would let every answer on an item
 * nobody else answered count as right, and early in a project nearly every worker would look perfect.
 * Answers with nothing to compare to say nothing; a worker with no other answers gets
 * {@link AccuracyPrior#ACCURACY}. O(answers x labels + items x labels).
 */
public final class MajorityVote implements TruthInference {

    @Override
    public String name() {
        return "mv";
    }

    @Override
    public boolean modelsWorkers() {
        return false;
    }

    @Override
    public boolean reportsMajority() {
        return true;
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        int items = answers.itemCount();
        int labels = answers.labelCount();
        gold = gold == null ? null : ItemMajor.checkedGold(gold, items, labels);
        double[] votes = new double[items * labels];
        for (int a = 0; a < answers.answerCount(); a++) {
            votes[answers.item(a) * labels + answers.label(a)] += 1;
        }
        double[] posterior = new double[items * labels];
        for (int i = 0; i < items; i++) {
            int base = i * labels;
            if (gold != null && gold[i] != NO_GOLD) {
                posterior[base + gold[i]] = 1;
                continue;
            }
            int n = answers.answersOf(i);
            for (int l = 0; l < labels; l++) {
                posterior[base + l] = n == 0 ? 1.0 / labels : votes[base + l] / n;
            }
        }
        double[] agreed = new double[answers.workerCount()];
        double[] evidence = new double[answers.workerCount()];
        for (int a = 0; a < answers.answerCount(); a++) {
            int i = answers.item(a);
            int given = answers.label(a);
            int w = answers.worker(a);
            if (gold != null && gold[i] != NO_GOLD) {
                agreed[w] += given == gold[i] ? 1 : 0;
                evidence[w]++;
            } else if (answers.answersOf(i) > 1) {
                agreed[w] += agreementWithOthers(votes, i * labels, labels, given);
                evidence[w]++;
            }
        }
        for (int w = 0; w < agreed.length; w++) {
            agreed[w] = evidence[w] == 0 ? AccuracyPrior.ACCURACY : agreed[w] / evidence[w];
        }
        return new InferenceResult(items, labels, posterior, agreed, null);
    }

    /** 1/k if {@code given} is one of the k most frequent labels among the item's other answers, else 0. */
    private static double agreementWithOthers(double[] votes, int base, int labels, int given) {
        double most = -1;
        int tied = 0;
        for (int l = 0; l < labels; l++) {
            double others = votes[base + l] - (l == given ? 1 : 0);
            if (others > most) {
                most = others;
                tied = 1;
            } else if (others == most) {
                tied++;
            }
        }
        return votes[base + given] - 1 == most ? 1.0 / tied : 0;
    }
}
