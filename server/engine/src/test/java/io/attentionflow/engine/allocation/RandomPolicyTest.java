package io.attentionflow.engine.allocation;

class RandomPolicyTest extends AllocationPolicyContract {
    @Override
    AllocationPolicy create(AllocationState state, long seed) {
        return new RandomPolicy(state, seed);
    }
}
