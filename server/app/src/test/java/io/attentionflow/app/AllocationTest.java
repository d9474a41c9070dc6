package io.attentionflow.app;

import static io.attentionflow.app.Api.answer;
import static io.attentionflow.app.Api.as;
import static io.attentionflow.app.Api.round;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.item.ItemService;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.app.round.AllocationIndex;
import io.attentionflow.app.round.LeaseReaper;
import io.attentionflow.app.scoring.Reestimation;
import io.attentionflow.app.scoring.Reliabilities;
import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.inference.OneCoinAccuracies;
import io.attentionflow.plugin.api.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AllocationTest {

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
        answerAll(first, round(first, project), "cat");

        LocalServices.flushRedis();

        Api.nextRound(first, project).then().statusCode(204); // who answered what survives the flush
        String second = Api.guest();
        JsonPath again = round(second, project);
        Set<Integer> served = new HashSet<>(again.getList("items.id"));
        assertEquals(3, served.size());
        answerAll(second, again, "dog");
        Api.nextRound(Api.guest(), project).then().statusCode(204); // every item now has its two answers
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("answers", org.hamcrest.Matchers.equalTo(6)).body("retiredItems", org.hamcrest.Matchers.equalTo(3));
    }

    @Inject
    io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

    @Test
    void aServerUpgradedOnALiveRedisBuildsItsOwnIndexAndLetsThePreviousOneExpire() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 2, 2, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 3);
        String first = Api.guest();
        JsonPath round = round(first, project);
        answerAll(first, round, "cat");

        // What the nodes of earlier versions keep, still running during a rolling upgrade: their own indexes, under names
        // without a layout version and under v2 (here every item full in both). This version has not built its index yet.
        String prefix = "af:{p" + project + "}:";
        redis.execute("DEL", prefix + "v3:built", prefix + "v3:state").await().indefinitely();
        redis.execute("SET", prefix + "ready", "1").await().indefinitely();
        redis.execute("SADD", prefix + "seen:12345", "1").await().indefinitely();
        redis.execute("SET", prefix + "v2:built", "1").await().indefinitely();
        redis.execute("SADD", prefix + "v2:seen:12345", "1").await().indefinitely();
        redis.execute("SET", prefix + "reestimated-at", "0").await().indefinitely(); // beside the index, in no layout
        round.getList("items.id", Integer.class).forEach(id -> {
            redis.execute("HSET", prefix + "count", id.toString(), "2").await().indefinitely();
            redis.execute("HSET", prefix + "v2:state", id.toString(), "2;2;0.1;0.5;;").await().indefinitely();
        });

        Api.nextRound(first, project).then().statusCode(204);
        assertEquals(3, round(Api.guest(), project).getList("items.id").size(), "the previous indexes' counts are not read");

        // What a node of this version does when it starts; once per key.
        assertEquals(6, index.expirePreviousLayouts().await().indefinitely());
        for (String name : List.of("ready", "count", "seen:12345", "v2:built", "v2:state", "v2:seen:12345")) {
            long ttl = redis.execute("TTL", prefix + name).await().indefinitely().toLong();
            assertTrue(ttl > 0 && ttl <= 3600, name + " of a previous layout expires within the hour, TTL " + ttl);
        }
        for (String name : List.of("v3:state", "v3:seen:" + playerId(first), "reestimated-at")) {
            assertEquals(-1, redis.execute("TTL", prefix + name).await().indefinitely().toLong(), name + " stays");
        }
        assertEquals(0, index.expirePreviousLayouts().await().indefinitely());
    }

    @Test
    void anIndexEntryItCannotReadLeavesItsItemOutWithoutFailingClaims() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 3, 3, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 3);
        List<Integer> items = round(Api.guest(), project).getList("items.id");
        redis.execute("HSET", "af:{p" + project + "}:v3:state", items.get(0).toString(), "1;x;;;;;").await().indefinitely();

        assertEquals(Set.copyOf(items.subList(1, 3)), Set.copyOf(round(Api.guest(), project).getList("items.id")));
    }

    @Test
    void breadthFirstServesTheItemsWithFewestAnswersFirst() {
        String researcher = Api.researcher();
        long project = projectUnder(researcher, "breadth");
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
    void aPlayerWhoHasSeenEveryBestRankedItemStillGetsTheOthers() {
        // A ranking that answers do not change, and more items than the tests' scan limit (100, application.properties).
        String researcher = Api.researcher();
        long project = projectUnder(researcher, "random");
        Api.itemsAndActivate(researcher, project, 400);
        String player = Api.guest();
        Set<Integer> served = new HashSet<>();
        for (int rounds = 0; rounds < 80; rounds++) {
            var response = Api.nextRound(player, project);
            if (response.statusCode() == 204) {
                break;
            }
            JsonPath round = response.then().statusCode(201).extract().jsonPath();
            served.addAll(round.getList("items.id", Integer.class));
            answerAll(player, round, "cat");
        }
        // Without the windows past the limit, the player would be done after the 100 best-ranked items.
        assertTrue(served.size() >= 300, "items served to one player: " + served.size());
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
    void aPausedProjectKeepsItsRoundsInFlightAndTheirShareOfTheBudgetWhenItResumes() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 5);
        Api.itemsAndActivate(researcher, project, 10);
        String first = Api.guest();
        JsonPath inFlight = round(first, project); // the whole budget, in flight

        as(researcher).post("/api/v1/projects/" + project + "/pause").then().statusCode(200);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);

        Api.nextRound(Api.guest(), project).then().statusCode(204); // nothing of the budget is left to hand out
        answerAll(first, inFlight, "cat");
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("answers", org.hamcrest.Matchers.equalTo(5)).body("status", org.hamcrest.Matchers.equalTo("completed"));
    }

    @Test
    void answersBeyondTheBudgetAreRefusedThoughALostIndexForgotTheRoundsInFlight() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 5);
        Api.itemsAndActivate(researcher, project, 10);
        String first = Api.guest();
        JsonPath inFlight = round(first, project); // the whole budget, in flight
        LocalServices.flushRedis(); // Redis loses the index, and with it the lease of that round

        String second = Api.guest();
        JsonPath overBudget = round(second, project); // the rebuilt index sees no answer spent and none in flight
        answerAll(first, inFlight, "cat");
        Api.submitAll(second, overBudget, "cat").then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("answers"));

        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("answers", org.hamcrest.Matchers.equalTo(5)).body("status", org.hamcrest.Matchers.equalTo("completed"));
        as(second).get("/api/v1/players/me").then().body("answers", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aRoundTheBudgetRefusedGivesItsShareBackAtOnce() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 7);
        Api.itemsAndActivate(researcher, project, 10);
        String first = Api.guest();
        JsonPath forgotten = round(first, project);
        LocalServices.flushRedis(); // the rebuilt index forgets the 5 answers in flight

        String second = Api.guest();
        JsonPath refused = round(second, project);
        assertEquals(5, refused.getList("items").size(), "the rebuilt index sees all 7 answers of the budget left");
        answerAll(first, forgotten, "cat"); // 2 answers of the budget are left
        Api.submitAll(second, refused, "cat").then().statusCode(409);

        String third = Api.guest();
        JsonPath last = round(third, project); // not only once the reaper ends the refused round's lease
        assertEquals(2, last.getList("items").size(), "the 2 answers PostgreSQL has room for are handed out");
        answerAll(third, last, "dog");
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("answers", org.hamcrest.Matchers.equalTo(7)).body("status", org.hamcrest.Matchers.equalTo("completed"));
    }

    @Test
    void itemsUploadedWhileAProjectIsPausedAreServedOnceItResumes() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.999, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 5);
        String first = Api.guest();
        answerAll(first, round(first, project), "cat");

        as(researcher).post("/api/v1/projects/" + project + "/pause").then().statusCode(200);
        Api.upload(researcher, project, "text/csv", "id,text\nnew-1,a\nnew-2,b\nnew-3,c\nnew-4,d\nnew-5,e\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);

        assertEquals(List.of("a", "b", "c", "d", "e"), round(Api.guest(), project).getList("items.fields.text", String.class).stream()
                .sorted().toList(), "the new items, which nobody has answered yet, come first");
    }

    /**
     * An upload sent again, with one new row: only the new item is stored, and the items answered since stay answered,
     * with their index entries (the first case) or, retired, out of an index rebuilt since (the second).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anUploadSentAgainAddsOnlyItsNewRowsAndLeavesAnsweredItemsAsTheyAre(boolean indexRebuiltSince) {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 0.99, "cat", "dog"); // one answer an item, which retires it
        String upload = "id,text\nfirst,a\nsecond,b\n";
        Api.upload(researcher, project, "text/csv", upload).then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        String first = Api.guest();
        answerAll(first, round(first, project), "cat");
        if (indexRebuiltSince) {
            LocalServices.flushRedis();
            Api.nextRound(Api.guest(), project).then().statusCode(204); // rebuilds the index, which holds no open item
        }

        Api.upload(researcher, project, "text/csv", upload + "third,c\n").then().statusCode(201)
                .body("items", org.hamcrest.Matchers.equalTo(3)).body("alreadyStored", org.hamcrest.Matchers.equalTo(2));

        as(researcher).get("/api/v1/projects/" + project + "/progress").then()
                .body("items", org.hamcrest.Matchers.equalTo(3)).body("answers", org.hamcrest.Matchers.equalTo(2));
        assertEquals(List.of("c"), round(Api.guest(), project).getList("items.fields.text", String.class),
                "the two answered items have all the answers they may take");
    }

    @Test
    void theAnswerBudgetStopsServingAndCompletesTheProject() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 7);
        as(researcher).get("/api/v1/projects/" + project).then().statusCode(200).body("answerBudget", org.hamcrest.Matchers.equalTo(7));
        Api.itemsAndActivate(researcher, project, 10);

        String a = Api.guest();
        String b = Api.guest();
        JsonPath first = round(a, project);
        JsonPath second = round(b, project);
        assertEquals(5, first.getList("items").size());
        assertEquals(2, second.getList("items").size(), "only 7 - 5 answers were left to spend");
        Api.nextRound(Api.guest(), project).then().statusCode(204);

        answerAll(a, first, "cat");
        answerAll(b, second, "dog");
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("answers", org.hamcrest.Matchers.equalTo(7)).body("answerBudget", org.hamcrest.Matchers.equalTo(7))
                .body("complete", org.hamcrest.Matchers.equalTo(true)).body("status", org.hamcrest.Matchers.equalTo("completed"));
        Api.nextRound(Api.guest(), project).then().statusCode(409);
        List<Integer> lobby = io.restassured.RestAssured.get("/api/v1/lobby").then().statusCode(200).extract().jsonPath().getList("id");
        assertTrue(!lobby.contains((int) project), "a completed project leaves the lobby");
    }

    @Test
    void aCompletedProjectsIndexLeavesRedisAndComesBackIfItIsActivatedAgain() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 5);
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        answerAll(player, round(player, project), "cat"); // the whole budget: the project completes
        String prefix = "af:{p" + project + "}:v3:";
        String seen = "seen:" + playerId(player);
        for (String name : List.of("state", "open", "built", "spent", seen)) {
            long ttl = ttlSoon(prefix + name); // set in the background once the project completed
            assertTrue(ttl > 0 && ttl <= 3600, name + " of the completed project's index expires within the hour, TTL " + ttl);
        }
        reaper.reapDue(System.currentTimeMillis()).await().indefinitely();
        assertTrue(!index.projectsWithLeases().await().indefinitely().contains(project), "the reaper no longer looks at it");

        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        for (String name : List.of("built", "state", seen)) {
            assertEquals(-1, redis.execute("TTL", prefix + name).await().indefinitely().toLong(), "activated again, " + name + " stays for good");
        }
        Api.nextRound(player, project).then().statusCode(204); // whose answers are known again; the budget is spent
    }

    /** A key's TTL once it has one, or after two seconds -1 (no expiry) or -2 (no key). */
    private long ttlSoon(String key) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        long ttl;
        do {
            ttl = redis.execute("TTL", key).await().indefinitely().toLong();
        } while (ttl < 0 && System.nanoTime() < deadline);
        return ttl;
    }

    @Inject
    AllocationIndex index;
    @Inject
    ProjectRepository projects;

    @Inject
    Reliabilities reliabilities;

    /** @param afterFlush whether the reliabilities reach the index from PostgreSQL, after Redis lost everything */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aPlayerIsSentWhereTheirOwnAnswerTellsMost(boolean afterFlush) {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.999, "cat", "dog", "bird");
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 1; i <= 6; i++) {
            csv.append("cat-or-dog-").append(i).append(",cat or dog\n").append("cat-or-bird-").append(i).append(",cat or bird\n");
        }
        Api.upload(researcher, project, "text/csv", csv.toString()).then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        // One player says cat to everything; another says dog or bird: half the items are torn between cat and dog,
        // the other half between cat and bird, and for a typical player they are all alike.
        playEverything(Api.guest(), project, text -> "cat");
        playEverything(Api.guest(), project, text -> text.equals("cat or dog") ? "dog" : "bird");

        String catDogConfuser = Api.guest();
        String catBirdConfuser = Api.guest();
        Project stored = projects.find(project).await().indefinitely().orElseThrow();
        List<Reliabilities.PlayerReliability> estimated = List.of(
                new Reliabilities.PlayerReliability(playerId(catDogConfuser), 0.66, 60, confusing(0, 1)),
                new Reliabilities.PlayerReliability(playerId(catBirdConfuser), 0.66, 60, confusing(0, 2)));
        if (afterFlush) {
            reliabilities.save(project, estimated).await().indefinitely();
            LocalServices.flushRedis(); // the next claim rebuilds the index: posteriors and reliabilities included
        } else {
            index.setReliabilities(stored, estimated).await().indefinitely();
        }

        assertEquals(List.of("cat or bird"), distinctTexts(round(catDogConfuser, project)),
                "who cannot tell cats from dogs is sent to the cat-or-bird items");
        assertEquals(List.of("cat or dog"), distinctTexts(round(catBirdConfuser, project)),
                "who cannot tell cats from birds is sent to the cat-or-dog items");
    }

    @Inject
    ItemService itemService;
    @Inject
    ItemRepository items;

    /** @param afterFlush whether the suggestions reach the index from PostgreSQL, after Redis lost everything */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void playersGoFirstWhereTheAiHelperIsUnsure(boolean afterFlush) {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.999, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        Project stored = projects.find(project).await().indefinitely().orElseThrow();
        List<Long> ids = items.open(project, false).map(ItemRepository.OpenItem::id).collect().asList().await().indefinitely()
                .stream().sorted().toList();
        // Equal needs are served in id order, so a server that ignored the helper would start with the sure items.
        List<Long> sure = ids.subList(0, 5);
        List<Long> unsure = ids.subList(5, 10);
        // Sure of either label: in this majority-vote project an unanswered item's votes tie, and the need must not
        // count the tie as the first label (cat), which would make the items sure of dog look the neediest.
        sure.forEach(id -> itemService.store(stored, id, new Suggestion(id % 2 == 0 ? "cat" : "dog", 0.97)).await().indefinitely());
        unsure.forEach(id -> itemService.store(stored, id, new Suggestion("dog", 0.55)).await().indefinitely());
        if (afterFlush) {
            LocalServices.flushRedis(); // the next claim rebuilds the index, suggestions included
        }

        JsonPath round = round(Api.guest(), project);
        assertEquals(Set.copyOf(unsure), round.getList("items.id", Long.class).stream().collect(java.util.stream.Collectors.toSet()),
                "the first round holds the items the helper is unsure of");
        assertEquals(List.of("dog"), round.getList("items.suggestion.answer", String.class).stream().distinct().toList(),
                "and shows the helper's suggestion with them");
    }

    /**
     * Ten items, each answered "cat" by one player; a second player says "dog" to the first five (a 1:1 tie) and
     * "cat" to the others (2:0). An AI helper is sure the tied items are dogs, so their belief is the surer one.
     * A majority-vote project reports the tied items' label by a toss and sends the next player there; a project
     * that reports the most probable label (weighted majority vote) sends them where the belief is least sure.
     *
     * @param afterFlush whether the votes reach the index from PostgreSQL, after Redis lost everything
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void underMajorityVotePlayersGoWhereTheReportedLabelIsATossEvenIfTheBeliefIsSure(boolean afterFlush) {
        for (String method : List.of("mv", "wmv")) {
            String researcher = Api.researcher();
            long project = catOrDog(researcher, 1, 0.999, method);
            Api.itemsAndActivate(researcher, project, 10);
            List<Long> ids = items.open(project, false).map(ItemRepository.OpenItem::id).collect().asList().await().indefinitely()
                    .stream().sorted().toList();
            Set<Long> tied = Set.copyOf(ids.subList(0, 5));
            Set<Long> agreed = Set.copyOf(ids.subList(5, 10));
            String first = Api.guest();
            answerAll(first, round(first, project), "cat");
            answerAll(first, round(first, project), "cat");
            String second = Api.guest();
            for (int r = 0; r < 2; r++) {
                JsonPath round = round(second, project);
                Api.submit(second, round.getString("roundId"), round.getString("token"), round.getList("items.id", Integer.class).stream()
                        .map(item -> answer(item, tied.contains(item.longValue()) ? "dog" : "cat")).toList()).then().statusCode(200);
            }
            Project stored = projects.find(project).await().indefinitely().orElseThrow();
            tied.forEach(item -> itemService.store(stored, item, new Suggestion("dog", 0.97)).await().indefinitely());
            if (afterFlush) {
                LocalServices.flushRedis();
            }

            Set<Long> served = new HashSet<>(round(Api.guest(), project).getList("items.id", Long.class));
            assertEquals(method.equals("mv") ? tied : agreed, served, method);
        }
    }

    /**
     * One item, two answers: "cat" from a player nobody has measured (0.7), "dog" from one the project has measured
     * at 0.95. The posterior is sure of dog (0.89, over the 0.85 target), but a majority vote reports the 1:1 tie as
     * its first label, cat: a majority-vote project keeps the item open, one that reports the most probable label
     * (weighted majority vote) retires it.
     */
    @Test
    void underMajorityVoteAnItemDoesNotRetireOnATieThoughThePosteriorIsSure() {
        for (String method : List.of("mv", "wmv")) {
            String researcher = Api.researcher();
            long project = catOrDog(researcher, 2, 0.85, method);
            Api.itemsAndActivate(researcher, project, 1);
            String unknown = Api.guest();
            String reliable = Api.guest();
            reliabilities.save(project, List.of(new Reliabilities.PlayerReliability(playerId(reliable), 0.95, 40, null)))
                    .await().indefinitely();
            answerAll(unknown, round(unknown, project), "cat");
            answerAll(reliable, round(reliable, project), "dog");

            boolean majority = method.equals("mv");
            as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                    .body("retiredItems", org.hamcrest.Matchers.equalTo(majority ? 0 : 1));
            assertEquals(majority ? 201 : 204, Api.nextRound(Api.guest(), project).statusCode(),
                    method + ": whether a third player is still wanted");
        }
    }

    @Inject
    Reestimation reestimation;

    @Test
    void aPlayerWhoseAnswersNobodyHasCheckedCannotSettleAnItemAlone() {
        String researcher = Api.researcher();
        // Dawid-Skene measures a lone player by the labels their own answers decide.
        long project = catOrDog(researcher, 1, 0.95, "ds");
        Api.itemsAndActivate(researcher, project, 3);
        String player = Api.guest();
        answerAll(player, round(player, project), "cat");
        // Being the only answers of their items, the player's three answers make every majority: measured, always right.
        reestimation.reestimate(projects.find(project).await().indefinitely().orElseThrow()).await().indefinitely();

        Api.upload(researcher, project, "text/csv", "id,text\nlate,a late item\n").then().statusCode(201);
        JsonPath late = round(player, project);
        assertEquals(List.of("a late item"), late.getList("items.fields.text", String.class));
        answerAll(player, late, "cat");
        as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("retiredItems", org.hamcrest.Matchers.equalTo(0));
        assertTrue(Api.nextRound(Api.guest(), project).statusCode() == 201, "the late item still wants a second opinion");
    }

    @Test
    void underMajorityVotePlayersAreWeighedAsTheReplaySimulatorWeighsThem() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 10, 10, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 4);
        List<String> players = List.of(Api.guest(), Api.guest(), Api.guest());
        List<String> says = List.of("cat", "cat", "dog");
        for (int p = 0; p < 3; p++) {
            JsonPath round = round(players.get(p), project);
            assertEquals(4, round.getList("items").size());
            answerAll(players.get(p), round, says.get(p));
        }
        reestimation.reestimate(projects.find(project).await().indefinitely().orElseThrow()).await().indefinitely();
        Map<Long, Double> stored = new java.util.HashMap<>();
        reliabilities.of(project).subscribe().asStream().forEach(r -> stored.put(r.playerId(), r.accuracy()));

        // The same answers through the engine's estimator: items 0-3, workers 0-2, cat = 0 and dog = 1.
        int[] item = new int[12];
        int[] worker = new int[12];
        int[] label = new int[12];
        for (int a = 0; a < 12; a++) {
            item[a] = a % 4;
            worker[a] = a / 4;
            label[a] = says.get(a / 4).equals("cat") ? 0 : 1;
        }
        var expected = OneCoinAccuracies.estimate(new CategoricalAnswers(4, 3, 2, item, worker, label), null, null);
        for (int p = 0; p < 3; p++) {
            assertEquals(expected.workerAccuracy(p), stored.get(playerId(players.get(p))), 1e-9, "player " + p);
        }
        assertTrue(stored.get(playerId(players.get(2))) < 0.5, "the player against both others is weighed below chance");
    }

    /** A three-label confusion matrix of a player who mixes labels {@code a} and {@code b} up and is sure of the third. */
    private static double[] confusing(int a, int b) {
        double[] matrix = new double[9];
        for (int truth = 0; truth < 3; truth++) {
            for (int given = 0; given < 3; given++) {
                boolean mixed = (truth == a || truth == b) && (given == a || given == b);
                boolean right = truth == given && truth != a && truth != b;
                matrix[truth * 3 + given] = mixed ? 0.49 : right ? 0.98 : truth == a || truth == b ? 0.02 : 0.01;
            }
        }
        return matrix;
    }

    /** A cat-or-dog project of up to 10 answers per item, aggregated by {@code method}. */
    private static long catOrDog(String researcher, int minAnswers, double target, String method) {
        Number id = as(researcher).contentType("application/json")
                .body(Map.of("name", "Cat or dog", "gameType", "label-rush", "labels", List.of("cat", "dog"), "minAnswers", minAnswers,
                        "maxAnswers", 10, "targetConfidence", target, "method", method))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    private static long playerId(String player) {
        return as(player).get("/api/v1/players/me").then().statusCode(200).extract().jsonPath().getLong("id");
    }

    private static List<String> distinctTexts(JsonPath round) {
        assertEquals(5, round.getList("items").size());
        return round.getList("items.fields.text", String.class).stream().distinct().toList();
    }

    /** A cat-or-dog project allocated by {@code policy}, up to 10 answers per item. */
    private static long projectUnder(String researcher, String policy) {
        Number id = as(researcher).contentType("application/json")
                .body(Map.of("name", "Policy " + policy, "gameType", "label-rush", "labels", List.of("cat", "dog"), "minAnswers", 1,
                        "maxAnswers", 10, "targetConfidence", 1.0, "policy", policy))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** Plays rounds until the project has nothing more for this player, answering each item by its text. */
    private static void playEverything(String player, long project, java.util.function.UnaryOperator<String> answerFor) {
        while (true) {
            var response = Api.nextRound(player, project);
            if (response.statusCode() == 204) {
                return;
            }
            JsonPath round = response.then().statusCode(201).extract().jsonPath();
            List<Integer> ids = round.getList("items.id", Integer.class);
            List<String> texts = round.getList("items.fields.text", String.class);
            List<Map<String, Object>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                answers.add(answer(ids.get(i), answerFor.apply(texts.get(i))));
            }
            Api.submit(player, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200);
        }
    }

    @Inject
    LeaseReaper reaper;

    @Test
    void roundsInFlightHoldTheirShareOfTheBudgetUntilTheyAreAnsweredOrAbandoned() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 6);
        Api.itemsAndActivate(researcher, project, 10);
        assertEquals(5, round(Api.guest(), project).getList("items").size());
        assertEquals(1, round(Api.guest(), project).getList("items").size());
        Api.nextRound(Api.guest(), project).then().statusCode(204);

        reaper.reapDue(System.currentTimeMillis() + 24 * 3600 * 1000L).await().indefinitely(); // both players walked away

        assertEquals(5, round(Api.guest(), project).getList("items").size(), "the abandoned rounds gave their share back");
    }

    @Test
    void theBudgetLeftSurvivesAFlushedRedis() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 7);
        Api.itemsAndActivate(researcher, project, 10);
        String first = Api.guest();
        answerAll(first, round(first, project), "cat");

        LocalServices.flushRedis();

        assertEquals(2, round(Api.guest(), project).getList("items").size(), "5 of 7 answers were spent before the flush");
    }

    private static void answerAll(String player, JsonPath round, String label) {
        Api.submitAll(player, round, label).then().statusCode(200);
    }

    @Test
    void anUnknownPolicyIsRefused() {
        as(Api.researcher()).contentType("application/json")
                .body(Map.of("name", "x", "gameType", "label-rush", "labels", List.of("a", "b"), "policy", "astrology"))
                .post("/api/v1/projects").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("policy"));
    }
}
