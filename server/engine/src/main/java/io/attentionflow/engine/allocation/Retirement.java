package io.attentionflow.engine.allocation;

/**
 * When an item stops taking answers: its confidence reached {@code targetConfidence} with at least
 * {@code minAnswers} answers, or it has {@code maxAnswers} answers, or the project's answer
 * {@code budget} is spent. Immutable; checks are O(1).
 *
 * @param targetConfidence confidence at which an item retires, in (0, 1]; above 1 never
 * @param minAnswers       answers needed before confidence can retire an item, {@code >= 0}
 * @param maxAnswers       answers at which an item retires whatever its confidence, {@code >= 1}
 * @param budget           total answers the project may spend, {@code >= 1}
 */
public record Retirement(double targetConfidence, int minAnswers, int maxAnswers, long budget) {

    /** No cap on answers per item or in total. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Retirement {
        if (!(targetConfidence > 0)) {
            throw new IllegalArgumentException("target confidence must be > 0, got " + targetConfidence);
        }
        if (minAnswers < 0) {
            throw new IllegalArgumentException("min answers must be >= 0, got " + minAnswers);
        }
        if (maxAnswers < 1) {
            throw new IllegalArgumentException("max answers must be >= 1, got " + maxAnswers);
        }
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1, got " + budget);
        }
    }

    /** Retirement at a fixed count only: the common platform default (fixed redundancy). */
    public static Retirement atCount(int redundancy) {
        return new Retirement(2, 0, redundancy, Long.MAX_VALUE);
    }

    /** Retire when confident enough, never by count or budget. */
    public static Retirement atConfidence(double target, int minAnswers) {
        return new Retirement(target, minAnswers, UNLIMITED, Long.MAX_VALUE);
    }

    /** True once {@code spent} answers exhaust the budget: then every item is retired. */
    public boolean budgetSpent(long spent) {
        return spent >= budget;
    }

    /** True if an item with this confidence and number of answers takes no more answers. */
    public boolean isRetired(double confidence, int answers, long spent) {
        return answers >= maxAnswers
                || (answers >= minAnswers && confidence >= targetConfidence)
                || spent >= budget;
    }
}
