package io.attentionflow.app;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * PostgreSQL or Redis out of reach for a moment (the server's connections to them cut, new ones refused): a request
 * that needs it gets 503 with a Retry-After, and sent again after the store is back, it succeeds and takes effect once.
 */
@QuarkusTest
@TestProfile(LocalServices.ThroughFaultyLinks.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreOutageTest {

    @TestHTTPResource("/")
    URL home;

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static ValidatableResponse unavailable(Response response) {
        return response.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("status", equalTo(503));
    }

    /** Sends the request while PostgreSQL hangs: it gets 503 once the timeout has passed, not at once nor never. */
    private static void refusedWhilePostgresHangs(Supplier<Response> request, long timeoutMillis) {
        LocalServices.postgresLink().stall();
        try {
            long start = System.nanoTime();
            unavailable(request.get());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= timeoutMillis - 100 && waited < 20_000, "refused after the " + timeoutMillis + " ms timeout: " + waited + " ms");
        } finally {
            LocalServices.postgresLink().resume();
        }
    }

    /** An active label-rush project of five reviews, each taking three answers, for a browser to play. */
    private static long reviewProject(String researcher, String name) {
        Number project = Api.as(researcher).contentType("application/json")
                .body(Map.of("name", name, "gameType", "label-rush", "labels", List.of("positive", "negative"),
                        "minAnswers", 3, "maxAnswers", 3, "targetConfidence", 1.0, "method", "mv"))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        Api.upload(researcher, project.longValue(), "text/csv", "id,text\nr1,one\nr2,two\nr3,three\nr4,four\nr5,five\n")
                .then().statusCode(201);
        Api.as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        return project.longValue();
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
    void aPlayerWhoseAnswersMeetABriefDatabaseOutageSeesThemTaken() throws Exception {
        String researcher = Api.researcher();
        long project = reviewProject(researcher, "Outage: reviews");
        browser = Browsers.open(1280, 900);
        browser.get(home.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//ul[@id='projects']//button[strong[text()='Outage: reviews']]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".label-rush blockquote")));
        for (int i = 0; i < 4; i++) {
            new Actions(browser).sendKeys("1").perform();
        }

        LocalServices.postgresLink().cut();
        try {
            new Actions(browser).sendKeys("1").perform(); // the last answer sends the round
            Thread.sleep(2_500); // the server answers 503 meanwhile, and the page tries again
        } finally {
            LocalServices.postgresLink().restore();
        }

        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feedback p[data-ack-millis]")));
        assertTrue(summary.getText().startsWith("+"), summary.getText());
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(5));
    }

    /** The page asks again for a round the server could not give while Redis was away, and shows it once Redis is back. */
    @Test
    void aPlayerWhoAsksForARoundDuringABriefRedisOutageGetsItOnceRedisIsBack() throws Exception {
        reviewProject(Api.researcher(), "Outage: rounds");
        browser = Browsers.open(1280, 900);
        browser.get(home.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        WebElement entry = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//ul[@id='projects']//button[strong[text()='Outage: rounds']]")));

        LocalServices.redisLink().cut();
        try {
            entry.click();
            Thread.sleep(2_500); // the server answers 503 meanwhile, and the page asks again
        } finally {
            LocalServices.redisLink().restore();
        }

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".label-rush blockquote")));
    }

    /**
     * The submissions must find the round's items and the project in the node's caches, or they would hang reading them
     * from the stalled PostgreSQL instead of waiting for a transaction: the test goes first (after Redis comes back, in
     * another test, a node drops its caches once it listens to its channels again), and reads the project just before
     * the stall (a node reads a project again after two seconds).
     */
    @Test
    @Order(1)
    void answersThatWouldQueueWithoutEndWhilePostgresHangsAreRefusedAtOnceAndRecordedWhenSentAgain() throws Exception {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 40);
        List<String> players = new ArrayList<>();
        List<JsonPath> rounds = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            players.add(Api.guest());
            rounds.add(Api.round(players.get(p), project));
        }

        List<CompletableFuture<Response>> waiting = new ArrayList<>();
        Api.round(Api.guest(), project); // the node has the project fresh in its cache
        LocalServices.postgresLink().stall();
        try {
            for (int p = 0; p < 3; p++) { // the first one's transaction hangs; the next two wait for it
                int player = p;
                waiting.add(CompletableFuture.supplyAsync(() -> Api.submitAll(players.get(player), rounds.get(player), "cat")));
                Thread.sleep(200);
            }
            unavailable(Api.submitAll(players.get(3), rounds.get(3), "cat"));
        } finally {
            LocalServices.postgresLink().resume();
        }

        for (CompletableFuture<Response> response : waiting) {
            response.get(30, TimeUnit.SECONDS).then().statusCode(200);
        }
        Api.submitAll(players.get(3), rounds.get(3), "cat").then().statusCode(200);
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(20));
    }

    /** As above, the test reads the project just before the stall, so the submission finds it in the node's cache. */
    @Test
    @Order(2)
    void answersWhoseTransactionHangsAreRefusedAfterTheTimeoutAndRecordedOnceWhenSentAgain() throws Exception {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        JsonPath round = Api.round(player, project);

        Api.round(Api.guest(), project);
        refusedWhilePostgresHangs(() -> Api.submitAll(player, round, "cat"), 3_000); // its transaction goes on, and commits

        Api.submitAll(player, round, "cat").then().statusCode(200).body("answers.accepted", everyItem(equalTo(true)));
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("answers", equalTo(5));
        JsonPath me = Api.as(player).get("/api/v1/players/me").then().body("answers", equalTo(5)).extract().jsonPath();
        // The first transaction committed after its round got 503, and the round sent again was answered from it: what
        // follows a commit followed that commit all the same.
        assertTrue(me.getInt("points") > 0);
        String onBoard = null;
        try (RedisWire redis = LocalServices.redis()) {
            redis.call("SELECT", String.valueOf(LocalServices.REDIS_DB));
            for (int attempt = 0; attempt < 50 && onBoard == null; attempt++) {
                onBoard = (String) redis.call("ZSCORE", "af:lb:all", me.getString("id"));
                Thread.sleep(100);
            }
        }
        assertEquals(me.getInt("points"), onBoard == null ? 0 : (int) Double.parseDouble(onBoard), "the points reach the all-time board");
    }

    /** The node must read the project from PostgreSQL, which hangs: the round gets 503 after the read timeout. */
    @Test
    @Order(3)
    void aRoundWhoseProjectCannotBeReadFromAHangingPostgresIsRefusedAfterTheTimeout() throws Exception {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        Api.round(player, project);
        Thread.sleep(2_100); // a node reads a project again after two seconds

        refusedWhilePostgresHangs(() -> Api.nextRound(player, project), 2_000);

        Api.nextRound(player, project).then().statusCode(201);
    }

    /**
     * A player the node has not met yet (new, or the node just started): their token must be read from PostgreSQL
     * before anything else, and a store that cannot serve it is the store's failure, not the player's.
     */
    @Test
    void aPlayerTheNodeHasNotMetIsRefusedWith503WhilePostgresIsUnreachable() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();

        LocalServices.postgresLink().cut();
        try {
            unavailable(Api.nextRound(player, project));
        } finally {
            LocalServices.postgresLink().restore();
        }

        Api.nextRound(player, project).then().statusCode(201);
    }

    /** As above, with the node's cache holding the project, so that only the player's token is read. */
    @Test
    @Order(4)
    void aPlayerTheNodeHasNotMetIsRefusedAfterTheTimeoutWhilePostgresHangs() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        Api.round(Api.guest(), project);

        refusedWhilePostgresHangs(() -> Api.nextRound(player, project), 2_000);

        Api.nextRound(player, project).then().statusCode(201);
    }

    /**
     * The budget refuses a round (a rebuilt index forgot the answers in flight that spent it) only after the round got
     * 503 for waiting too long: its share of the budget is handed out again at once all the same, not once the reaper
     * ends its lease.
     */
    @Test
    @Order(5)
    void aRoundTheBudgetRefusesAfterItsAnswersGot503GivesItsShareBackAtOnce() throws Exception {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 7);
        Api.itemsAndActivate(researcher, project, 10);
        String first = Api.guest();
        JsonPath forgotten = Api.round(first, project);
        LocalServices.flushRedis(); // the rebuilt index forgets the 5 answers in flight
        String second = Api.guest();
        JsonPath refused = Api.round(second, project);
        Api.submitAll(first, forgotten, "cat").then().statusCode(200); // 2 answers of the budget are left
        Thread.sleep(2_100); // a node reads a project again after two seconds: the next request reads it, and it stays fresh
        Api.nextRound(Api.guest(), project).then().statusCode(204); // for the whole stall (the index has nothing left to hand out)

        refusedWhilePostgresHangs(() -> Api.submitAll(second, refused, "cat"), 3_000); // then the budget refuses them

        String third = Api.guest();
        Response last = Api.nextRound(third, project);
        for (int attempt = 0; attempt < 50 && last.statusCode() == 204; attempt++) {
            Thread.sleep(100); // the refusal comes once the stalled transaction goes on
            last = Api.nextRound(third, project);
        }
        assertEquals(2, last.then().statusCode(201).extract().jsonPath().getList("items").size(),
                "the 2 answers PostgreSQL has room for are handed out");
    }

    /**
     * A claim that finds the project's index gone rebuilds it from PostgreSQL, a page of items at a time. A page that a
     * hanging PostgreSQL does not give within the read timeout refuses the claim with 503; the next claim rebuilds.
     */
    @Test
    @Order(6)
    void aClaimThatMustRebuildTheIndexFromAHangingPostgresIsRefusedAfterTheTimeout() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        Api.round(player, project); // the node knows the player and has the project fresh in its cache
        LocalServices.flushRedis();

        refusedWhilePostgresHangs(() -> Api.nextRound(player, project), 2_000);

        Api.nextRound(player, project).then().statusCode(201);
    }

    /** A researcher's reads, here a project's progress, are refused after the read timeout too. */
    @Test
    @Order(7)
    void aResearchersReadIsRefusedAfterTheTimeoutWhilePostgresHangs() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        String progress = "/api/v1/projects/" + project + "/progress";

        refusedWhilePostgresHangs(() -> Api.as(researcher).get(progress), 2_000);

        Api.as(researcher).get(progress).then().statusCode(200).body("items", equalTo(10));
    }

    /**
     * The index leases a round, and then its items cannot be read from a hanging PostgreSQL: the player gets 503 and never
     * learns of the round, whose items are handed out again at once, not once the reaper ends its lease.
     */
    @Test
    @Order(8)
    void aRoundWhoseItemsCannotBeReadIsRefusedAndItsItemsAreHandedOutAgainAtOnce() throws Exception {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 0.99, "cat", "dog"); // one answer an item: a leased item goes to nobody else
        Api.itemsAndActivate(researcher, project, 10);
        String refused = Api.guest();
        Api.as(refused).get("/api/v1/players/me").then().statusCode(200); // the node knows the player
        Thread.sleep(2_100); // a node reads a project again after two seconds: the next round reads it, and it stays fresh
        Api.round(Api.guest(), project); // leases 5 items, and the node holds them; the other 5 it has not read yet

        refusedWhilePostgresHangs(() -> Api.nextRound(refused, project), 2_000);

        JsonPath next = Api.round(Api.guest(), project);
        assertEquals(5, next.getList("items").size(), "the refused round's items are free again");
    }

    /**
     * PostgreSQL stores the upload, then Redis is out of reach for the index: the researcher gets 503, and the same upload
     * sent again puts the stored items in play. Before, it was refused as duplicate ids, and the items never played.
     */
    @Test
    void anUploadThatMetARedisOutageIsPlayedOnceSentAgain() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 2);
        String more = "id,text\nlate-1,one\nlate-2,two\nlate-3,three\n";

        LocalServices.redisLink().cut();
        try {
            unavailable(Api.upload(researcher, project, "text/csv", more));
        } finally {
            LocalServices.redisLink().restore();
        }

        Api.upload(researcher, project, "text/csv", more).then().statusCode(201)
                .body("items", equalTo(3)).body("alreadyStored", equalTo(3));
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().body("items", equalTo(5));
        assertEquals(5, Api.round(Api.guest(), project).getList("items").size(), "the two items before and the three stored during the outage");
    }

    /**
     * A typed word whose write hangs is refused after the timeout, not left waiting, and the connection stays: typed
     * again, it is taken and still makes the match, and is kept once although the first write committed when PostgreSQL
     * came back. Before, the player waited for a reply that never came.
     */
    @Test
    void aWordWhoseWriteHangsIsRefusedAndTakenWhenTypedAgain() throws Exception {
        String researcher = Api.researcher();
        Number project = Api.as(researcher).contentType("application/json")
                .body(Map.of("name", "Outage: tags", "gameType", "tag-match", "minAnswers", 1, "maxAnswers", 20))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        Api.upload(researcher, project.longValue(), "text/csv", "id,text\nscene-1,A lighthouse on a cliff at night\n").then().statusCode(201);
        Api.as(researcher).post("/api/v1/projects/" + project + "/activate").then().statusCode(200);
        try (PairedPlayer first = new PairedPlayer(home, project.longValue(), Api.guest());
             PairedPlayer second = new PairedPlayer(home, project.longValue(), Api.guest())) {
            long item = first.next("round").getLong("round.items[0].id");
            second.next("round");

            LocalServices.postgresLink().stall();
            JsonPath refused;
            try {
                refused = first.type(item, "lighthouse", 1);
            } finally {
                LocalServices.postgresLink().resume();
            }
            assertEquals(false, refused.getBoolean("accepted"));
            assertTrue(refused.getString("reason").contains("again"), refused.getString("reason"));

            assertEquals(true, first.type(item, "lighthouse", 2).getBoolean("accepted"));
            JsonPath matched = second.type(item, "lighthouse", 1);
            assertEquals("lighthouse", matched.getString("match"));
            assertEquals("lighthouse", first.next("match").getString("tag"));
        }
        assertEquals(2, LocalServices.queryNumber("select count(*) from tag_word where item_id in (select id from item where project_id = "
                + project + ")"), "each player's word, once");
    }

    /** Sent again with its Idempotency-Key after a 503 whose insert committed once PostgreSQL came back: one project. */
    @Test
    void aProjectCreatedWhilePostgresHangsIsCreatedOnceWhenSentAgainWithItsIdempotencyKey() {
        String researcher = Api.researcher();
        Api.as(researcher).get("/api/v1/projects").then().statusCode(200); // the node knows the researcher's token
        Supplier<Response> create = () -> Api.as(researcher).contentType("application/json").header("Idempotency-Key", "outage-create-1")
                .body(Map.of("name", "Outage: created once", "gameType", "label-rush", "labels", List.of("cat", "dog")))
                .post("/api/v1/projects");

        refusedWhilePostgresHangs(create, 2_000);

        int id = create.get().then().statusCode(201).body("name", equalTo("Outage: created once")).extract().path("id");
        Api.as(researcher).get("/api/v1/projects").then().statusCode(200).body("id", equalTo(List.of(id)));
    }

    @Test
    void aSignUpWhilePostgresHangsIsRefusedAfterTheTimeoutAndTakesWhenSentAgain() {
        String player = Api.guest();
        Api.as(player).get("/api/v1/players/me").then().statusCode(200); // the node knows the player's token
        String name = "Outage " + System.nanoTime() % 1_000_000;
        Map<String, String> credentials = Map.of("name", name, "password", "correct horse battery");
        Supplier<Response> signUp = () -> Api.as(player).contentType("application/json").body(credentials).post("/api/v1/players/me/signup");

        refusedWhilePostgresHangs(signUp, 2_000);

        signUp.get().then().statusCode(200).body("name", equalTo(name)).body("guest", equalTo(false));
        io.restassured.RestAssured.given().contentType("application/json").body(credentials).post("/api/v1/players/login")
                .then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void aGuestStartedWhilePostgresHangsIsRefusedAfterTheTimeout() {
        refusedWhilePostgresHangs(() -> io.restassured.RestAssured.given().post("/api/v1/players/guest"), 2_000);

        Api.guest();
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
