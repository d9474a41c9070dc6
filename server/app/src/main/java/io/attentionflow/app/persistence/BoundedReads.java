package io.attentionflow.app.persistence;

import io.attentionflow.app.boot.AflowConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Bounds the PostgreSQL reads that requests and index rebuilds wait on. The repositories apply it where they read
 * outside a transaction (a project, items, a player, a bearer token's owner, reliabilities, counts) and to each page of
 * a read in pages ({@link KeysetPages}: a rebuild, an export, an aggregation). A PostgreSQL that stops answering
 * without closing the connection would otherwise hold such a request until the operating system gives the connection
 * up. A read that takes longer than {@code aflow.read-timeout} fails with a {@link TimeoutException}, which the client
 * gets as 503 (send it again); the query itself is not cancelled, and ends as it will. Reads inside a transaction are
 * not bounded here: the answers' transaction has its own limit ({@code aflow.answers.wait-timeout}).
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
