/**
 * The Attention Flow plugin API, version {@link io.attentionflow.plugin.api.PluginApi#VERSION}.
 *
 * <p>A plugin is a PF4J jar that declares {@code Plugin-Requires: ^MAJOR.MINOR.PATCH} in its manifest and
 * provides extensions of the types in this package. The host refuses, at load time and with a log line
 * naming both versions, a plugin whose requirement its API version does not satisfy.
 *
 * <p>Compatibility rules: within a major version the API grows only by new types and by {@code default}
 * methods, so a plugin built against 1.0 keeps working on every 1.x host. Removing or changing a method
 * is a new major version. No framework types appear here: only the JDK and PF4J's marker interface.
 *
 * <ul>
 *   <li>1.0.0 — {@link io.attentionflow.plugin.api.GameType}: categorical answer space, item and answer
 *       validation, round shape, points, browser module, demo project.</li>
 *   <li>1.1.0 — {@link io.attentionflow.plugin.api.AnswerKind} (categorical, text, structured) and
 *       {@code GameType.objective}; {@link io.attentionflow.plugin.api.AiHelper} with
 *       {@link io.attentionflow.plugin.api.Suggestion}.</li>
 *   <li>1.2.0 — {@code GameType.agreementKey}: when two text answers agree (output agreement games).</li>
 * </ul>
 */
package io.attentionflow.plugin.api;
