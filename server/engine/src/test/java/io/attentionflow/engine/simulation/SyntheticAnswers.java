package io.attentionflow.engine.simulation;

import io.attentionflow.engine.answers.CategoricalAnswers;
import java.util.SplittableRandom;

/** Seeded random answer sets: items with a true label and a difficulty, workers with an accuracy. */
final class SyntheticAnswers {

    final CategoricalAnswers answers;
    final int[] gold;

    SyntheticAnswers(long seed, int items, int workers, int labels, int maxPerItem) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] accuracy = new double[workers];
        for (int w = 0; w < workers; w++) {
            accuracy[w] = random.nextInt(5) == 0 ? 1.0 / labels : 0.6 + 0.35 * random.nextDouble();
        }
        gold = new int[items];
        int[] count = new int[items];
        int total = 0;
        for (int i = 0; i < items; i++) {
            gold[i] = random.nextInt(labels);
            count[i] = 1 + random.nextInt(maxPerItem);
            total += count[i];
        }
        int[] item = new int[total];
        int[] worker = new int[total];
        int[] label = new int[total];
        int a = 0;
        for (int i = 0; i < items; i++) {
            boolean hard = random.nextInt(4) == 0;
            for (int k = 0; k < count[i]; k++) {
                item[a] = i;
                worker[a] = random.nextInt(workers);
                double acc = hard ? (accuracy[worker[a]] + 1.0 / labels) / 2 : accuracy[worker[a]];
                label[a] = random.nextDouble() < acc ? gold[i] : (gold[i] + 1 + random.nextInt(labels - 1)) % labels;
                a++;
            }
        }
        answers = new CategoricalAnswers(items, workers, labels, item, worker, label);
    }
}
