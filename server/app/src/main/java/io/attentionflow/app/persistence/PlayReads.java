package io.attentionflow.app.persistence;

import io.attentionflow.app.boot.AflowConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Bounds the PostgreSQL reads of the play path (a project, items, a player's credentials, when a node does not have
 * them in memory): a PostgreSQL that stops answering without closing the connection would otherwise hold such a request
 * until the operating system gives the connection up. A read that takes too long fails with a {@link TimeoutException},
 * which the client gets as 503 (send it again); the query itself is not cancelled, and ends as it will.
 */
@ApplicationScoped
public class PlayReads {

    private final Duration timeout;

    PlayReads(AflowConfig config) {
        this.timeout = config.readTimeout();
    }

    public <T> Uni<T> bounded(Uni<T> read, String what) {
        return read.ifNoItem().after(timeout).failWith(() -> new TimeoutException(what + " was not read within " + timeout.toMillis() + " ms"));
    }
}
