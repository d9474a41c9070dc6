package io.attentionflow.app.boot;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Starts the server. Addresses come from the environment ({@code AFLOW_DB_HOST}, {@code AFLOW_DB_NAME},
 * {@code AFLOW_DB_USER}, {@code AFLOW_DB_PASSWORD}, {@code AFLOW_REDIS_URL}); where none is given, an
 * embedded PostgreSQL (data under {@code AFLOW_DATA_DIR}, default {@code .data}) or Redis is started
 * first, before Quarkus reads its configuration.
 */
@QuarkusMain
public final class AttentionFlowMain {

    private AttentionFlowMain() {
    }

    public static void main(String... args) {
        String dataDir = env("AFLOW_DATA_DIR", ".data");
        String dbHost = System.getenv("AFLOW_DB_HOST");
        if (dbHost == null || dbHost.isBlank()) {
            dbHost = EmbeddedServices.startPostgres(Path.of(dataDir, "postgres"));
        }
        String database = env("AFLOW_DB_NAME", "postgres");
        System.setProperty("quarkus.datasource.reactive.url", "postgresql://" + dbHost + "/" + database);
        System.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + dbHost + "/" + database);
        System.setProperty("quarkus.datasource.username", env("AFLOW_DB_USER", "postgres"));
        System.setProperty("quarkus.datasource.password", env("AFLOW_DB_PASSWORD", "postgres"));
        String redisUrl = System.getenv("AFLOW_REDIS_URL");
        if (redisUrl == null || redisUrl.isBlank()) {
            redisUrl = "redis://" + EmbeddedServices.startRedis();
        }
        System.setProperty("quarkus.redis.hosts", redisUrl);
        Quarkus.run(args);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
