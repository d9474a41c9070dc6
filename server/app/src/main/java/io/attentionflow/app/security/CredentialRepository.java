package io.attentionflow.app.security;

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

    public CredentialRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Credential>> find(String token) {
        return pool.preparedQuery("select role, subject_id from credential where token_hash = $1")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.sha256(token))))
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
