package io.attentionflow.engine.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.engine.answers.CategoricalAnswers;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every categorical truth-inference method must do; one short subclass per method. */
abstract class TruthInferenceContractTest {

    /** A fresh instance of the method under test. */
    abstract TruthInference method();

    /** Accuracy the method must reach on an easy simulated crowd. */
    double easyCrowdAccuracy() {
        return 0.9;
    }

    @Test
    void isRegisteredUnderItsName() {
        TruthInference m = method();
        assertEquals(m.getClass(), Methods.byName(m.name()).orElseThrow().getClass());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void posteriorsSumToOne(int labels) {
        Simulated crowd = Simulated.crowd(11 + labels, 300, labels, Simulated.accuracies(7, 40, 0.2, 0.95), 5);
        InferenceResult r = method().infer(crowd.answers, null);
        assertEquals(300, r.itemCount());
        assertEquals(labels, r.labelCount());
        for (int i = 0; i < r.itemCount(); i++) {
            double sum = 0;
            for (int t = 0; t < labels; t++) {
                double p = r.posterior(i, t);
                assertTrue(p >= 0 && p <= 1 + 1e-12, "posterior out of [0,1]: " + p);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-9, "item " + i);
            assertEquals(r.posterior(i, r.label(i)), r.confidence(i), 0.0);
        }
        for (int w = 0; w < r.workerCount(); w++) {
            double acc = r.workerAccuracy(w);
            assertTrue(acc >= 0 && acc <= 1, "worker accuracy out of [0,1]: " + acc);
        }
    }

    @Test
    void relabellingWorkersAndItemsDoesNotChangeResults() {
        Simulated crowd = Simulated.crowd(5, 200, 3, Simulated.accuracies(3, 30, 0.3, 0.9), 6);
        CategoricalAnswers a = crowd.answers;
        Random random = new Random(99);
        int[] itemMap = permutation(random, a.itemCount());
        int[] workerMap = permutation(random, a.workerCount());
        int[] answerOrder = permutation(random, a.answerCount());
        int n = a.answerCount();
        int[] item = new int[n];
        int[] worker = new int[n];
        int[] label = new int[n];
        for (int j = 0; j < n; j++) {
            int src = answerOrder[j];
            item[j] = itemMap[a.item(src)];
            worker[j] = workerMap[a.worker(src)];
            label[j] = a.label(src);
        }
        CategoricalAnswers relabelled = new CategoricalAnswers(a.itemCount(), a.workerCount(), a.labelCount(), item, worker, label);
        InferenceResult before = method().infer(a, null);
        InferenceResult after = method().infer(relabelled, null);
        for (int i = 0; i < a.itemCount(); i++) {
            for (int t = 0; t < a.labelCount(); t++) {
                assertEquals(before.posterior(i, t), after.posterior(itemMap[i], t), 1e-6, "item " + i);
            }
        }
        for (int w = 0; w < a.workerCount(); w++) {
            assertEquals(before.workerAccuracy(w), after.workerAccuracy(workerMap[w]), 1e-6, "worker " + w);
        }
    }

    private static int[] permutation(Random random, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    @Test
    void unanimousAnswersGiveConfidenceNearOne() {
        double[] perfect = new double[12];
        Arrays.fill(perfect, 1.0);
        Simulated crowd = Simulated.crowd(21, 100, 4, perfect, 5);
        InferenceResult r = method().infer(crowd.answers, null);
        for (int i = 0; i < r.itemCount(); i++) {
            assertEquals(crowd.truth[i], r.label(i));
            assertTrue(r.confidence(i) > 0.95, "confidence " + r.confidence(i) + " of unanimous item " + i);
        }
    }

    @Test
    void plantedSpammersGetLowReliability() {
        double[] acc = new double[30];
        Arrays.fill(acc, 0, 24, 0.85);
        Arrays.fill(acc, 24, 30, -1);
        Simulated crowd = Simulated.crowd(33, 400, 3, acc, 7);
        InferenceResult r = method().infer(crowd.answers, null);
        double worstGood = 1;
        double bestSpammer = 0;
        for (int w = 0; w < 30; w++) {
            if (w < 24) {
                worstGood = Math.min(worstGood, r.workerAccuracy(w));
            } else {
                bestSpammer = Math.max(bestSpammer, r.workerAccuracy(w));
            }
        }
        assertTrue(bestSpammer < worstGood - 0.2, "spammer reliability " + bestSpammer + " vs good " + worstGood);
        assertTrue(crowd.accuracy(r) > 0.9, "accuracy " + crowd.accuracy(r));
    }

    @Test
    void recoversTheTruthOfAnEasyCrowd() {
        Simulated crowd = Simulated.crowd(8, 500, 3, Simulated.accuracies(4, 50, 0.55, 0.95), 7);
        assertTrue(crowd.accuracy(method().infer(crowd.answers, null)) >= easyCrowdAccuracy());
    }

    @Test
    void goldClampsItsItems() {
        Simulated crowd = Simulated.crowd(44, 200, 3, Simulated.accuracies(6, 20, 0.6, 0.9), 5);
        int[] gold = new int[200];
        Arrays.fill(gold, TruthInference.NO_GOLD);
        for (int i = 0; i < 200; i += 4) {
            gold[i] = (crowd.truth[i] + 1) % 3;
        }
        InferenceResult r = method().infer(crowd.answers, gold);
        for (int i = 0; i < 200; i += 4) {
            assertEquals(gold[i], r.label(i));
            assertEquals(1.0, r.posterior(i, gold[i]), 1e-12);
        }
    }

    @Test
    void goldAnchorsWorkerEstimates() {
        // Two camps of equal size that always disagree; gold on some items says which camp is right.
        int items = 200;
        int workers = 10;
        int[] item = new int[items * workers];
        int[] worker = new int[items * workers];
        int[] label = new int[items * workers];
        Random random = new Random(3);
        int[] truth = new int[items];
        int a = 0;
        for (int i = 0; i < items; i++) {
            truth[i] = random.nextInt(2);
            for (int w = 0; w < workers; w++) {
                item[a] = i;
                worker[a] = w;
                label[a] = w < workers / 2 ? truth[i] : 1 - truth[i];
                a++;
            }
        }
        CategoricalAnswers answers = new CategoricalAnswers(items, workers, 2, item, worker, label);
        int[] gold = new int[items];
        Arrays.fill(gold, TruthInference.NO_GOLD);
        for (int i = 0; i < 40; i++) {
            gold[i] = truth[i];
        }
        InferenceResult r = method().infer(answers, gold);
        for (int w = 0; w < workers / 2; w++) {
            assertTrue(r.workerAccuracy(w) > r.workerAccuracy(workers - 1 - w),
                    "worker " + w + " agrees with gold and should rank above worker " + (workers - 1 - w));
        }
    }

    @Test
    void isDeterministic() {
        Simulated crowd = Simulated.crowd(12, 150, 4, Simulated.accuracies(2, 25, 0.3, 0.9), 4);
        InferenceResult first = method().infer(crowd.answers, null);
        InferenceResult second = method().infer(crowd.answers, null);
        for (int i = 0; i < 150; i++) {
            for (int t = 0; t < 4; t++) {
                assertEquals(first.posterior(i, t), second.posterior(i, t), 0.0);
            }
        }
    }

    @Test
    void handlesItemsAndWorkersWithoutAnswers() {
        CategoricalAnswers answers = new CategoricalAnswers(3, 3, 2, new int[]{0, 0}, new int[]{0, 1}, new int[]{1, 1});
        InferenceResult r = method().infer(answers, null);
        assertEquals(1, r.label(0));
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, r.posterior(i, 0) + r.posterior(i, 1), 1e-9);
        }
        assertTrue(Double.isFinite(r.workerAccuracy(2)));
    }

    @Test
    void handlesNoAnswersAtAll() {
        CategoricalAnswers answers = new CategoricalAnswers(0, 0, 2, new int[0], new int[0], new int[0]);
        assertEquals(0, method().infer(answers, null).itemCount());
    }

    @Test
    void rejectsGoldOfTheWrongShape() {
        Simulated crowd = Simulated.crowd(1, 10, 2, Simulated.accuracies(1, 5, 0.6, 0.9), 3);
        assertThrows(IllegalArgumentException.class, () -> method().infer(crowd.answers, new int[3]));
        int[] outOfRange = new int[10];
        outOfRange[0] = 5;
        assertThrows(IllegalArgumentException.class, () -> method().infer(crowd.answers, outOfRange));
    }

    static void assertSameLabels(InferenceResult a, InferenceResult b) {
        int[] la = new int[a.itemCount()];
        int[] lb = new int[b.itemCount()];
        for (int i = 0; i < la.length; i++) {
            la[i] = a.label(i);
            lb[i] = b.label(i);
        }
        assertArrayEquals(la, lb);
    }
}
