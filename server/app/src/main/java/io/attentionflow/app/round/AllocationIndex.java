package io.attentionflow.app.round;

import io.attentionflow.app.answer.AnswerRepository;
import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.app.scoring.Reliabilities;
import io.attentionflow.engine.allocation.AiPrior;
import io.attentionflow.engine.allocation.MajorityNeed;
import io.attentionflow.engine.allocation.Need;
import io.attentionflow.engine.inference.AccuracyPrior;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Which items of a project can be served, shared by every server node through Redis. Per project, under
 * {@code af:{p<id>}:v3:} (the hash tag {@code {p<id>}} so that a Redis Cluster keeps them in one slot; the layout's
 * version, see {@link #LAYOUT}):
 * <ul>
 *   <li>{@code open}: sorted set of servable items, lowest score served first (see the policies in {@link Project.Policy});</li>
 *   <li>{@code state}: hash item -> its answers plus answers in flight, answers committed, need for a typical
 *       player, fixed pseudo-random rank (so a script can rescore it under any policy), {@link #belief} over labels
 *       (the players' posterior times the AI helper's prior), for projects that report the most-voted label answers
 *       per label, and the {@link #basis} of those; one field per item (see {@code allocation/state.lua});</li>
 *   <li>{@code seen:<player>}: set of items ever served to the player;</li>
 *   <li>{@code leases}: sorted set of open rounds by the time their items return; {@code lease-items}: their items;</li>
 *   <li>{@code gold}: gold items, served apart from the pool (first, to newcomers more often), never capped;</li>
 *   <li>{@code spent}: answers committed plus answers in flight, held against the project's answer budget;</li>
 *   <li>{@code reliability}: hash player -> confusion matrix; with it and the item's belief a claim scores
 *       candidates for the player at hand;</li>
 *   <li>{@code retired}: set of retired items; {@code built}: present once the index is built.</li>
 * </ul>
 * Claims, completions and expiries are Lua scripts ({@code src/main/resources/allocation}), so each is atomic
 * across nodes. Everything here is rebuilt from PostgreSQL when {@code built} is missing (a new or flushed Redis).
 */
@ApplicationScoped
public class AllocationIndex {

    private static final Logger LOG = Logger.getLogger(AllocationIndex.class);
    private static final String LEASE_PROJECTS = "af:lease-projects";
    /**
     * The index layout's version, in the name of every index key. Nodes of two versions (during a rolling upgrade)
     * then keep two indexes apart instead of misreading one another's, each built from PostgreSQL, whose answer caps
     * hold across both; a new version starts by building its own.
     */
    private static final String LAYOUT = "v3";
    /** Present once a project's index is built. */
    private static final String BUILT = "built";
    /**
     * The keys, after a project's {@code af:{p<id>}:}, of the layouts that nodes of earlier versions may still serve
     * from: the first layout's (these names, and {@code seen:<player>}: no version in them) and v2's (every key under
     * {@code v2:}; before each item's entry held the basis of its belief). A node of this version lets them expire after
     * {@link #PREVIOUS_LAYOUT_GRACE} when it starts rather than deleting them, so nodes of the previous version still
     * running keep serving from them through a rolling upgrade, and nothing of them outlives it.
     */
    private static final Set<String> FIRST_LAYOUT_NAMES = Set.of("ready", "open", "count", "leases", "lease-items", "need",
            "answered", "rank", "gold", "spent", "posterior", "votes", "reliability", "retired");
    private static final String V2_INFIX = "v2:";
    private static final Duration PREVIOUS_LAYOUT_GRACE = Duration.ofHours(1);
    /** A project's index apart from who has seen what (one set per player, {@code seen:<player>}). */
    private static final List<String> INDEX_NAMES = List.of("open", "state", BUILT, "retired", "leases", "lease-items", "gold", "spent",
            "reliability");
    /** How long a completed project's index outlives it: rounds still in flight may be submitted meanwhile. */
    private static final Duration COMPLETED_INDEX_GRACE = Duration.ofHours(1);
    /** How long a rebuild's lock lasts unless its node holds it again, which it does with every batch it writes. */
    private static final Duration REBUILD_LOCK = Duration.ofSeconds(60);
    /** SADD commands a rebuild has in flight at once while it writes who has seen what. */
    private static final int SEEN_WRITES_IN_FLIGHT = 32;
    /** Accuracy of the typical player for whom the shared index ranks items: one nothing is known about yet. */
    static final double TYPICAL_ACCURACY = AccuracyPrior.ACCURACY;
    /**
     * Candidates a claim scores for a player whose confusion matrix is known (at least, and at least three per
     * item wanted): the best-ranked items for a typical player, of which the player gets those their answer
     * tells most about. As in the engine's {@code NeedPolicy}.
     */
    static final int MATCHING_CANDIDATES = 16;
    /**
     * Most labels for which a claim scores candidates for the player. The Lua arithmetic per candidate grows as
     * labels^2 (26-37 µs for the majority need at 12 labels, 0.4-1.1 ms at 50; docs/benchmarks/serving.md), and a
     * claim holds Redis for every node while it runs: projects with more labels take the ranking for a typical
     * player as it is.
     */
    static final int MATCHING_MAX_LABELS = 12;
    private static final int RELIABILITIES_PER_COMMAND = 1_000;
    private static final int ADD_PER_SCRIPT = 2_000;

    /** Helpers of every script: an item's entry in {@code state}, and its rescoring under the project's policy. */
    private static final String STATE = LuaScript.source("state");
    /** Helpers of the claim, package-visible for {@code NeedScriptTest}: the needs of an item for a player, in Lua. */
    static final String GAIN = LuaScript.source("gain");
    private static final LuaScript CLAIM = LuaScript.of(STATE, GAIN, LuaScript.source("claim"));
    private static final LuaScript JOIN = LuaScript.of(STATE, LuaScript.source("join"));
    private static final LuaScript COMPLETE = LuaScript.of(STATE, LuaScript.source("complete"));
    private static final LuaScript PRIORITISE = LuaScript.of(STATE, LuaScript.source("prioritise"));
    private static final LuaScript DUE = LuaScript.of(LuaScript.source("due"));
    private static final LuaScript ADD = LuaScript.of(LuaScript.source("add"));
    private static final LuaScript REBUILD_LOCK_SCRIPT = LuaScript.of(LuaScript.source("rebuild-lock"));

    private final ReactiveRedisDataSource redis;
    private final ItemRepository items;
    private final AnswerRepository answers;
    private final ProjectRepository projects;
    private final Reliabilities reliabilities;
    private final AflowConfig config;
    private final RoundMetrics metrics;

    public AllocationIndex(ReactiveRedisDataSource redis, ItemRepository items, AnswerRepository answers, ProjectRepository projects,
                           Reliabilities reliabilities, AflowConfig config, RoundMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.redis = redis;
        this.items = items;
        this.answers = answers;
        this.projects = projects;
        this.reliabilities = reliabilities;
    }

    /**
     * A Redis key of the project: every key of a project carries the hash tag {@code {p<id>}}, so that a Redis
     * Cluster keeps them in one slot and a script may use them together.
     */
    public static String key(long projectId, String name) {
        return "af:{p" + projectId + "}:" + name;
    }

    private static String indexKey(long projectId, String name) {
        return key(projectId, LAYOUT + ":" + name);
    }

    /**
     * Reserves up to {@code wanted} items for a player under a new lease: items the player has never been
     * served, below the project's answer cap counting answers in flight, fewest answers first. Empty when no
     * item needs this player.
     */
    public Uni<List<Long>> claim(Project project, long playerId, int wanted, GoldDraw gold, String roundId, long leaseDeadlineMillis) {
        return claimOnce(project, playerId, wanted, gold, roundId, leaseDeadlineMillis).chain(claimed -> {
            if (claimed != null) {
                return Uni.createFrom().item(claimed);
            }
            return rebuild(project, metrics::indexMissing).chain(() -> claimOnce(project, playerId, wanted, gold, roundId, leaseDeadlineMillis))
                    .map(again -> again == null ? List.<Long>of() : again);
        });
    }

    /**
     * How many of a round's items should be gold, drawn before the claim for both cases, since only the
     * claim knows (from the items the player has seen) whether the player is still a newcomer.
     */
    public record GoldDraw(int ifNewcomer, int otherwise, int newcomerItems) {
    }

    private Uni<List<Long>> claimOnce(Project project, long playerId, int wanted, GoldDraw gold, String roundId, long deadline) {
        long p = project.id();
        return eval(CLAIM, List.of(indexKey(p, "open"), indexKey(p, "state"), indexKey(p, "seen:" + playerId), indexKey(p, "leases"),
                        indexKey(p, "lease-items"), indexKey(p, BUILT), indexKey(p, "gold"), indexKey(p, "spent"), indexKey(p, "reliability")),
                List.of(Integer.toString(wanted), Integer.toString(project.maxAnswers()), roundId, Long.toString(deadline),
                        Integer.toString(config.rounds().scanLimit()), project.policy().name(), Integer.toString(gold.ifNewcomer()),
                        Integer.toString(gold.otherwise()), Integer.toString(gold.newcomerItems()), budget(project),
                        project.labels().size() <= MATCHING_MAX_LABELS ? Long.toString(playerId) : "",
                        project.reportsMajority() ? Double.toString(MajorityNeed.TIE_BREAK) : "", Integer.toString(MATCHING_CANDIDATES)))
                .map(response -> {
                    if (response == null || response.type() == io.vertx.redis.client.ResponseType.NUMBER) {
                        return null; // the index is not built
                    }
                    List<Long> claimed = new ArrayList<>();
                    response.forEach(item -> claimed.add(item.toLong()));
                    return claimed;
                })
                .call(claimed -> claimed != null && !claimed.isEmpty()
                        ? redis.execute("SADD", LEASE_PROJECTS, Long.toString(p)) : Uni.createFrom().voidItem());
    }

    /** Leases {@code itemId} to a second player, the partner of whoever claimed it; false when it cannot take them. */
    public Uni<Boolean> join(Project project, long playerId, long itemId, String roundId, long leaseDeadlineMillis) {
        long p = project.id();
        return eval(JOIN, List.of(indexKey(p, "open"), indexKey(p, "state"), indexKey(p, "seen:" + playerId), indexKey(p, "leases"), indexKey(p, "lease-items"),
                        indexKey(p, "retired"), indexKey(p, "spent"), indexKey(p, "gold"), indexKey(p, BUILT)),
                List.of(Long.toString(itemId), Integer.toString(project.maxAnswers()), roundId, Long.toString(leaseDeadlineMillis),
                        project.policy().name(), budget(project)))
                .map(response -> response.toInteger() == 1)
                .call(joined -> joined ? redis.execute("SADD", LEASE_PROJECTS, Long.toString(p)) : Uni.createFrom().voidItem());
    }

    private static String budget(Project project) {
        return project.answerBudget() == null ? "" : project.answerBudget().toString();
    }

    /**
     * An answered item's state for the index: its need for a typical player ({@link #need}), its {@link #belief}
     * (null for games without labels) and its answers per label (null unless the project reports the most-voted
     * label), and the {@link #basis} they were worked out from.
     */
    public record AnsweredItem(double need, double[] belief, int[] votes, long basis) {
    }

    /**
     * What an item's belief in the index was worked out from, so that the index keeps the newest: twice the answer
     * count of the item's row, plus one if the row has an AI suggestion. Answer transactions and stored suggestions
     * reach Redis after they commit, in no set order; each row state has a larger basis than the ones before it (an
     * answer adds two, the suggestion, stored once, one), and the scripts refuse a belief whose basis is smaller
     * than the one the item's entry holds ({@code takesBelief} in {@code allocation/state.lua}).
     */
    public static long basis(int answerCount, boolean suggested) {
        return 2L * answerCount + (suggested ? 1 : 0);
    }

    /**
     * An item's state for the index from its row: its posterior (null for games without labels or before the first
     * answer), its answers per label as {@link #votes} gives them, its answer count and its AI suggestion (nulls when
     * it has none).
     */
    public static AnsweredItem answered(Project project, double[] posterior, int[] votes, int answerCount, String aiAnswer,
                                        Double aiConfidence) {
        double[] belief = belief(project.labels(), posterior, aiAnswer, aiConfidence);
        return new AnsweredItem(need(project, belief, votes), belief, votes, basis(answerCount, aiAnswer != null));
    }

    /**
     * An item's state for the index as PostgreSQL holds it now: for a rebuild, or what the completion of a round that
     * committed but never reached Redis would have brought, or newer.
     */
    public static AnsweredItem answered(Project project, ItemRepository.OpenItem item) {
        return answered(project, item.posterior(), votes(project, item.votes()), item.answerCount(), item.aiAnswer(), item.aiConfidence());
    }

    /**
     * Ends a round's lease after its answers were committed: answered items take their new need and posterior,
     * unanswered items return, retired ones leave.
     *
     * @return the project's answers committed or in flight, as held against its budget
     */
    public Uni<Long> complete(Project project, String roundId, Map<Long, AnsweredItem> answered, List<Long> retired) {
        return complete(project, roundId, answered, retired, "answers");
    }

    /**
     * Ends a lease that ran out, for the lease reaper: as {@link #complete} with the answers PostgreSQL holds for the
     * round (none if it was not submitted). Where the round was submitted, its own completion may still arrive after
     * this one; it then counts nothing again. A lease another node's reaper ended already counts nothing either.
     */
    Uni<Long> reap(Project project, String roundId, Map<Long, AnsweredItem> answered, List<Long> retired) {
        return complete(project, roundId, answered, retired, "reaper");
    }

    private Uni<Long> complete(Project project, String roundId, Map<Long, AnsweredItem> answered, List<Long> retired, String by) {
        long p = project.id();
        List<String> args = new ArrayList<>();
        args.add(roundId);
        args.add(Integer.toString(project.maxAnswers()));
        args.add(project.policy().name());
        args.add(by);
        args.add("a");
        answered.forEach((id, state) -> {
            args.add(id.toString());
            args.add(Double.toString(state.need()));
            args.add(joined(state.belief()));
            args.add(joined(state.votes()));
            args.add(Long.toString(state.basis()));
        });
        args.add("r");
        retired.forEach(id -> args.add(id.toString()));
        return eval(COMPLETE, List.of(indexKey(p, "open"), indexKey(p, "state"), indexKey(p, "leases"), indexKey(p, "lease-items"), indexKey(p, "retired"),
                        indexKey(p, "gold"), indexKey(p, "spent"), indexKey(p, "reaped:" + roundId), indexKey(p, BUILT)), args)
                .map(Response::toLong);
    }

    /** Numbers as the scripts read them: comma-separated; empty for none. */
    private static String joined(double[] values) {
        if (values == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ",").append(values[i]);
        }
        return s.toString();
    }

    private static String joined(int[] values) {
        return values == null ? "" : Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /**
     * Replaces the confusion matrices by which claims match players to items. Players absent here are
     * treated as typical players.
     */
    public Uni<Void> setReliabilities(Project project, List<Reliabilities.PlayerReliability> reliabilities) {
        String key = indexKey(project.id(), "reliability");
        List<Reliabilities.PlayerReliability> known = reliabilities.stream().filter(r -> r.confusion() != null).toList();
        Uni<Void> chain = Uni.createFrom().voidItem();
        // In slices, so that a project with many players never holds Redis up with one huge command.
        for (int from = 0; from < known.size(); from += RELIABILITIES_PER_COMMAND) {
            List<String> fields = new ArrayList<>(List.of(key));
            for (Reliabilities.PlayerReliability r : known.subList(from, Math.min(known.size(), from + RELIABILITIES_PER_COMMAND))) {
                fields.add(Long.toString(r.playerId()));
                fields.add(joined(r.confusion()));
            }
            chain = chain.chain(() -> redis.execute("HSET", fields.toArray(String[]::new)).replaceWithVoid());
        }
        return chain;
    }

    /**
     * What the index ranks and matches an item by: the posterior from its answers (uniform before the first
     * answer) times the AI helper's prior ({@link AiPrior}) when the item has a suggestion, so players go
     * first where the helper is unsure. Null for games without labels. The item's stored posterior and its
     * retirement stay the players' alone: the helper steers attention, it does not decide results.
     */
    public static double[] belief(List<String> labels, double[] posterior, String aiAnswer, Double aiConfidence) {
        if (labels.size() < 2) {
            return null;
        }
        int suggested = aiAnswer == null || aiConfidence == null ? -1 : labels.indexOf(aiAnswer);
        return AiPrior.combine(labels.size(), posterior, suggested < 0 ? null : AiPrior.of(labels.size(), suggested, aiConfidence));
    }

    /**
     * The need of an item for a typical player (one-coin, {@link #TYPICAL_ACCURACY}) given its {@link #belief},
     * from the engine: for a project that reports the most-voted label, the expected fall of the risk that this
     * label is wrong ({@link MajorityNeed}, which needs the item's {@code votes}, and counts two answers ahead only
     * where the project's max answers leave room for two beyond those given); otherwise the expected entropy
     * reduction of one more answer ({@link Need}). Items of games without labels have no belief and count as
     * fully uncertain.
     *
     * @param votes answers per label in the project's label order; null only where the project reports the posterior
     */
    public static double need(Project project, double[] belief, int[] votes) {
        if (belief == null || belief.length < 2) {
            return 1;
        }
        double[] typical = Need.oneCoin(belief.length, TYPICAL_ACCURACY);
        if (!project.reportsMajority()) {
            return Need.of(belief, 0, belief.length, typical, 0);
        }
        int given = Arrays.stream(Objects.requireNonNull(votes, "votes")).sum();
        return MajorityNeed.of(belief, 0, belief.length, votes, 0, typical, 0, Math.max(0, project.maxAnswers() - given));
    }

    /**
     * An item's answers per label in the project's label order, from label -> answers, for projects that report
     * the most-voted label ({@link Project#reportsMajority()}); null for the others, which need no votes.
     */
    public static int[] votes(Project project, Map<String, Integer> byLabel) {
        if (!project.reportsMajority() || project.labels().size() < 2) {
            return null;
        }
        int[] votes = new int[project.labels().size()];
        byLabel.forEach((label, n) -> {
            int index = project.labels().indexOf(label);
            if (index >= 0) {
                votes[index] = n;
            }
        });
        return votes;
    }

    /**
     * An item's belief changed without an answer (its AI suggestion arrived): its need, its place in the pool
     * and the belief and votes by which claims match players to it follow, unless the index already holds a belief
     * from a newer state of the item ({@code basis}, see {@link #basis}).
     */
    public Uni<Void> prioritise(Project project, long itemId, double[] belief, int[] votes, long basis) {
        long p = project.id();
        return eval(PRIORITISE, List.of(indexKey(p, BUILT), indexKey(p, "open"), indexKey(p, "state"), indexKey(p, "retired")),
                List.of(project.policy().name(), Long.toString(itemId), Double.toString(need(project, belief, votes)), joined(belief),
                        joined(votes), Long.toString(basis)))
                .replaceWithVoid();
    }

    /** A fixed pseudo-random rank for the random and fixed policies, the same on every node. */
    static double rank(long itemId) {
        long z = itemId * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return (double) ((z ^ (z >>> 27)) >>> 11) / (1L << 53);
    }

    /**
     * Adds uploaded items (no answers yet) of a project in any status; {@code gold} says which are gold items. An item the
     * index holds already keeps its entry: an upload sent again (PostgreSQL stored it the first time, and then Redis
     * could not be reached) puts in play only what is missing, and never resets an item that players answered since.
     * Where the index is not built yet, the build that comes first replaces them. Each script call adds at most
     * {@value #ADD_PER_SCRIPT} items, so that a large upload does not hold Redis for every node at once.
     */
    public Uni<Void> add(Project project, List<Long> itemIds, List<Boolean> gold) {
        List<ItemRepository.OpenItem> items = new ArrayList<>();
        for (int i = 0; i < itemIds.size(); i++) {
            items.add(new ItemRepository.OpenItem(itemIds.get(i), 0, null, Map.of(), gold.get(i), null, null));
        }
        long p = project.id();
        List<String> keys = List.of(indexKey(p, "state"), indexKey(p, "open"), indexKey(p, "gold"));
        List<IndexEntry> entries = entries(project, items);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < entries.size(); start += ADD_PER_SCRIPT) {
            List<String> args = new ArrayList<>();
            for (IndexEntry entry : entries.subList(start, Math.min(entries.size(), start + ADD_PER_SCRIPT))) {
                args.addAll(List.of(entry.id(), entry.state(), entry.pool() == null ? "" : entry.pool(), Double.toString(entry.score())));
            }
            chain = chain.chain(() -> eval(ADD, keys, args).replaceWithVoid());
        }
        return chain;
    }

    /** One command on one key of the index. */
    private record KeyWrite(String command, String key, List<String> args) {
    }

    /**
     * An open item's entry in {@code state}, and the sorted set where it waits with its score: {@code open} (the pool
     * under the project's policy), {@code gold}, or none (it has all the answers it may take).
     */
    private record IndexEntry(String id, String state, String pool, double score) {
    }

    private List<IndexEntry> entries(Project project, List<ItemRepository.OpenItem> batch) {
        List<IndexEntry> entries = new ArrayList<>(batch.size());
        for (ItemRepository.OpenItem item : batch) {
            AnsweredItem state = answered(project, item);
            double need = state.need();
            String id = Long.toString(item.id());
            String count = Integer.toString(item.answerCount());
            // Claims take an item without a stored belief as uniform and one without votes as unanswered: no need to
            // store those for every new item.
            String storedBelief = item.posterior() != null || item.aiAnswer() != null ? joined(state.belief()) : "";
            String storedVotes = state.votes() != null && item.answerCount() > 0 ? joined(state.votes()) : "";
            String entry = String.join(";", count, count, Double.toString(need), Double.toString(rank(item.id())),
                    storedBelief, storedVotes, Long.toString(state.basis()));
            if (item.gold()) {
                entries.add(new IndexEntry(id, entry, "gold", rank(item.id())));
            } else if (item.answerCount() < project.maxAnswers()) {
                double score = switch (project.policy()) {
                    case need -> -need;
                    case breadth -> item.answerCount();
                    case fixed, random -> rank(item.id());
                };
                entries.add(new IndexEntry(id, entry, "open", score));
            } else {
                entries.add(new IndexEntry(id, entry, null, 0));
            }
        }
        return entries;
    }

    /** What a rebuild writes for a batch of open items: their states, and their scores in the pool or among the gold items. */
    private List<KeyWrite> writes(Project project, List<ItemRepository.OpenItem> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        long p = project.id();
        List<String> states = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        for (IndexEntry entry : entries(project, batch)) {
            states.addAll(List.of(entry.id(), entry.state()));
            if ("gold".equals(entry.pool())) {
                gold.addAll(List.of(Double.toString(entry.score()), entry.id()));
            } else if ("open".equals(entry.pool())) {
                open.addAll(List.of(Double.toString(entry.score()), entry.id()));
            }
        }
        List<KeyWrite> writes = new ArrayList<>(List.of(new KeyWrite("HSET", indexKey(p, "state"), states)));
        if (!open.isEmpty()) {
            writes.add(new KeyWrite("ZADD", indexKey(p, "open"), open));
        }
        if (!gold.isEmpty()) {
            writes.add(new KeyWrite("ZADD", indexKey(p, "gold"), gold));
        }
        return writes;
    }

    /** A project's answers committed or in flight, as held against its budget (0 before its index is built). */
    public Uni<Long> spent(long projectId) {
        return redis.execute("GET", indexKey(projectId, "spent")).map(spent -> spent == null ? 0L : spent.toLong());
    }

    /**
     * Lists a project for the reaper if it holds leases and is not listed; true if it was not. A claim lists its project
     * in a command of its own after the claim (the list is one key, in a Redis Cluster on another node than the
     * project's keys, so no script can do both), and a node that stops between the two leaves leases nobody returns.
     */
    public Uni<Boolean> listIfLeased(long projectId) {
        return redis.execute("ZCARD", indexKey(projectId, "leases")).chain(leases -> leases.toLong() == 0
                ? Uni.createFrom().item(false)
                : redis.execute("SADD", LEASE_PROJECTS, Long.toString(projectId)).map(added -> added.toLong() == 1));
    }

    /** Projects that have had leases, for the reaper. */
    public Uni<List<Long>> projectsWithLeases() {
        return redis.execute("SMEMBERS", LEASE_PROJECTS).map(response -> {
            List<Long> ids = new ArrayList<>();
            if (response != null) {
                response.forEach(id -> ids.add(id.toLong()));
            }
            return ids;
        });
    }

    /** Rounds of a project whose lease ran out before {@code nowMillis}. */
    public Uni<List<String>> dueLeases(long projectId, long nowMillis) {
        return eval(DUE, List.of(indexKey(projectId, "leases")), List.of(Long.toString(nowMillis))).map(response -> {
            List<String> ids = new ArrayList<>();
            if (response != null) {
                response.forEach(id -> ids.add(id.toString()));
            }
            return ids;
        });
    }

    /**
     * Rebuilds a project's index from PostgreSQL: open items with their answer counts, and who has answered
     * what. Answers in flight when Redis was lost are not known; PostgreSQL's cap check still holds for them.
     * One node rebuilds while the others wait for it to be built.
     */
    private Uni<Void> rebuild(Project project) {
        return rebuild(project, () -> { });
    }

    /**
     * Builds a project's index from PostgreSQL unless it is there (when a project is activated). An index built at an
     * earlier activation is kept through a pause: it holds the leases of rounds still in flight and their share of the
     * budget, which PostgreSQL does not know, and uploads add their items to it whatever the project's status.
     */
    public Uni<Void> buildIfMissing(Project project) {
        // An index set to expire (its project had completed) is built afresh rather than left to vanish under play.
        return redis.execute("TTL", indexKey(project.id(), BUILT))
                .chain(ttl -> ttl.toLong() == -1 ? Uni.createFrom().voidItem() : rebuild(project));
    }

    /**
     * A project completed: its index, who has seen what included, expires after {@link #COMPLETED_INDEX_GRACE}, so
     * Redis does not keep every finished project for good; activating the project again builds it afresh. The seen
     * sets are found with SCAN (in a Redis Cluster, see {@link #expirePreviousLayouts()}).
     */
    public Uni<Void> expireCompleted(long projectId) {
        String seconds = Long.toString(COMPLETED_INDEX_GRACE.toSeconds());
        return Multi.createBy().concatenating().streams(
                        Multi.createFrom().iterable(INDEX_NAMES).map(name -> indexKey(projectId, name)),
                        redis.key().scan(new KeyScanArgs().match(indexKey(projectId, "seen:*")).count(1000)).toMulti())
                .onItem().transformToUniAndConcatenate(key -> redis.execute("EXPIRE", key, seconds))
                .collect().last()
                .replaceWithVoid();
    }

    /**
     * Stops the reaper looking at a project that is not open for play once it has no leases left (a completed or
     * paused one; a paused project that opens again is listed again by its next claim).
     */
    public Uni<Void> forgetIfNoLeases(long projectId) {
        String id = Long.toString(projectId);
        // Forgotten first, then listed again if a lease turns up: a claim that leased meanwhile has listed the project
        // itself (after its lease) or is found here, so no lease goes unwatched.
        return redis.execute("SREM", LEASE_PROJECTS, id)
                .chain(() -> redis.execute("ZCARD", indexKey(projectId, "leases")))
                .chain(leases -> leases.toLong() == 0 ? Uni.createFrom().voidItem()
                        : redis.execute("SADD", LEASE_PROJECTS, id).replaceWithVoid());
    }

    /**
     * As {@link #rebuild(Project)}; {@code onRebuilding} runs on the one node that rebuilds. The node holds the lock
     * again with every batch it writes, so a rebuild of any size keeps it, and takes it back if it ran out while nobody
     * else acquired it. A node that lost it (stalled past its end while another node took over, and finished or gave
     * up) writes nothing more: the items' states and the budget spent are written in the same script step that checks
     * the lock, and the index is never marked built over the other's.
     * Who has seen what is written after a check only: those sets hold facts from PostgreSQL, true whoever writes them.
     */
    private Uni<Void> rebuild(Project project, Runnable onRebuilding) {
        long p = project.id();
        List<String> lockKeys = List.of(indexKey(p, "rebuilding"), indexKey(p, BUILT), indexKey(p, "rebuild-owner"));
        String token = UUID.randomUUID().toString();
        String lockMillis = Long.toString(REBUILD_LOCK.toMillis());
        Supplier<Uni<Void>> hold = () -> lock(lockKeys, token, "hold", lockMillis, p);
        Function<List<KeyWrite>, Uni<Void>> fenced = writes -> fencedWrite(lockKeys, token, lockMillis, p, writes);
        return eval(REBUILD_LOCK_SCRIPT, lockKeys, List.of(token, "acquire", lockMillis)).chain(acquired -> {
            if (acquired.toInteger() != 1) {
                return waitUntilReady(p, 600);
            }
            LOG.infof("Rebuilding the allocation index of project %d from PostgreSQL", p);
            onRebuilding.run();
            return redis.execute("DEL", INDEX_NAMES.stream().map(name -> indexKey(p, name)).toArray(String[]::new))
                    .chain(() -> items.open(p, project.reportsMajority())
                            .group().intoLists().of(500)
                            .onItem().transformToUniAndConcatenate(batch -> fenced.apply(writes(project, batch)))
                            .collect().last())
                    .chain(() -> projects.counts(p).chain(counts -> fenced.apply(
                            List.of(new KeyWrite("SET", indexKey(p, "spent"), List.of(Long.toString(counts.answers())))))))
                    .chain(() -> reliabilities.of(p).collect().asList().chain(all -> setReliabilities(project, all)))
                    .chain(() -> answers.playerItems(p)
                            .group().intoLists().of(5000)
                            .onItem().transformToUniAndConcatenate(page -> hold.get().chain(() -> addSeen(p, page)))
                            .collect().last())
                    .chain(() -> lock(lockKeys, token, "finish", "", p))
                    .onFailure(LostRebuildLock.class).recoverWithUni(lost -> {
                        LOG.warnf("Project %d: another node took over the index rebuild; waiting for it", p);
                        return waitUntilReady(p, 600);
                    })
                    .onFailure().call(() -> lock(lockKeys, token, "release", "", p).onFailure().recoverWithNull())
                    .replaceWithVoid();
        });
    }

    /** Writes of a rebuild, made (with the lock held longer) only while {@code token} holds the rebuild lock. */
    private Uni<Void> fencedWrite(List<String> lockKeys, String token, String millis, long projectId, List<KeyWrite> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> keys = new ArrayList<>(lockKeys);
        List<String> args = new ArrayList<>(List.of(token, "write", millis));
        for (KeyWrite write : writes) {
            keys.add(write.key());
            args.add(write.command());
            args.add(Integer.toString(write.args().size()));
            args.addAll(write.args());
        }
        return eval(REBUILD_LOCK_SCRIPT, keys, args).invoke(held -> {
            if (held.toInteger() != 1) {
                throw new LostRebuildLock(projectId);
            }
        }).replaceWithVoid();
    }

    /** The rebuild lock's script ({@code allocation/rebuild-lock.lua}); fails with {@link LostRebuildLock} if the token no longer holds it. */
    private Uni<Void> lock(List<String> keys, String token, String action, String millis, long projectId) {
        return eval(REBUILD_LOCK_SCRIPT, keys, List.of(token, action, millis)).invoke(held -> {
            if (held.toInteger() != 1 && !action.equals("release")) {
                throw new LostRebuildLock(projectId);
            }
        }).replaceWithVoid();
    }

    /** A rebuild whose lock ran out and went to another node. */
    private static final class LostRebuildLock extends RuntimeException {
        LostRebuildLock(long projectId) {
            super("the index rebuild lock of project " + projectId + " went to another node", null, false, false);
        }
    }

    /**
     * Who has seen what, from a page of answers: one SADD per player, several in flight at once. A set left to expire
     * (its project had completed, and is played again) is kept for good again.
     */
    private Uni<Void> addSeen(long projectId, List<AnswerRepository.PlayerItem> page) {
        Map<Long, List<String>> byPlayer = new HashMap<>();
        page.forEach(answered -> byPlayer.computeIfAbsent(answered.playerId(), k -> new ArrayList<>()).add(Long.toString(answered.itemId())));
        return Multi.createFrom().iterable(byPlayer.entrySet())
                .onItem().transformToUni(entry -> {
                    List<String> command = new ArrayList<>(entry.getValue().size() + 1);
                    command.add(indexKey(projectId, "seen:" + entry.getKey()));
                    command.addAll(entry.getValue());
                    return redis.execute("SADD", command.toArray(String[]::new)).chain(() -> redis.execute("PERSIST", command.get(0)));
                })
                .merge(SEEN_WRITES_IN_FLIGHT)
                .collect().last()
                .replaceWithVoid();
    }

    /** On start, apart from it (best effort): see {@link #expirePreviousLayouts()}. */
    void expirePreviousLayoutsOnStart(@Observes StartupEvent startup) {
        expirePreviousLayouts().subscribe().with(
                keys -> {
                    if (keys > 0) {
                        LOG.infof("%d keys of previous index layouts expire in %s", keys, PREVIOUS_LAYOUT_GRACE);
                    }
                },
                failure -> LOG.warn("Could not set the previous index layout's keys to expire", failure));
    }

    /**
     * Sets every key of a previous layout's index (see {@link #FIRST_LAYOUT_NAMES}) that has no expiry yet to expire
     * after {@link #PREVIOUS_LAYOUT_GRACE}, whether or not its project is active: one pass over the projects' keys.
     * Keys are found with SCAN, which in a Redis Cluster sees one node only: there, keys it misses stay until deleted
     * by hand.
     *
     * @return how many keys were set to expire
     */
    public Uni<Integer> expirePreviousLayouts() {
        String seconds = Long.toString(PREVIOUS_LAYOUT_GRACE.toSeconds());
        return redis.key().scan(new KeyScanArgs().match("af:{p*}:*").count(1000)).toMulti()
                .filter(AllocationIndex::ofPreviousLayout)
                .onItem().transformToUniAndConcatenate(key -> redis.execute("TTL", key).chain(ttl -> ttl.toLong() != -1
                        ? Uni.createFrom().item(0)
                        : redis.execute("EXPIRE", key, seconds).map(Response::toInteger)))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /** Whether a project's key belongs to a previous layout's index (not to this one, nor to what lives beside it). */
    private static boolean ofPreviousLayout(String key) {
        int end = key.indexOf("}:");
        if (!key.startsWith("af:{p") || end < 0) {
            return false;
        }
        String name = key.substring(end + 2);
        return name.startsWith(V2_INFIX) || name.startsWith("seen:") || FIRST_LAYOUT_NAMES.contains(name);
    }

    private Uni<Void> waitUntilReady(long projectId, int attempts) {
        return redis.execute("EXISTS", indexKey(projectId, BUILT)).chain(exists -> {
            if (exists.toInteger() == 1 || attempts == 0) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100))
                    .chain(() -> waitUntilReady(projectId, attempts - 1));
        });
    }

    /**
     * Runs a script by its SHA-1 (EVALSHA): 40 characters on the wire instead of the script (8 KB for a claim), and
     * Redis need not hash the script on every call. A Redis that has not seen it yet (new, restarted, or after SCRIPT
     * FLUSH) answers NOSCRIPT, and the script goes whole once (EVAL), which caches it there again.
     */
    private Uni<Response> eval(LuaScript script, List<String> keys, List<String> args) {
        return redis.execute("EVALSHA", command(script.sha1(), keys, args))
                .onFailure(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", command(script.source(), keys, args)));
    }

    private static String[] command(String scriptOrSha, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(scriptOrSha);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return command.toArray(String[]::new);
    }
}
