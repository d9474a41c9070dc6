package io.attentionflow.bench.aggregation;

import io.attentionflow.engine.answers.CategoricalAnswers;
import java.util.Random;

/**
 * The speed-target workload: {@code items x perItem} answers from {@code workers} workers over
 * {@code labels} labels, seeded. Each item is answered by {@code perItem} distinct workers; a worker is
 * right with an accuracy drawn from [0.4, 0.95] and otherwise answers a random other label, except
 * that a tenth of the workers always answer label 0 (spammers).
 */
final class SyntheticCrowd {

    private SyntheticCrowd() {
    }

    static CategoricalAnswers generate(long seed, int items, int workers, int labels, int perItem) {
        Random random = new Random(seed);
        double[] accuracy = new double[workers];
        for (int w = 0; w < workers; w++) {
            accuracy[w] = w % 10 == 9 ? -1 : 0.4 + 0.55 * random.nextDouble();
        }
        int n = items * perItem;
        int[] item = new int[n];
        int[] worker = new int[n];
        int[] label = new int[n];
        int a = 0;
        for (int i = 0; i < items; i++) {
            int truth = random.nextInt(labels);
            int first = random.nextInt(workers);
            int stride = 1 + random.nextInt(workers - 1);
            for (int j = 0; j < perItem; j++, a++) {
                int w = (int) ((first + (long) j * stride) % workers);
                item[a] = i;
                worker[a] = w;
                if (accuracy[w] < 0) {
                    label[a] = 0;
                } else if (random.nextDouble() < accuracy[w]) {
                    label[a] = truth;
                } else {
                    int other = random.nextInt(labels - 1);
                    label[a] = other >= truth ? other + 1 : other;
                }
            }
        }
        return new CategoricalAnswers(items, workers, labels, item, worker, label);
    }
}
