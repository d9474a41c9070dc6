package io.attentionflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real server processes (the packaged jar) on one PostgreSQL and one Redis, and 200 players playing
 * at once, each asking one node for rounds and answering through the other; some players walk away from
 * their rounds. Afterwards: nobody got an item twice, no item went beyond its cap, no retired item was
 * served, and every lease was either answered or returned.
 */
class TwoNodesIT {

    private static final String DATABASE = "aflow_it";
    private static final int REDIS_DB = 10;
    private static final String ADMIN = "it-admin-token";
    private static final int PLAYERS = 200;
    private static final int ITEMS = 150;
    private static final int CAP = 3;
    private static final int LEASE_SECONDS = 6;
    private static final List<Process> NODES = new ArrayList<>();
    private static final List<String> URLS = List.of("http://127.0.0.1:18081", "http://127.0.0.1:18082");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        sql("drop database if exists " + DATABASE + " with (force)", "postgres");
        sql("create database " + DATABASE, "postgres");
        try (RedisProbe redis = new RedisProbe("127.0.0.1", 6379, REDIS_DB)) {
            redis.command("FLUSHDB");
        }
        for (int node = 0; node < URLS.size(); node++) {
            int port = 18081 + node;
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dquarkus.http.port=" + port, "-Daflow.rounds.max-lease=" + LEASE_SECONDS + "s", "-Daflow.rounds.lease-grace=1s", "-Daflow.answers.wait-timeout=3s",
                    "-Daflow.rounds.reap-every=1s", "-jar", System.getProperty("it.server.jar"));
            builder.environment().putAll(Map.of("AFLOW_DB_HOST", "127.0.0.1:5432", "AFLOW_DB_NAME", DATABASE,
                    "AFLOW_REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB, "AFLOW_ADMIN_TOKEN", ADMIN, "AFLOW_DEMO_ENABLED", "false",
                    "AFLOW_PLUGINS_DIR", System.getProperty("it.plugins.dir")));
            builder.redirectErrorStream(true).redirectOutput(Path.of("target", "it-node-" + node + ".log").toFile());
            NODES.add(builder.start());
            if (node == 0) {
                waitUntilReady(URLS.get(0)); // the first node migrates the schema; the second starts on it
            }
        }
        waitUntilReady(URLS.get(1));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (Process node : NODES) {
            node.destroy();
        }
        for (Process node : NODES) {
            node.waitFor();
        }
        sql("drop database if exists " + DATABASE + " with (force)", "postgres");
    }

    @Test
    void twoHundredPlayersOnTwoNodesShareOneConsistentPool() throws Exception {
        long project = activeProject(Map.of()).id();

        AtomicInteger refused = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        play(project, PLAYERS, 0.1, refused, abandoned);
        // Abandoned leases end and are returned (after the 1 s grace and the 3 s wait timeout; reaped every second); fresh players then finish
        // the items, as many passes as it takes (a slow machine may also let a player's own lease run out).
        for (int pass = 0; pass < 4 && openItems(project) > 0; pass++) {
            Thread.sleep((LEASE_SECONDS + 6) * 1000L);
            play(project, 20, 0.0, refused, abandoned);
        }

        assertEquals(0, refused.get(), "answers refused because an item was served beyond its cap");
        assertTrue(abandoned.get() > 0, "some rounds were abandoned, so leases had to be returned");
        try (Connection db = connect(DATABASE); Statement statement = db.createStatement()) {
            assertEquals(0, count(statement, "select count(*) from (select 1 from answer group by item_id, player_id having count(*) > 1) d"));
            assertEquals(0, count(statement, "select count(*) from (select item_id from answer group by item_id having count(*) > " + CAP + ") d"));
            assertEquals(ITEMS, count(statement, "select count(*) from item where retired and answer_count = " + CAP));
            assertEquals(ITEMS * CAP, count(statement, "select count(*) from answer"));
        }
        for (String node : URLS) {
            assertEquals(204, nextRound(node, project, guest(node)).statusCode(), "a retired item was served by " + node);
        }
        Thread.sleep((LEASE_SECONDS + 6) * 1000L); // any lease that ran out in the last pass is returned by now
        try (RedisProbe redis = new RedisProbe("127.0.0.1", 6379, REDIS_DB)) {
            String prefix = "af:{p" + project + "}:v3:";
            assertEquals(0L, redis.command("ZCARD", prefix + "leases"), "leases neither answered nor returned");
            assertEquals(0L, redis.command("ZCARD", prefix + "open"));
            // Each item's state starts with its answers plus answers in flight (allocation/state.lua).
            List<?> states = (List<?>) redis.command("HVALS", prefix + "state");
            assertEquals(ITEMS, states.size());
            states.forEach(state -> assertEquals(Integer.toString(CAP), state.toString().split(";")[0],
                    "answers plus answers in flight of an item"));
        }
    }

    @Test
    void aBudgetIsSpentExactlyAcrossNodes() throws Exception {
        int budget = 200; // of the 450 answers the items could take
        long project = activeProject(Map.of("goldRate", 0.0, "answerBudget", budget)).id();

        AtomicInteger refused = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        play(project, PLAYERS / 2, 0.1, refused, abandoned);
        // Rounds walked away from hold their share of the budget until their lease is returned; then others spend it.
        for (int pass = 0; pass < 4 && answers(project) < budget; pass++) {
            Thread.sleep((LEASE_SECONDS + 6) * 1000L);
            play(project, 20, 0.0, refused, abandoned);
        }

        assertEquals(0, refused.get());
        assertEquals(budget, answers(project), "answers committed against a budget of " + budget);
        for (String node : URLS) {
            assertEquals(409, nextRound(node, project, guest(node)).statusCode(), "the spent project is completed on " + node);
        }
    }

    @Test
    void aProjectPausedThroughOneNodeStopsGivingRoundsOnTheOther() throws Exception {
        ActiveProject project = activeProject(Map.of());
        String other = URLS.get(1);
        assertEquals(201, nextRound(other, project.id(), guest(other)).statusCode()); // the other node has just read the project

        send(URLS.get(0), "/api/v1/projects/" + project.id() + "/pause", project.researcher(), "application/json", "{}", 200);

        // Well before the other node would read the project again on its own (ProjectCache.MAX_AGE_NANOS, 2 s).
        long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
        int status;
        do {
            status = nextRound(other, project.id(), guest(other)).statusCode();
        } while (status != 409 && System.nanoTime() < deadline);
        assertEquals(409, status, "a round of a paused project from the node that did not pause it");
    }

    private record ActiveProject(long id, String researcher) {
    }

    /**
     * A label-rush project of {@link #ITEMS} items and a cap of {@link #CAP}, with {@code settings} on top, set up
     * through one node and activated through the other.
     */
    private ActiveProject activeProject(Map<String, Object> settings) throws Exception {
        String researcher = post(URLS.get(0), "/api/v1/admin/researchers", ADMIN, Map.of("name", "It")).get("token").asText();
        Map<String, Object> request = new java.util.HashMap<>(Map.of("name", "Two nodes", "gameType", "label-rush",
                "labels", List.of("cat", "dog"), "minAnswers", CAP, "maxAnswers", CAP, "targetConfidence", 1.0));
        request.putAll(settings);
        long project = post(URLS.get(1), "/api/v1/projects", researcher, request).get("id").asLong();
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 0; i < ITEMS; i++) {
            csv.append("i").append(i).append(",item ").append(i).append('\n');
        }
        send(URLS.get(0), "/api/v1/projects/" + project + "/items", researcher, "text/csv", csv.toString(), 201);
        send(URLS.get(1), "/api/v1/projects/" + project + "/activate", researcher, "application/json", "{}", 200);
        return new ActiveProject(project, researcher);
    }

    private static long answers(long project) throws SQLException {
        try (Connection db = connect(DATABASE); Statement statement = db.createStatement()) {
            return count(statement, "select count(*) from answer where project_id = " + project);
        }
    }

    /**
     * Players in parallel: ask one node, answer through the other, until nothing is left for them (no round,
     * or the project was completed meanwhile).
     */
    private void play(long project, int players, double walkAway, AtomicInteger refused, AtomicInteger abandoned) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(players);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < players; p++) {
                int index = p;
                running.add(pool.submit(() -> {
                    String ask = URLS.get(index % 2);
                    String answer = URLS.get((index + 1) % 2);
                    String token = guest(ask);
                    Set<Long> mine = new HashSet<>();
                    for (int attempt = 0; attempt < 50; attempt++) {
                        HttpResponse<String> response = nextRound(ask, project, token);
                        if (response.statusCode() == 204 || response.statusCode() == 409 && response.body().contains("completed")) {
                            break;
                        }
                        assertEquals(201, response.statusCode(), response.body());
                        JsonNode round = json.readTree(response.body());
                        List<Map<String, Object>> answers = new ArrayList<>();
                        for (JsonNode item : round.get("items")) {
                            long id = item.get("id").asLong();
                            assertTrue(mine.add(id), "item " + id + " served twice to one player");
                            answers.add(Map.of("itemId", id, "answer", id % 3 == 0 ? "dog" : "cat"));
                        }
                        if (ThreadLocalRandom.current().nextDouble() < walkAway) {
                            abandoned.incrementAndGet();
                            continue;
                        }
                        HttpResponse<String> submitted = submit(answer, round.get("roundId").asText(), token,
                                Map.of("token", round.get("token").asText(), "answers", answers));
                        if (submitted.statusCode() == 410) {
                            abandoned.incrementAndGet(); // the lease ran out first: refused, nothing recorded, items return
                            continue;
                        }
                        assertEquals(200, submitted.statusCode(), submitted.body());
                        JsonNode result = json.readTree(submitted.body());
                        for (JsonNode outcome : result.get("answers")) {
                            if (!outcome.get("accepted").asBoolean()) {
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> player : running) {
                player.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> submit(String node, String roundId, String token, Object body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(node + "/api/v1/rounds/" + roundId + "/answers"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Items that still take answers, from PostgreSQL. */
    private static long openItems(long project) throws SQLException {
        try (Connection db = connect(DATABASE); Statement statement = db.createStatement()) {
            return count(statement, "select count(*) from item where not retired and project_id = " + project);
        }
    }

    private String guest(String node) throws IOException, InterruptedException {
        return post(node, "/api/v1/players/guest", null, Map.of()).get("token").asText();
    }

    private HttpResponse<String> nextRound(String node, long project, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(node + "/api/v1/projects/" + project + "/rounds"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String node, String path, String token, Object body) throws IOException, InterruptedException {
        return json.readTree(send(node, path, token, "application/json", json.writeValueAsString(body), -1));
    }

    private String send(String node, String path, String token, String type, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2 && (expected < 0 || response.statusCode() == expected),
                path + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }

    private static void waitUntilReady(String node) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(node + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(node + " did not become ready; see target/it-node-*.log");
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "postgres");
    }

    private static void sql(String statement, String database) throws SQLException {
        try (Connection db = connect(database); Statement s = db.createStatement()) {
            s.execute(statement);
        }
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
