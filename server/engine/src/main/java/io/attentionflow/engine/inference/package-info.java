/**
 * Truth inference for categorical answers: from many noisy answers ({@link
 * io.attentionflow.engine.answers.CategoricalAnswers}) to a posterior, label and confidence per item and a
 * reliability per worker ({@link io.attentionflow.engine.inference.InferenceResult}).
 *
 * <p>One interface, {@link io.attentionflow.engine.inference.TruthInference}, one class per method, all
 * registered by name in {@link io.attentionflow.engine.inference.Methods}:
 * {@code mv}, {@code wmv}, {@code ocds}, {@code ds}, {@code glad}, {@code mace} and the recommended
 * {@code default}. {@link io.attentionflow.engine.inference.IncrementalPosterior} keeps posteriors current
 * answer by answer between full fits. Numeric answers live in the {@code numeric} sub-package.
 *
 * <p>No framework, no I/O; int ids and primitive arrays throughout. See docs/scoring.md and
 * docs/benchmarks/aggregation.md.
 */
package io.attentionflow.engine.inference;
