package io.attentionflow.plugin.api;

/**
 * What an answer of a game is, which decides how the host aggregates answers into results.
 *
 * @since 1.1.0
 */
public enum AnswerKind {
    /** One of the project's labels; aggregated by truth inference (majority vote, Dawid-Skene, ...). */
    CATEGORICAL,
    /** Free text such as a tag; aggregated by agreement between players (output agreement, ESP-style). */
    TEXT,
    /**
     * A structured solution (for instance a fold of a chain) that the game scores with an objective;
     * the result of an item is its best solutions.
     */
    STRUCTURED
}
