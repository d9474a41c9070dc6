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
import org.jboss.logging.Logger;

/**
 * Commits the submissions of many players together. A submission waits while the allowed number of
 * transactions is running; when one ends, everything that queued up meanwhile goes into the next, up to the
 * batch size. So a lone player waits for nothing, and under load PostgreSQL commits a few large
 * transactions instead of one per round (a commit and some ten statement round trips per round were most
 * of the database's work). Every submission is still acknowledged only after its transaction committed.
 *
 * <p>Submissions of one batch share no player and no item but gold ones (the rows of the others are updated once per
 * statement); one that would share waits for the next batch. A batch that fails on a deadlock or a serialization failure is
 * retried whole first; one that finds PostgreSQL unreachable, or does not end within the transaction timeout, fails
 * whole; any other failed batch is written again
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
    private final Duration transactionTimeout;

    /** Guarded by {@code this}, as is {@link #running}. */
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int running;

    private final DistributionSummary roundsPerTransaction;

    GroupCommit(Pool pool, SubmissionWriter writer, AflowConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.roundsPerTransaction = DistributionSummary.builder("aflow.answers.rounds.per.transaction")
                .description("Rounds of answers committed together in one PostgreSQL transaction").register(registry);
        this.writer = writer;
        this.batchSize = config.answers().batchSize();
        this.concurrentBatches = config.answers().concurrentBatches();
        this.maxWaiting = config.answers().maxWaiting();
        this.transactionTimeout = config.answers().transactionTimeout();
    }

    /** A submission and where its outcome goes: completed on the caller's Vert.x context, if it had one. */
    private record Waiting(CheckedSubmission submission, UniEmitter<? super SubmissionWriter.Outcome> emitter, Context context) {

        void deliver(SubmissionWriter.Outcome outcome) {
            if (context == null) {
                emitter.complete(outcome);
            } else {
                context.runOnContext(ignored -> emitter.complete(outcome));
            }
        }

        void fail(Throwable failure) {
            if (context == null) {
                emitter.fail(failure);
            } else {
                context.runOnContext(ignored -> emitter.fail(failure));
            }
        }
    }

    /** The outcome of this submission, once the transaction holding it has committed (or failed). */
    Uni<SubmissionWriter.Outcome> commit(CheckedSubmission submission) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (queue.size() >= maxWaiting) {
                    emitter.fail(ApiException.unavailable("too many answers are waiting for the database; send them again shortly"));
                    return;
                }
                queue.add(new Waiting(submission, emitter, Vertx.currentContext()));
            }
            startBatches();
        });
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
            CheckedSubmission submission = waiting.submission();
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
        transaction(batch).subscribe().with(
                outcomes -> {
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).deliver(outcomes.get(i));
                    }
                    finished();
                },
                failure -> {
                    // Written one by one, a batch that found PostgreSQL unreachable would only hold the queue up for
                    // longer before each failed the same way. One whose deadlock retries ran out is written one by one:
                    // alone, its rounds no longer wait on one another's locks.
                    if (batch.size() == 1 || (StoreFailures.unavailable(failure) && !isTransient(failure))) {
                        batch.forEach(waiting -> waiting.fail(failure));
                        finished();
                        return;
                    }
                    LOG.warnf(failure, "A batch of %d submissions failed; writing them one by one", batch.size());
                    Multi.createFrom().iterable(batch)
                            .onItem().transformToUniAndConcatenate(waiting -> transaction(List.of(waiting))
                                    .invoke(outcomes -> waiting.deliver(outcomes.get(0)))
                                    .onFailure().invoke(waiting::fail)
                                    .onFailure().recoverWithNull())
                            .collect().last()
                            .subscribe().with(ignored -> finished(), ignored -> finished());
                });
    }

    private Uni<List<SubmissionWriter.Outcome>> transaction(List<Waiting> batch) {
        List<CheckedSubmission> submissions = batch.stream().map(Waiting::submission).toList();
        return pool.withTransaction(tx -> writer.write(tx, submissions))
                .invoke(() -> roundsPerTransaction.record(batch.size()))
                // Transactions lock items in id order and players in id order, but delayed credit can still
                // lock players in opposite orders: PostgreSQL then aborts one transaction, which is retried
                // whole; nothing of it was committed or acknowledged.
                .onFailure(GroupCommit::isTransient).retry().withBackOff(Duration.ofMillis(10), Duration.ofMillis(200)).atMost(4)
                // A connection that PostgreSQL stopped answering, without closing it, would otherwise hold these rounds, and
                // the node's queue behind them, until the operating system gives the connection up (minutes, or hours).
                // Giving up waiting leaves the transaction to end as it will (the pool's Uni does not cancel it): the
                // rounds are refused with 503 and not acknowledged, and those sent again wait on their round's row
                // until it commits or rolls back, then are answered from it or recorded anew.
                .ifNoItem().after(transactionTimeout).failWith(() -> new TimeoutException(
                        "a transaction of " + batch.size() + " rounds of answers did not end within " + transactionTimeout.toMillis() + " ms"));
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
