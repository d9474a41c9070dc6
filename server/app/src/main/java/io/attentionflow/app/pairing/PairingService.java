package io.attentionflow.app.pairing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.http.StoreFailures;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.round.RoundService;
import io.attentionflow.app.round.RoundView;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Pairs players of output-agreement games (Tag match) and relays their words. A player who connects waits
 * for a partner on the same project; two waiting players get rounds on the same item. Whoever finds nobody
 * within {@code aflow.pairing.partner-wait} plays against a recorded partner: the words of an earlier round on their
 * item. Every word is stored in PostgreSQL before it is acknowledged, so a partner leaving or a dropped
 * connection loses nothing; the remaining player goes on against the words the partner typed.
 *
 * <p>Pairing is per server node: players connected to different nodes do not meet (each gets a recorded
 * partner). A shared Redis queue with pub/sub relaying is the next step for deployments of several nodes.
 */
@ApplicationScoped
public class PairingService {

    private static final Logger LOG = Logger.getLogger(PairingService.class);
    /** What a player whose round could not be started is told. */
    static final String COULD_NOT_START = "could not start a round just now: join again";

    /** One connected player. Mutable state is touched under the service's lock or by the seat's own callbacks. */
    static final class Seat {
        final long playerId;
        final Project project;
        final GameType game;
        final WebSocketConnection connection;
        final Set<String> myWords = ConcurrentHashMap.newKeySet();
        final Set<String> recordedWords = ConcurrentHashMap.newKeySet();
        /** The round the player was sent; null until then. */
        volatile RoundView round;
        volatile Seat partner;

        Seat(long playerId, Project project, GameType game, WebSocketConnection connection) {
            this.playerId = playerId;
            this.project = project;
            this.game = game;
            this.connection = connection;
        }
    }

    private final RoundService rounds;
    private final TagRepository tags;
    private final PluginHost plugins;
    private final ObjectMapper json;
    private final AflowConfig config;
    private final Map<Long, Seat> waiting = new ConcurrentHashMap<>();
    private final Map<String, Seat> seats = new ConcurrentHashMap<>();

    public PairingService(RoundService rounds, TagRepository tags, PluginHost plugins, ObjectMapper json, AflowConfig config) {
        this.config = config;
        this.rounds = rounds;
        this.tags = tags;
        this.plugins = plugins;
        this.json = json;
    }

    /** A player connected: pair them with whoever waits on the project, or let them wait. */
    Uni<Void> arrive(long playerId, Project project, WebSocketConnection connection) {
        GameType game = plugins.game(project.gameType()).orElseThrow().game();
        Seat seat = new Seat(playerId, project, game, connection);
        seats.put(connection.id(), seat);
        Seat other;
        synchronized (this) {
            other = waiting.remove(project.id());
            if (other == null || other.playerId == playerId || !other.connection.isOpen()) {
                waiting.put(project.id(), seat);
                other = null;
            }
        }
        if (other == null) {
            send(seat, Map.of("type", "waiting"));
            Uni.createFrom().voidItem().onItem().delayIt().by(config.pairing().partnerWait())
                    .chain(() -> waiting.remove(project.id(), seat) ? playAlone(seat) : Uni.createFrom().voidItem())
                    .subscribe().with(done -> { }, failure -> couldNotStart(seat, failure));
            return Uni.createFrom().voidItem();
        }
        return pair(other, seat);
    }

    /**
     * Starts both players' rounds. A failure reaches the second player through the socket that brought them; the first,
     * who was waiting, is told here unless their round had already gone out.
     */
    private Uni<Void> pair(Seat first, Seat second) {
        return startPair(first, second).onFailure().invoke(failure -> {
            if (first.round == null) {
                couldNotStart(first, failure);
            }
        });
    }

    private Uni<Void> startPair(Seat first, Seat second) {
        return rounds.next(first.playerId, first.project).chain(firstRound -> {
            if (firstRound.isEmpty()) {
                nothingLeft(first);
                return playAlone(second);
            }
            long itemId = firstRound.get().items().get(0).id();
            // Should the partner's round fail, the first player's, which they have not seen yet, is withdrawn.
            return rounds.join(second.playerId, second.project, itemId)
                    .onFailure().call(() -> rounds.withdraw(first.project, firstRound.get().roundId()))
                    .chain(secondRound -> {
                        if (secondRound.isEmpty()) {
                            return startRecorded(first, firstRound.get()).chain(() -> playAlone(second));
                        }
                        first.round = firstRound.get();
                        second.round = secondRound.get();
                        first.partner = second;
                        second.partner = first;
                        for (Seat seat : List.of(first, second)) {
                            send(seat, Map.of("type", "round", "round", seat.round));
                            send(seat, Map.of("type", "paired", "partner", "live"));
                        }
                        return Uni.createFrom().voidItem();
                    });
        });
    }

    private Uni<Void> playAlone(Seat seat) {
        if (!seat.connection.isOpen()) {
            return Uni.createFrom().voidItem();
        }
        return rounds.next(seat.playerId, seat.project).chain(round -> {
            if (round.isEmpty()) {
                nothingLeft(seat);
                return Uni.createFrom().voidItem();
            }
            return startRecorded(seat, round.get());
        });
    }

