package io.attentionflow.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load on a running server through its HTTP API: {@code players} guests each repeat the play
 * cycle "ask for the next round, answer its items" as fast as the server lets them, for a fixed time.
 * Reports cycles per second and the latency of whole cycles and of each call (p50, p99, max).
 *
 * <pre>java -cp server/bench/target/aflow-bench.jar io.attentionflow.bench.load.PlayLoad \
 *     http://127.0.0.1:8080 ADMIN_TOKEN PLAYERS SECONDS ITEMS [ANSWERS_PER_ITEM [SERVER_PID]]</pre>
 *
 * It creates its own project (label-rush, ITEMS items, each retired after ANSWERS_PER_ITEM answers; by
 * default {@value #NEVER_RETIRED}, so that no item retires), so it needs
 * the admin token of the server. With the server's process id it also reports where the CPU went per cycle
 * ({@link CpuUse}). HTTP/1.1 with keep-alive through Vert.x's client on one event loop: the
 * JDK's {@code HttpClient}, used at first, took about a quarter of this 2-core machine for itself, CPU the
 * server under test then lacked.
 */
public final class PlayLoad {

    /** Answers per item high enough that no item retires during a run. */
    private static final int NEVER_RETIRED = 1000;

    private static final Pattern ID = Pattern.compile("\"(?:id|projectId)\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern ROUND = Pattern.compile("\"roundId\":\"([^\"]+)\"");
    private static final Pattern ITEM = Pattern.compile("\\{\"id\":(\\d+),\"fields\"");

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient http;

    private PlayLoad(String base, int players) {
        URI uri = URI.create(base);
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort())
                .setKeepAlive(true).setMaxPoolSize(players + 1).setConnectTimeout(5_000));
    }

    /** What the generator needs of a response. */
    private record Reply(int statusCode, String body) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String admin = args[1];
        int players = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int items = Integer.parseInt(args[4]);
        PlayLoad load = new PlayLoad(base, players);
        try {
            int answersPerItem = args.length > 5 ? Integer.parseInt(args[5]) : NEVER_RETIRED;
            load.run(admin, players, seconds, items, answersPerItem, args.length > 6 ? Long.parseLong(args[6]) : 0,
                    args.length > 7 ? args[7] : "default");
        } finally {
            load.vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private void run(String admin, int players, int seconds, int items, int answersPerItem, long serverPid, String method)
            throws Exception {
        String researcher = match(TOKEN, post("/api/v1/admin/researchers", admin, "application/json", "{\"name\":\"load\"}").join().body());
        String project = match(ID, post("/api/v1/projects", researcher, "application/json",
                "{\"name\":\"load\",\"gameType\":\"label-rush\",\"labels\":[\"cat\",\"dog\"],\"minAnswers\":" + answersPerItem
                        + ",\"maxAnswers\":" + answersPerItem + ",\"targetConfidence\":1.0,\"method\":\"" + method + "\"}").join().body());
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 0; i < items; i++) {
            csv.append("load-").append(i).append(",item ").append(i).append('\n');
        }
        post("/api/v1/projects/" + project + "/items", researcher, "text/csv", csv.toString()).join();
        post("/api/v1/projects/" + project + "/activate", researcher, "application/json", "{}").join();
        List<String> tokens = new ArrayList<>();
        for (int p = 0; p < players; p++) {
            tokens.add(match(TOKEN, post("/api/v1/players/guest", null, "application/json", "{}").join().body()));
        }

        // The server JIT-compiles for a minute or more on 2 cores: measure only after a warm-up of a third of the run.
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(Math.max(5, seconds / 3)).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        Latencies cycles = new Latencies();
        Latencies rounds = new Latencies();
        Latencies answers = new Latencies();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger exhausted = new AtomicInteger();
        CompletableFuture<CpuUse> cpu = CompletableFuture.supplyAsync(() -> CpuUse.start(serverPid),
                CompletableFuture.delayedExecutor(warmupEnd - System.nanoTime(), TimeUnit.NANOSECONDS));
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (String token : tokens) {
            loops.add(loop(project, token, warmupEnd, end, cycles, rounds, answers, errors, exhausted));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        String cpuPerCycle = cpu.join().perCycle(cycles.count());
        System.out.printf(Locale.ROOT, "players=%d seconds=%d cycles=%d cycles/s=%.0f (after warm-up) errors=%d players-out-of-items=%d%n",
                players, seconds, cycles.count(), cycles.count() / (double) seconds, errors.get(), exhausted.get());
        System.out.println("cycle   " + cycles.summary());
        System.out.println("round   " + rounds.summary());
        System.out.println("answers " + answers.summary());
        System.out.println("server  " + transactions(get("/q/metrics").join().body()));
        System.out.println(cpuPerCycle);
    }

    private CompletableFuture<Void> loop(String project, String token, long warmupEnd, long end, Latencies cycles, Latencies rounds,
                                         Latencies answers, AtomicInteger errors, AtomicInteger exhausted) {
        long start = System.nanoTime();
        if (start >= end) {
            return CompletableFuture.completedFuture(null);
        }
        return post("/api/v1/projects/" + project + "/rounds", token, "application/json", "{}").thenCompose(round -> {
            long issued = System.nanoTime();
            if (round.statusCode() == 204) {
                exhausted.incrementAndGet();
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (round.statusCode() != 201) {
                errors.incrementAndGet();
                return loop(project, token, warmupEnd, end, cycles, rounds, answers, errors, exhausted);
            }
            String body = round.body();
            StringBuilder submission = new StringBuilder("{\"token\":\"").append(match(TOKEN, body)).append("\",\"answers\":[");
            Matcher item = ITEM.matcher(body);
            boolean first = true;
            while (item.find()) {
                submission.append(first ? "" : ",").append("{\"itemId\":").append(item.group(1)).append(",\"answer\":\"cat\"}");
                first = false;
            }
            submission.append("]}");
            return post("/api/v1/rounds/" + match(ROUND, body) + "/answers", token, "application/json", submission.toString())
                    .thenCompose(result -> {
                        long done = System.nanoTime();
                        if (result.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else if (start >= warmupEnd) {
                            cycles.add(done - start);
                            rounds.add(issued - start);
                            answers.add(done - issued);
                        }
                        return loop(project, token, warmupEnd, end, cycles, rounds, answers, errors, exhausted);
                    });
        });
    }

    /** Rounds per answer transaction over the whole run (warm-up included), from the server's group-commit metric. */
    private static String transactions(String metrics) {
        Matcher count = Pattern.compile("(?m)^aflow_answers_rounds_per_transaction_count\\S* (\\S+)$").matcher(metrics);
        Matcher sum = Pattern.compile("(?m)^aflow_answers_rounds_per_transaction_sum\\S* (\\S+)$").matcher(metrics);
        if (!count.find() || !sum.find()) {
            return "answer transactions: not reported";
        }
        double transactions = Double.parseDouble(count.group(1));
        return String.format(Locale.ROOT, "answer transactions=%.0f rounds per transaction=%.1f", transactions,
                Double.parseDouble(sum.group(1)) / transactions);
    }

    private CompletableFuture<Reply> get(String path) {
        return send(new RequestOptions().setMethod(HttpMethod.GET).setURI(path), "");
    }

    private CompletableFuture<Reply> post(String path, String token, String type, String body) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI(path).putHeader("Content-Type", type);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return send(request, body);
    }

    private CompletableFuture<Reply> send(RequestOptions request, String body) {
        Future<Reply> reply = http.request(request)
                .compose(sent -> sent.send(body))
                .compose(response -> response.body().map(buffer -> new Reply(response.statusCode(), buffer.toString())));
        return reply.toCompletionStage().toCompletableFuture();
    }

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected response: " + body);
        }
        return m.group(1);
    }

    /** Latencies in nanoseconds, gathered from many threads. */
    private static final class Latencies {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized int count() {
            return size;
        }

        synchronized String summary() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            if (size == 0) {
                return "no samples";
            }
            return String.format(Locale.ROOT, "p50=%.1fms p99=%.1fms max=%.1fms", sorted[size / 2] / 1e6,
                    sorted[Math.min(size - 1, (int) (size * 0.99))] / 1e6, sorted[size - 1] / 1e6);
        }
    }
}
