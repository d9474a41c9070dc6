package io.attentionflow.app.pairing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.round.RoundService;
import io.attentionflow.app.security.CredentialRepository;
import io.attentionflow.app.security.Roles;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Paired play over WebSocket at {@code /ws/pairs/{projectId}?token=<player token>} (browsers cannot set an
 * Authorization header on a WebSocket). Messages are JSON: the page sends
 * {@code {"type":"word","itemId":..,"word":"..","seq":..}}; the server sends {@code waiting}, {@code round},
 * {@code paired} (live, recorded or none), {@code word-result}, {@code typed}, {@code match}, {@code left},
 * {@code none} and {@code error}. Answers themselves are submitted over REST like any round.
 */
@WebSocket(path = "/ws/pairs/{projectId}", endpointId = "pairs")
public class PairSocket {

    private static final Logger LOG = Logger.getLogger(PairSocket.class);

    private final PairingService pairing;
    private final CredentialRepository credentials;
    private final RoundService rounds;
    private final PluginHost plugins;
    private final ObjectMapper json;

    public PairSocket(PairingService pairing, CredentialRepository credentials, RoundService rounds, PluginHost plugins, ObjectMapper json) {
        this.pairing = pairing;
        this.credentials = credentials;
        this.rounds = rounds;
        this.plugins = plugins;
        this.json = json;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        String token = queryParam(connection.handshakeRequest().query(), "token");
        long projectId;
        try {
            projectId = Long.parseLong(connection.pathParam("projectId"));
        } catch (NumberFormatException e) {
            return fail(connection, "projectId: must be a number");
        }
        if (token == null) {
            return fail(connection, "token: a player token is required as ?token=");
        }
        return credentials.find(token).chain(found -> {
            if (found.isEmpty() || !Roles.PLAYER.equals(found.get().role())) {
                return fail(connection, "token: is not a player's token");
            }
            return rounds.playable(projectId).chain(project -> {
                boolean paired = plugins.game(project.gameType()).map(g -> g.game().roundShape().paired()).orElse(false);
                if (!paired) {
                    return fail(connection, "projectId: project " + projectId + " is not a paired game");
                }
                return pairing.arrive(found.get().subjectId(), project, connection);
            }).onFailure().recoverWithUni(e -> {
                if (e instanceof ApiException refused) {
                    return fail(connection, refused.getMessage());
                }
                LOG.warnf("A player could not join paired play: %s", e.toString());
                return fail(connection, PairingService.COULD_NOT_START);
            });
        });
    }

    @OnTextMessage
    public Uni<Void> message(WebSocketConnection connection, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            return fail(connection, "body: is not valid JSON");
        }
        if (!"word".equals(message.path("type").asText()) || !message.path("itemId").canConvertToLong() || !message.path("word").isTextual()) {
            return connection.sendText("{\"type\":\"error\",\"detail\":\"expected {type: word, itemId, word, seq}\"}");
        }
        Object seq = message.has("seq") ? json.convertValue(message.get("seq"), Object.class) : null;
        return pairing.word(connection, message.get("itemId").asLong(), message.get("word").asText(), seq);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        pairing.leave(connection);
    }

    private Uni<Void> fail(WebSocketConnection connection, String detail) {
        try {
            return connection.sendText(json.writeValueAsString(java.util.Map.of("type", "error", "detail", String.valueOf(detail))))
                    .chain(() -> connection.close());
        } catch (Exception e) {
            return connection.close();
        }
    }

    static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