    /** Sends the seat its round against a recorded partner's words; a round that cannot be sent is withdrawn. */
    private Uni<Void> startRecorded(Seat seat, RoundView round) {
        return tags.recorded(round.items().get(0).id(), seat.playerId).invoke(words -> {
            seat.recordedWords.addAll(words);
            seat.round = round;
            send(seat, Map.of("type", "round", "round", round));
            send(seat, Map.of("type", "paired", "partner", words.isEmpty() ? "none" : "recorded"));
        }).replaceWithVoid().onFailure().call(() -> rounds.withdraw(seat.project, round.roundId()));
    }

    /**
     * A player whose round could not be started (its round, if one was leased, withdrawn) is told so and disconnected,
     * rather than left waiting for a round that will not come; the page shows why, and they may join again.
     */
    private void couldNotStart(Seat seat, Throwable failure) {
        if (StoreFailures.unavailable(failure)) {
            LOG.warnf("Could not start a paired round for player %d: %s", seat.playerId, failure.getMessage());
        } else {
            LOG.errorf(failure, "Could not start a paired round for player %d", seat.playerId);
        }
        if (!seat.connection.isOpen()) {
            return;
        }
        try {
            seat.connection.sendText(json.writeValueAsString(Map.of("type", "error", "detail", COULD_NOT_START)))
                    .chain(() -> seat.connection.close())
                    .subscribe().with(closed -> { }, e -> LOG.debug("could not tell a player their round did not start", e));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void nothingLeft(Seat seat) {
        send(seat, Map.of("type", "none", "reason", "no item needs you right now"));
    }

    /**
     * A word typed by the player on a connection: checked by the game, stored, then compared with the
     * partner's words (live or recorded). The reply echoes {@code seq} so the page can match it to its word.
     */
    Uni<Void> word(WebSocketConnection connection, long itemId, String word, Object seq) {
        Seat seat = seats.get(connection.id());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "word-result");
        reply.put("seq", seq);
        if (seat == null || seat.round == null || seat.round.items().get(0).id() != itemId) {
            return refuse(connection, reply, "there is no round on that item");
        }
        RoundView.RoundItem item = seat.round.items().get(0);
        List<Problem> problems = seat.game.validateAnswer(new Item(item.fields(), seat.project.labels()), word);
        if (!problems.isEmpty()) {
            return refuse(connection, reply, problems.get(0).reason());
        }
        String key = seat.game.agreementKey(word);
        if (!seat.myWords.add(key)) {
            return refuse(connection, reply, "you typed that already");
        }
        UUID roundId = seat.round.roundId();
        return tags.saveWord(roundId, itemId, seat.playerId, word, key).chain(() -> {
            Seat partner = seat.partner;
            boolean match = partner != null ? partner.myWords.contains(key) : seat.recordedWords.contains(key);
            if (!match) {
                reply.put("accepted", true);
                send(connection, reply);
                if (partner != null) {
                    send(partner, Map.of("type", "typed", "count", seat.myWords.size()));
                }
                return Uni.createFrom().voidItem();
            }
            List<UUID> matchedRounds = partner != null && partner.round != null ? List.of(roundId, partner.round.roundId()) : List.of(roundId);
            return tags.saveMatch(matchedRounds, itemId, key).invoke(() -> {
                reply.put("accepted", true);
                reply.put("match", key);
                send(connection, reply);
                if (partner != null) {
                    send(partner, Map.of("type", "match", "tag", key));
                }
            });
        }).onFailure().recoverWithUni(failure -> {
            // Neither the word nor its match may have been stored: the player may type it again, and both writes keep
            // what they stored already once.
            if (StoreFailures.unavailable(failure)) {
                LOG.warnf("A word of round %s could not be stored: %s", roundId, failure.getMessage());
            } else {
                LOG.errorf(failure, "A word of round %s could not be stored", roundId);
            }
            seat.myWords.remove(key);
            return refuse(connection, reply, "could not be stored just now: type it again");
        });
    }

    /** A player left: their partner plays on against the words they typed. */
    void leave(WebSocketConnection connection) {
        Seat seat = seats.remove(connection.id());
        if (seat == null) {
            return;
        }
        waiting.remove(seat.project.id(), seat);
        Seat partner = seat.partner;
        if (partner != null) {
            partner.recordedWords.addAll(seat.myWords);
            partner.partner = null;
            send(partner, Map.of("type", "left"));
        }
    }

    private Uni<Void> refuse(WebSocketConnection connection, Map<String, Object> reply, String reason) {
        reply.put("accepted", false);
        reply.put("reason", reason);
        send(connection, reply);
        return Uni.createFrom().voidItem();
    }

    private void send(Seat seat, Map<String, ?> message) {
        send(seat.connection, message);
    }

    private void send(WebSocketConnection connection, Map<String, ?> message) {
        if (!connection.isOpen()) {
            return;
        }
        try {
            connection.sendText(json.writeValueAsString(message)).subscribe().with(ok -> { }, e -> LOG.debug("send failed", e));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
