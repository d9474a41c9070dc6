package io.attentionflow.app;

import static io.attentionflow.app.Api.answer;
import static io.attentionflow.app.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportTest {

    /** Three players answer two items: "=cmd" gets cat, cat, dog; "b" gets dog from all. */
    private static long playedProject(String researcher) {
        long project = Api.project(researcher, 3, 3, 1.0, "cat", "dog");
        Api.upload(researcher, project, "text/csv", "id,text\n=cmd,formula-looking id\nb,second item\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        String[][] labels = {{"cat", "dog"}, {"cat", "dog"}, {"dog", "dog"}};
        for (String[] choice : labels) {
            String player = Api.guest();
            JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
            List<Integer> items = round.getList("items.id");
            List<String> externalIds = items.stream().map(id -> id.equals(items.stream().min(Integer::compare).orElseThrow()) ? "first" : "second").toList();
            List<Map<String, Object>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                answers.add(answer(items.get(i), externalIds.get(i).equals("first") ? choice[0] : choice[1]));
            }
            Api.submit(player, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200);
        }
        return project;
    }

    @Test
    void resultsCsvHasOneRowPerItemWithAnswerConfidenceAndCount() {
        String researcher = Api.researcher();
        long project = playedProject(researcher);
        String csv = as(researcher).get("/api/v1/projects/" + project + "/results.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        List<String> lines = Arrays.asList(csv.strip().split("\n"));
        assertEquals("item,answer,confidence,answers", lines.get(0));
        assertEquals("\"'=cmd\",cat,0.6667,3", lines.get(1));
        assertEquals("b,dog,1.0000,3", lines.get(2));
    }

    @Test
    void resultsJsonLinesCarryThePosterior() {
        String researcher = Api.researcher();
        long project = playedProject(researcher);
        String body = as(researcher).get("/api/v1/projects/" + project + "/results.jsonl").then().statusCode(200).extract().asString();
        List<String> lines = Arrays.asList(body.strip().split("\n"));
        assertEquals(2, lines.size(), body);
        JsonPath first = JsonPath.from(lines.get(0));
        assertEquals("=cmd", first.getString("item"));
        assertEquals("cat", first.getString("answer"));
        assertEquals(3, first.getInt("answers"));
        assertEquals(2.0 / 3, first.getDouble("posterior.cat"), 1e-6);
        assertEquals(1.0 / 3, first.getDouble("posterior.dog"), 1e-6);
    }

    @Test
    void answersExportUsesTaskWorkerLabelWithPseudonymousWorkers() {
        String researcher = Api.researcher();
        long project = playedProject(researcher);
        String csv = as(researcher).get("/api/v1/projects/" + project + "/answers.csv").then().statusCode(200).extract().asString();
        List<String> lines = Arrays.asList(csv.strip().split("\n"));
        assertEquals("task,worker,label", lines.get(0));
        assertEquals(7, lines.size());
        Map<String, Long> perWorker = lines.subList(1, lines.size()).stream()
                .collect(Collectors.groupingBy(line -> line.split(",")[1], Collectors.counting()));
        assertEquals(3, perWorker.size());
        perWorker.values().forEach(count -> assertEquals(2L, count));
        perWorker.keySet().forEach(worker -> assertTrue(worker.matches("w[0-9a-f]{16}"), worker));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("\"'=cmd\",")));
        assertFalse(lines.stream().anyMatch(line -> line.startsWith("=")));
    }

    @Test
    void anExportOfAProjectWithoutAnswersHoldsItsHeaderLine() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 3);
        assertEquals("task,worker,label\n",
                as(researcher).get("/api/v1/projects/" + project + "/answers.csv").then().statusCode(200).extract().asString());
    }

    @Test
    void resultsCanBeReaggregatedWithANamedMethod() {
        String researcher = Api.researcher();
        long project = playedProject(researcher);
        as(researcher).get("/api/v1/projects/" + project + "/results.jsonl?method=mv").then().statusCode(200);
    }
}
