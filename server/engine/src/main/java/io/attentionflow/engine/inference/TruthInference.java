package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/**
 * Truth inference for categorical answers: from many noisy answers, a posterior over labels for each
 * item and a reliability for each worker. Implementations are deterministic for a given input.
 */
public interface TruthInference {

    /** Marks an item without a known answer in a gold array. */
    int NO_GOLD = -1;

    /** Short method name as used by the CLI and the REST API ({@code mv}, {@code ds}, ...). */
    String name();

    /**
     * @param answers the answers
     * @param gold    known label per item, {@link #NO_GOLD} where unknown; {@code null} for no gold at all.
     *                Gold items are clamped to their label and anchor worker estimates.
     */
    InferenceResult infer(CategoricalAnswers answers, int[] gold);

    /**
     * Whether the method's worker accuracies come from a model of how workers answer (the EM methods), and
     * so can weigh their answers; false where they are a by-product, such as agreement with a vote, and the
     * platform weighs answers with {@link OneCoinAccuracies} instead.
     */
    default boolean modelsWorkers() {
        return true;
    }

    /**
     * Whether the method's label for an item is its most-voted label, ties going to the first label (majority
     * vote): then allocation aims at that label ({@code MajorityNeed}) rather than at the posterior.
     */
    default boolean reportsMajority() {
        return false;
    }
}
