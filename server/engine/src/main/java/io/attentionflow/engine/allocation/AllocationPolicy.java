package io.attentionflow.engine.allocation;

/**
 * Chooses the next item for a player. A policy is bound to one {@link AllocationState} and listens
 * to it; it only chooses: the caller claims the item ({@link AllocationState#claim}). A policy never
 * returns an item the player has seen, nor one that is retired, gold or at its answer cap.
 */
public interface AllocationPolicy {

    /** Short name: {@code need}, {@code random}, {@code breadth}, {@code fixed}. */
    String name();

    /**
     * @param player    player id ({@code >= 0}), or negative for an anonymous player (a replay)
     * @param confusion the player's confusion matrix (flat labels x labels), or {@code null} to use the
     *                  state's reference player
     * @return the item to serve, or -1 if no item is open for this player
     */
    int next(int player, double[] confusion);
}
