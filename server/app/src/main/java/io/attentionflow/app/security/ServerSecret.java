package io.attentionflow.app.security;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that signs round tokens and pseudonymises player ids in exports. It lives in PostgreSQL,
 * created by whichever node starts first, so every node of a deployment signs and checks alike.
 */
@ApplicationScoped
public class ServerSecret {

    private final Pool pool;
    private volatile SecretKeySpec key;

    public ServerSecret(Pool pool) {
        this.pool = pool;
    }

    void load(@Observes @Priority(10) StartupEvent startup) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        byte[] secret = pool.preparedQuery("insert into server_secret (id, secret) values (1, $1) on conflict (id) do nothing")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(fresh)))
                .chain(() -> pool.query("select secret from server_secret where id = 1").execute())
                .map(rows -> rows.iterator().next().getBuffer("secret").getBytes())
                .await().indefinitely();
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** HMAC-SHA256 of {@code message} under the server secret. */
    public byte[] sign(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
