package io.attentionflow.engine.inference;

class OneCoinDawidSkeneTest extends TruthInferenceContractTest {

    @Override
    TruthInference method() {
        return new OneCoinDawidSkene();
    }
}
