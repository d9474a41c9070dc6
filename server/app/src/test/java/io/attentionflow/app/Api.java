package io.attentionflow.app;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Small helpers over the REST API, so each test reads as what a user does. */
public final class Api {

    static final String ADMIN = "test-admin-token";

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** Registers a fresh researcher and returns their token. */
    public static String researcher() {
        return as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "Ada"))
                .post("/api/v1/admin/researchers").then().statusCode(201).extract().path("token");
    }

    /** Creates a label-rush project aggregated by majority vote and returns its id. */
    public static long project(String researcher, int minAnswers, int maxAnswers, double target, String... labels) {
        Number id = as(researcher).contentType(ContentType.JSON)
                .body(Map.of("name", "Test project", "gameType", "label-rush", "labels", List.of(labels),
                        "minAnswers", minAnswers, "maxAnswers", maxAnswers, "targetConfidence", target, "method", "mv"))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** A cat-or-dog majority-vote project without gold, which completes once {@code budget} answers are spent. */
    public static long budgetProject(String researcher, long budget) {
        Number id = as(researcher).contentType(ContentType.JSON)
                .body(Map.of("name", "Budget", "gameType", "label-rush", "labels", List.of("cat", "dog"), "minAnswers", 1,
                        "maxAnswers", 10, "targetConfidence", 1.0, "method", "mv", "goldRate", 0.0, "answerBudget", budget))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    public static Response upload(String researcher, long projectId, String contentType, String body) {
        return as(researcher).contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/projects/" + projectId + "/items");
    }

    /** Uploads {@code count} text items with ids item-1.. and activates the project. */
    public static void itemsAndActivate(String researcher, long projectId, int count) {
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 1; i <= count; i++) {
            csv.append("item-").append(i).append(",Text number ").append(i).append('\n');
        }
        upload(researcher, projectId, "text/csv", csv.toString()).then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + projectId + "/activate").then().statusCode(200);
    }

    /** Starts a guest player and returns their token. */
    public static String guest() {
        return given().post("/api/v1/players/guest").then().statusCode(201).extract().path("token");
    }

    public static Response nextRound(String player, long projectId) {
        return as(player).post("/api/v1/projects/" + projectId + "/rounds");
    }

    public static Response submit(String player, String roundId, String token, List<Map<String, Object>> answers) {
        return as(player).contentType(ContentType.JSON).body(Map.of("token", token, "answers", answers))
                .post("/api/v1/rounds/" + roundId + "/answers");
    }

    /** The player's next round of the project, which must be served (201). */
    public static JsonPath round(String player, long projectId) {
        return nextRound(player, projectId).then().statusCode(201).extract().jsonPath();
    }

    /** Submits {@code label} as the answer to every item of the round. */
    public static Response submitAll(String player, JsonPath round, String label) {
        return submit(player, round.getString("roundId"), round.getString("token"),
                round.getList("items.id", Long.class).stream().map(id -> answer(id, label)).toList());
    }

    public static Map<String, Object> answer(Number itemId, String label) {
        return Map.of("itemId", itemId.longValue(), "answer", label);
    }
}
