package io.attentionflow.plugin.api;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A machine player for one game type: it proposes an answer for an item, which the host shows to players
 * as a starting point or hint and treats as one more, separately calibrated, worker. Implementations are
 * thread-safe and may take up to a few seconds per item; the host calls them off the request path.
 *
 * @since 1.1.0
 */
public interface AiHelper extends ExtensionPoint {

    /** The id of the game type this helper plays. */
    String gameType();

    /** A suggestion for the item, or empty when the helper has none. */
    Optional<Suggestion> suggest(Item item);
}
