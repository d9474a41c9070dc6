package io.attentionflow.app.round;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of the play loop, exported at /q/metrics (registered at start, so they show from zero). */
@Startup
@ApplicationScoped
public class RoundMetrics {

    private final Counter roundsIssued;
    private final Counter answersAccepted;
    private final Counter leasesExpired;
    private final Counter roundsUnserved;
    private final Counter indexMissing;

    public RoundMetrics(MeterRegistry registry) {
        roundsIssued = Counter.builder("aflow.rounds.issued").description("Rounds handed to players").register(registry);
        answersAccepted = Counter.builder("aflow.answers.accepted").description("Answers committed to PostgreSQL").register(registry);
        leasesExpired = Counter.builder("aflow.leases.expired").description("Rounds whose lease ran out unanswered").register(registry);
        roundsUnserved = Counter.builder("aflow.rounds.unserved")
                .description("Requests for a round that found no item for the player (all seen, full, retired or over budget)")
                .register(registry);
        indexMissing = Counter.builder("aflow.index.missing")
                .description("Rebuilds by this node of a project's allocation index that a claim found missing from Redis "
                        + "(flushed or lost, or of an older layout)").register(registry);
    }

    public void roundIssued() {
        roundsIssued.increment();
    }

    public void answersAccepted(int count) {
        answersAccepted.increment(count);
    }

    public void leaseExpired() {
        leasesExpired.increment();
    }

    public void roundUnserved() {
        roundsUnserved.increment();
    }

    public void indexMissing() {
        indexMissing.increment();
    }
}
