package io.attentionflow.app.round;

import io.attentionflow.app.answer.AnswerRepository;
import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.project.Project;
import io.attentionflow.engine.allocation.Need;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Which items of a project can be served, shared by every server node through Redis. Per project (all keys
 * carry the hash tag {@code {p<id>}} so a Redis Cluster keeps them in one slot):
 * <ul>
 *   <li>{@code open}: sorted set of servable items, lowest score served first (see the policies in {@link Project.Policy});</li>
 *   <li>{@code count}: hash item -> answers plus answers in flight;</li>
 *   <li>{@code seen:<player>}: set of items ever served to the player;</li>
 *   <li>{@code leases}: sorted set of open rounds by the time their items return; {@code lease-items}: their items;</li>
 *   <li>{@code need}, {@code answered}, {@code rank}: hashes item -> need for a typical player, answers
 *       committed, fixed pseudo-random rank; they let a script rescore an item under any policy;</li>
 *   <li>{@code gold}: gold items, served apart from the pool (first, to newcomers more often), never capped;</li>
 *   <li>{@code retired}: set of retired items; {@code ready}: present once the index is built.</li>
 * </ul>
 * Claims, completions and expiries are Lua scripts, so each is atomic across nodes. Everything here is
 * rebuilt from PostgreSQL when {@code ready} is missing (a new or flushed Redis).
 */
@ApplicationScoped
public class AllocationIndex {

    private static final Logger LOG = Logger.getLogger(AllocationIndex.class);
    private static final String LEASE_PROJECTS = "af:lease-projects";
    /** Accuracy of the typical player for whom the shared index ranks items. */
    static final double TYPICAL_ACCURACY = 0.7;
    /** How many of the best-ranked open items a claim looks at before giving up on a player. */
    private static final int SCAN_LIMIT = 2_000;

    /**
     * Shared by the scripts: puts a servable item in {@code open} with its score under the policy (lowest is
     * served first). need: minus the item's need for a typical player divided by one plus the answers in
     * flight, the way the engine's {@code Need} discounts pending answers; breadth: answers plus answers in
     * flight; fixed and random: the item's fixed pseudo-random rank.
     */
    private static final String RESCORE = """
            local function rescore(k, policy, item, c)
              local score
              if policy == 'need' then
                local pending = c - tonumber(redis.call('HGET', k.answered, item) or '0')
                if pending < 0 then pending = 0 end
                score = -tonumber(redis.call('HGET', k.need, item) or '1') / (pending + 1)
              elseif policy == 'breadth' then
                score = c
              else
                score = tonumber(redis.call('HGET', k.rank, item) or '0')
              end
              redis.call('ZADD', k.open, score, item)
            end
            """;

    // KEYS: open, count, seen, leases, lease-items, ready, need, answered, rank, gold.
    // ARGV: items wanted, cap, round id, lease deadline, scan limit, policy, gold items wanted by a newcomer,
    // gold items wanted otherwise, items seen below which a player is a newcomer.
    // Gold items come first, from their own set: every player may meet each of them once, without a cap.
    private static final String CLAIM = RESCORE + """
            local k = {open = KEYS[1], need = KEYS[7], answered = KEYS[8], rank = KEYS[9]}
            if redis.call('EXISTS', KEYS[6]) == 0 then return -1 end
            local wanted, cap, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[5])
            local picked, offset = {}, 0
            local goldWanted = redis.call('SCARD', KEYS[3]) < tonumber(ARGV[9]) and tonumber(ARGV[7]) or tonumber(ARGV[8])
            if goldWanted > 0 then
              local goldOffset = 0
              while #picked < goldWanted and goldOffset < limit do
                local candidates = redis.call('ZRANGE', KEYS[10], goldOffset, goldOffset + 99)
                if #candidates == 0 then break end
                for _, item in ipairs(candidates) do
                  if #picked >= goldWanted then break end
                  if redis.call('SISMEMBER', KEYS[3], item) == 0 then picked[#picked + 1] = item end
                end
                goldOffset = goldOffset + 100
              end
              for _, item in ipairs(picked) do redis.call('SADD', KEYS[3], item) end
            end
            local firstRegular = #picked + 1
            while #picked < wanted and offset < limit do
              local candidates = redis.call('ZRANGE', KEYS[1], offset, offset + 99)
              if #candidates == 0 then break end
              for _, item in ipairs(candidates) do
                if #picked >= wanted then break end
                if redis.call('SISMEMBER', KEYS[3], item) == 0 and tonumber(redis.call('HGET', KEYS[2], item) or '0') < cap then
                  picked[#picked + 1] = item
                end
              end
              offset = offset + 100
            end
            for i = firstRegular, #picked do
              local item = picked[i]
              local c = redis.call('HINCRBY', KEYS[2], item, 1)
              redis.call('SADD', KEYS[3], item)
              if c >= cap then redis.call('ZREM', KEYS[1], item) else rescore(k, ARGV[6], item, c) end
            end
            if #picked > 0 then
              redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
              redis.call('HSET', KEYS[5], ARGV[3], table.concat(picked, ','))
            end
            return picked
            """;

