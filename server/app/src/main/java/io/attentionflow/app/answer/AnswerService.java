package io.attentionflow.app.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.http.Problem.FieldError;
import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.leaderboard.Leaderboards;
import io.attentionflow.app.pairing.TagRepository;
import io.attentionflow.app.item.ItemRepository.StoredItem;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.app.round.AllocationIndex;
import io.attentionflow.app.round.RoundMetrics;
import io.attentionflow.app.round.RoundToken;
import io.attentionflow.app.security.Tokens;
import io.attentionflow.engine.inference.IncrementalPosterior;
import io.attentionflow.engine.state.ItemPosterior;
import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.pgclient.PgException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes a round's answers. Everything a player is told happens after PostgreSQL has committed the answers;
 * Redis is updated afterwards and, should that fail, the lease reaper repairs it from PostgreSQL.
 */
@ApplicationScoped
public class AnswerService {

    private static final Logger LOG = Logger.getLogger(AnswerService.class);
    /** Points to each player whose answer agrees with an item's result when the item retires. */
    static final int AGREEMENT_CREDIT = 5;
    /** Bonus per right gold answer, times the streak of right gold answers so far (up to the cap below). */
    static final int STREAK_BONUS = 2;
    static final int MAX_STREAK_BONUS_STEPS = 5;

    private final Pool pool;
    private final AnswerRepository answers;
    private final ItemRepository items;
    private final ProjectRepository projects;
    private final io.attentionflow.app.player.PlayerRepository players;
    private final PluginHost plugins;
    private final AllocationIndex index;
    private final RoundToken tokens;
    private final RoundMetrics metrics;
    private final ObjectMapper json;
    private final Leaderboards leaderboards;
    private final TagRepository tags;

    public AnswerService(Pool pool, AnswerRepository answers, ItemRepository items, ProjectRepository projects,
                         io.attentionflow.app.player.PlayerRepository players, PluginHost plugins, AllocationIndex index,
                         RoundToken tokens, RoundMetrics metrics, ObjectMapper json, Leaderboards leaderboards,
                         TagRepository tags) {
        this.tags = tags;
        this.leaderboards = leaderboards;
        this.pool = pool;
        this.answers = answers;
        this.items = items;
        this.projects = projects;
        this.players = players;
        this.plugins = plugins;
        this.index = index;
        this.tokens = tokens;
        this.metrics = metrics;
        this.json = json;
    }

