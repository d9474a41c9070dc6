package io.attentionflow.app;

import static io.attentionflow.app.Api.answer;
import static io.attentionflow.app.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AllocationTest {

    private static JsonPath round(String player, long project) {
        return Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
    }

    @Test
    void theMostUncertainItemIsServedFirst() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.999, "cat", "dog");
        Api.upload(researcher, project, "text/csv", "id,text\nsure,one\nunsure,two\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);

        // Three players agree on one item; only one of them answers the other.
        long sure = -1;
        long unsure = -1;
        for (int p = 0; p < 3; p++) {
            String player = Api.guest();
            JsonPath round = round(player, project);
            List<Integer> items = round.getList("items.id");
            if (sure < 0) {
                sure = items.get(0);
                unsure = items.get(1);
            }
            List<Map<String, Object>> answers = p == 0 ? List.of(answer(sure, "cat"), answer(unsure, "cat")) : List.of(answer(sure, "cat"));
            Api.submit(player, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200);
        }

        List<Integer> next = round(Api.guest(), project).getList("items.id");
        assertEquals(List.of((int) unsure, (int) sure), next);
    }

    @Test
    void aFlushedRedisIsRebuiltFromPostgres() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 2, 2, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 3);
        String first = Api.guest();
        JsonPath round = round(first, project);
        List<Map<String, Object>> answers = round.getList("items.id", Integer.class).stream().map(id -> answer(id, "cat")).toList();
        Api.submit(first, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200);

        LocalServices.flushRedis();

        Api.nextRound(first, project).then().statusCode(204); // who answered what survives the flush
        String second = Api.guest();
        JsonPath again = round(second, project);
        Set<Integer> served = new HashSet<>(again.getList("items.id"));
        assertEquals(3, served.size());
        Api.submit(second, again.getString("roundId"), again.getString("token"),
                again.getList("items.id", Integer.class).stream().map(id -> answer(id, "dog")).toList()).then().statusCode(200);
        Api.nextRound(Api.guest(), project).then().statusCode(204); // every item now has its two answers
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("answers", org.hamcrest.Matchers.equalTo(6)).body("retiredItems", org.hamcrest.Matchers.equalTo(3));
    }

    @Test
    void breadthFirstServesTheItemsWithFewestAnswersFirst() {
        String researcher = Api.researcher();
        Number id = as(researcher).contentType("application/json")
                .body(Map.of("name", "Breadth", "gameType", "label-rush", "labels", List.of("cat", "dog"), "minAnswers", 1,
                        "maxAnswers", 10, "targetConfidence", 1.0, "policy", "breadth"))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        long project = id.longValue();
        Api.itemsAndActivate(researcher, project, 7);
        String player = Api.guest();
        JsonPath first = round(player, project);
        List<Integer> answeredFirst = first.getList("items.id");
        Api.submit(player, first.getString("roundId"), first.getString("token"),
                answeredFirst.stream().map(item -> answer(item, "cat")).toList()).then().statusCode(200);
        List<Integer> next = round(Api.guest(), project).getList("items.id");
        // The two items nobody has answered come before the five answered once.
        Set<Integer> unanswered = new HashSet<>(next.subList(0, 2));
        unanswered.forEach(item -> assertTrue(!answeredFirst.contains(item), "item " + item + " was answered already"));
    }

    @Test
    void newcomersMeetTheGoldItemsFirstAndGoldIsNeverCapped() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 1.0, "cat", "dog");
        Api.upload(researcher, project, "text/csv", "id,text,gold\ng1,gold one,cat\ng2,gold two,dog\n"
                + "r1,one,\nr2,two,\nr3,three,\nr4,four,\nr5,five,\nr6,six,\nr7,seven,\nr8,eight,\nr9,nine,\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        Set<Integer> gold = null;
        for (int p = 0; p < 3; p++) {
            String player = Api.guest();
            JsonPath round = round(player, project);
            List<Integer> items = round.getList("items.id");
            List<String> texts = round.getList("items.fields.text");
            assertEquals(Set.of("gold one", "gold two"), new HashSet<>(texts.subList(0, 2)), "a newcomer's round starts with the gold items");
            if (gold == null) {
                gold = new HashSet<>(items.subList(0, 2));
            }
            assertEquals(gold, new HashSet<>(items.subList(0, 2)), "gold items have no answer cap");
            Api.submit(player, round.getString("roundId"), round.getString("token"),
                    items.stream().map(id -> answer(id, "cat")).toList()).then().statusCode(200)
                    .body("answers.accepted", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo(true)));
        }
        // 3 rounds x 3 regular items = all nine regular items, each retired at its single answer; gold stays open.
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("retiredItems", org.hamcrest.Matchers.equalTo(9)).body("answers", org.hamcrest.Matchers.equalTo(15));
    }

    @Test
    void anUnknownPolicyIsRefused() {
        as(Api.researcher()).contentType("application/json")
                .body(Map.of("name", "x", "gameType", "label-rush", "labels", List.of("a", "b"), "policy", "astrology"))
                .post("/api/v1/projects").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("policy"));
    }
}
