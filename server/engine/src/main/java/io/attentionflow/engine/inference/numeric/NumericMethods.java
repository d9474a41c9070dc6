package io.attentionflow.engine.inference.numeric;

import java.util.List;
import java.util.Optional;

/** The numeric truth-inference methods by their short name, as the CLI spells them. */
public final class NumericMethods {

    private static final List<String> NAMES = List.of("median", "trimmed", "bias", "mean");

    private NumericMethods() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** A new instance of the method called {@code name}, or empty if there is none. */
    public static Optional<NumericInference> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name) {
            case "median" -> Optional.of(RobustMean.median());
            case "trimmed" -> Optional.of(RobustMean.trimmed(0.1));
            case "bias" -> Optional.of(new BiasCorrectedMean());
            case "mean" -> Optional.of(RobustMean.mean());
            default -> Optional.empty();
        };
    }
}
