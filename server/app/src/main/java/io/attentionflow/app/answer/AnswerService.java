package io.attentionflow.app.answer;

import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.http.Problem.FieldError;
import io.attentionflow.app.item.ItemCache;
import io.attentionflow.app.leaderboard.Leaderboards;
import io.attentionflow.app.pairing.TagRepository;
import io.attentionflow.app.item.ItemRepository.StoredItem;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectCache;
import io.attentionflow.app.round.AllocationIndex;
import io.attentionflow.app.round.RoundMetrics;
import io.attentionflow.app.round.RoundService;
import io.attentionflow.app.round.RoundToken;
import io.attentionflow.app.security.Tokens;
import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    private final ItemCache items;
    private final ProjectCache projects;
    private final PluginHost plugins;
    private final AllocationIndex index;
    private final RoundToken tokens;
    private final RoundMetrics metrics;
    private final Leaderboards leaderboards;
    private final TagRepository tags;
    private final GroupCommit groupCommit;
    private final RoundService rounds;
    private final long leaseGraceMillis;

    public AnswerService(ItemCache items, ProjectCache projects, PluginHost plugins, AllocationIndex index,
                         RoundToken tokens, RoundMetrics metrics, Leaderboards leaderboards, TagRepository tags, GroupCommit groupCommit,
                         RoundService rounds, AflowConfig config) {
        this.items = items;
        this.projects = projects;
        this.plugins = plugins;
        this.index = index;
        this.tokens = tokens;
        this.metrics = metrics;
        this.leaderboards = leaderboards;
        this.tags = tags;
        this.groupCommit = groupCommit;
        this.rounds = rounds;
        this.leaseGraceMillis = config.rounds().leaseGrace().toMillis();
    }

    public Uni<SubmissionResult> submit(long playerId, UUID roundId, SubmissionRequest request) {
        long received = System.currentTimeMillis();
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
                            // Taken until the lease's grace ends (the index keeps the items for the answers' wait beyond
                            // it, RoundService.reservedUntil): answers sent near the end, and sent again after a 503 while
                            // the first ones were still being committed, then find the round claimed and are answered from it.
                            long takenUntil = claims.expiresAtMillis() + leaseGraceMillis;
                            return agreedTags(game, roundId, given).chain(agreed -> commit(new CheckedSubmission(project, game, playerId,
                                    roundId, takenUntil, received, given, stored, hash, agreed)));
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

    private Uni<SubmissionResult> commit(CheckedSubmission submission) {
        return groupCommit.commit(submission, outcome -> afterOutcome(submission, outcome)).map(SubmissionWriter.Outcome::reply);
    }

    /** What follows a round's outcome in Redis and on the boards; it runs even when the player no longer waits for it. */
    private Uni<Void> afterOutcome(CheckedSubmission submission, SubmissionWriter.Outcome outcome) {
        if (outcome instanceof SubmissionWriter.Fresh fresh) {
            return afterCommit(submission.project(), submission.roundId(), fresh.recorded());
        }
        // A round the budget had no room for gives back at once the share of the budget the index still counted as in
        // flight: PostgreSQL may have room for a few answers the index would otherwise hand out only after the reaper.
        if (outcome instanceof SubmissionWriter.Refused refused && refused.reason() instanceof BudgetSpent) {
            return rounds.withdraw(submission.project(), submission.roundId());
        }
        return Uni.createFrom().voidItem();
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

    private Uni<Void> afterCommit(Project project, UUID roundId, SubmissionWriter.Recorded recorded) {
        metrics.answersAccepted(recorded.answered().size());
        Uni<Void> lease = index.complete(project, roundId.toString(), recorded.answered(), recorded.retired())
                .chain(spentOrInFlight -> projects.completeIfBudgetSpent(project, spentOrInFlight))
                .onFailure().invoke(e -> LOG.warnf(e, "Round %s committed, but ending its lease or completing its project failed; the reaper will",
                        roundId))
                .onFailure().recoverWithNull();
        // The boards are derived from the players' points in PostgreSQL, which the transaction already holds: points
        // reach them whatever became of the index.
        Uni<Void> boards = leaderboards.award(recorded.awards())
                .onFailure().invoke(e -> LOG.warnf(e, "Round %s committed, but its points did not reach the leaderboards", roundId))
                .onFailure().recoverWithNull();
        return Uni.combine().all().unis(lease, boards).discardItems();
    }

    /** Identifies a round's answers whatever their order, to tell a repeated submission from a different one. */
    static byte[] requestHash(List<SubmissionRequest.Answer> given) {
        StringBuilder canonical = new StringBuilder();
        given.stream().sorted(Comparator.comparingLong(SubmissionRequest.Answer::itemId))
                .forEach(a -> canonical.append(a.itemId()).append('=').append(a.answer()).append('\n'));
        return Tokens.sha256(canonical.toString());
    }
}
