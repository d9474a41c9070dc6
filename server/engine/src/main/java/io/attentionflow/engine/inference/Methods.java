package io.attentionflow.engine.inference;

import java.util.List;
import java.util.Optional;

/** The categorical truth-inference methods by their short name, as the CLI and the REST API spell them. */
public final class Methods {

    private static final List<String> NAMES = List.of("mv", "wmv", "ocds", "ds", "glad", "mace", "default");

    private Methods() {
    }

    /** All method names, the recommended {@code default} last. */
    public static List<String> names() {
        return NAMES;
    }

    /** A new instance of the method called {@code name}, or empty if there is none. */
    public static Optional<TruthInference> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name) {
            case "mv" -> Optional.of(new MajorityVote());
            case "wmv" -> Optional.of(new WeightedMajorityVote());
            case "ocds" -> Optional.of(new OneCoinDawidSkene());
            case "ds" -> Optional.of(new DawidSkene());
            case "glad" -> Optional.of(new Glad());
            case "mace" -> Optional.of(new Mace());
            case "default" -> Optional.of(new DefaultInference());
            default -> Optional.empty();
        };
    }
}
