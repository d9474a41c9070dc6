package io.attentionflow.app;

import static io.attentionflow.app.Api.answer;
import static io.attentionflow.app.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.round.LeaseReaper;
import io.attentionflow.app.round.RoundToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlayLoopTest {

    @Inject
    RoundToken tokens;
    @Inject
    AflowConfig config;

    @Inject
    LeaseReaper reaper;

    @Test
    void guestPlaysARoundAndEarnsPoints() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 3);
        String player = Api.guest();

        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        List<Integer> items = round.getList("items.id");
        assertEquals(3, items.size());
        assertEquals(List.of("cat", "dog"), round.getList("labels"));
        assertEquals("/plugins/label-rush/web/label-rush.js", round.getString("module"));

        List<Map<String, Object>> answers = items.stream().map(id -> answer(id, "cat")).toList();
        Api.submit(player, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200)
                .body("answers", hasSize(3))
                .body("answers.accepted", equalTo(List.of(true, true, true)))
                .body("points", equalTo(30))
                .body("totalPoints", equalTo(30));
        as(player).get("/api/v1/players/me").then().statusCode(200).body("points", equalTo(30)).body("answers", equalTo(3));
    }

    @Test
    void goldItemsGiveFeedbackAtOnce() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.upload(researcher, project, "text/csv", "id,text,gold\ng1,a cat,cat\n").then().statusCode(201).body("goldItems", equalTo(1));
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(round.getInt("items[0].id"), "dog")))
                .then().statusCode(200)
                .body("answers[0].correct", equalTo(false))
                .body("answers[0].expected", equalTo("cat"))
                .body("points", equalTo(0));
    }

    @Test
    void newcomersArrivingTogetherDoNotAllStartOnTheSameGoldItems() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        StringBuilder csv = new StringBuilder("id,text,gold\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("g").append(i).append(",gold ").append(i).append(",cat\n");
        }
        Api.upload(researcher, project, "text/csv", csv.toString()).then().statusCode(201).body("goldItems", equalTo(10));
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        Set<Long> firstGold = new HashSet<>();
        for (int player = 0; player < 8; player++) {
            JsonPath round = Api.round(Api.guest(), project);
            List<Long> gold = round.getList("items.id", Long.class);
            assertEquals(5, new HashSet<>(gold).size(), "a newcomer's round here is five different gold items: " + gold);
            firstGold.addAll(gold);
        }
        assertTrue(firstGold.size() > 5, "eight newcomers were all given the same five gold items: " + firstGold);
    }

    @Test
    void aRoundWithMoreGoldSlotsThanGoldItemsHoldsEachOnce() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.upload(researcher, project, "text/csv", "id,text,gold\ng1,gold one,cat\ng2,gold two,dog\n"
                + "r1,one,\nr2,two,\nr3,three,\nr4,four,\nr5,five,\nr6,six,\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        for (int player = 0; player < 10; player++) { // each round starts at a random place in the gold items
            List<Long> items = Api.round(Api.guest(), project).getList("items.id", Long.class);
            assertEquals(items.size(), new HashSet<>(items).size(), "an item twice in one round: " + items);
        }
    }

    @Test
    void neverServesAnItemTwiceToOnePlayer() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 12);
        String player = Api.guest();
        Set<Integer> served = new HashSet<>();
        int rounds = 0;
        while (true) {
            var response = Api.nextRound(player, project);
            if (response.statusCode() == 204) {
                break;
            }
            JsonPath round = response.then().statusCode(201).extract().jsonPath();
            List<Integer> items = round.getList("items.id");
            for (Integer id : items) {
                assertTrue(served.add(id), "item " + id + " served twice");
            }
            // Answer only the first item: skipped items must not come back to this player either.
            Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(items.get(0), "cat")))
                    .then().statusCode(200);
            rounds++;
            assertTrue(rounds < 20, "the player should run out of items");
        }
        assertEquals(12, served.size());
    }

    @Test
    void anItemStopsBeingServedOnceItHasItsAnswers() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 2, 2, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        for (int i = 0; i < 2; i++) {
            String player = Api.guest();
            JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
            Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(round.getInt("items[0].id"), "dog")))
                    .then().statusCode(200);
        }
        Api.nextRound(Api.guest(), project).then().statusCode(204);
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("retiredItems", equalTo(1)).body("answers", equalTo(2)).body("complete", equalTo(true));
    }

    @Test
    void sendingTheSameRoundTwiceRecordsOneAnswerAndRepliesTheSame() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> answers = List.of(answer(round.getInt("items[0].id"), "cat"));
        String first = Api.submit(player, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200).extract().asString();
        String second = Api.submit(player, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200).extract().asString();
        assertEquals(JsonPath.from(first).getMap(""), JsonPath.from(second).getMap(""));
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(1));
        as(player).get("/api/v1/players/me").then().body("answers", equalTo(1)).body("points", equalTo(10));
    }

    @Test
    void aReusedTokenWithOtherAnswersIsRefused() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        int item = round.getInt("items[0].id");
        Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(item, "cat"))).then().statusCode(200);
        Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(item, "dog")))
                .then().statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("token"));
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(1));
    }

    @Test
    void aForgedTokenIsRefused() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        String token = round.getString("token");
        String forged = token.substring(0, token.indexOf('.') + 1) + "AAAA" + token.substring(token.indexOf('.') + 5);
        Api.submit(player, round.getString("roundId"), forged, List.of(answer(round.getInt("items[0].id"), "cat")))
                .then().statusCode(403).contentType("application/problem+json").body("errors.field", hasItem("token"));
        String otherPlayer = Api.guest();
        Api.submit(otherPlayer, round.getString("roundId"), token, List.of(answer(round.getInt("items[0].id"), "cat")))
                .then().statusCode(403).body("errors.field", hasItem("token"));
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(0));
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheLeasesGraceIsOver() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        String expired = tokenEndingAt(round, System.currentTimeMillis() - config.rounds().leaseGrace().toMillis() - 1_000);
        Api.submit(player, round.getString("roundId"), expired, List.of(answer(round.getInt("items[0].id"), "cat")))
                .then().statusCode(410).contentType("application/problem+json").body("errors.field", hasItem("token"));
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(0));
    }

    /** Answers sent near the lease's end, or sent again after a 503, arrive after it: within the grace they are taken. */
    @Test
    void answersArrivingJustAfterTheLeaseEndedAreTaken() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        String justExpired = tokenEndingAt(round, System.currentTimeMillis() - 1_000);
        Api.submit(player, round.getString("roundId"), justExpired, List.of(answer(round.getInt("items[0].id"), "cat")))
                .then().statusCode(200).body("answers[0].accepted", equalTo(true));
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(1));
    }

    private String tokenEndingAt(JsonPath round, long leaseEndMillis) {
        RoundToken.Claims claims = tokens.verify(round.getString("token")).orElseThrow();
        return tokens.sign(new RoundToken.Claims(claims.roundId(), claims.projectId(), claims.playerId(), leaseEndMillis, claims.itemIds()));
    }

    @Test
    void anExpiredLeaseReturnsItsItemsToThePool() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        Api.nextRound(Api.guest(), project).then().statusCode(201);
        String second = Api.guest();
        Api.nextRound(second, project).then().statusCode(204);

        int returned = reaper.reapDue(System.currentTimeMillis() + 24 * 3600 * 1000L).await().indefinitely();

        assertTrue(returned >= 1);
        Api.nextRound(second, project).then().statusCode(201);
    }

    /** One project the reaper cannot handle (here, its leases key of the wrong type) does not keep the others' leases. */
    @Test
    void aProjectTheReaperCannotHandleDoesNotHoldBackTheOthers() throws Exception {
        String researcher = Api.researcher();
        long broken = Api.project(researcher, 1, 1, 0.99, "cat", "dog");
        try (RedisWire redis = LocalServices.redis()) {
            redis.call("SELECT", String.valueOf(LocalServices.REDIS_DB));
            redis.call("SET", "af:{p" + broken + "}:v3:leases", "not a sorted set");
            redis.call("SADD", "af:lease-projects", Long.toString(broken));
        }
        long project = Api.project(researcher, 1, 1, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        Api.nextRound(Api.guest(), project).then().statusCode(201);
        String second = Api.guest();
        Api.nextRound(second, project).then().statusCode(204);

        try {
            reaper.reapDue(System.currentTimeMillis() + 24 * 3600 * 1000L).await().indefinitely();
        } finally {
            try (RedisWire redis = LocalServices.redis()) {
                redis.call("SELECT", String.valueOf(LocalServices.REDIS_DB));
                redis.call("DEL", "af:{p" + broken + "}:v3:leases");
            }
        }

        Api.nextRound(second, project).then().statusCode(201);
    }

    /**
     * A round's answers are taken until its lease's grace ends, and may then wait up to the wait timeout for their
     * transaction: until both have passed, the reaper leaves the round's items reserved.
     */
    @Test
    void aRoundsItemsStayReservedWhileItsAnswersMayStillBeCommitted() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        JsonPath round = Api.nextRound(Api.guest(), project).then().statusCode(201).extract().jsonPath();
        long reservedUntil = tokens.verify(round.getString("token")).orElseThrow().expiresAtMillis()
                + config.rounds().leaseGrace().toMillis() + config.answers().waitTimeout().toMillis();
        String second = Api.guest();

        reaper.reapDue(reservedUntil - 1_000).await().indefinitely();
        Api.nextRound(second, project).then().statusCode(204);
        reaper.reapDue(reservedUntil + 1_000).await().indefinitely();
        Api.nextRound(second, project).then().statusCode(201);
    }

    @Test
    void aSubmittedRoundIsNotReturnedByTheReaper() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(round.getInt("items[0].id"), "cat")))
                .then().statusCode(200);
        reaper.reapDue(System.currentTimeMillis() + 24 * 3600 * 1000L).await().indefinitely();
        Api.nextRound(Api.guest(), project).then().statusCode(204);
    }

    @Test
    void aResearcherSeesOnlyTheirOwnProjects() {
        String owner = Api.researcher();
        long project = Api.project(owner, 1, 3, 0.99, "cat", "dog");
        String other = Api.researcher();
        as(other).get("/api/v1/projects/" + project).then().statusCode(404).contentType("application/problem+json");
        List<Object> listed = new ArrayList<>(as(other).get("/api/v1/projects").then().statusCode(200).extract().jsonPath().getList("id"));
        assertFalse(listed.contains((int) project));
        as(Api.guest()).get("/api/v1/projects/" + project).then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/projects").then().statusCode(401);
    }

    @Test
    void unknownRoundIdIsNotFound() {
        Api.submit(Api.guest(), "not-a-round", "x.y", List.of(answer(1, "cat"))).then().statusCode(404)
                .contentType("application/problem+json");
        Api.submit(Api.guest(), UUID.randomUUID().toString(), "x.y", List.of(answer(1, "cat"))).then().statusCode(403)
                .body("errors.field", hasItem("token"));
    }
}
