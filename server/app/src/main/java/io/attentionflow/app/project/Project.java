package io.attentionflow.app.project;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A researcher's campaign, as stored.
 *
 * @param answerBudget answers the project may spend in all, gold included; {@code null} for no limit
 */
public record Project(long id, long ownerId, String name, String gameType, List<String> labels, int minAnswers,
                      int maxAnswers, double targetConfidence, double goldRate, String method, Policy policy,
                      Long answerBudget, Status status, OffsetDateTime createdAt) {

    /** Where a project is in its life. */
    public enum Status {
        draft, active, paused, completed
    }

    /**
     * How the next item for a player is chosen. {@code need}: the item where one more answer is expected to
     * reduce uncertainty most; {@code breadth}: fewest answers first; {@code fixed}: random order, items
     * retire only at maxAnswers (the common platform default); {@code random}: random order.
     */
    public enum Policy {
        need, breadth, fixed, random
    }

    /** Retirement under this project's targets; {@code fixed} projects retire on count alone. */
    public io.attentionflow.engine.allocation.Retirement retirement() {
        double target = policy == Policy.fixed ? 2 : targetConfidence;
        return new io.attentionflow.engine.allocation.Retirement(target, minAnswers, maxAnswers, Long.MAX_VALUE);
    }

    public boolean isActive() {
        return status == Status.active;
    }

    /**
     * Whether the project's results are its items' most-voted labels (majority vote), at which its need then
     * aims, rather than their most probable labels.
     */
    public boolean reportsMajority() {
        return io.attentionflow.engine.inference.Methods.byName(method)
                .map(io.attentionflow.engine.inference.TruthInference::reportsMajority).orElse(false);
    }
}