    // KEYS: open, count, seen, leases, lease-items, retired, need, answered, rank.
    // ARGV: item, cap, round id, lease deadline, policy. Puts a second player on an item already claimed for a
    // partner (paired games), under the same rules as a claim; 0 when the item cannot take this player.
    private static final String JOIN = RESCORE + """
            local k = {open = KEYS[1], need = KEYS[7], answered = KEYS[8], rank = KEYS[9]}
            local item, cap = ARGV[1], tonumber(ARGV[2])
            if redis.call('SISMEMBER', KEYS[3], item) == 1 or redis.call('SISMEMBER', KEYS[6], item) == 1 then return 0 end
            if tonumber(redis.call('HGET', KEYS[2], item) or '0') >= cap then return 0 end
            local c = redis.call('HINCRBY', KEYS[2], item, 1)
            redis.call('SADD', KEYS[3], item)
            if c >= cap then redis.call('ZREM', KEYS[1], item) else rescore(k, ARGV[5], item, c) end
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
            redis.call('HSET', KEYS[5], ARGV[3], item)
            return 1
            """;

    // KEYS: open, count, leases, lease-items, retired, need, answered, rank, gold.
    // ARGV: round id, cap, policy, then 'a' and (answered item, its new need) pairs, then 'r' and retired items.
    // Ends the round's lease: answered items take their new need, unanswered ones go back to the pool,
    // retired ones leave it. An answer whose lease was already gone (reaped, or Redis rebuilt) still counts.
    private static final String COMPLETE = RESCORE + """
            local k = {open = KEYS[1], need = KEYS[6], answered = KEYS[7], rank = KEYS[8]}
            local cap, policy = tonumber(ARGV[2]), ARGV[3]
            local answered, retired, mode, i = {}, {}, nil, 4
            while i <= #ARGV do
              local arg = ARGV[i]
              if arg == 'a' or arg == 'r' then mode = arg; i = i + 1
              elseif mode == 'a' then answered[arg] = ARGV[i + 1]; i = i + 2
              else retired[arg] = true; i = i + 1 end
            end
            local leased = {}
            local known = redis.call('ZREM', KEYS[3], ARGV[1]) == 1
            if known then
              local items = redis.call('HGET', KEYS[4], ARGV[1])
              redis.call('HDEL', KEYS[4], ARGV[1])
              for item in string.gmatch(items or '', '[^,]+') do leased[item] = true end
            end
            local touched = {}
            for item, need in pairs(answered) do
              if need ~= '' then redis.call('HSET', KEYS[6], item, need) end
              redis.call('HINCRBY', KEYS[7], item, 1)
              if not leased[item] then redis.call('HINCRBY', KEYS[2], item, 1) end
              touched[item] = true
            end
            for item, _ in pairs(leased) do
              if not answered[item] then redis.call('HINCRBY', KEYS[2], item, -1) end
              touched[item] = true
            end
            for item, _ in pairs(retired) do
              redis.call('SADD', KEYS[5], item)
            end
            for item, _ in pairs(touched) do
              local c = tonumber(redis.call('HGET', KEYS[2], item) or '0')
              if redis.call('ZSCORE', KEYS[9], item) then
                -- a gold item stays in the gold set and out of the pool
              elseif redis.call('SISMEMBER', KEYS[5], item) == 1 or c >= cap then
                redis.call('ZREM', KEYS[1], item)
              else
                rescore(k, policy, item, c)
              end
            end
            return known and 1 or 0
            """;

    // KEYS: leases. ARGV: now. Round ids whose lease has run out (grace included).
    private static final String DUE = "return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 500)";

    private final ReactiveRedisDataSource redis;
    private final ItemRepository items;
    private final AnswerRepository answers;

