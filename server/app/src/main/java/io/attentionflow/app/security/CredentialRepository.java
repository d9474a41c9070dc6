package io.attentionflow.app.security;

import io.attentionflow.app.persistence.BoundedReads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Bearer tokens by their SHA-256. */
@ApplicationScoped
public class CredentialRepository {

    /** Who a token belongs to. */
    public record Credential(String role, long subjectId) {
    }

    private final Pool pool;
    private final BoundedReads reads;

    public CredentialRepository(Pool pool, BoundedReads reads) {
        this.pool = pool;
        this.reads = reads;
    }

    public Uni<Optional<Credential>> find(String token) {
        // Every request of a player a node has not met yet (a new player, or any player after the node started) reads
        // their token first: bounded, so that a hanging PostgreSQL gives those requests 503 rather than holding them.
        return reads.bounded(pool.preparedQuery("select role, subject_id from credential where token_hash = $1")
                        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.sha256(token)))), "the bearer token's owner")
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new Credential(row.getString("role"), row.getLong("subject_id")));
                });
    }

    /** Stores {@code token} for the subject; idempotent, so seeding twice is harmless. */
    public Uni<Void> save(SqlClient client, String token, String role, long subjectId) {
        return client.preparedQuery("insert into credential (token_hash, role, subject_id) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.sha256(token)), role, subjectId))
                .replaceWithVoid();
    }
}
