package io.attentionflow.app.round;

import io.attentionflow.app.answer.AnswerRepository;
import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.project.Project;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Which items of a project can be served, shared by every server node through Redis. Per project (all keys
 * carry the hash tag {@code {p<id>}} so a Redis Cluster keeps them in one slot):
 * <ul>
 *   <li>{@code open}: sorted set of servable items, scored by answers plus answers in flight, fewest first;</li>
 *   <li>{@code count}: hash item -> answers plus answers in flight;</li>
 *   <li>{@code seen:<player>}: set of items ever served to the player;</li>
 *   <li>{@code leases}: sorted set of open rounds by the time their items return; {@code lease-items}: their items;</li>
 *   <li>{@code retired}: set of retired items; {@code ready}: present once the index is built.</li>
 * </ul>
 * Claims, completions and expiries are Lua scripts, so each is atomic across nodes. Everything here is
 * rebuilt from PostgreSQL when {@code ready} is missing (a new or flushed Redis).
 */
@ApplicationScoped
public class AllocationIndex {

    private static final Logger LOG = Logger.getLogger(AllocationIndex.class);
    private static final String LEASE_PROJECTS = "af:lease-projects";
    /** How many of the best-ranked open items a claim looks at before giving up on a player. */
    private static final int SCAN_LIMIT = 2_000;

    // KEYS: open, count, seen, leases, lease-items, ready. ARGV: items wanted, cap, round id, lease deadline, scan limit.
    private static final String CLAIM = """
            if redis.call('EXISTS', KEYS[6]) == 0 then return -1 end
            local wanted, cap, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[5])
            local picked, offset = {}, 0
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
            for _, item in ipairs(picked) do
              local count = redis.call('HINCRBY', KEYS[2], item, 1)
              redis.call('SADD', KEYS[3], item)
              if count >= cap then redis.call('ZREM', KEYS[1], item) else redis.call('ZADD', KEYS[1], count, item) end
            end
            if #picked > 0 then
              redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
              redis.call('HSET', KEYS[5], ARGV[3], table.concat(picked, ','))
            end
            return picked
            """;

    // KEYS: open, count, leases, lease-items, retired. ARGV: round id, cap, then 'a' + answered items, 'r' + retired items.
    // Items of the round that got no answer go back to the pool; retired items leave it.
    private static final String COMPLETE = """
            local cap = tonumber(ARGV[2])
            local answered, retired, mode = {}, {}, nil
            for i = 3, #ARGV do
              local arg = ARGV[i]
              if arg == 'a' or arg == 'r' then mode = arg
              elseif mode == 'a' then answered[arg] = true
              else retired[arg] = true end
            end
            for item, _ in pairs(retired) do
              redis.call('SADD', KEYS[5], item)
              redis.call('ZREM', KEYS[1], item)
            end
            if redis.call('ZREM', KEYS[3], ARGV[1]) == 0 then return 0 end
            local items = redis.call('HGET', KEYS[4], ARGV[1])
            redis.call('HDEL', KEYS[4], ARGV[1])
            if items then
              for item in string.gmatch(items, '[^,]+') do
                if not answered[item] then
                  local count = redis.call('HINCRBY', KEYS[2], item, -1)
                  if redis.call('SISMEMBER', KEYS[5], item) == 0 and count < cap then redis.call('ZADD', KEYS[1], count, item) end
                end
              end
            end
            return 1
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
    public Uni<List<Long>> claim(Project project, long playerId, int wanted, String roundId, long leaseDeadlineMillis) {
        return claimOnce(project, playerId, wanted, roundId, leaseDeadlineMillis)
                .chain(claimed -> claimed != null ? Uni.createFrom().item(claimed)
                        : rebuild(project).chain(() -> claimOnce(project, playerId, wanted, roundId, leaseDeadlineMillis))
                        .map(again -> again == null ? List.<Long>of() : again));
    }

    private Uni<List<Long>> claimOnce(Project project, long playerId, int wanted, String roundId, long deadline) {
        long p = project.id();
        return eval(CLAIM, List.of(key(p, "open"), key(p, "count"), key(p, "seen:" + playerId), key(p, "leases"),
                        key(p, "lease-items"), key(p, "ready")),
                List.of(Integer.toString(wanted), Integer.toString(project.maxAnswers()), roundId, Long.toString(deadline),
                        Integer.toString(SCAN_LIMIT)))
                .call(response -> response != null && response.size() > 0
                        ? redis.execute("SADD", LEASE_PROJECTS, Long.toString(p)) : Uni.createFrom().voidItem())
                .map(response -> {
                    if (response != null && response.type() == io.vertx.redis.client.ResponseType.NUMBER) {
                        return null; // not built yet
                    }
                    List<Long> claimed = new ArrayList<>();
                    if (response != null) {
                        response.forEach(item -> claimed.add(item.toLong()));
                    }
                    return claimed;
                });
    }

    /** Ends a round's lease after its answers were committed: unanswered items return, retired ones leave. */
    public Uni<Void> complete(Project project, String roundId, List<Long> answered, List<Long> retired) {
        long p = project.id();
        List<String> args = new ArrayList<>();
        args.add(roundId);
        args.add(Integer.toString(project.maxAnswers()));
        args.add("a");
        answered.forEach(id -> args.add(id.toString()));
        args.add("r");
        retired.forEach(id -> args.add(id.toString()));
        return eval(COMPLETE, List.of(key(p, "open"), key(p, "count"), key(p, "leases"), key(p, "lease-items"), key(p, "retired")), args)
                .replaceWithVoid();
    }

    /** Adds freshly uploaded items of an active project. */
    public Uni<Void> add(Project project, List<Long> itemIds) {
        if (itemIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> zadd = new ArrayList<>();
        zadd.add(key(project.id(), "open"));
        for (Long id : itemIds) {
            zadd.add("0");
            zadd.add(id.toString());
        }
        return redis.execute("ZADD", zadd.toArray(String[]::new)).replaceWithVoid();
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
            return redis.execute("DEL", key(p, "open"), key(p, "count"), key(p, "ready"), key(p, "retired"))
                    .chain(() -> items.open(p)
                            .group().intoLists().of(500)
                            .onItem().transformToUniAndConcatenate(batch -> {
                                List<String> zadd = new ArrayList<>(List.of(key(p, "open")));
                                List<String> hset = new ArrayList<>(List.of(key(p, "count")));
                                for (ItemRepository.OpenItem item : batch) {
                                    hset.add(Long.toString(item.id()));
                                    hset.add(Integer.toString(item.answerCount()));
                                    if (item.answerCount() < project.maxAnswers()) {
                                        zadd.add(Integer.toString(item.answerCount()));
                                        zadd.add(Long.toString(item.id()));
                                    }
                                }
                                Uni<Response> counts = redis.execute("HSET", hset.toArray(String[]::new));
                                return zadd.size() > 1 ? counts.chain(() -> redis.execute("ZADD", zadd.toArray(String[]::new))) : counts;
                            })
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
