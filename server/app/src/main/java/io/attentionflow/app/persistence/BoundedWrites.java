package io.attentionflow.app.persistence;

import io.attentionflow.app.boot.AflowConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Bounds the PostgreSQL writes that requests wait on outside the answers' transaction (which has its own limit,
 * {@code aflow.answers.wait-timeout}). A write that takes longer than {@code aflow.write-timeout} fails with a
 * {@link TimeoutException}, which the client gets as 503. The statement is not cancelled: it may still commit after
 * the client was told to try again, so every write bounded here is one that may be sent again without harm (setting a
 * status, an upsert, an insert that skips what it already holds), or one whose repetition leaves only something nobody
 * holds a token for. That is the retry story each caller states.
 */
@ApplicationScoped
public class BoundedWrites {

    private final Duration timeout;

    BoundedWrites(AflowConfig config) {
        this.timeout = config.writeTimeout();
    }

    public <T> Uni<T> bounded(Uni<T> write, String what) {
        return write.ifNoItem().after(timeout).failWith(() -> new TimeoutException(
                what + " was not confirmed within " + timeout.toMillis() + " ms; it may still take effect"));
    }
}
