package io.attentionflow.app.answer;

import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.http.StoreFailures;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Commits the submissions of many players together. A submission waits while the allowed number of
 * transactions is running; when one ends, everything that queued up meanwhile goes into the next, up to the
 * batch size. So a lone player waits for nothing, and under load PostgreSQL commits a few large
 * transactions instead of one per round (a commit and some ten statement round trips per round were most
 * of the database's work). Every submission is still acknowledged only after its transaction committed, and gets 503
 * if that takes longer than {@code aflow.answers.wait-timeout}.
 *
 * <p>Submissions of one batch share no player and no item but gold ones (the rows of the others are updated once per
 * statement); one that would share waits for the next batch. A batch that fails on a deadlock or a serialization failure is
 * retried whole first; one that finds PostgreSQL unreachable fails whole; one that a project's answer budget has no room
 * for is written again without that project's rounds, which follow one at a time; any other failed batch is written again
 * one submission at a time, so one bad submission fails alone.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final Pool pool;
    private final SubmissionWriter writer;
    private final int batchSize;
    private final int concurrentBatches;
    private final int maxWaiting;
    private final Duration timeout;
    private final Vertx vertx;

    /** Guarded by {@code this}, as is {@link #running}. */
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int running;

    private final DistributionSummary roundsPerTransaction;

    GroupCommit(Pool pool, SubmissionWriter writer, AflowConfig config, MeterRegistry registry, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
        this.roundsPerTransaction = DistributionSummary.builder("aflow.answers.rounds.per.transaction")
                .description("Rounds of answers committed together in one PostgreSQL transaction").register(registry);
        this.writer = writer;
        this.batchSize = config.answers().batchSize();
        this.concurrentBatches = config.answers().concurrentBatches();
        this.maxWaiting = config.answers().maxWaiting();
        this.timeout = config.answers().waitTimeout();
    }

    /**
     * A submission, what follows its outcome, and where the outcome goes: completed on the caller's Vert.x context, if it
     * had one. The caller is answered once: with the outcome, or with 503 when the wait runs out; but what follows an
     * outcome runs whenever the outcome comes.
     */
    private final class Waiting {
        final CheckedSubmission submission;
        final Function<SubmissionWriter.Outcome, Uni<Void>> afterOutcome;
        final UniEmitter<? super SubmissionWriter.Outcome> emitter;
        final Context context;
        final AtomicBoolean answered = new AtomicBoolean();
        final long timer;

        Waiting(CheckedSubmission submission, Function<SubmissionWriter.Outcome, Uni<Void>> afterOutcome,
                UniEmitter<? super SubmissionWriter.Outcome> emitter, Context context) {
            this.submission = submission;
            this.afterOutcome = afterOutcome;
            this.emitter = emitter;
            this.context = context;
            this.timer = vertx.setTimer(timeout.toMillis(), ignored -> expire(this));
        }

        void deliver(SubmissionWriter.Outcome outcome) {
            vertx.cancelTimer(timer);
            onContext(() -> afterOutcome.apply(outcome).subscribe().with(ignored -> answer(outcome), ignored -> answer(outcome)));
        }

        private void answer(SubmissionWriter.Outcome outcome) {
            if (answered.compareAndSet(false, true)) {
                emitter.complete(outcome);
            } else {
                LOG.infof("Round %s came to its outcome (%s) after it was refused for waiting too long; what follows it has run",
                        submission.roundId(), outcome.getClass().getSimpleName());
            }
        }

        void fail(Throwable failure) {
            vertx.cancelTimer(timer);
            onContext(() -> {
                if (answered.compareAndSet(false, true)) {
                    emitter.fail(failure);
                }
            });
        }

        private void onContext(Runnable task) {
            if (context == null) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        }
    }

    /**
     * The outcome of this submission, once the transaction holding it has committed (or failed), and once
     * {@code afterOutcome} has run on it; 503 if that takes longer than the timeout. {@code afterOutcome} runs on every
     * outcome, even one that comes after the caller got 503: a fresh commit, a replay, or a refusal.
     */
    Uni<SubmissionWriter.Outcome> commit(CheckedSubmission submission, Function<SubmissionWriter.Outcome, Uni<Void>> afterOutcome) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (queue.size() >= maxWaiting) {
                    emitter.fail(ApiException.unavailable("too many answers are waiting for the database; send them again shortly"));
                    return;
                }
                queue.add(new Waiting(submission, afterOutcome, emitter, Vertx.currentContext()));
            }
            startBatches();
        });
    }

    /**
     * A submission has waited the timeout. Still queued, it leaves the queue; already in a transaction, that transaction
     * goes on (it holds the batch's place, so no more transactions than allowed are ever open, and a stuck connection
     * cannot take the whole pool): should it commit, its rounds' index writes and points follow, and rounds sent again
     * wait on their claimed rows, then are answered from them.
     */
    private void expire(Waiting waiting) {
        synchronized (this) {
            queue.remove(waiting);
        }
        waiting.fail(new TimeoutException("the answers waited " + timeout.toMillis() + " ms for their transaction"));
    }

    private void startBatches() {
        while (true) {
            List<Waiting> batch;
            synchronized (this) {
                if (running >= concurrentBatches || queue.isEmpty()) {
                    return;
                }
                batch = takeBatch();
                running++;
            }
            write(batch);
        }
    }

    /**
     * The oldest waiting submissions, up to the batch size, that share no player and no item but gold ones. Gold items
     * may be shared: newcomers arriving together meet the same few, and would otherwise each need a transaction.
     */
    private List<Waiting> takeBatch() {
        List<Waiting> batch = new ArrayList<>();
        Set<Long> players = new HashSet<>();
        Set<Long> items = new HashSet<>();
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && batch.size() < batchSize; ) {
            Waiting waiting = it.next();
            CheckedSubmission submission = waiting.submission;
            List<Long> itemIds = submission.given().stream().map(SubmissionRequest.Answer::itemId)
                    .filter(itemId -> submission.stored().get(itemId).gold() == null).toList();
            if (players.contains(submission.playerId()) || itemIds.stream().anyMatch(items::contains)) {
                continue;
            }
            players.add(submission.playerId());
            items.addAll(itemIds);
            batch.add(waiting);
            it.remove();
        }
        return batch;
    }

    private void write(List<Waiting> batch) {
        settle(batch).subscribe().with(ignored -> finished(), ignored -> finished());
    }

    /** Writes the batch and hands each submission its outcome or failure; the batch's place is held until it is done. */
    private Uni<Void> settle(List<Waiting> batch) {
        // Outcomes are handed over outside the recovery: a committed batch is never written again.
        return transaction(batch).onItemOrFailure().transformToUni((outcomes, failure) -> {
            if (failure != null) {
                return recover(batch, failure);
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).deliver(outcomes.get(i));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> recover(List<Waiting> batch, Throwable failure) {
        // Written one by one, a batch that found PostgreSQL unreachable would only hold the queue up for longer before
        // each failed the same way.
        if (batch.size() == 1 || (StoreFailures.unavailable(failure) && !isTransient(failure))) {
            batch.forEach(waiting -> waiting.fail(failure));
            return Uni.createFrom().voidItem();
        }
        // A budget without room for the batch's answers concerns one project: the other projects' rounds go on
        // together, and that project's one by one, so its budget takes those it has room for.
        if (failure instanceof BudgetSpent spent) {
            List<Waiting> others = batch.stream().filter(waiting -> waiting.submission.project().id() != spent.projectId()).toList();
            if (others.size() < batch.size()) {
                List<Waiting> spentProject = batch.stream().filter(waiting -> waiting.submission.project().id() == spent.projectId()).toList();
                return (others.isEmpty() ? Uni.createFrom().voidItem() : settle(others)).chain(() -> oneByOne(spentProject));
            }
        }
        // One whose deadlock retries ran out, or that failed otherwise, is written one by one: alone, its rounds no
        // longer wait on one another's locks, and one bad round fails alone.
        LOG.warnf(failure, "A batch of %d submissions failed; writing them one by one", batch.size());
        return oneByOne(batch);
    }

    private Uni<Void> oneByOne(List<Waiting> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(waiting -> settle(List.of(waiting)))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<List<SubmissionWriter.Outcome>> transaction(List<Waiting> batch) {
        List<CheckedSubmission> submissions = batch.stream().map(waiting -> waiting.submission).toList();
        Uni<List<SubmissionWriter.Outcome>> written = pool.withTransaction(tx -> writer.write(tx, submissions))
                .invoke(() -> roundsPerTransaction.record(batch.size()))
                // Transactions lock items in id order and players in id order, but delayed credit can still
                // lock players in opposite orders: PostgreSQL then aborts one transaction, which is retried
                // whole; nothing of it was committed or acknowledged.
                .onFailure(GroupCommit::isTransient).retry().withBackOff(Duration.ofMillis(10), Duration.ofMillis(200)).atMost(4);
        // A lone round the budget has no room for is refused, as one whose lease ended is: an outcome, so what follows it
        // (its lease ended) follows even when its caller no longer waits. In a larger batch the refusal fails the whole
        // transaction, whose rounds are then written one by one.
        return batch.size() > 1 ? written
                : written.onFailure(BudgetSpent.class).recoverWithItem(refusal -> List.of(new SubmissionWriter.Refused((BudgetSpent) refusal)));
    }

    private void finished() {
        synchronized (this) {
            running--;
        }
        startBatches();
    }

    /** Deadlocks and serialization failures: PostgreSQL rolled the transaction back and asks for a retry. */
    private static boolean isTransient(Throwable failure) {
        return failure instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }
}
