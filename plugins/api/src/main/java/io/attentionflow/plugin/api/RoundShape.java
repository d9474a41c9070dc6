package io.attentionflow.plugin.api;

/**
 * How many items one round holds and whether two players play it together.
 *
 * @param itemsPerRound at least 1
 * @param paired        {@code true} for agreement games that need a partner
 * @param leaseSeconds  how long a player may take before the round's items go back to the pool
 */
public record RoundShape(int itemsPerRound, boolean paired, int leaseSeconds) {

    public RoundShape {
        if (itemsPerRound < 1) {
            throw new IllegalArgumentException("itemsPerRound must be at least 1, got " + itemsPerRound);
        }
        if (leaseSeconds < 1) {
            throw new IllegalArgumentException("leaseSeconds must be at least 1, got " + leaseSeconds);
        }
    }
}
