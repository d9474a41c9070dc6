package io.attentionflow.app;

import static io.attentionflow.app.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Tag match, output agreement after the ESP Game: two browsers play each other and both see the match. */
@QuarkusTest
class TagMatchTest {

    @TestHTTPResource("/")
    URL home;

    private static long tagProject(String researcher, String name) {
        Number id = as(researcher).contentType("application/json")
                .body(Map.of("name", name, "gameType", "tag-match", "minAnswers", 1, "maxAnswers", 20))
                .post("/api/v1/projects").then().statusCode(201).extract().path("id");
        Api.upload(researcher, id.longValue(), "text/csv", "id,text\nscene-1,A lighthouse on a cliff at night\n").then().statusCode(201);
        as(researcher).post("/api/v1/projects/" + id + "/activate").then().statusCode(200);
        return id.longValue();
    }

    private static void open(WebDriver browser, URL home, String project) {
        browser.get(home.toString());
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//ul[@id='projects']//button[strong[text()='" + project + "']]"))).click();
    }

    private static void type(WebDriver browser, String word) {
        var input = new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".tm-input")));
        input.clear(); // a refused word stays in the box for the player to fix
        input.sendKeys(word, Keys.ENTER);
    }

    /** Waits until the page lists this many words as taken by the server. */
    private static void sentWords(WebDriver browser, int count) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".tm-words .tm-sent"), count));
    }

    @Test
    void twoBrowsersPlayEachOtherAndBothSeeTheMatch() {
        String researcher = Api.researcher();
        long project = tagProject(researcher, "Tags: live pair");
        WebDriver first = Browsers.open(1280, 900);
        WebDriver second = Browsers.open(360, 780);
        try {
            open(first, home, "Tags: live pair");
            open(second, home, "Tags: live pair");
            for (WebDriver browser : new WebDriver[] {first, second}) {
                new WebDriverWait(browser, Duration.ofSeconds(15))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tm-partner"), "live partner"));
            }
            type(first, "Lighthouse");
            sentWords(first, 1);
            type(first, "sea");
            sentWords(first, 2);
            type(second, "lighthouse ");
            for (WebDriver browser : new WebDriver[] {first, second}) {
                new WebDriverWait(browser, Duration.ofSeconds(15))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tm-match"), "lighthouse"));
            }
            Browsers.screenshot(first, "tag-match-1280");
            Browsers.screenshot(second, "tag-match-360");
            new WebDriverWait(second, Duration.ofSeconds(15))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feedback p[data-ack-millis]")));
        } finally {
            first.quit();
            second.quit();
        }
        String results = as(researcher).get("/api/v1/projects/" + project + "/results.csv").then().statusCode(200).extract().asString();
        assertTrue(results.contains("scene-1,lighthouse,1"), results);
    }

    @Test
    void aLonePlayerGetsTheRecordedPartnerAndTheAgreedTagBecomesTaboo() {
        String researcher = Api.researcher();
        tagProject(researcher, "Tags: recorded");
        // An earlier pair agrees on "lighthouse"; then a lone player meets the words of an earlier round.
        WebDriver first = Browsers.open(1280, 900);
        WebDriver second = Browsers.open(1280, 900);
        try {
            open(first, home, "Tags: recorded");
            open(second, home, "Tags: recorded");
            type(first, "lighthouse");
            sentWords(first, 1);
            type(first, "cliff");
            sentWords(first, 2);
            type(second, "lighthouse");
            new WebDriverWait(second, Duration.ofSeconds(15))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tm-match"), "lighthouse"));
        } finally {
            first.quit();
            second.quit();
        }
        WebDriver lone = Browsers.open(1280, 900);
        try {
            open(lone, home, "Tags: recorded");
            WebDriverWait wait = new WebDriverWait(lone, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tm-partner"), "recorded partner"));
            assertTrue(lone.findElement(By.cssSelector(".tm-taboo")).getText().contains("lighthouse"), "the agreed tag is taboo now");
            type(lone, "lighthouse");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tm-feedback"), "taboo"));
            type(lone, "cliff");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tm-match"), "cliff"));
        } finally {
            lone.quit();
        }
    }

    @Test
    void aTagOverSixtyFourCharactersOrWithControlCharactersIsRefusedOverTheSocket() throws Exception {
        String researcher = Api.researcher();
        long project = tagProject(researcher, "Tags: refusals");
        String token = Api.guest();
        var client = java.net.http.HttpClient.newHttpClient();
        var messages = new java.util.concurrent.LinkedBlockingQueue<String>();
        var socket = client.newWebSocketBuilder().buildAsync(java.net.URI.create(home.toString().replace("http", "ws")
                + "ws/pairs/" + project + "?token=" + token), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        messages.add(data.toString());
                        ws.request(1);
                        return null;
                    }
                }).join();
        String round = null;
        for (int i = 0; i < 10 && round == null; i++) {
            String message = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            if (message != null && message.contains("\"type\":\"round\"")) {
                round = message;
            }
        }
        assertTrue(round != null, "a lone player gets a round after the partner wait");
        long itemId = io.restassured.path.json.JsonPath.from(round).getLong("round.items[0].id");
        socket.sendText("{\"type\":\"word\",\"itemId\":" + itemId + ",\"word\":\"" + "x".repeat(65) + "\",\"seq\":1}", true).join();
        socket.sendText("{\"type\":\"word\",\"itemId\":" + itemId + ",\"word\":\"bell\\u0007\",\"seq\":2}", true).join();
        socket.sendText("{\"type\":\"word\",\"itemId\":" + (itemId + 999) + ",\"word\":\"sea\",\"seq\":3}", true).join();
        socket.sendText("{\"type\":\"word\",\"itemId\":" + itemId + ",\"word\":\"" + "y".repeat(64) + "\",\"seq\":4}", true).join();
        Map<Integer, Boolean> accepted = new java.util.HashMap<>();
        while (accepted.size() < 4) {
            String message = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(message != null, "every word gets a reply");
            var json = io.restassured.path.json.JsonPath.from(message);
            if ("word-result".equals(json.getString("type"))) {
                accepted.put(json.getInt("seq"), json.getBoolean("accepted"));
            }
        }
        assertEquals(Map.of(1, false, 2, false, 3, false, 4, true), accepted);
        socket.abort();
    }
}
