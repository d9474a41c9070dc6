package io.attentionflow.engine.inference;

class GladTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new Glad();
    }
}
