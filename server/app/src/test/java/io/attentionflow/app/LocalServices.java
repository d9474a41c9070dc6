package io.attentionflow.app;

import io.attentionflow.app.boot.EmbeddedServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Real PostgreSQL and Redis for the tests: the ones on localhost when they answer (as on the CI machine),
 * embedded ones otherwise. Each test run gets a fresh database of its own, dropped at the end, and Redis
 * database 9, flushed at the start. Plugins come from {@link TestPlugins}.
 */
public class LocalServices implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "aflow_test";
    static final int REDIS_DB = 9;

    private String adminUrl;
    private static volatile String redisAddress;
    private static volatile String databaseUrl;
    private boolean throughFaultyLinks;
    private static volatile FaultyLink postgresLink;
    private static volatile FaultyLink redisLink;

    @Override
    public void setContext(Context context) {
        this.throughFaultyLinks = ThroughFaultyLinks.class.getName().equals(context.testProfile());
    }

    @Override
    public Map<String, String> start() {
        String postgres = answers("127.0.0.1", 5432) ? "127.0.0.1:5432" : embeddedPostgres();
        String redis = answers("127.0.0.1", 6379) ? "127.0.0.1:6379" : EmbeddedServices.startRedis();
        adminUrl = "jdbc:postgresql://" + postgres + "/postgres";
        execute("drop database if exists " + DATABASE + " with (force)");
        execute("create database " + DATABASE);
        redisAddress = redis;
        databaseUrl = "jdbc:postgresql://" + postgres + "/" + DATABASE;
        flushRedis();
        String serverPostgres = postgres;
        String serverRedis = redis;
        if (throughFaultyLinks) {
            postgresLink = new FaultyLink(postgres);
            redisLink = new FaultyLink(redis);
            serverPostgres = postgresLink.address();
            serverRedis = redisLink.address();
        }
        return Map.of(
                "aflow.plugins-dir", TestPlugins.prepare().toString(),
                "quarkus.datasource.reactive.url", "postgresql://" + serverPostgres + "/" + DATABASE,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + serverPostgres + "/" + DATABASE,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.redis.hosts", "redis://" + serverRedis + "/" + REDIS_DB);
    }

    /**
     * The test profile under which the server reaches PostgreSQL and Redis through {@link FaultyLink}s, at most two
     * rounds wait for an answer transaction, a round's answers wait 3 s at most, and a read of the play path or a write
     * outside the answers' transaction 2 s.
     */
    public static final class ThroughFaultyLinks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aflow.answers.max-waiting", "2", "aflow.answers.wait-timeout", "3s", "aflow.read-timeout", "2s",
                    "aflow.write-timeout", "2s");
        }
    }

    /** The link to PostgreSQL, under {@link ThroughFaultyLinks}. */
    public static FaultyLink postgresLink() {
        return postgresLink;
    }

    /** The link to Redis, under {@link ThroughFaultyLinks}. */
    public static FaultyLink redisLink() {
        return redisLink;
    }

    @Override
    public void stop() {
        if (postgresLink != null) {
            postgresLink.cut();
            redisLink.cut();
            postgresLink = null;
            redisLink = null;
        }
        execute("drop database if exists " + DATABASE + " with (force)");
    }

    private static String embeddedPostgres() {
        try {
            return EmbeddedServices.startPostgres(Files.createTempDirectory("aflow-test-pg"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + adminUrl, e);
        }
    }

    /**
     * FLUSHDB on the tests' Redis database and SCRIPT FLUSH, as a restarted Redis would have lost both.
     */
    public static void flushRedis() {
        try (RedisWire redis = redis()) {
            redis.call("SELECT", String.valueOf(REDIS_DB));
            redis.call("FLUSHDB");
            redis.call("SCRIPT", "FLUSH");
        }
    }

    /** A connection of the tests' own to the server's database (not through a {@link FaultyLink}); the caller closes it. */
    public static Connection database() throws SQLException {
        return DriverManager.getConnection(databaseUrl, "postgres", "postgres");
    }

    /** One number from a query on the server's database, over the tests' own connection (not through a {@link FaultyLink}). */
    public static long queryNumber(String sql) {
        try (Connection connection = database();
             Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "'", e);
        }
    }

    /** A connection of the tests' own to the Redis the server uses (not through a {@link FaultyLink}). */
    static RedisWire redis() {
        return new RedisWire(redisAddress);
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
