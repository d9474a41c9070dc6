package io.attentionflow.app.pairing;

import static io.attentionflow.app.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.attentionflow.app.Api;
import io.attentionflow.app.LocalServices;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A word or a match written again is kept once: a write that timed out may still have committed, and the player then
 * types the word again (StoreOutageTest shows the refusal and the second try).
 */
@QuarkusTest
class TagRepositoryTest {

    @Inject
    TagRepository tags;

    @Test
    void aWordOrAMatchWrittenAgainIsKeptOnceAndANewMatchCountsOnceMore() {
        String researcher = Api.researcher();
        Number project = as(researcher).contentType("application/json")
                .body(Map.of("name", "Tags: written again", "gameType", "tag-match", "minAnswers", 1, "maxAnswers", 20))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        Api.upload(researcher, project.longValue(), "text/csv", "id,text\nscene-1,A lighthouse on a cliff at night\n").then().statusCode(201);
        long item = LocalServices.queryNumber("select id from item where project_id = " + project);
        long player = ((Number) as(Api.guest()).get("/api/v1/players/me").then().statusCode(200).extract().path("id")).longValue();
        UUID round = UUID.randomUUID();
        UUID partnersRound = UUID.randomUUID();

        for (int write = 0; write < 2; write++) {
            tags.saveWord(round, item, player, "Lighthouse", "lighthouse").await().indefinitely();
            tags.saveMatch(List.of(round, partnersRound), item, "lighthouse").await().indefinitely();
        }

        assertEquals(1, LocalServices.queryNumber("select count(*) from tag_word where round_id = '" + round + "'"));
        assertEquals(1, agreements(item), "one match, recorded twice");
        assertEquals(List.of("lighthouse"), tags.recorded(item, player + 1).await().indefinitely());

        tags.saveMatch(List.of(UUID.randomUUID()), item, "lighthouse").await().indefinitely();
        assertEquals(2, agreements(item), "another round's match");
    }

    private static long agreements(long item) {
        return LocalServices.queryNumber("select agreements from item_tag where item_id = " + item + " and tag = 'lighthouse'");
    }
}
