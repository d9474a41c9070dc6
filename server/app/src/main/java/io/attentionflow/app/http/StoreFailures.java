package io.attentionflow.app.http;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures that mean PostgreSQL or Redis cannot serve right now (unreachable, restarting, out of connections,
 * or a transaction it aborted for a retry) from everything else. A request that meets one changed nothing it
 * acknowledged, and the client may send it again: that is what 503 says.
 */
public final class StoreFailures {

    /** SQLSTATE classes and codes of a PostgreSQL that cannot serve now, as opposed to a statement it refuses. */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> RETRY_CODES = Set.of("40001", "40P01");

    private StoreFailures() {
    }

    public static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException || cause instanceof TimeoutException) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (UNAVAILABLE_CLASSES.contains(pg.getSqlState().substring(0, 2)) || RETRY_CODES.contains(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
