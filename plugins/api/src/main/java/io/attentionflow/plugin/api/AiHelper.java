package io.attentionflow.plugin.api;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A machine player for one game type: it proposes an answer for an item, which the host shows to players
 * as a starting point or hint. For a game with labels the host also takes the suggestion as the item's prior
 * when it decides where players go next: the higher {@link Suggestion#confidence()}, the later players are
 * sent to the item, so a helper should report calibrated confidences (a helper that is right 70% of the time
 * when it says 0.9 pulls players away from items that need them). Players' answers alone decide the results.
 * Implementations are thread-safe and may take up to a few seconds per item; the host calls them off the
 * request path.
 *
 * @since 1.1.0
 */
public interface AiHelper extends ExtensionPoint {

    /** The id of the game type this helper plays. */
    String gameType();

    /** A suggestion for the item, or empty when the helper has none. */
    Optional<Suggestion> suggest(Item item);
}
