package io.attentionflow.app;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL or Redis out of reach for a moment (the server's connections to them cut, new ones refused): a request
 * that needs it gets 503 with a Retry-After, changes nothing, and succeeds once sent again after the store is back.
 */
@QuarkusTest
@TestProfile(LocalServices.ThroughFaultyLinks.class)
class StoreOutageTest {

    private static ValidatableResponse unavailable(Response response) {
        return response.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("status", equalTo(503));
    }

    @Test
    void answersSentWhilePostgresIsUnreachableAreRecordedOnceWhenSentAgain() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        JsonPath round = Api.round(player, project);

        LocalServices.postgresLink().cut();
        try {
            unavailable(Api.submitAll(player, round, "cat"));
        } finally {
            LocalServices.postgresLink().restore();
        }

        Api.submitAll(player, round, "cat").then().statusCode(200).body("answers.accepted", everyItem(equalTo(true)));
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(5));
        Api.as(player).get("/api/v1/players/me").then().body("answers", equalTo(5));
    }

    @Test
    void aRoundAskedForWhileRedisIsUnreachableIsServedWhenAskedAgain() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        Api.round(player, project); // the project and the player are known to the node before Redis goes

        LocalServices.redisLink().cut();
        try {
            unavailable(Api.nextRound(player, project));
        } finally {
            LocalServices.redisLink().restore();
        }

        Api.nextRound(player, project).then().statusCode(201);
    }
}
