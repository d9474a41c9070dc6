package io.attentionflow.app;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/projects'", org.hamcrest.Matchers.notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void readinessChecksPostgresAndRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "Redis connection health check"));
    }

    @Test
    void metricsCountRoundsIssuedAndAnswersAccepted() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("aflow_rounds_issued_total"))
                .body(containsString("aflow_answers_accepted_total"));
    }

    @Test
    void metricsCountLostIndexesAndRoundsThatFoundNoItem() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 1);
        String player = Api.guest();
        io.restassured.path.json.JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        Api.submit(player, round.getString("roundId"), round.getString("token"),
                List.of(Api.answer(round.getLong("items[0].id"), "cat"))).then().statusCode(200);
        double missing = counter("aflow_index_missing_total");
        double unserved = counter("aflow_rounds_unserved_total");

        LocalServices.flushRedis();
        Api.nextRound(player, project).then().statusCode(204); // the index is rebuilt; its one item is answered and retired

        assertEquals(missing + 1, counter("aflow_index_missing_total"));
        assertEquals(unserved + 1, counter("aflow_rounds_unserved_total"));
        assertTrue(counter("http_server_requests_seconds_count") > 0, "the API's requests are timed");
    }

    private static double counter(String name) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void installedGameTypesAndRefusedPluginsAreListed() {
        given().get("/api/v1/game-types").then().statusCode(200)
                .body("gameTypes.id", hasItem("label-rush"))
                .body("refused.pluginId", hasItem(TestPlugins.INCOMPATIBLE_ID))
                .body("refused[0].reason", containsString("^2.0.0"));
    }

    @Test
    void theGamesBrowserModuleIsServedFromItsJar() {
        given().get("/plugins/label-rush/web/label-rush.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("export function mount"));
        given().get("/plugins/label-rush/web/nothing.js").then().statusCode(404).contentType("application/problem+json");
    }
}
