package io.attentionflow.engine.inference;

class DefaultInferenceTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new DefaultInference();
    }
}
