package io.attentionflow.app.pairing;

import static io.attentionflow.app.Api.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.attentionflow.app.Api;
import io.attentionflow.app.round.RoundService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paired play that fails half-way withdraws the round already leased to the first player, who never saw it. */
@QuarkusTest
class PairingFailureTest {

    @TestHTTPResource("/")
    URL home;

    @InjectSpy
    RoundService rounds;

    private WebSocket connect(long project, String player) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(home.toString().replace("http", "ws") + "ws/pairs/" + project + "?token=" + player),
                        new WebSocket.Listener() { })
                .join();
    }

    @Test
    void theFirstPlayersRoundIsWithdrawnWhenThePartnersRoundFails() throws Exception {
        String researcher = Api.researcher();
        Number project = as(researcher).contentType("application/json")
                .body(Map.of("name", "Tags: failed pairing", "gameType", "tag-match", "minAnswers", 1, "maxAnswers", 1))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        Api.upload(researcher, project.longValue(), "text/csv", "id,text\nscene-1,A lighthouse on a cliff at night\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        doReturn(Uni.createFrom().failure(new IllegalStateException("the partner's round could not be made")))
                .when(rounds).join(anyLong(), any(), anyLong());

        List<WebSocket> sockets = new ArrayList<>();
        try {
            sockets.add(connect(project.longValue(), Api.guest()));
            sockets.add(connect(project.longValue(), Api.guest())); // paired: the first gets the only item, the second's join fails
            verify(rounds, timeout(10_000)).join(anyLong(), any(), anyLong());

            String third = Api.guest();
            Response next = Api.nextRound(third, project.longValue());
            for (int attempt = 0; attempt < 50 && next.statusCode() == 204; attempt++) {
                Thread.sleep(100); // the withdrawal follows the failed join
                next = Api.nextRound(third, project.longValue());
            }
            next.then().statusCode(201); // the item one answer fills is free again, not leased until the reaper
        } finally {
            sockets.forEach(WebSocket::abort);
        }
    }
}
