package io.attentionflow.app.http;

import io.vertx.pgclient.PgException;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures that mean PostgreSQL or Redis cannot serve right now (unreachable, restarting, out of connections,
 * busy, or a transaction it aborted for a retry) from everything else. A request that meets one acknowledged nothing,
 * and the client may send it again: that is what 503 says. A write whose time ran out ({@code BoundedWrites}) may still
 * take effect, so each such write is one that may be sent again without harm.
 */
public final class StoreFailures {

    /**
     * SQLSTATEs of a PostgreSQL that cannot serve now, as opposed to a statement it refuses: lost connections (but not
     * 08P01, a protocol violation: a client bug), out of resources (class 53), shutting down, crashed or starting up,
     * and the transactions it aborted to be retried. A cancelled statement (57014) is not among them: sending an
     * over-expensive request again only adds load.
     */
    private static final Set<String> UNAVAILABLE_CODES = Set.of("08000", "08003", "08006", "08001", "08004",
            "57P01", "57P02", "57P03", "40001", "40P01");
    private static final String OUT_OF_RESOURCES_CLASS = "53";

    /**
     * Error replies of a Redis that is there but cannot serve for a moment: loading its data after a restart, busy
     * running a script, a replica that lost its primary, or a cluster resharding or electing a new primary. Not
     * READONLY: a server pointed at a replica for good is misconfigured, and asking again will not help.
     */
    private static final Set<String> REDIS_UNAVAILABLE_REPLIES = Set.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

    private StoreFailures() {
    }

    public static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException || cause instanceof TimeoutException) {
                return true;
            }
            if (cause instanceof Response reply && reply.type() == ResponseType.ERROR && cause.getMessage() != null
                    && REDIS_UNAVAILABLE_REPLIES.contains(cause.getMessage().split(" ", 2)[0])) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (UNAVAILABLE_CODES.contains(pg.getSqlState()) || pg.getSqlState().startsWith(OUT_OF_RESOURCES_CLASS))) {
                return true;
            }
        }
        return false;
    }
}
