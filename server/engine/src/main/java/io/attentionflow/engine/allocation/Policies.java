package io.attentionflow.engine.allocation;

import java.util.List;
import java.util.Optional;

/** The allocation policies by name, as projects, the CLI and the REST API spell them. */
public final class Policies {

    private Policies() {
    }

    public static List<String> names() {
        return List.of("need", "random", "breadth", "fixed");
    }

    /**
     * A policy bound to {@code state}.
     *
     * @param redundancy the fixed policy's count; ignored by the others
     * @return empty if the name is unknown
     * @throws IllegalArgumentException if {@code name} is {@code fixed} and {@code redundancy < 1}
     */
    public static Optional<AllocationPolicy> create(String name, AllocationState state, int redundancy, long seed) {
        return switch (name) {
            case "need" -> Optional.of(new NeedPolicy(state, seed));
            case "random" -> Optional.of(new RandomPolicy(state, seed));
            case "breadth" -> Optional.of(new BreadthPolicy(state, seed));
            case "fixed" -> Optional.of(new FixedRedundancyPolicy(state, redundancy, seed));
            default -> Optional.empty();
        };
    }
}
