package io.attentionflow.app.answer;

import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.http.Problem.FieldError;
import io.attentionflow.app.item.ItemRepository.StoredItem;
import io.attentionflow.app.player.PlayerRepository;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.round.AllocationIndex;
import io.attentionflow.engine.allocation.MajorityNeed;
import io.attentionflow.engine.inference.AccuracyPrior;
import io.attentionflow.engine.state.ItemPosterior;
import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.plugin.api.GameType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes the submissions of a batch in one transaction, with the same statements whatever the batch's
 * size: the rounds are claimed, the players locked, the answers recorded, the items' posteriors and the
 * players' points updated, each by one statement for all (seven in all; one more when some round was
 * submitted before or its lease ended, and one per item whose retirement earns agreeing players delayed
 * credit). The caller guarantees that no two submissions of a batch share a player, or an item other than a gold one
 * (gold items have no cap, posterior or retirement to settle, only answers to count).
 */
@ApplicationScoped
class SubmissionWriter {

    /** Points to each player whose answer agrees with an item's result when the item retires. */
    static final int AGREEMENT_CREDIT = 5;
    /** Bonus per right gold answer, times the streak of right gold answers so far (up to the cap below). */
    static final int STREAK_BONUS = 2;
    static final int MAX_STREAK_BONUS_STEPS = 5;

    /** What a submission ended in: a fresh commit, the stored result of an identical earlier one, or a refusal. */
    sealed interface Outcome permits Fresh, Replayed, Refused {
        /** What the player is told; a refusal is thrown. */
        SubmissionResult reply();
    }

    record Fresh(Recorded recorded) implements Outcome {
        public SubmissionResult reply() {
            return recorded.result();
        }
    }

    record Replayed(SubmissionResult result) implements Outcome {
        public SubmissionResult reply() {
            return result;
        }
    }

    /**
     * The submission was refused: its lease had ended, its round was submitted with other answers, or (a round written
     * alone) the project's answer budget had no room for it.
     */
    record Refused(ApiException reason) implements Outcome {
        public SubmissionResult reply() {
            throw reason;
        }
    }

    /**
     * A committed submission: the reply, and for Redis the new need of each answered item, the retired
     * items and the points each player earned (this player's, and delayed credit to those who agreed with
     * an item that retired).
     */
    record Recorded(SubmissionResult result, Map<Long, AllocationIndex.AnsweredItem> answered, List<Long> retired,
                    Map<Long, Integer> awards) {
    }

    private final AnswerRepository answers;
    private final PlayerRepository players;

    SubmissionWriter(AnswerRepository answers, PlayerRepository players) {
        this.answers = answers;
        this.players = players;
    }

    /** The outcome of each submission of the batch, in the batch's order. */
    Uni<List<Outcome>> write(SqlClient tx, List<CheckedSubmission> batch) {
        // A round received too late is not claimed, but it may have been submitted in time before: then the player is
        // told what they were told then.
        List<AnswerRepository.RoundClaim> leased = batch.stream()
                .filter(submission -> submission.receivedAtMillis() <= submission.takenUntilMillis())
                .map(submission -> new AnswerRepository.RoundClaim(submission.roundId(), submission.project().id(),
                        submission.playerId(), submission.requestHash()))
                .toList();
        return answers.claimRounds(tx, leased).chain(claimed -> {
            List<UUID> unclaimed = batch.stream().map(CheckedSubmission::roundId).filter(id -> !claimed.contains(id)).toList();
            return answers.submissions(tx, unclaimed).chain(earlier -> {
                List<CheckedSubmission> fresh = batch.stream().filter(submission -> claimed.contains(submission.roundId())).toList();
                return recordFresh(tx, fresh).map(recorded -> {
                    List<Outcome> outcomes = new ArrayList<>(batch.size());
                    for (CheckedSubmission submission : batch) {
                        Recorded mine = recorded.get(submission.roundId());
                        outcomes.add(mine != null ? new Fresh(mine) : notFresh(submission, earlier.get(submission.roundId())));
                    }
                    return outcomes;
                });
            });
        });
    }

    private static Outcome notFresh(CheckedSubmission submission, AnswerRepository.Submission earlier) {
        if (earlier == null) {
            return new Refused(new ApiException(410, "Gone", "token: the round's lease has ended",
                    List.of(FieldError.of("token", "the round's lease has ended; ask for a new round"))));
        }
        if (!MessageDigest.isEqual(earlier.requestHash(), submission.requestHash())) {
            return new Refused(ApiException.conflict("token", "this round was already submitted with other answers; a round token is single-use"));
        }
        return new Replayed(earlier.response().mapTo(SubmissionResult.class));
    }

    /** One claimed submission while it is being recorded. */
    private static final class Draft {
        final CheckedSubmission submission;
        final List<SubmissionResult.Outcome> outcomes = new ArrayList<>();
        /** Accepted answers: item to its new answer count and its AI suggestion, as the answer's transaction read them. */
        final Map<Long, AnswerRepository.Taken> accepted = new LinkedHashMap<>();
        final Map<Long, Double> objectives = new HashMap<>();
        final boolean anyGold;
        int points;
        int streak;