    public Uni<SubmissionResult> submit(long playerId, UUID roundId, SubmissionRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "answers and the round token are required");
        }
        RoundToken.Claims claims = tokens.verify(request.token())
                .orElseThrow(() -> new ApiException(403, "Forbidden", "token: is not a valid round token",
                        List.of(FieldError.of("token", "is not a valid round token"))));
        if (!claims.roundId().equals(roundId)) {
            throw ApiException.badRequest("token", "belongs to round " + claims.roundId() + ", not " + roundId);
        }
        if (claims.playerId() != playerId) {
            throw new ApiException(403, "Forbidden", "token: was issued to another player", List.of(FieldError.of("token", "was issued to another player")));
        }
        List<SubmissionRequest.Answer> given = checkShape(request, claims);
        return projects.find(claims.projectId())
                .map(found -> found.orElseThrow(() -> ApiException.notFound("projectId", "no project " + claims.projectId())))
                .chain(project -> items.find(project.id(), given.stream().map(SubmissionRequest.Answer::itemId).toList())
                        .chain(stored -> {
                            GameType game = plugins.game(project.gameType())
                                    .orElseThrow(() -> ApiException.conflict("gameType", "game type '" + project.gameType() + "' is not installed"))
                                    .game();
                            checkAnswers(game, project, given, stored);
                            byte[] hash = requestHash(given);
                            return agreedTags(game, roundId, given).chain(agreed -> submitChecked(project, game, playerId, roundId, claims,
                                    given, stored, hash, agreed));
                        }));
    }

    /**
     * For output-agreement games, which of the answers are tags this round agreed on with a partner: only
     * those earn points. Empty for other games.
     */
    private Uni<Set<Long>> agreedTags(GameType game, UUID roundId, List<SubmissionRequest.Answer> given) {
        Set<Long> agreed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        if (game.answerKind() != AnswerKind.TEXT) {
            return Uni.createFrom().item(agreed);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SubmissionRequest.Answer answer : given) {
            chain = chain.chain(() -> tags.matched(roundId, answer.itemId(), game.agreementKey(answer.answer()))
                    .invoke(matched -> {
                        if (matched) {
                            agreed.add(answer.itemId());
                        }
                    }).replaceWithVoid());
        }
        return chain.replaceWith(agreed);
    }

    private Uni<SubmissionResult> submitChecked(Project project, GameType game, long playerId, UUID roundId, RoundToken.Claims claims,
                                                List<SubmissionRequest.Answer> given, Map<Long, StoredItem> stored, byte[] hash,
                                                Set<Long> agreed) {
        return pool.withTransaction(tx -> answers.claimRound(tx, roundId, project.id(), playerId, hash)
                .chain(earlier -> {
                    if (earlier.isPresent()) {
                        return Uni.createFrom().item(replay(earlier.get(), hash));
                    }
                    if (System.currentTimeMillis() > claims.expiresAtMillis()) {
                        throw new ApiException(410, "Gone", "token: the round's lease has ended",
                                List.of(FieldError.of("token", "the round's lease has ended; ask for a new round")));
                    }
                    return record(tx, project, game, playerId, roundId, given, stored, agreed).map(Fresh::new);
                }))
                // Concurrent rounds can still lock players in opposite orders (delayed credit): PostgreSQL then
                // aborts one transaction, which is retried whole; nothing of it was committed or acknowledged.
                .onFailure(AnswerService::isTransient).retry().withBackOff(Duration.ofMillis(10), Duration.ofMillis(200)).atMost(4)
                .call(outcome -> outcome instanceof Fresh fresh ? afterCommit(project, roundId, fresh) : Uni.createFrom().voidItem())
                .map(Outcome::result);
    }

    /** Deadlocks and serialization failures: PostgreSQL rolled the transaction back and asks for a retry. */
    private static boolean isTransient(Throwable failure) {
        return failure instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    /** What a submission ended in: a fresh commit, or the stored result of an identical earlier one. */
    private sealed interface Outcome permits Fresh, Replayed {
        SubmissionResult result();
    }

    private record Fresh(Recorded recorded) implements Outcome {
        public SubmissionResult result() {
            return recorded.result();
        }
    }

    private record Replayed(SubmissionResult result) implements Outcome {
    }

    /**
     * A committed submission: the reply, and for Redis the new need of each answered item, the retired
     * items and the points each player earned (this player's, and delayed credit to those who agreed with
     * an item that retired).
     */
    private record Recorded(SubmissionResult result, Map<Long, AllocationIndex.AnsweredItem> answered, List<Long> retired,
                            Map<Long, Integer> awards) {
    }

    private static List<SubmissionRequest.Answer> checkShape(SubmissionRequest request, RoundToken.Claims claims) {
        if (request.answers() == null || request.answers().isEmpty()) {
            throw ApiException.badRequest("answers", "must hold at least one answer");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < request.answers().size(); i++) {
            SubmissionRequest.Answer answer = request.answers().get(i);
            if (answer == null || answer.itemId() == null) {
                errors.add(FieldError.of("answers[" + i + "].itemId", "is required"));
            } else if (!claims.itemIds().contains(answer.itemId())) {
                errors.add(FieldError.of("answers[" + i + "].itemId", "item " + answer.itemId() + " is not in this round"));
            } else if (!seen.add(answer.itemId())) {
                errors.add(FieldError.of("answers[" + i + "].itemId", "item " + answer.itemId() + " is answered twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return request.answers();
    }

    private static void checkAnswers(GameType game, Project project, List<SubmissionRequest.Answer> given, Map<Long, StoredItem> stored) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            SubmissionRequest.Answer answer = given.get(i);
            StoredItem item = stored.get(answer.itemId());
            if (item == null) {
                errors.add(FieldError.of("answers[" + i + "].itemId", "no item " + answer.itemId() + " in project " + project.id()));
                continue;
            }
            for (Problem problem : game.validateAnswer(item.view(project.labels()), answer.answer())) {
                errors.add(FieldError.of("answers[" + i + "]." + problem.field(), problem.reason()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private Outcome replay(AnswerRepository.Submission earlier, byte[] hash) {
        if (!MessageDigest.isEqual(earlier.requestHash(), hash)) {
            throw ApiException.conflict("token", "this round was already submitted with other answers; a round token is single-use");
        }
        return new Replayed(earlier.response().mapTo(SubmissionResult.class));
    }

    private Uni<Recorded> record(SqlClient tx, Project project, GameType game, long playerId, UUID roundId,
                                 List<SubmissionRequest.Answer> given, Map<Long, StoredItem> stored, Set<Long> agreed) {
        List<SubmissionResult.Outcome> outcomes = new ArrayList<>();
        Map<Long, Integer> accepted = new java.util.LinkedHashMap<>();
        int[] points = {0};
        int[] streak = {0};
        List<AnswerRepository.NewAnswer> toRecord = new ArrayList<>();
        Map<Long, Double> objectives = new HashMap<>();
        for (SubmissionRequest.Answer answer : given) {
            OptionalDouble objective = game.objective(stored.get(answer.itemId()).view(project.labels()), answer.answer());
            Double value = objective.isPresent() ? objective.getAsDouble() : null;
            objectives.put(answer.itemId(), value);
            toRecord.add(new AnswerRepository.NewAnswer(answer.itemId(), answer.answer(), value));
        }
        // The streak only changes with gold answers: lock the player's row for it only then.
        boolean anyGold = given.stream().anyMatch(a -> stored.get(a.itemId()).gold() != null);
        Uni<Void> chain = (anyGold ? players.lockStreak(tx, playerId).invoke(current -> streak[0] = current) : Uni.createFrom().item(0))
                .chain(() -> answers.record(tx, project.id(), playerId, roundId, toRecord, project.maxAnswers()))
                .invoke(counts -> {
                    for (SubmissionRequest.Answer answer : given) {
                        StoredItem item = stored.get(answer.itemId());
                        Double value = objectives.get(item.id());
                        Integer count = counts.get(item.id());
                        if (count == null) {
                            outcomes.add(new SubmissionResult.Outcome(item.id(), answer.answer(), false,
                                    "the item already has all the answers it needs, or you answered it before", null, null, null));
                            continue;
                        }
                        accepted.put(item.id(), count);
                        boolean earns = game.answerKind() != AnswerKind.TEXT || agreed.contains(item.id());
                        points[0] += earns ? game.points(item.view(project.labels()), answer.answer(), Optional.ofNullable(item.gold())) : 0;
                        boolean gold = item.gold() != null;
                        if (gold && item.gold().equals(answer.answer())) {
                            streak[0]++;
                            points[0] += Math.min(streak[0], MAX_STREAK_BONUS_STEPS) * STREAK_BONUS;
                        } else if (gold) {
                            streak[0] = 0;
                        }
                        outcomes.add(new SubmissionResult.Outcome(item.id(), answer.answer(), true, null,
                                gold ? item.gold().equals(answer.answer()) : null, gold ? item.gold() : null, value));
                    }
                })
                .replaceWithVoid();
        boolean categorical = game.answerKind() == AnswerKind.CATEGORICAL;
        return chain
                .chain(() -> accepted.isEmpty() || !categorical ? Uni.createFrom().item(Map.<Long, AnswerRepository.ItemAnswers>of())
                        : answers.withAccuracies(tx, List.copyOf(accepted.keySet()), IncrementalPosterior.DEFAULT_NEW_WORKER_ACCURACY))
                .chain(answered -> {
                    Map<Long, AllocationIndex.AnsweredItem> answeredItems = new HashMap<>();
                    List<Long> retired = new ArrayList<>();
                    Map<Long, Integer> awards = new HashMap<>();
                    List<AnswerRepository.ItemState> states = new ArrayList<>();
                    Uni<Void> saved = Uni.createFrom().voidItem();
                    for (Map.Entry<Long, Integer> entry : accepted.entrySet()) {
                        long itemId = entry.getKey();
                        // Games without labels have no posterior: their items retire on the answer count alone.
                        double[] posterior = categorical ? posterior(project, answered.get(itemId)) : null;
                        double confidence = categorical ? ItemPosterior.confidence(posterior) : 0;
                        // Gold items never retire: they stay to measure and teach every new player.
                        boolean retires = stored.get(itemId).gold() == null && project.retirement().isRetired(confidence, entry.getValue(), 0);
                        answeredItems.put(itemId, new AllocationIndex.AnsweredItem(AllocationIndex.need(posterior), posterior));
                        if (retires) {
                            retired.add(itemId);
                        }
                        states.add(new AnswerRepository.ItemState(itemId, posterior, confidence, retires));
                        if (retires && categorical) {
                            String result = project.labels().get(ItemPosterior.label(posterior));
                            saved = saved.chain(() -> players.creditAgreement(tx, itemId, result, AGREEMENT_CREDIT)
                                    .invoke(credited -> credited.forEach(id -> awards.merge(id, AGREEMENT_CREDIT, Integer::sum)))
                                    .replaceWithVoid());
                        }
                    }
                    Uni<Void> agreementCredits = saved;
                    return answers.saveStates(tx, states)
                            .chain(() -> agreementCredits)
                            .chain(() -> players.credit(tx, playerId, points[0], accepted.size(), anyGold ? streak[0] : null))
                            .chain(total -> {
                                outcomes.sort(Comparator.comparingLong(SubmissionResult.Outcome::itemId));
                                SubmissionResult result = new SubmissionResult(roundId, List.copyOf(outcomes), points[0], total);
                                awards.merge(playerId, points[0], Integer::sum);
                                return answers.saveResponse(tx, roundId, JsonObject.mapFrom(result))
                                        .replaceWith(new Recorded(result, answeredItems, retired, awards));
                            });
                });
    }

    /**
     * The item's posterior from all its answers and the current accuracy estimates of those who gave them
     * (one-coin model of the engine). This is what decides retirement and the item's need.
     */
    private static double[] posterior(Project project, AnswerRepository.ItemAnswers itemAnswers) {
        int n = itemAnswers.labels().size();
        int[] given = new int[n];
        double[] accuracy = new double[n];
        for (int a = 0; a < n; a++) {
            given[a] = project.labels().indexOf(itemAnswers.labels().get(a));
            accuracy[a] = itemAnswers.accuracies().get(a);
        }
        return ItemPosterior.of(project.labels().size(), given, accuracy, -1);
    }

    private Uni<Void> afterCommit(Project project, UUID roundId, Fresh fresh) {
        metrics.answersAccepted(fresh.recorded().answered().size());
        return index.complete(project, roundId.toString(), fresh.recorded().answered(), fresh.recorded().retired())
                .call(() -> leaderboards.award(fresh.recorded().awards()))
                .chain(spentOrInFlight -> completeIfBudgetSpent(project, spentOrInFlight))
                .onFailure().invoke(e -> LOG.warnf(e, "Round %s committed but its lease was not ended in Redis; the reaper will", roundId))
                .onFailure().recoverWithNull();
    }

    /**
     * A project whose answer budget is spent is completed: its results are final and it leaves the lobby.
     * PostgreSQL is asked (a count over the project's items) only once the whole budget is spent or in flight.
     */
    private Uni<Void> completeIfBudgetSpent(Project project, long spentOrInFlight) {
        if (project.answerBudget() == null || spentOrInFlight < project.answerBudget()) {
            return Uni.createFrom().voidItem();
        }
        return projects.counts(project.id()).chain(counts -> counts.answers() < project.answerBudget() ? Uni.createFrom().voidItem()
                : projects.completeIfActive(project.id())
                        .invoke(completed -> {
                            if (completed) {
                                LOG.infof("Project %d spent its budget of %d answers and is completed", project.id(), project.answerBudget());
                            }
                        })
                        .replaceWithVoid());
    }

    private static byte[] requestHash(List<SubmissionRequest.Answer> given) {
        StringBuilder canonical = new StringBuilder();
        given.stream().sorted(Comparator.comparingLong(SubmissionRequest.Answer::itemId))
                .forEach(a -> canonical.append(a.itemId()).append('=').append(a.answer()).append('\n'));
        return Tokens.sha256(canonical.toString());
    }
}
