package io.attentionflow.engine.allocation;

/**
 * Fixed redundancy, the common platform default: every item is to get {@code redundancy} answers and
 * retires at that count whatever the answers say; items below the count (answers in flight included)
 * are served at random. Use it with {@link Retirement#atCount(int)} so that the state agrees.
 */
public final class FixedRedundancyPolicy extends RandomPolicy {

    private final int redundancy;

    public FixedRedundancyPolicy(AllocationState state, int redundancy, long seed) {
        super(state, checked(redundancy, seed));
        this.redundancy = redundancy;
        allChanged();
    }

    private static long checked(int redundancy, long seed) {
        if (redundancy < 1) {
            throw new IllegalArgumentException("redundancy must be >= 1, got " + redundancy);
        }
        return seed;
    }

    @Override
    public String name() {
        return "fixed";
    }

    public int redundancy() { return redundancy; }

    @Override
    boolean eligible(int item) {
        // while the super constructor runs, redundancy is still 0; allChanged() runs again afterwards
        return redundancy > 0 && state.isServable(item) && state.expectedAnswers(item) < redundancy;
    }
}
