package io.attentionflow.engine.allocation;

import java.util.SplittableRandom;

/**
 * One project's allocator in memory: a state, a policy and gold mixing. {@link #assign} picks and
 * claims the next item for a player (a gold item at the mixer's rate while the player has unseen
 * gold, else the policy's choice); {@link #answer} and {@link #release} close the claim. This is the
 * single-node form; the app keeps the same state in Redis. Not thread-safe.
 */
public final class Allocator {

    private final AllocationState state;
    private final AllocationPolicy policy;
    private final GoldMixer gold;
    private final int[] goldItems;
    private final SplittableRandom random;

    /**
     * @param goldItems the items marked gold in {@code state}
     */
    public Allocator(AllocationState state, AllocationPolicy policy, GoldMixer gold, int[] goldItems, long seed) {
        this.state = state;
        this.policy = policy;
        this.gold = gold;
        this.goldItems = goldItems.clone();
        this.random = new SplittableRandom(seed);
        for (int g : goldItems) {
            if (!state.isGold(g)) {
                throw new IllegalArgumentException("item " + g + " is not marked gold in the state");
            }
        }
    }

    public AllocationState state() { return state; }

    public AllocationPolicy policy() { return policy; }

    /**
     * Picks and claims the next item for {@code player}.
     *
     * @param answersGiven how many answers the player has given in this project (their history)
     * @param confusion    the player's confusion matrix, or {@code null} for the reference player
     * @return the claimed item, or -1 if nothing is open for the player
     */
    public int assign(int player, int answersGiven, double[] confusion) {
        if (goldItems.length > 0 && gold.serveGold(answersGiven, random.nextDouble())) {
            int start = random.nextInt(goldItems.length);
            for (int k = 0; k < goldItems.length; k++) {
                int g = goldItems[(start + k) % goldItems.length];
                if (!state.hasSeen(player, g)) {
                    state.claim(player, g);
                    return g;
                }
            }
        }
        int item = policy.next(player, confusion);
        if (item >= 0) {
            state.claim(player, item);
        }
        return item;
    }

    /** The player answered a claimed item. */
    public void answer(int item, int label, double[] confusion) {
        state.answer(item, label, confusion);
    }

    /** A lease expired unanswered. */
    public void release(int item) {
        state.release(item);
    }
}
