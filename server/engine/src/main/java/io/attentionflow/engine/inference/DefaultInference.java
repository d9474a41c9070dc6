package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/** Placeholder: the recommended default; chosen on the benchmark evidence (see docs/benchmarks/aggregation.md). */
public final class DefaultInference implements TruthInference {

    private final TruthInference delegate = new DawidSkene();

    @Override
    public String name() {
        return "default";
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        return delegate.infer(answers, gold);
    }
}
