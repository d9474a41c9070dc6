package io.attentionflow.app;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Redis that is there but cannot serve for a moment (here: busy running a long script, as a slow script or a Redis
 * still loading its data leaves it): a round asked for meanwhile gets 503 with a Retry-After, like a Redis out of
 * reach, and answers, which wait only for PostgreSQL, are taken.
 */
@QuarkusTest
class BusyRedisTest {

    /** Keeps the tests' Redis busy running a script, and answering BUSY to everything else, until closed. */
    private static final class BusyRedis implements AutoCloseable {

        private final RedisWire control = LocalServices.redis();
        private final RedisWire looping = LocalServices.redis();
        private final String threshold;

        BusyRedis() throws InterruptedException {
            threshold = (String) ((List<?>) control.call("CONFIG", "GET", "busy-reply-threshold")).get(1);
            control.call("CONFIG", "SET", "busy-reply-threshold", "50");
            looping.send("EVAL", "while true do end", "0");
            for (int attempt = 0; !(control.call("PING") instanceof RedisWire.Error); attempt++) {
                if (attempt == 100) {
                    throw new IllegalStateException("Redis did not get busy");
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() {
            try {
                control.call("SCRIPT", "KILL");
                looping.reply();
                assertEquals("OK", control.call("CONFIG", "SET", "busy-reply-threshold", threshold));
            } finally {
                control.close();
                looping.close();
            }
        }
    }

    @Test
    void aRoundAskedForWhileRedisIsBusyIsRefusedWith503AndServedWhenAskedAgain() throws Exception {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        JsonPath round = Api.round(player, project);

        try (BusyRedis busy = new BusyRedis()) {
            Api.nextRound(player, project).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1").body("status", equalTo(503));
            Api.submitAll(player, round, "cat").then().statusCode(200).body("answers.accepted", everyItem(equalTo(true)));
        }

        Api.nextRound(player, project).then().statusCode(201);
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(5));
    }
}
