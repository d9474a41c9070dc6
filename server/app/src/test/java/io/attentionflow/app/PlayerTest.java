package io.attentionflow.app;

import static io.attentionflow.app.Api.answer;
import static io.attentionflow.app.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a player keeps: points, streaks, delayed credit, an account, a place on the boards. */
@QuarkusTest
class PlayerTest {

    private static JsonPath playAll(String player, long project, String label) {
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> answers = round.getList("items.id", Integer.class).stream().map(id -> answer(id, label)).toList();
        return Api.submit(player, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void rightGoldAnswersInARowBuildAStreakBonus() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 5, 1.0, "cat", "dog");
        Api.upload(researcher, project, "text/csv", "id,text,gold\ng1,one,cat\ng2,two,cat\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        String player = Api.guest();
        // Two right gold answers: 20 + 2 x 1 streak bonus, then 20 + 2 x 2.
        playAll(player, project, "cat");
        as(player).get("/api/v1/players/me").then().body("points", equalTo(46)).body("streak", equalTo(2)).body("bestStreak", equalTo(2));
    }

    @Test
    void whenAnItemRetiresThoseWhoAgreedWithItsResultGetDelayedCredit() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 3, 3, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        String first = Api.guest();
        String second = Api.guest();
        String third = Api.guest();
        playAll(first, project, "cat");
        playAll(second, project, "dog");
        as(first).get("/api/v1/players/me").then().body("points", equalTo(10));
        playAll(third, project, "cat"); // the third answer retires the item as "cat"
        as(first).get("/api/v1/players/me").then().body("points", equalTo(15));
        as(second).get("/api/v1/players/me").then().body("points", equalTo(10));
        as(third).get("/api/v1/players/me").then().body("points", equalTo(15));
    }

    @Test
    void aGuestSignsUpKeepsTheirPointsAndSignsInElsewhere() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 5, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 2);
        String guest = Api.guest();
        playAll(guest, project, "cat");
        String name = "ada-" + UUID.randomUUID().toString().substring(0, 8);
        as(guest).contentType("application/json").body(Map.of("name", name, "password", "correct horse"))
                .post("/api/v1/players/me/signup").then().statusCode(200)
                .body("name", equalTo(name)).body("guest", equalTo(false)).body("points", equalTo(20));

        String token = given().contentType("application/json").body(Map.of("name", name, "password", "correct horse"))
                .post("/api/v1/players/login").then().statusCode(200).extract().path("token");
        as(token).get("/api/v1/players/me").then().statusCode(200).body("name", equalTo(name)).body("points", equalTo(20));

        given().contentType("application/json").body(Map.of("name", name, "password", "wrong horse"))
                .post("/api/v1/players/login").then().statusCode(401).contentType("application/problem+json");
        as(Api.guest()).contentType("application/json").body(Map.of("name", name.toUpperCase(), "password", "another one"))
                .post("/api/v1/players/me/signup").then().statusCode(409).body("errors.field", hasItem("name"));
        as(Api.guest()).contentType("application/json").body(Map.of("name", "x", "password", "short"))
                .post("/api/v1/players/me/signup").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("password"));
    }

    @Test
    void pointsShowOnTheDailyAndAllTimeBoards() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 5, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 5);
        String player = Api.guest();
        String name = as(player).get("/api/v1/players/me").then().extract().path("name");
        int points = playAll(player, project, "cat").getInt("totalPoints");
        for (String period : List.of("day", "all")) {
            JsonPath board = given().get("/api/v1/leaderboards/" + period).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> entries = board.getList("entries");
            boolean listed = entries.stream().anyMatch(e -> name.equals(e.get("name")) && ((Number) e.get("points")).intValue() == points)
                    || entries.size() == 10 && ((Number) entries.get(9).get("points")).intValue() >= points;
            org.junit.jupiter.api.Assertions.assertTrue(listed, period + " board lacks " + name + ": " + entries);
        }
        given().get("/api/v1/leaderboards/week").then().statusCode(404).body("errors.field", hasItem("period"));
    }

    @Test
    void aPausedProjectServesNoRounds() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 5, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 2);
        as(researcher).post("/api/v1/projects/" + project + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        Api.nextRound(Api.guest(), project).then().statusCode(409).body("errors.field", hasItem("projectId"));
    }
}
