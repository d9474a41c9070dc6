package io.attentionflow.plugin.api;

import java.util.Objects;

/**
 * Why an item or an answer is refused: the field at fault and a reason a person can act on. Plugins
 * return problems instead of throwing, and the host turns them into HTTP 400 responses.
 *
 * @param field  the field at fault, e.g. {@code "text"} for an item or {@code "answer"} for an answer
 * @param reason what is wrong, e.g. {@code "must be one of: cat, dog"}
 */
public record Problem(String field, String reason) {

    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
