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

    public RoundMetrics(MeterRegistry registry) {
        roundsIssued = Counter.builder("aflow.rounds.issued").description("Rounds handed to players").register(registry);
        answersAccepted = Counter.builder("aflow.answers.accepted").description("Answers committed to PostgreSQL").register(registry);
        leasesExpired = Counter.builder("aflow.leases.expired").description("Rounds whose lease ran out unanswered").register(registry);
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
}
