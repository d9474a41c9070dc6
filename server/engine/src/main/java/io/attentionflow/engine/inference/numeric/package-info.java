/**
 * Truth inference for numeric answers: {@link io.attentionflow.engine.inference.numeric.NumericAnswers} in,
 * {@link io.attentionflow.engine.inference.numeric.NumericResult} (value and standard error per item, bias
 * and noise per worker) out. Methods by name in {@link io.attentionflow.engine.inference.numeric.NumericMethods}:
 * {@code median}, {@code trimmed}, {@code bias}, {@code mean}.
 */
package io.attentionflow.engine.inference.numeric;