    public AllocationIndex(ReactiveRedisDataSource redis, ItemRepository items, AnswerRepository answers) {
        this.redis = redis;
        this.items = items;
        this.answers = answers;
    }

    static String key(long projectId, String name) {
        return "af:{p" + projectId + "}:" + name;
    }

    /**
     * Reserves up to {@code wanted} items for a player under a new lease: items the player has never been
     * served, below the project's answer cap counting answers in flight, fewest answers first. Empty when no
     * item needs this player.
     */
    public Uni<List<Long>> claim(Project project, long playerId, int wanted, GoldDraw gold, String roundId, long leaseDeadlineMillis) {
        return claimOnce(project, playerId, wanted, gold, roundId, leaseDeadlineMillis)
                .chain(claimed -> claimed != null ? Uni.createFrom().item(claimed)
                        : rebuild(project).chain(() -> claimOnce(project, playerId, wanted, gold, roundId, leaseDeadlineMillis))
                        .map(again -> again == null ? List.<Long>of() : again));
    }

    /**
     * How many of a round's items should be gold, drawn before the claim for both cases, since only the
     * claim knows (from the items the player has seen) whether the player is still a newcomer.
     */
    public record GoldDraw(int ifNewcomer, int otherwise, int newcomerItems) {
    }

    private Uni<List<Long>> claimOnce(Project project, long playerId, int wanted, GoldDraw gold, String roundId, long deadline) {
        long p = project.id();
        return eval(CLAIM, List.of(key(p, "open"), key(p, "count"), key(p, "seen:" + playerId), key(p, "leases"),
                        key(p, "lease-items"), key(p, "ready"), key(p, "need"), key(p, "answered"), key(p, "rank"), key(p, "gold")),
                List.of(Integer.toString(wanted), Integer.toString(project.maxAnswers()), roundId, Long.toString(deadline),
                        Integer.toString(SCAN_LIMIT), project.policy().name(), Integer.toString(gold.ifNewcomer()),
                        Integer.toString(gold.otherwise()), Integer.toString(gold.newcomerItems())))
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
        return eval(JOIN, List.of(key(p, "open"), key(p, "count"), key(p, "seen:" + playerId), key(p, "leases"), key(p, "lease-items"),
                        key(p, "retired"), key(p, "need"), key(p, "answered"), key(p, "rank")),
                List.of(Long.toString(itemId), Integer.toString(project.maxAnswers()), roundId, Long.toString(leaseDeadlineMillis),
                        project.policy().name()))
                .map(response -> response.toInteger() == 1)
                .call(joined -> joined ? redis.execute("SADD", LEASE_PROJECTS, Long.toString(p)) : Uni.createFrom().voidItem());
    }

    /**
     * Ends a round's lease after its answers were committed, or after it expired unanswered (no answers):
     * answered items take their new need, unanswered items return, retired ones leave.
     *
     * @param answered answered item id -> the item's need after the answer ({@link #need(double[])}), or
     *                 {@code null} to keep the need the index has
     */
    public Uni<Void> complete(Project project, String roundId, Map<Long, Double> answered, List<Long> retired) {
        long p = project.id();
        List<String> args = new ArrayList<>();
        args.add(roundId);
        args.add(Integer.toString(project.maxAnswers()));
        args.add(project.policy().name());
        args.add("a");
        answered.forEach((id, need) -> {
            args.add(id.toString());
            args.add(need == null ? "" : Double.toString(need));
        });
        args.add("r");
        retired.forEach(id -> args.add(id.toString()));
        return eval(COMPLETE, List.of(key(p, "open"), key(p, "count"), key(p, "leases"), key(p, "lease-items"), key(p, "retired"),
                        key(p, "need"), key(p, "answered"), key(p, "rank"), key(p, "gold")), args)
                .replaceWithVoid();
    }

    /**
     * The need of an item for a typical player (one-coin, {@link #TYPICAL_ACCURACY}): the expected entropy
     * reduction of one more answer, from the engine. Items without a posterior (non-categorical games)
     * count as fully uncertain.
     */
    public static double need(double[] posterior) {
        if (posterior == null || posterior.length < 2) {
            return 1;
        }
        return Need.of(posterior, 0, posterior.length, Need.oneCoin(posterior.length, TYPICAL_ACCURACY), null, 0);
    }

    /** A fixed pseudo-random rank for the random and fixed policies, the same on every node. */
    static double rank(long itemId) {
        long z = itemId * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return (double) ((z ^ (z >>> 27)) >>> 11) / (1L << 53);
    }

