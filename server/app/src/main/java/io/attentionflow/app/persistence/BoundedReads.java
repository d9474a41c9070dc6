package io.attentionflow.app.persistence;

import io.attentionflow.app.boot.AflowConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Bounds PostgreSQL reads that a request or a rebuild waits on: a project, items, a bearer token's owner, when a node
 * does not have them in memory, and each page of a stream read in pages ({@link KeysetPages}: an index rebuild, an
 * export, an aggregation). A PostgreSQL that stops answering without closing the connection would otherwise hold such a
 * request until the operating system gives the connection up. A read that takes longer than {@code aflow.read-timeout}
 * fails with a {@link TimeoutException}, which the client gets as 503 (send it again); the query itself is not
 * cancelled, and ends as it will.
 */
@ApplicationScoped
public class BoundedReads {

    private final Duration timeout;

    BoundedReads(AflowConfig config) {
        this.timeout = config.readTimeout();
    }

    public <T> Uni<T> bounded(Uni<T> read, String what) {
        return read.ifNoItem().after(timeout).failWith(() -> new TimeoutException(what + " was not read within " + timeout.toMillis() + " ms"));
    }
}
