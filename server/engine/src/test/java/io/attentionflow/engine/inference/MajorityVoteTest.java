package io.attentionflow.engine.inference;

class MajorityVoteTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new MajorityVote();
    }
}