    /** Adds freshly uploaded items of an active project (no answers yet); {@code gold} says which are gold items. */
    public Uni<Void> add(Project project, List<Long> itemIds, List<Boolean> gold) {
        List<ItemRepository.OpenItem> items = new ArrayList<>();
        for (int i = 0; i < itemIds.size(); i++) {
            items.add(new ItemRepository.OpenItem(itemIds.get(i), 0, null, gold.get(i)));
        }
        return store(project, items);
    }

    /** Writes open items with their counts, needs, ranks and scores; one round trip per hash. */
    private Uni<Void> store(Project project, List<ItemRepository.OpenItem> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long p = project.id();
        List<String> counts = new ArrayList<>(List.of(key(p, "count")));
        List<String> answered = new ArrayList<>(List.of(key(p, "answered")));
        List<String> needs = new ArrayList<>(List.of(key(p, "need")));
        List<String> ranks = new ArrayList<>(List.of(key(p, "rank")));
        List<String> open = new ArrayList<>(List.of(key(p, "open")));
        List<String> gold = new ArrayList<>(List.of(key(p, "gold")));
        for (ItemRepository.OpenItem item : batch) {
            String id = Long.toString(item.id());
            double need = need(item.posterior());
            counts.addAll(List.of(id, Integer.toString(item.answerCount())));
            answered.addAll(List.of(id, Integer.toString(item.answerCount())));
            needs.addAll(List.of(id, Double.toString(need)));
            ranks.addAll(List.of(id, Double.toString(rank(item.id()))));
            if (item.gold()) {
                gold.addAll(List.of(Double.toString(rank(item.id())), id));
            } else if (item.answerCount() < project.maxAnswers()) {
                double score = switch (project.policy()) {
                    case need -> -need;
                    case breadth -> item.answerCount();
                    case fixed, random -> rank(item.id());
                };
                open.addAll(List.of(Double.toString(score), id));
            }
        }
        Uni<Response> writes = redis.execute("HSET", counts.toArray(String[]::new))
                .chain(() -> redis.execute("HSET", answered.toArray(String[]::new)))
                .chain(() -> redis.execute("HSET", needs.toArray(String[]::new)))
                .chain(() -> redis.execute("HSET", ranks.toArray(String[]::new)));
        Uni<Response> withOpen = open.size() > 1 ? writes.chain(() -> redis.execute("ZADD", open.toArray(String[]::new))) : writes;
        return (gold.size() > 1 ? withOpen.chain(() -> redis.execute("ZADD", gold.toArray(String[]::new))) : withOpen).replaceWithVoid();
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
        return eval(DUE, List.of(key(projectId, "leases")), List.of(Long.toString(nowMillis))).map(response -> {
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
     * One node rebuilds while the others wait for {@code ready}.
     */
    public Uni<Void> rebuild(Project project) {
        long p = project.id();
        String lock = key(p, "rebuilding");
        return redis.execute("SET", lock, "1", "NX", "PX", "60000").chain(acquired -> {
            if (acquired == null) {
                return waitUntilReady(p, 600);
            }
            LOG.infof("Rebuilding the allocation index of project %d from PostgreSQL", p);
            return redis.execute("DEL", key(p, "open"), key(p, "count"), key(p, "ready"), key(p, "retired"), key(p, "need"),
                            key(p, "answered"), key(p, "rank"), key(p, "leases"), key(p, "lease-items"), key(p, "gold"))
                    .chain(() -> items.open(p)
                            .group().intoLists().of(500)
                            .onItem().transformToUniAndConcatenate(batch -> store(project, batch))
                            .collect().last())
                    .chain(() -> answers.playerItems(p)
                            .onItem().transformToUniAndConcatenate(answered -> redis.execute("SADD",
                                    key(p, "seen:" + answered.playerId()), Long.toString(answered.itemId())))
                            .collect().last())
                    .chain(() -> redis.execute("SET", key(p, "ready"), "1"))
                    .eventually(() -> redis.execute("DEL", lock))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> waitUntilReady(long projectId, int attempts) {
        return redis.execute("EXISTS", key(projectId, "ready")).chain(exists -> {
            if (exists.toInteger() == 1 || attempts == 0) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100))
                    .chain(() -> waitUntilReady(projectId, attempts - 1));
        });
    }

    private Uni<Response> eval(String script, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return redis.execute("EVAL", command.toArray(String[]::new));
    }
}
