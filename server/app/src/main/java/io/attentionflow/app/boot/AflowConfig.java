package io.attentionflow.app.boot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the Attention Flow server, under the {@code aflow.} prefix. */
@ConfigMapping(prefix = "aflow")
public interface AflowConfig {

    /** Directory of plugin jars to load at start; every jar and folder in it is a plugin. */
    @WithDefault("plugins")
    String pluginsDir();

    /** Bearer token of the administrator; without it the admin API refuses everyone. */
    Optional<String> adminToken();

    /**
     * How long a request, or an index rebuild, waits for one PostgreSQL read outside a transaction (a project, items, a
     * player's credentials, a page of a read in pages) before it fails: a request then gets 503 (send it again).
     */
    @WithDefault("5s")
    Duration readTimeout();

    /**
     * How long a request waits for a PostgreSQL write outside the answers' transaction (a project created or its status
     * changed, a player started or signed up, a typed word) before it fails. Unlike a read, such a write may still take
     * effect after the request gave up on it, so each of them is safe to send again (docs/api.md).
     */
    @WithDefault("5s")
    Duration writeTimeout();

    /** Demo seeding. */
    Demo demo();

    /** Round leases. */
    Rounds rounds();

    /** Paired play. */
    Pairing pairing();

    /** Gold items in rounds. */
    Gold gold();

    /** Committing answers. */
    Answers answers();

    /** Background re-estimation of players' reliabilities. */
    Scoring scoring();

    interface Scoring {
        /**
         * How often each active project whose answers changed is re-estimated with its method. One node in the
         * cluster does it per period, whichever comes first.
         */
        @WithDefault("60s")
        Duration reestimateEvery();
    }

    interface Answers {
        /** Most rounds committed in one transaction (see {@code GroupCommit}). */
        @WithDefault("32")
        int batchSize();

        /** Transactions of answers running at once; more rounds wait and go into the next. */
        @WithDefault("1")
        int concurrentBatches();

        /**
         * Rounds that may wait for a transaction; more are refused at once with 503 (send them again shortly) rather
         * than queued without end while PostgreSQL does not answer.
         */
        @WithDefault("2000")
        int maxWaiting();

        /**
         * How long a round's answers may wait for their transaction to commit (queued, or in a transaction under way)
         * before the round gets 503 (send it again). A transaction under way is not abandoned: should it commit after
         * all, what follows a commit follows, and the round sent again is answered from it.
         */
        @WithDefault("10s")
        Duration waitTimeout();
    }

    interface Gold {
        /** Share of gold items in the rounds of newcomers (at least the project's gold rate). */
        @WithDefault("0.5")
        double newcomerRate();

        /** Items a player must have been served in a project before they are no longer a newcomer there. */
        @WithDefault("10")
        int newcomerItems();
    }

    interface Pairing {
        /** How long a player waits for a live partner before playing against a recorded one. */
        @WithDefault("4s")
        Duration partnerWait();
    }

    interface Demo {
        /** Seed a demo researcher and one demo project per game on an empty installation. */
        @WithDefault("true")
        boolean enabled();

        /** Bearer token of the seeded demo researcher. */
        @WithDefault("demo-researcher-token")
        String researcherToken();
    }

    interface Rounds {
        /** Upper bound on a round's lease, whatever the game asks for (operators may want shorter leases). */
        Optional<Duration> maxLease();

        /**
         * How long after its lease ends a round's answers are still taken, so that answers sent near the end, or sent
         * again after a 503, count. The round's items stay reserved for this and the answers' wait timeout beyond it,
         * so answers taken are committed before the items can go to someone else.
         */
        @WithDefault("30s")
        Duration leaseGrace();

        /**
         * How many of the best-ranked open items a claim checks one by one for a player; past them it looks
         * at ten windows of 100 items at random places further down, so a player who has seen all the
         * best-ranked items still gets unseen ones.
         */
        @WithDefault("2000")
        int scanLimit();

        /** How often expired leases are returned to the pool. */
        @WithDefault("5s")
        Duration reapEvery();

        /**
         * How often each node looks for leases in every active or paused project, beyond those the reaper was told of
         * (one PostgreSQL query, and one Redis command per project).
         */
        @WithDefault("60s")
        Duration leaseSweepEvery();
    }
}
