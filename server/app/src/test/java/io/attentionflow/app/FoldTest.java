package io.attentionflow.app;

import static io.attentionflow.app.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Fold, a puzzle with structured answers: the server scores every fold and keeps the best per chain. */
@QuarkusTest
class FoldTest {

    /** One of the classic 2D HP benchmark chains (length 20, best known 9 contacts). */
    static final String CHAIN = "HPHPPHHPHPPHPHHPPHPH";

    @TestHTTPResource("/")
    URL home;

    private static long foldProject(String name) {
        String researcher = Api.researcher();
        Number id = as(researcher).contentType("application/json")
                .body(Map.of("name", name, "gameType", "fold", "minAnswers", 1, "maxAnswers", 50))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        Api.upload(researcher, id.longValue(), "text/csv", "id,sequence,best_known\nchain-20," + CHAIN + ",9\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + id + "/activate").then().statusCode(200);
        return id.longValue();
    }

    @Test
    void theServerScoresAFoldAndRefusesAnOverlappingOne() {
        long project = foldProject("Fold: scoring");
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        int item = round.getInt("items[0].id");
        // Straight up then back down onto itself: residue 3 sits where residue 1 is.
        Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(Api.answer(item, "UD" + "U".repeat(17))))
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("answers[0].answer"));
        // A straight chain is valid and has no contacts.
        Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(Api.answer(item, "R".repeat(19))))
                .then().statusCode(200).body("answers[0].accepted", equalTo(true)).body("answers[0].objective", equalTo(0.0f));
    }

    @Test
    void theBestFoldPerChainIsPublishedBesideTheBestKnownFigure() {
        long project = foldProject("Fold: board");
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        int item = round.getInt("items[0].id");
        // A U-turn: R x9, U, L x9 folds the chain in two; the server counts its H-H contacts.
        String uTurn = "R".repeat(9) + "U" + "L".repeat(9);
        float objective = Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(Api.answer(item, uTurn)))
                .then().statusCode(200).extract().path("answers[0].objective");
        assertTrue(objective > 0, "a U-turn of this chain has contacts");
        io.restassured.RestAssured.given().get("/api/v1/lobby/" + project + "/best").then().statusCode(200)
                .body("[0].answer", equalTo(uTurn))
                .body("[0].objective", equalTo(objective))
                .body("[0].fields.best_known", equalTo("9"));
    }

    @Test
    void theAiHelperSuggestsAValidStartingFold() throws InterruptedException {
        long project = foldProject("Fold: AI");
        JsonPath round = null;
        String player = Api.guest();
        for (int attempt = 0; attempt < 60; attempt++) { // the helper works in the background after the upload
            var best = io.restassured.RestAssured.given().get("/api/v1/lobby/" + project + "/best").then().extract().jsonPath();
            if (best.getString("[0].aiAnswer") != null) {
                round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(round != null, "the AI helper suggested nothing within 30 s");
        String suggestion = round.getString("items[0].suggestion.answer");
        assertEquals(CHAIN.length() - 1, suggestion.length());
        Api.submit(player, round.getString("roundId"), round.getString("token"), List.of(Api.answer(round.getInt("items[0].id"), suggestion)))
                .then().statusCode(200).body("answers[0].accepted", equalTo(true)).body("answers[0].objective", notNullValue());
    }

    @Test
    void aGuestPlaysAFullRoundOfFoldInTheBrowser() {
        long project = foldProject("Fold: browser");
        WebDriver browser = Browsers.open(1280, 900);
        try {
            browser.get(home.toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//ul[@id='projects']//button[strong[text()='Fold: browser']]"))).click();
            WebElement submit = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".fold-submit")));
            Browsers.screenshot(browser, "fold-1280");
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 780));
            Browsers.screenshot(browser, "fold-360");
            submit.click();
            WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feedback p[data-ack-millis]")));
            assertTrue(summary.getText().startsWith("+"), summary.getText());
            System.out.println("Fold acknowledged on screen after " + summary.getAttribute("data-ack-millis") + " ms");

            // The result page shows the best player fold beside the published best for the chain.
            browser.get(home + "best.html?project=" + project);
            WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-item='chain-20']")));
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertEquals("9", cells.get(2).getText());
            assertEquals("1", cells.get(4).getText());
            assertTrue(cells.get(1).getText().matches("\\d+(\\.0)?"), cells.get(1).getText());
        } finally {
            browser.quit();
        }
    }
}
