package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;
import java.util.Random;

/** Seeded synthetic crowds: true labels, workers of given accuracy, each item answered by distinct workers. */
final class Simulated {

    final int[] truth;
    final CategoricalAnswers answers;

    private Simulated(int[] truth, CategoricalAnswers answers) {
        this.truth = truth;
        this.answers = answers;
    }

    /**
     * @param accuracy per worker: probability of the true label; a negative value marks a spammer who
     *                 always answers label 0; otherwise errors are uniform over the other labels
     */
    static Simulated crowd(long seed, int items, int labels, double[] accuracy, int perItem) {
        Random random = new Random(seed);
        int workers = accuracy.length;
        int[] truth = new int[items];
        int n = items * perItem;
        int[] item = new int[n];
        int[] worker = new int[n];
        int[] label = new int[n];
        int a = 0;
        int[] order = new int[workers];
        for (int w = 0; w < workers; w++) {
            order[w] = w;
        }
        for (int i = 0; i < items; i++) {
            truth[i] = random.nextInt(labels);
            for (int j = 0; j < perItem; j++) {
                int pick = j + random.nextInt(workers - j);
                int tmp = order[j];
                order[j] = order[pick];
                order[pick] = tmp;
                int w = order[j];
                item[a] = i;
                worker[a] = w;
                label[a] = answer(random, truth[i], labels, accuracy[w]);
                a++;
            }
        }
        return new Simulated(truth, new CategoricalAnswers(items, workers, labels, item, worker, label));
    }

    private static int answer(Random random, int truth, int labels, double accuracy) {
        if (accuracy < 0) {
            return 0;
        }
        if (random.nextDouble() < accuracy) {
            return truth;
        }
        int other = random.nextInt(labels - 1);
        return other >= truth ? other + 1 : other;
    }

    /** Workers with accuracies drawn uniformly from [low, high]. */
    static double[] accuracies(long seed, int workers, double low, double high) {
        Random random = new Random(seed);
        double[] acc = new double[workers];
        for (int w = 0; w < workers; w++) {
            acc[w] = low + (high - low) * random.nextDouble();
        }
        return acc;
    }

    double accuracy(InferenceResult result) {
        int hit = 0;
        for (int i = 0; i < truth.length; i++) {
            hit += result.label(i) == truth[i] ? 1 : 0;
        }
        return (double) hit / truth.length;
    }
}
