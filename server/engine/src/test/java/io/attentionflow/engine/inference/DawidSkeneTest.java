package io.attentionflow.engine.inference;

class DawidSkeneTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new DawidSkene();
    }
}