        Draft(CheckedSubmission submission) {
            this.submission = submission;
            this.anyGold = submission.given().stream().anyMatch(answer -> submission.stored().get(answer.itemId()).gold() != null);
        }

        Project project() {
            return submission.project();
        }

        GameType game() {
            return submission.game();
        }

        StoredItem item(long itemId) {
            return submission.stored().get(itemId);
        }

        boolean isGold(long itemId) {
            return item(itemId).gold() != null;
        }

        boolean categorical() {
            return game().answerKind() == AnswerKind.CATEGORICAL;
        }
    }

    private Uni<Map<UUID, Recorded>> recordFresh(SqlClient tx, List<CheckedSubmission> fresh) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Draft> drafts = fresh.stream().map(Draft::new).toList();
        List<AnswerRepository.NewAnswer> toRecord = new ArrayList<>();
        for (Draft draft : drafts) {
            CheckedSubmission submission = draft.submission;
            for (SubmissionRequest.Answer answer : submission.given()) {
                OptionalDouble objective = draft.game().objective(draft.item(answer.itemId()).view(draft.project().labels()), answer.answer());
                Double value = objective.isPresent() ? objective.getAsDouble() : null;
                draft.objectives.put(answer.itemId(), value);
                toRecord.add(new AnswerRepository.NewAnswer(draft.project().id(), answer.itemId(), submission.playerId(),
                        submission.roundId(), answer.answer(), value, draft.project().maxAnswers()));
            }
        }
        return players.lockStreaks(tx, new TreeSet<>(drafts.stream().map(draft -> draft.submission.playerId()).toList()))
                .chain(streaks -> answers.record(tx, toRecord).invoke(taken -> drafts.forEach(draft -> {
                    draft.streak = streaks.getOrDefault(draft.submission.playerId(), 0);
                    score(draft, taken);
                })))
                .chain(() -> {
                    List<Long> categoricalItems = drafts.stream().filter(Draft::categorical)
                            .flatMap(draft -> draft.accepted.keySet().stream().filter(itemId -> !draft.isGold(itemId))).toList();
                    return categoricalItems.isEmpty() ? Uni.createFrom().item(Map.<Long, AnswerRepository.ItemAnswers>of())
                            : answers.withAccuracies(tx, categoricalItems, AccuracyPrior.ACCURACY);
                })
                .chain(itemAnswers -> settleItems(tx, drafts, itemAnswers));
    }

    /** Outcomes, points and streak of a draft's answers, once PostgreSQL has said which were taken. */
    private static void score(Draft draft, Map<Long, Map<Long, AnswerRepository.Taken>> takenByPlayer) {
        Project project = draft.project();
        GameType game = draft.game();
        Map<Long, AnswerRepository.Taken> mine = takenByPlayer.getOrDefault(draft.submission.playerId(), Map.of());
        for (SubmissionRequest.Answer answer : draft.submission.given()) {
            StoredItem item = draft.item(answer.itemId());
            AnswerRepository.Taken taken = mine.get(item.id());
            if (taken == null) {
                draft.outcomes.add(new SubmissionResult.Outcome(item.id(), answer.answer(), false,
                        "the item already has all the answers it needs, or you answered it before", null, null, null));
                continue;
            }
            draft.accepted.put(item.id(), taken);
            boolean earns = game.answerKind() != AnswerKind.TEXT || draft.submission.agreed().contains(item.id());
            draft.points += earns ? game.points(item.view(project.labels()), answer.answer(), Optional.ofNullable(item.gold())) : 0;
            boolean gold = item.gold() != null;
            if (gold && item.gold().equals(answer.answer())) {
                draft.streak++;
                draft.points += Math.min(draft.streak, MAX_STREAK_BONUS_STEPS) * STREAK_BONUS;
            } else if (gold) {
                draft.streak = 0;
            }
            draft.outcomes.add(new SubmissionResult.Outcome(item.id(), answer.answer(), true, null,
                    gold ? item.gold().equals(answer.answer()) : null, gold ? item.gold() : null, draft.objectives.get(item.id())));
        }
    }

    /**
     * New posterior, confidence and retirement of every answered item; delayed credit for the items that
     * retire; the players' points; and the stored reply of each round.
     */
    private Uni<Map<UUID, Recorded>> settleItems(SqlClient tx, List<Draft> drafts, Map<Long, AnswerRepository.ItemAnswers> itemAnswers) {
        List<AnswerRepository.ItemState> states = new ArrayList<>();
        Map<UUID, Map<Long, AllocationIndex.AnsweredItem>> answeredByRound = new HashMap<>();
        Map<UUID, List<Long>> retiredByRound = new HashMap<>();
        Map<UUID, Map<Long, Integer>> awardsByRound = new HashMap<>();
        Uni<Void> agreementCredits = Uni.createFrom().voidItem();
        for (Draft draft : drafts) {
            Project project = draft.project();
            UUID roundId = draft.submission.roundId();
            Map<Long, AllocationIndex.AnsweredItem> answered = new HashMap<>();
            List<Long> retired = new ArrayList<>();
            Map<Long, Integer> awards = new HashMap<>();
            answeredByRound.put(roundId, answered);
            retiredByRound.put(roundId, retired);
            awardsByRound.put(roundId, awards);
            for (Map.Entry<Long, AnswerRepository.Taken> entry : draft.accepted.entrySet()) {
                long itemId = entry.getKey();
                StoredItem item = draft.item(itemId);
                AnswerRepository.Taken taken = entry.getValue();
                // Gold items never retire: they stay to measure and teach every new player, who all answer them. So
                // their answers are never read back to work out a posterior that nothing uses: that read would grow
                // with the number of players, on every gold answer.
                if (item.gold() != null) {
                    answered.put(itemId, AllocationIndex.answered(project, null, AllocationIndex.votes(project, Map.of()), taken.answerCount(),
                            taken.aiAnswer(), taken.aiConfidence()));
                    continue;
                }
                // Games without labels have no posterior: their items retire on the answer count alone.
                double[] posterior = draft.categorical() ? posterior(project, itemAnswers.get(itemId)) : null;
                int[] votes = draft.categorical() ? AllocationIndex.votes(project, itemAnswers.get(itemId).votes()) : null;
                // The item's result: a majority-vote project reports the most-voted label, which retirement and
                // credit go by, even where the posterior prefers another (a tie it is sure about is a toss).
                int result = !draft.categorical() ? -1
                        : votes != null ? MajorityNeed.reportedLabel(votes, 0, votes.length) : ItemPosterior.label(posterior);
                double confidence = draft.categorical() ? posterior[result] : 0;
                boolean retires = project.retirement().isRetired(confidence, taken.answerCount(), 0);
                answered.put(itemId, AllocationIndex.answered(project, posterior, votes, taken.answerCount(), taken.aiAnswer(), taken.aiConfidence()));
                states.add(new AnswerRepository.ItemState(itemId, posterior, confidence, retires));
                if (retires) {
                    retired.add(itemId);
                }
                if (retires && draft.categorical()) {
                    String resultLabel = project.labels().get(result);
                    agreementCredits = agreementCredits.chain(() -> players.creditAgreement(tx, itemId, resultLabel, AGREEMENT_CREDIT)
                            .invoke(credited -> credited.forEach(id -> awards.merge(id, AGREEMENT_CREDIT, Integer::sum)))
                            .replaceWithVoid());
                }
            }
        }
        List<PlayerRepository.Credit> credits = drafts.stream()
                .map(draft -> new PlayerRepository.Credit(draft.submission.playerId(), draft.points, draft.accepted.size(),
                        draft.anyGold ? draft.streak : null))
                .toList();
        Uni<Void> credited = agreementCredits;
        // The budget goes last: its project row is the one lock every transaction of the project takes, so it is held
        // only for the last statement and the commit, and taken after the player and item rows, never before them.
        return answers.saveStates(tx, states)
                .chain(() -> credited)
                .chain(() -> players.credit(tx, credits))
                .call(() -> spendBudgets(tx, drafts))
                .chain(totals -> {
                    Map<UUID, Recorded> recorded = new HashMap<>();
                    Map<UUID, JsonObject> responses = new HashMap<>();
                    for (Draft draft : drafts) {
                        UUID roundId = draft.submission.roundId();
                        draft.outcomes.sort(Comparator.comparingLong(SubmissionResult.Outcome::itemId));
                        SubmissionResult result = new SubmissionResult(roundId, List.copyOf(draft.outcomes), draft.points,
                                totals.get(draft.submission.playerId()));
                        Map<Long, Integer> awards = awardsByRound.get(roundId);
                        awards.merge(draft.submission.playerId(), draft.points, Integer::sum);
                        recorded.put(roundId, new Recorded(result, answeredByRound.get(roundId), retiredByRound.get(roundId), awards));
                        responses.put(roundId, JsonObject.mapFrom(result));
                    }
                    return answers.saveResponses(tx, responses).replaceWith(recorded);
                });
    }

    /**
     * Counts the batch's answers against the budgets of projects that have one. Should a project's budget have no room
     * for them (a rebuilt index forgot rounds in flight, whose answers came anyway), the transaction fails and
     * {@link GroupCommit} writes that project's rounds one by one (those the budget has room for are recorded, the others
     * refused), and the batch's other rounds together.
     */
    private Uni<Void> spendBudgets(SqlClient tx, List<Draft> drafts) {
        Map<Long, Integer> spent = new TreeMap<>();
        for (Draft draft : drafts) {
            if (draft.project().answerBudget() != null && !draft.accepted.isEmpty()) {
                spent.merge(draft.project().id(), draft.accepted.size(), Integer::sum);
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Long, Integer> project : spent.entrySet()) {
            chain = chain.chain(() -> answers.spendBudget(tx, project.getKey(), project.getValue()).invoke(room -> {
                if (!room) {
                    throw new BudgetSpent(project.getKey());
                }
            })).replaceWithVoid();
        }
        return chain;
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
}
