package io.attentionflow.app.researcher;

import io.attentionflow.app.persistence.BoundedWrites;
import io.attentionflow.app.security.CredentialRepository;
import io.attentionflow.app.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Registering researchers: a row and a bearer token, in one transaction. */
@ApplicationScoped
public class ResearcherService {

    private final Pool pool;
    private final BoundedWrites writes;
    private final CredentialRepository credentials;

    public ResearcherService(Pool pool, BoundedWrites writes, CredentialRepository credentials) {
        this.pool = pool;
        this.writes = writes;
        this.credentials = credentials;
    }

    /**
     * Stores a researcher with the given token and returns their id. Sent again after a 503, it registers another
     * researcher; one whose transaction committed late holds a token nobody got, and owns nothing.
     */
    public Uni<Long> register(String name, String token) {
        return writes.bounded(pool.withTransaction(tx -> tx.preparedQuery("insert into researcher (name) values ($1) returning id")
                .execute(Tuple.of(name))
                .map(rows -> rows.iterator().next().getLong(0))
                .call(id -> credentials.save(tx, token, Roles.RESEARCHER, id))), "a new researcher");
    }
}
