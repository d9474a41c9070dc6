package io.attentionflow.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.engine.answers.CategoricalAnswers;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DawidSkeneTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new DawidSkene();
    }

    @Test
    void recoversAPlantedClassSpecificConfusion() {
        // 20 honest workers (0.85), and worker 0 who always answers 2 when the truth is 1, else right.
        Random random = new Random(5);
        int items = 600;
        int perItem = 5;
        int[] item = new int[items * perItem];
        int[] worker = new int[items * perItem];
        int[] label = new int[items * perItem];
        int a = 0;
        for (int i = 0; i < items; i++) {
            int truth = random.nextInt(3);
            for (int j = 0; j < perItem; j++, a++) {
                int w = j == 0 ? 0 : 1 + random.nextInt(20);
                item[a] = i;
                worker[a] = w;
                if (w == 0) {
                    label[a] = truth == 1 ? 2 : truth;
                } else {
                    label[a] = random.nextDouble() < 0.85 ? truth : (truth + 1 + random.nextInt(2)) % 3;
                }
            }
        }
        InferenceResult r = method().infer(new CategoricalAnswers(items, 21, 3, item, worker, label), null);
        assertTrue(r.hasConfusion());
        assertTrue(r.confusion(0, 1, 2) > 0.9, "P(2 | truth 1) of the biased worker: " + r.confusion(0, 1, 2));
        assertTrue(r.confusion(0, 0, 0) > 0.9);
        for (int t = 0; t < 3; t++) {
            double row = 0;
            for (int g = 0; g < 3; g++) {
                row += r.confusion(5, t, g);
            }
            assertEquals(1.0, row, 1e-6, "confusion rows are distributions");
        }
    }

    @Test
    void stopsAtTheIterationCapAndRejectsBadSettings() {
        Simulated crowd = Simulated.crowd(2, 100, 2, Simulated.accuracies(3, 10, 0.6, 0.9), 3);
        InferenceResult one = new DawidSkene(1, 0, 0.01).infer(crowd.answers, null);
        assertEquals(100, one.itemCount());
        assertThrows(IllegalArgumentException.class, () -> new DawidSkene(0, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new DawidSkene(10, -1, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new DawidSkene(10, 0, Double.NaN));
    }
}
