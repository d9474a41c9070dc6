package io.attentionflow.app.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/**
 * Live leaderboards: a client connected to {@code /ws/leaderboard} gets both boards at once and again
 * whenever they change. Each node looks at the shared boards in Redis every second and pushes changes to
 * its own connections, so every node's players see every node's points without node-to-node messages.
 */
@WebSocket(path = "/ws/leaderboard", endpointId = LeaderboardSocket.ENDPOINT)
public class LeaderboardSocket {

    static final String ENDPOINT = "leaderboard";

    private final Leaderboards leaderboards;
    private final OpenConnections connections;
    private final ObjectMapper json;
    private volatile String last = "";

    public LeaderboardSocket(Leaderboards leaderboards, OpenConnections connections, ObjectMapper json) {
        this.leaderboards = leaderboards;
        this.connections = connections;
        this.json = json;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        return boards().chain(message -> connection.sendText(message));
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pushChanges() {
        var listeners = connections.findByEndpointId(ENDPOINT);
        if (listeners.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return boards().chain(message -> {
            if (message.equals(last)) {
                return Uni.createFrom().voidItem();
            }
            last = message;
            return Uni.join().all(listeners.stream().map(c -> c.sendText(message).onFailure().recoverWithNull()).toList())
                    .andCollectFailures().replaceWithVoid()
                    .onFailure().recoverWithNull();
        });
    }

    private Uni<String> boards() {
        return leaderboards.top(Leaderboards.Period.day, LeaderboardResource.SIZE)
                .chain(day -> leaderboards.top(Leaderboards.Period.all, LeaderboardResource.SIZE).map(all -> {
                    try {
                        return json.writeValueAsString(Map.of("type", "leaderboards", "boards", List.of(day, all)));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }
}
