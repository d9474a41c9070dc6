package io.attentionflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A guest plays Label rush in a real browser, with the keyboard, and the leaderboard updates live elsewhere. */
@QuarkusTest
class LabelRushBrowserTest {

    @TestHTTPResource("/")
    URL home;

    private WebDriver player;
    private WebDriver watcher;

    @AfterEach
    void closeBrowsers() {
        if (player != null) {
            player.quit();
        }
        if (watcher != null) {
            watcher.quit();
        }
    }

    private static long projectNamed(String name, int items) {
        String researcher = Api.researcher();
        Number id = Api.as(researcher).contentType("application/json")
                .body(Map.of("name", name, "gameType", "label-rush", "labels", List.of("positive", "negative"), "minAnswers", 3,
                        "maxAnswers", 3, "targetConfidence", 1.0, "method", "mv"))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        StringBuilder csv = new StringBuilder("id,text,gold\n");
        for (int i = 1; i <= items; i++) {
            csv.append("r").append(i).append(",Review number ").append(i).append(" <b>not bold</b>,").append(i == 1 ? "positive" : "").append('\n');
        }
        Api.upload(researcher, id.longValue(), "text/csv", csv.toString()).then().statusCode(201);
        Api.as(researcher).post("/api/v1/projects/" + id + "/activate").then().statusCode(200);
        return id.longValue();
    }

    private static void pick(WebDriver driver, String projectName) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//ul[@id='projects']//button[strong[text()='" + projectName + "']]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".label-rush blockquote")));
    }

    @Test
    void aGuestPlaysAFullRoundWithTheKeyboard() {
        projectNamed("Browser: reviews", 5);
        player = Browsers.open(1280, 900);
        player.get(home.toString());
        pick(player, "Browser: reviews");

        WebElement quote = player.findElement(By.cssSelector(".label-rush blockquote"));
        assertTrue(quote.getText().contains("<b>not bold</b>"), "item text is shown as text, not HTML");
        assertEquals(0, player.findElements(By.cssSelector(".label-rush blockquote b")).size());
        Browsers.screenshot(player, "label-rush-1280");
        for (int i = 0; i < 5; i++) {
            new Actions(player).sendKeys("1").perform();
        }
        WebDriverWait wait = new WebDriverWait(player, Duration.ofSeconds(10));
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feedback p[data-ack-millis]")));
        assertTrue(summary.getText().startsWith("+"), summary.getText());
        System.out.println("Answer acknowledged on screen after " + summary.getAttribute("data-ack-millis") + " ms");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("player"), "points"));
        assertTrue(player.findElement(By.id("player")).getText().matches(".*level \\d+ · [1-9]\\d* points.*"),
                player.findElement(By.id("player")).getText());
        // Enter starts the next round; the page keeps working at phone width.
        new Actions(player).sendKeys(Keys.ENTER).perform();
        player.manage().window().setSize(new org.openqa.selenium.Dimension(360, 780));
        Browsers.screenshot(player, "label-rush-360");
    }

    @Test
    void theLeaderboardUpdatesLiveInAnotherBrowser() {
        long project = projectNamed("Browser: live board", 10);
        watcher = Browsers.open(1280, 900);
        watcher.get(home.toString());
        WebDriverWait wait = new WebDriverWait(watcher, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));

        String token = Api.guest();
        String name = Api.as(token).get("/api/v1/players/me").then().extract().path("name");
        for (int rounds = 0; rounds < 2; rounds++) {
            JsonPath round = Api.nextRound(token, project).then().statusCode(201).extract().jsonPath();
            List<Map<String, Object>> answers = round.getList("items.id", Integer.class).stream().map(id -> Api.answer(id, "positive")).toList();
            Api.submit(token, round.getString("roundId"), round.getString("token"), answers).then().statusCode(200);
        }
        long points = Api.as(token).get("/api/v1/players/me").then().extract().<Integer>path("points");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("board-day"), name + " — " + points));
    }
}
