package io.attentionflow.engine.allocation;

/**
 * Sends the player where one more answer is worth most. The global index is keyed by the need for
 * the state's reference player (O(log n) per change); for a player it takes the
 * {@value IndexedPolicy#CANDIDATES} best items the player has not seen and picks the one with the
 * highest need for that player's own confusion matrix, so hard items go to reliable players.
 */
public final class NeedPolicy extends IndexedPolicy {

    /** Relative size of the random tie-breaking jitter added to the need. */
    private static final double JITTER = 1e-9;

    public NeedPolicy(AllocationState state, long seed) {
        super(state, seed);
    }

    @Override
    public String name() {
        return "need";
    }

    @Override
    double key(int item) {
        return state.referenceNeed(item) * (1 + JITTER * jitter[item]) + JITTER * jitter[item] * 1e-6;
    }

    @Override
    int choose(int[] best, int n, double[] confusion) {
        if (confusion == null) {
            return best[0];
        }
        int pick = best[0];
        double top = -1;
        for (int c = 0; c < n; c++) {
            double v = state.need(best[c], confusion);
            if (v > top) {
                top = v;
                pick = best[c];
            }
        }
        return pick;
    }
}
