package io.attentionflow.app.round;

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

    /** One item to play. */
    public record RoundItem(long id, Map<String, String> fields) {
    }
}
