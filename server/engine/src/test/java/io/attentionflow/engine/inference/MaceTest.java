package io.attentionflow.engine.inference;

class MaceTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new Mace();
    }
}
