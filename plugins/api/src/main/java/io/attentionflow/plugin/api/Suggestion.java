package io.attentionflow.plugin.api;

import java.util.Objects;

/**
 * What an AI helper proposes for an item.
 *
 * @param answer     an answer in the game's own format (a label, a word, a serialised solution)
 * @param confidence the helper's probability that the answer is right, in [0, 1]; for structured answers,
 *                   how close to optimal the helper believes it is
 * @since 1.1.0
 */
public record Suggestion(String answer, double confidence) {

    public Suggestion {
        Objects.requireNonNull(answer, "answer");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
    }
}
