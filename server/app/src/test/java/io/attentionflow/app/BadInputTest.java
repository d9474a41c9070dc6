package io.attentionflow.app;

import static io.attentionflow.app.Api.answer;
import static io.attentionflow.app.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refusal is a 4xx problem+json naming the field and the reason, and changes nothing. */
@QuarkusTest
class BadInputTest {

    private String researcher;
    private long project;

    @BeforeEach
    void projectWithOneItem() {
        researcher = Api.researcher();
        project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.upload(researcher, project, "text/csv", "id,text\nfirst,a cat on a mat\n").then().statusCode(201);
    }

    private void stillOneItemAndNoAnswers() {
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("items", equalTo(1)).body("answers", equalTo(0));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String field) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("errors.field", hasItem(field));
    }

    @Test
    void malformedJsonIsRefused() {
        problem(as(researcher).contentType(ContentType.JSON).body("{\"name\": \"x\", ").post("/api/v1/projects").then(), 400, "body");
        as(researcher).get("/api/v1/projects").then().body("size()", equalTo(1));
    }

    @Test
    void aWronglyTypedFieldIsNamed() {
        problem(as(researcher).contentType(ContentType.JSON).body("{\"name\": \"x\", \"gameType\": \"label-rush\", \"labels\": [\"a\",\"b\"], \"minAnswers\": \"many\"}")
                .post("/api/v1/projects").then(), 400, "minAnswers");
    }

    @Test
    void anInvalidProjectNamesEachBadField() {
        problem(as(researcher).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "gameType", "no-such-game", "labels", List.of("a", "a"), "maxAnswers", 0, "answerBudget", 0))
                .post("/api/v1/projects").then(), 400, "gameType")
                .body("errors.field", hasItem("labels[1]"))
                .body("errors.field", hasItem("maxAnswers"))
                .body("errors.field", hasItem("answerBudget"));
    }

    @Test
    void unknownProjectIsNotFound() {
        problem(as(researcher).get("/api/v1/projects/987654321/progress").then(), 404, "projectId");
        problem(Api.nextRound(Api.guest(), 987654321L).then(), 404, "projectId");
    }

    @Test
    void anItemNotInTheRoundIsRefused() {
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        problem(Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(123456789, "cat"))).then(),
                400, "answers[0].itemId");
        stillOneItemAndNoAnswers();
    }

    @Test
    void anAnswerThatIsNotALabelIsRefused() {
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        problem(Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(round.getInt("items[0].id"), "horse"))).then(),
                400, "answers[0].answer");
        stillOneItemAndNoAnswers();
        // The refusal changed nothing: the same round can still be answered properly.
        Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(answer(round.getInt("items[0].id"), "cat")))
                .then().statusCode(200);
    }

    @Test
    void anOversizedRowIsRefused() {
        String big = "x".repeat(70_000);
        problem(Api.upload(researcher, project, "text/csv", "id,text\nsecond,short\nthird," + big + "\n").then(), 400, "row")
                .body("errors[0].line", equalTo(3));
        stillOneItemAndNoAnswers();
    }

    @Test
    void aCsvRowWithAMissingColumnIsRefused() {
        problem(Api.upload(researcher, project, "text/csv", "id,text,gold\nsecond,a dog,dog\nthird,a cat\n").then(), 400, "row")
                .body("errors[0].line", equalTo(3));
        stillOneItemAndNoAnswers();
    }

    @Test
    void aCsvRowWithAnExtraColumnIsRefused() {
        problem(Api.upload(researcher, project, "text/csv", "id,text\nsecond,a dog,surprise\n").then(), 400, "row")
                .body("errors[0].line", equalTo(2));
        stillOneItemAndNoAnswers();
    }

    @Test
    void aCsvHeaderWithAnUnknownColumnIsRefused() {
        problem(Api.upload(researcher, project, "text/csv", "id,txt\nsecond,a dog\n").then(), 400, "txt")
                .body("errors[0].line", equalTo(1)).body("errors[0].column", equalTo(2));
        stillOneItemAndNoAnswers();
    }

    @Test
    void aJsonLinesLineThatIsNotAnObjectIsRefused() {
        problem(Api.upload(researcher, project, "application/jsonl", "{\"id\":\"second\",\"text\":\"a dog\"}\n[1,2]\n").then(), 400, "row")
                .body("errors[0].line", equalTo(2));
        stillOneItemAndNoAnswers();
    }

    @Test
    void aGoldAnswerThatIsNotALabelIsRefused() {
        problem(Api.upload(researcher, project, "text/csv", "id,text,gold\nsecond,a dog,wolf\n").then(), 400, "gold");
        stillOneItemAndNoAnswers();
    }

    @Test
    void aDuplicateItemIdIsRefused() {
        problem(Api.upload(researcher, project, "text/csv", "id,text\nfirst,again\n").then(), 409, "id");
        stillOneItemAndNoAnswers();
    }

    /**
     * Another upload (here, the test's own transaction) is storing "second" and has not committed when this upload looks
     * for the ids it holds: this one waits on that row, and once the other commits it is refused, storing nothing.
     */
    @Test
    void anUploadOfAnIdAnotherUploadIsStillStoringIsRefused() throws Exception {
        Response upload;
        try (Connection other = LocalServices.database()) {
            other.setAutoCommit(false);
            try (Statement insert = other.createStatement()) {
                insert.execute("insert into item (project_id, external_id, fields) values (" + project + ", 'second', '{\"text\": \"a dog\"}')");
            }
            CompletableFuture<Response> pending = CompletableFuture.supplyAsync(
                    () -> Api.upload(researcher, project, "text/csv", "id,text\nsecond,a dog\nthird,a cat\n"));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (LocalServices.queryNumber("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into item%'") == 0) {
                if (pending.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("the upload did not wait for the other's row: " + (pending.isDone() ? pending.get().asString() : "timed out"));
                }
                Thread.sleep(20);
            }
            other.commit();
            upload = pending.get(30, TimeUnit.SECONDS);
        }
        problem(upload.then(), 409, "id");
        assertEquals(0, LocalServices.queryNumber(
                "select count(*) from item where project_id = " + project + " and external_id = 'third'"), "nothing of the refused upload is stored");
    }

    @Test
    void anIdempotencyKeyThatIsNotVisibleAsciiIsRefused() {
        problem(as(researcher).contentType("application/json").header("Idempotency-Key", "a key with spaces")
                .body(java.util.Map.of("name", "Keyed", "gameType", "label-rush", "labels", java.util.List.of("cat", "dog")))
                .post("/api/v1/projects").then(), 400, "Idempotency-Key");
        as(researcher).get("/api/v1/projects").then().body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Keyed")));
    }

    @Test
    void anIdempotencyKeySentAgainWithOtherSettingsIsRefusedAndTheSameSettingsGetTheSameProject() {
        java.util.function.Function<String, io.restassured.response.Response> create = name -> as(researcher)
                .contentType("application/json").header("Idempotency-Key", "bad-input-key")
                .body(java.util.Map.of("name", name, "gameType", "label-rush", "labels", java.util.List.of("cat", "dog")))
                .post("/api/v1/projects");
        int id = create.apply("Keyed once").then().statusCode(201).extract().path("id");

        problem(create.apply("Keyed otherwise").then(), 409, "Idempotency-Key");
        create.apply("Keyed once").then().statusCode(201).body("id", equalTo(id));
        as(researcher).get("/api/v1/projects").then().body("name.findAll { it.startsWith('Keyed') }", equalTo(java.util.List.of("Keyed once")));
    }

    @Test
    void anUnknownAggregationMethodIsRefused() {
        problem(as(researcher).get("/api/v1/projects/" + project + "/results.csv?method=astrology").then(), 400, "method");
    }
}
