package io.attentionflow.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.engine.answers.CategoricalAnswers;
import org.junit.jupiter.api.Test;

class OneCoinAccuraciesTest {

    /** Four workers on six binary items: 0 and 1 always give label 0, 2 gives label 1 everywhere, 3 answers item 5 alone. */
    private static CategoricalAnswers crowd() {
        int[] item = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5};
        int[] worker = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 3};
        int[] label = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1};
        return new CategoricalAnswers(6, 4, 2, item, worker, label);
    }

    @Test
    void aWorkerAgainstTheOthersIsWeighedLessThanThoseWhoAgree() {
        InferenceResult r = OneCoinAccuracies.estimate(crowd(), null, null);
        assertTrue(r.workerAccuracy(0) > 0.8, "agreeing worker: " + r.workerAccuracy(0));
        assertEquals(r.workerAccuracy(0), r.workerAccuracy(1), 1e-12);
        assertTrue(r.workerAccuracy(2) < 0.4, "contradicting worker: " + r.workerAccuracy(2));
        assertEquals(0, r.label(0));
    }

    @Test
    void anAnswerNobodyElseGaveLeavesItsWorkerAtThePrior() {
        InferenceResult r = OneCoinAccuracies.estimate(crowd(), null, null);
        assertEquals(AccuracyPrior.ACCURACY, r.workerAccuracy(3), 1e-9);
    }

    @Test
    void goldMeasuresWorkersAgainstTheTruth() {
        // With items 0-4 known to be label 1, the lone dissenter is the one who is right.
        int[] gold = {1, 1, 1, 1, 1, TruthInference.NO_GOLD};
        InferenceResult r = OneCoinAccuracies.estimate(crowd(), null, gold);
        assertTrue(r.workerAccuracy(2) > 0.8, "right on gold: " + r.workerAccuracy(2));
        assertTrue(r.workerAccuracy(0) < 0.4, "wrong on gold: " + r.workerAccuracy(0));
        assertEquals(1.0, r.posterior(0, 1), 0.0);
    }

    @Test
    void forWeighingAMethodThatModelsWorkersTrustsAShortRecordLikeATypicalPlayerAndALongOneLikeWhatItShows() {
        // Worker 0 answers three items, worker 1 a hundred; the method finds both infallible.
        int n = 103;
        int[] item = new int[n];
        int[] worker = new int[n];
        int[] label = new int[n];
        for (int a = 0; a < n; a++) {
            item[a] = a;
            worker[a] = a < 3 ? 0 : 1;
        }
        CategoricalAnswers answers = new CategoricalAnswers(n, 2, 2, item, worker, label);
        InferenceResult perfect = new InferenceResult(n, 2, new double[2 * n], new double[] {1.0, 1.0}, null);
        double[] accuracy = OneCoinAccuracies.forWeighing(new DawidSkene(), perfect, answers, null, null);
        assertTrue(accuracy[0] < 0.9, "three unchecked answers: " + accuracy[0]);
        assertTrue(accuracy[1] > 0.99, "a hundred: " + accuracy[1]);
        assertEquals(AccuracyPrior.ACCURACY, OneCoinAccuracies.forWeighing(new DawidSkene(), perfect,
                new CategoricalAnswers(n, 2, 2, new int[0], new int[0], new int[0]), null, null)[0], 1e-12);
    }

    @Test
    void forWeighingAMajorityVoteTakesThisClassesEstimateNotTheVotesAgreement() {
        CategoricalAnswers answers = crowd();
        InferenceResult votes = new MajorityVote().infer(answers, null);
        double[] accuracy = OneCoinAccuracies.forWeighing(new MajorityVote(), votes, answers, null, null);
        InferenceResult oneCoin = OneCoinAccuracies.estimate(answers, null, null);
        for (int w = 0; w < answers.workerCount(); w++) {
            assertEquals(oneCoin.workerAccuracy(w), accuracy[w], 0, "worker " + w);
        }
        assertTrue(Math.abs(AccuracyPrior.of(votes, 0, 5) - accuracy[0]) > 1e-3, "the votes' own figure differs here");
    }
}
