package io.attentionflow.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.engine.answers.CategoricalAnswers;
import org.junit.jupiter.api.Test;

class IncrementalPosteriorTest {

    @Test
    void unseenItemHasThePriors() {
        IncrementalPosterior inc = new IncrementalPosterior(new double[]{3, 1}, 0.8);
        assertEquals(0.75, inc.posterior(5)[0], 1e-12);
        assertEquals(0.75, inc.confidence(5), 1e-12);
        assertEquals(0, inc.label(5));
    }

    @Test
    void newWorkerAnswerUsesTheDefaultAccuracy() {
        IncrementalPosterior inc = new IncrementalPosterior(3);
        inc.add(0, 7, 2);
        double[] p = inc.posterior(0);
        assertEquals(0.7, p[2], 1e-12);
        assertEquals(0.15, p[0], 1e-12);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        inc.add(0, 8, 2);
        // Bayes by hand: 0.7^2 against 0.15^2 twice.
        assertEquals(0.49 / (0.49 + 2 * 0.0225), inc.confidence(0), 1e-12);
        assertEquals(2, inc.answerCount(0));
    }

    @Test
    void matchesTheBatchPosteriorOfTheEstimatesItWasGiven() {
        Simulated crowd = Simulated.crowd(17, 300, 3, Simulated.accuracies(5, 30, 0.4, 0.9), 5);
        CategoricalAnswers a = crowd.answers;
        InferenceResult ds = new DawidSkene(200, 0, 0.01).infer(a, null);
        IncrementalPosterior inc = new IncrementalPosterior(3);
        inc.replaceWorkerEstimates(ds);
        for (int j = 0; j < a.answerCount(); j++) {
            inc.add(a.item(j), a.worker(j), a.label(j));
        }
        for (int i = 0; i < a.itemCount(); i++) {
            assertEquals(ds.label(i), inc.label(i));
            for (int t = 0; t < 3; t++) {
                assertEquals(ds.posterior(i, t), inc.posterior(i)[t], 1e-4, "item " + i);
            }
        }
    }

    @Test
    void replacingEstimatesRecomputesOldAnswers() {
        Simulated crowd = Simulated.crowd(19, 200, 2, Simulated.accuracies(5, 20, 0.5, 0.95), 5);
        CategoricalAnswers a = crowd.answers;
        IncrementalPosterior early = new IncrementalPosterior(2);
        for (int j = 0; j < a.answerCount(); j++) {
            early.add(a.item(j), a.worker(j), a.label(j));
        }
        InferenceResult ds = new DawidSkene().infer(a, null);
        early.replaceWorkerEstimates(ds);
        IncrementalPosterior late = new IncrementalPosterior(2);
        late.replaceWorkerEstimates(ds);
        for (int j = 0; j < a.answerCount(); j++) {
            late.add(a.item(j), a.worker(j), a.label(j));
        }
        for (int i = 0; i < a.itemCount(); i++) {
            assertEquals(late.posterior(i)[0], early.posterior(i)[0], 1e-9);
        }
    }

    @Test
    void oneCoinEstimatesComeFromAccuracyWhenThereIsNoConfusion() {
        CategoricalAnswers a = new CategoricalAnswers(2, 2, 2, new int[]{0, 1, 1}, new int[]{0, 0, 1}, new int[]{1, 1, 1});
        InferenceResult mv = new MajorityVote().infer(a, null);
        IncrementalPosterior inc = new IncrementalPosterior(2);
        inc.replaceWorkerEstimates(mv);
        assertEquals(1 - 1e-6, inc.likelihood(0, 1, 1), 1e-9);
        assertEquals(0.7, inc.likelihood(5, 0, 0), 1e-12);
    }

    @Test
    void oneCoinAccuracyBelowChanceCountsAsUninformative() {
        // worker 1 disagrees with the majority on its only answer: majority-vote accuracy 0
        CategoricalAnswers a = new CategoricalAnswers(1, 3, 2, new int[]{0, 0, 0}, new int[]{0, 1, 2}, new int[]{1, 0, 1});
        IncrementalPosterior inc = new IncrementalPosterior(2);
        inc.replaceWorkerEstimates(new MajorityVote().infer(a, null));
        assertEquals(0.5, inc.likelihood(1, 0, 0), 1e-12);
        inc.add(7, 1, 0);
        assertEquals(inc.priors()[0], inc.posterior(7)[0], 1e-9, "an uninformative answer leaves the priors");
    }

    @Test
    void goldStaysClamped() {
        IncrementalPosterior inc = new IncrementalPosterior(2);
        inc.setGold(3, 1);
        inc.add(3, 0, 0);
        inc.add(3, 1, 0);
        assertEquals(1, inc.label(3));
        assertEquals(1.0, inc.confidence(3), 0.0);
        assertEquals(1.0, inc.posterior(3)[1], 0.0);
    }

    @Test
    void manyAnswersKeepTheStateFinite() {
        IncrementalPosterior inc = new IncrementalPosterior(2);
        for (int j = 0; j < 5000; j++) {
            inc.add(0, j, 1);
        }
        assertTrue(Double.isFinite(inc.confidence(0)));
        assertEquals(1.0, inc.confidence(0), 1e-12);
        assertEquals(1, inc.label(0));
    }

    @Test
    void rejectsBadAnswersAndMismatchedResults() {
        IncrementalPosterior inc = new IncrementalPosterior(2);
        assertThrows(IllegalArgumentException.class, () -> inc.add(0, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> inc.add(-1, 0, 0));
        CategoricalAnswers three = new CategoricalAnswers(1, 1, 3, new int[]{0}, new int[]{0}, new int[]{2});
        assertThrows(IllegalArgumentException.class, () -> inc.replaceWorkerEstimates(new MajorityVote().infer(three, null)));
    }
}
