package io.attentionflow.app;

import static io.attentionflow.app.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentPlayersTest {

    private static final int PLAYERS = 50;
    private static final int ITEMS = 10;
    private static final int TARGET = 3;

    @Test
    void fiftyPlayersAtOnceFillEveryItemToExactlyItsTarget() throws Exception {
        String researcher = Api.researcher();
        long project = Api.project(researcher, TARGET, TARGET, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, ITEMS);
        List<String> players = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            players.add(Api.guest());
        }

        ExecutorService pool = Executors.newFixedThreadPool(PLAYERS);
        try {
            List<Future<List<Integer>>> played = new ArrayList<>();
            for (String player : players) {
                played.add(pool.submit(playUntilNothingLeft(player, project)));
            }
            Map<Integer, Integer> answersPerItem = new HashMap<>();
            for (Future<List<Integer>> future : played) {
                List<Integer> items = future.get();
                assertEquals(items.size(), new HashSet<>(items).size(), "a player got an item twice: " + items);
                items.forEach(item -> answersPerItem.merge(item, 1, Integer::sum));
            }
            assertEquals(ITEMS, answersPerItem.size());
            answersPerItem.forEach((item, count) -> assertEquals(TARGET, count, "answers of item " + item));
        } finally {
            pool.shutdownNow();
        }

        String results = as(researcher).get("/api/v1/projects/" + project + "/results.csv").then().statusCode(200).extract().asString();
        String[] lines = results.strip().split("\n");
        assertEquals(ITEMS + 1, lines.length);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].endsWith("," + TARGET), lines[i]);
        }
    }

    /** Asks for rounds and answers every item until the server has nothing more for this player. */
    private static Callable<List<Integer>> playUntilNothingLeft(String player, long project) {
        return () -> {
            List<Integer> answered = new ArrayList<>();
            for (int attempt = 0; attempt < 20; attempt++) {
                Response response = Api.nextRound(player, project);
                if (response.statusCode() == 204) {
                    return answered;
                }
                JsonPath round = response.then().statusCode(201).extract().jsonPath();
                List<Integer> items = round.getList("items.id");
                List<Map<String, Object>> answers = items.stream().map(id -> Api.answer(id, id % 2 == 0 ? "cat" : "dog")).toList();
                JsonPath result = Api.submit(player, round.getString("roundId"), round.getString("token"), answers)
                        .then().statusCode(200).extract().jsonPath();
                List<Boolean> accepted = result.getList("answers.accepted");
                for (int i = 0; i < accepted.size(); i++) {
                    if (accepted.get(i)) {
                        answered.add(result.getInt("answers[" + i + "].itemId"));
                    }
                }
            }
            return answered;
        };
    }
}
