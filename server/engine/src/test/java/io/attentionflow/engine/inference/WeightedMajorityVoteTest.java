package io.attentionflow.engine.inference;

class WeightedMajorityVoteTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new WeightedMajorityVote();
    }
}
