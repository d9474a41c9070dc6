package io.attentionflow.app.pairing;

import static io.attentionflow.app.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doReturn;

import io.attentionflow.app.Api;
import io.attentionflow.app.PairedPlayer;
import io.attentionflow.app.round.RoundService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Paired play that fails half-way withdraws the rounds already leased to players who never saw them, and tells both
 * players, the one who was waiting as well as the one who just arrived, rather than leaving either waiting in silence.
 */
@QuarkusTest
class PairingFailureTest {

    @TestHTTPResource("/")
    URL home;

    @InjectSpy
    RoundService rounds;
    @InjectSpy
    TagRepository tags;

    /** A tag-match project of one item that one answer (or one round in flight) fills. */
    private static long oneItemProject() {
        String researcher = Api.researcher();
        Number project = as(researcher).contentType("application/json")
                .body(Map.of("name", "Tags: failed pairing", "gameType", "tag-match", "minAnswers", 1, "maxAnswers", 1))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        Api.upload(researcher, project.longValue(), "text/csv", "id,text\nscene-1,A lighthouse on a cliff at night\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        return project.longValue();
    }

    /** Two players join; each must be told their round could not start. */
    private void bothPlayersAreTold(long project) throws InterruptedException {
        try (PairedPlayer first = new PairedPlayer(home, project, Api.guest())) {
            first.next("waiting");
            try (PairedPlayer second = new PairedPlayer(home, project, Api.guest())) {
                assertEquals(PairingService.COULD_NOT_START, second.next("error").getString("detail"));
                assertEquals(PairingService.COULD_NOT_START, first.next("error").getString("detail"));
            }
        }
    }

    /** A new player asks for a round until the item is free again (201), for 5 s at most. */
    private static void itemIsFreeAgain(long project) throws InterruptedException {
        String third = Api.guest();
        Response next = Api.nextRound(third, project);
        for (int attempt = 0; attempt < 50 && next.statusCode() == 204; attempt++) {
            Thread.sleep(100); // the withdrawal follows the failure
            next = Api.nextRound(third, project);
        }
        next.then().statusCode(201); // the item one answer fills is free again, not leased until the reaper
    }

    /** The first player gets the only item; the second's round on it fails. */
    @Test
    void theFirstPlayersRoundIsWithdrawnWhenThePartnersRoundFails() throws Exception {
        long project = oneItemProject();
        doReturn(Uni.createFrom().failure(new IllegalStateException("the partner's round could not be made")))
                .when(rounds).join(anyLong(), any(), anyLong());

        bothPlayersAreTold(project);

        itemIsFreeAgain(project);
    }

    /**
     * The item cannot take the second player, so the first would play against a recorded partner, whose words cannot be
     * read (PostgreSQL failed): the first player's round is withdrawn.
     */
    @Test
    void aRoundThatCannotStartAgainstARecordedPartnerIsWithdrawn() throws Exception {
        long project = oneItemProject();
        doReturn(Uni.createFrom().failure(new IllegalStateException("the recorded words could not be read")))
                .when(tags).recorded(anyLong(), anyLong());

        bothPlayersAreTold(project);

        itemIsFreeAgain(project);
    }

    /** A player nobody joins within the partner wait, whose recorded partner's words cannot be read, is told so. */
    @Test
    void aLonePlayerWhoseRecordedRoundCannotStartIsTold() throws Exception {
        long project = oneItemProject();
        doReturn(Uni.createFrom().failure(new IllegalStateException("the recorded words could not be read")))
                .when(tags).recorded(anyLong(), anyLong());

        try (PairedPlayer alone = new PairedPlayer(home, project, Api.guest())) {
            alone.next("waiting");
            assertEquals(PairingService.COULD_NOT_START, alone.next("error").getString("detail")); // after the partner wait
        }

        itemIsFreeAgain(project);
    }
}
