package io.attentionflow.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A player of a paired game over its WebSocket, as the page speaks to the server: tests type words and read replies. */
public final class PairedPlayer implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    public PairedPlayer(URL home, long projectId, String token) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(home.toString().replace("http", "ws") + "ws/pairs/" + projectId + "?token=" + token),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                messages.add(data.toString());
                                ws.request(1);
                                return null;
                            }
                        })
                .join();
    }

    /** The next message of this type, skipping others; fails if none comes within 30 s (more than the tests' partner wait). */
    public JsonPath next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message != null && type.equals(JsonPath.from(message).getString("type"))) {
                return JsonPath.from(message);
            }
        }
        assertNotNull(null, "no '" + type + "' message within 30 s");
        return null;
    }

    /** Types a word and returns the server's word-result for it. */
    public JsonPath type(long itemId, String word, int seq) throws InterruptedException {
        socket.sendText("{\"type\":\"word\",\"itemId\":" + itemId + ",\"word\":\"" + word + "\",\"seq\":" + seq + "}", true).join();
        JsonPath result = next("word-result");
        while (result.getInt("seq") != seq) {
            result = next("word-result");
        }
        return result;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
