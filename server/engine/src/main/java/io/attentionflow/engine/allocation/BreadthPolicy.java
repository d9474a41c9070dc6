package io.attentionflow.engine.allocation;

/** Breadth first: the item with the fewest expected answers (given plus in flight), ties at random. */
public final class BreadthPolicy extends IndexedPolicy {

    public BreadthPolicy(AllocationState state, long seed) {
        super(state, seed);
    }

    @Override
    public String name() {
        return "breadth";
    }

    @Override
    double key(int item) {
        return -state.expectedAnswers(item) + 0.5 * jitter[item];
    }
}
