package io.attentionflow.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.attentionflow.engine.answers.CategoricalAnswers;
import org.junit.jupiter.api.Test;

class MajorityVoteTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new MajorityVote();
    }

    @Test
    void aWorkerIsMeasuredAgainstTheOthersOnlyAndAnAnswerNobodyElseGaveSaysNothing() {
        // item 0: worker 0 alone; item 1: workers 0 and 1 agree; item 2: worker 0 against workers 1 and 2.
        CategoricalAnswers answers = new CategoricalAnswers(3, 4, 2,
                new int[] {0, 1, 1, 2, 2, 2},
                new int[] {0, 0, 1, 0, 1, 2},
                new int[] {0, 0, 0, 0, 1, 1});
        InferenceResult r = method().infer(answers, null);
        // worker 0: agrees on item 1, not on item 2; item 0 says nothing about them
        assertEquals(0.5, r.workerAccuracy(0), 1e-12);
        // worker 1: agrees on item 1; on item 2 the others are tied 1:1, so half
        assertEquals(0.75, r.workerAccuracy(1), 1e-12);
        // worker 2: the others on item 2 are tied
        assertEquals(0.5, r.workerAccuracy(2), 1e-12);
        // worker 3 answered nothing: a worker nothing is known about
        assertEquals(AccuracyPrior.ACCURACY, r.workerAccuracy(3), 1e-12);
    }

    @Test
    void goldIsWhatAnAnswerOnAGoldItemIsMeasuredAgainst() {
        CategoricalAnswers answers = new CategoricalAnswers(1, 1, 2, new int[] {0}, new int[] {0}, new int[] {1});
        InferenceResult r = method().infer(answers, new int[] {1});
        assertEquals(1.0, r.workerAccuracy(0), 1e-12);
    }
}
