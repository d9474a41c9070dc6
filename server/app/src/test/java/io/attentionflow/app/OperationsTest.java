package io.attentionflow.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
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
