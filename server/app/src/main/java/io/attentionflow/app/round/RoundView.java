package io.attentionflow.app.round;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A round as the player's browser receives it. Gold answers are never included.
 *
 * @param token     single-use signed token to send back with the answers
 * @param module    URL of the game's browser module
 * @param expiresAt when the lease ends and the items go back to the pool
 */
public record RoundView(UUID roundId, String token, long projectId, String gameType, String module, Instant expiresAt,
                        List<String> labels, List<RoundItem> items) {

    /**
     * One item to play.
     *
     * @param suggestion what the game's AI helper proposes, when it has something
     */
    public record RoundItem(long id, Map<String, String> fields, @JsonInclude(JsonInclude.Include.NON_NULL) Suggestion suggestion) {
    }

    /** An AI helper's proposal: an answer in the game's format and how sure the helper is. */
    public record Suggestion(String answer, double confidence) {
    }
}
