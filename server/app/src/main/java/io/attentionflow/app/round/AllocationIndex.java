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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Which items of a project can be served, shared by every server node through Redis. Per project (all keys
 * carry the hash tag {@code {p<id>}} so a Redis Cluster keeps them in one slot):
 * <ul>
 *   <li>{@code open}: sorted set of servable items, lowest score served first (see the policies in {@link Project.Policy});</li>
 *   <li>{@code state}: hash item -> its answers plus answers in flight, answers committed, need for a typical
 *       player, fixed pseudo-random rank (so a script can rescore it under any policy), {@link #belief} over labels
 *       (the players' posterior times the AI helper's prior) and, for projects that report the most-voted label,
 *       answers per label; one field per item (see {@code STATE});</li>
 *   <li>{@code seen:<player>}: set of items ever served to the player;</li>
 *   <li>{@code leases}: sorted set of open rounds by the time their items return; {@code lease-items}: their items;</li>
 *   <li>{@code gold}: gold items, served apart from the pool (first, to newcomers more often), never capped;</li>
 *   <li>{@code spent}: answers committed plus answers in flight, held against the project's answer budget;</li>
 *   <li>{@code reliability}: hash player -> confusion matrix; with it and the item's belief a claim scores
 *       candidates for the player at hand;</li>
 *   <li>{@code retired}: set of retired items; {@code built:2}: present once the index is built (see {@link #BUILT}).</li>
 * </ul>
 * Claims, completions and expiries are Lua scripts, so each is atomic across nodes. Everything here is
 * rebuilt from PostgreSQL when {@code ready} is missing (a new or flushed Redis).
 */
@ApplicationScoped
public class AllocationIndex {

    private static final Logger LOG = Logger.getLogger(AllocationIndex.class);
    private static final String LEASE_PROJECTS = "af:lease-projects";
    /**
     * Present once a project's index is built. The layout's version is in the name: an index of an older layout (a
     * server upgraded against a live Redis) counts as unbuilt, and the first claim rebuilds it from PostgreSQL.
     */
    static final String BUILT = "built:2";
    /** What older layouts kept besides the keys of this one; a rebuild deletes them. */
    private static final List<String> OLD_LAYOUT_KEYS = List.of("ready", "count", "need", "answered", "rank", "posterior", "votes");
    /** The SHA-1 of each script, by which Redis caches it. */
    private static final Map<String, String> SHAS = new ConcurrentHashMap<>();
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

    /**
     * Shared by the scripts: an item's entry in {@code state}, one hash field
     * {@code count;answered;need;rank;belief;votes} (answers plus answers in flight, answers committed, need for a
     * typical player, fixed pseudo-random rank, then the comma-separated belief and votes, each empty when not
     * known). One field rather than a hash for each part: a claim at a million items is bound by random memory
     * accesses, not arithmetic, and one field is one access where the parts were up to five
     * (docs/benchmarks/serving.md). Need and rank stay text, so they are written back exactly as Java wrote them.
     * An item without an entry is not in the index (the build writes one for every open item, an upload for every
     * new one): the scripts never create one, so nothing they are told about an item outside the index puts it
     * into the pool.
     * {@code rescore} puts a servable item in {@code open} with its score under the policy (lowest is served first).
     * need: minus the item's need for a typical player divided by one plus the answers in flight, the way the
     * engine's {@code Need} discounts pending answers; breadth: answers plus answers in flight; fixed and random:
     * the item's fixed pseudo-random rank.
     */
    private static final String STATE = """
            local function parseState(s)
              if not s then return nil end
              local c, a, n, r, b, v = string.match(s, '^([^;]*);([^;]*);([^;]*);([^;]*);([^;]*);([^;]*)$')
              return {count = tonumber(c), answered = tonumber(a), need = n, rank = r, belief = b, votes = v}
            end
            local function readState(k, item)
              return parseState(redis.call('HGET', k.state, item))
            end
            local function writeState(k, item, st)
              redis.call('HSET', k.state, item, table.concat({st.count, st.answered, st.need, st.rank, st.belief, st.votes}, ';'))
            end
            local function rescore(k, policy, item, st)
              local score
              if policy == 'need' then
                local pending = st.count - st.answered
                if pending < 0 then pending = 0 end
                score = -tonumber(st.need) / (pending + 1)
              elseif policy == 'breadth' then
                score = st.count
              else
                score = tonumber(st.rank)
              end
              redis.call('ZADD', k.open, score, item)
            end
            """;

    /**
     * Shared by the claim: the need of an item for a player with confusion matrix {@code C} (flat, row = true
     * label), the mutual information between the item's true label and the player's answer, as the engine's
     * {@code Need} computes it, over the item's posterior {@code p} (uniform when none is stored); and for
     * projects that report the most-voted label, the fall of that label's risk given the votes {@code v}, as the
     * engine's {@code MajorityNeed} computes it.
     */
    static final String GAIN = """
            local function numbers(s)
              local v = {}
              for x in string.gmatch(s or '', '[^,]+') do v[#v + 1] = tonumber(x) end
              return v
            end
            -- Per true label t, sum over g of C[t][g] log C[t][g]: the player's part of the mutual information, the
            -- same for every item, so a claim works it out once and each candidate costs L logarithms, not L^2.
            local function rowTerms(C, L)
              local rows = {}
              for t = 1, L do
                local s = 0
                for g = 1, L do
                  local c = C[(t - 1) * L + g]
                  if c > 0 then s = s + c * math.log(c) end
                end
                rows[t] = s
              end
              return rows
            end
            -- I(T; G) = sum_t p_t sum_g C[t][g] log C[t][g] - sum_g q_g log q_g, with q_g = sum_t p_t C[t][g].
            local function gain(p, C, L, rows)
              rows = rows or rowTerms(C, L)
              local mi = 0
              for t = 1, L do
                if p[t] > 0 then mi = mi + p[t] * rows[t] end
              end
              for g = 1, L do
                local q = 0
                for t = 1, L do q = q + p[t] * C[(t - 1) * L + g] end
                if q > 0 then mi = mi - q * math.log(q) end
              end
              return mi
            end
            local function riskFall(p, v, C, L)
              local sum, most = 0, 0
              for t = 1, L do
                sum = sum + p[t]
                if v[t] > most then most = v[t] end
              end
              if not (sum > 0) then return 0 end
              local pn, leaders, nLeaders, leading, oneWeight, twoWeight = {}, {}, 0, 0, 0, 0
              for t = 1, L do
                local pt = p[t] / sum
                pn[t] = pt
                if v[t] == most then nLeaders = nLeaders + 1; leaders[nLeaders] = t; leading = leading + pt end
                local rowSum = 0
                for g = 1, L do rowSum = rowSum + C[(t - 1) * L + g] end
                oneWeight = oneWeight + pt * rowSum
                twoWeight = twoWeight + pt * rowSum * rowSum
              end
              local now = 1 - leading / nLeaders
              -- The mean of p_t C[t][g] (C[t][h]) over the labels most voted after answer g (and h).
              local function rightAfter(g, h)
                local same = (h == g) and 1 or 0
                local votesG = v[g] + 1 + same
                local votesH = h and (v[h] + 1 + same) or 0
                local top = most
                if votesG > top then top = votesG end
                if votesH > top then top = votesH end
                local right, tied = 0, 0
                if top == most then
                  for k = 1, nLeaders do
                    local t = leaders[k]
                    local j = pn[t] * C[(t - 1) * L + g]
                    if h then j = j * C[(t - 1) * L + h] end
                    right = right + j
                  end
                  tied = nLeaders
                end
                if votesG == top then
                  local j = pn[g] * C[(g - 1) * L + g]
                  if h then j = j * C[(g - 1) * L + h] end
                  right = right + j; tied = tied + 1
                end
                if h and h ~= g and votesH == top then
                  right = right + pn[h] * C[(h - 1) * L + g] * C[(h - 1) * L + h]; tied = tied + 1
                end
                return right / tied
              end
              local oneRight, twoRight = 0, 0
              for g = 1, L do
                oneRight = oneRight + rightAfter(g, nil)
                for h = g, L do twoRight = twoRight + (h == g and 1 or 2) * rightAfter(g, h) end
              end
              return math.max(0, now - (oneWeight - oneRight), (now - (twoWeight - twoRight)) / 2)
            end
            """;

    // KEYS: open, state, seen, leases, lease-items, built, gold, spent, reliability.
    // ARGV: items wanted, cap, round id, lease deadline, scan limit, policy, gold items wanted by a newcomer,
    // gold items wanted otherwise, items seen below which a player is a newcomer, answer budget ('' for none),
    // the player whose confusion matrix scores the candidates ('' for none: the ranking as it is), the weight of the
    // entropy term of a majority need ('' for projects that report the posterior).
    // Gold items come first, from their own set: every player may meet each of them once, without a cap.
    // Under the need policy, a player whose confusion matrix is known gets, of the best-ranked candidates, those
    // where their own answer tells most; the others take the ranking for a typical player as it is.
    private static final String CLAIM = STATE + GAIN + """
            local k = {open = KEYS[1], state = KEYS[2]}
            if redis.call('EXISTS', KEYS[6]) == 0 then return -1 end
            local wanted, cap, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[5])
            if ARGV[10] ~= '' then
              local left = tonumber(ARGV[10]) - tonumber(redis.call('GET', KEYS[8]) or '0')
              if left < wanted then wanted = left end
              if wanted <= 0 then return {} end
            end
            local picked, offset = {}, 0
            local goldWanted = redis.call('SCARD', KEYS[3]) < tonumber(ARGV[9]) and tonumber(ARGV[7]) or tonumber(ARGV[8])
            if goldWanted > wanted then goldWanted = wanted end
            if goldWanted > 0 then
              local goldOffset = 0
              while #picked < goldWanted and goldOffset < limit do
                local candidates = redis.call('ZRANGE', KEYS[7], goldOffset, goldOffset + 99)
                if #candidates == 0 then break end
                for _, item in ipairs(candidates) do
                  if #picked >= goldWanted then break end
                  if redis.call('SISMEMBER', KEYS[3], item) == 0 then picked[#picked + 1] = item end
                end
                goldOffset = goldOffset + 100
              end
              for _, item in ipairs(picked) do
                local st = readState(k, item)
                if st then
                  st.count = st.count + 1
                  writeState(k, item, st)
                end
                redis.call('SADD', KEYS[3], item)
              end
            end
            local regularWanted = wanted - #picked
            local confusion = ARGV[6] == 'need' and regularWanted > 0 and numbers(redis.call('HGET', KEYS[9], ARGV[11])) or {}
            local poolSize = #confusion > 0 and math.max(%d, 3 * regularWanted) or regularWanted
            -- Eligible items with their state as read (the text: most are only looked at for their count).
            local eligible, states, considered = {}, {}, {}
            local function consider(from, size)
              local candidates = redis.call('ZRANGE', KEYS[1], from, from + size - 1)
              for _, item in ipairs(candidates) do
                if #eligible >= poolSize then break end
                if not considered[item] and redis.call('SISMEMBER', KEYS[3], item) == 0 then
                  local s = redis.call('HGET', KEYS[2], item)
                  if s and tonumber(string.match(s, '^[^;]*')) < cap then
                    eligible[#eligible + 1] = item
                    states[#eligible] = s
                  end
                end
                considered[item] = true
              end
              return #candidates
            end
            -- The first window is twice the pool (most players have seen few of the best-ranked items), then windows
            -- double up to 100: fewer members copied into the script on the usual path, few calls on the long one.
            local window = 2 * poolSize
            while #eligible < poolSize and offset < limit do
              if consider(offset, window) == 0 then break end
              offset = offset + window
              window = math.min(100, 2 * window)
            end
            -- Past the scan limit (a player who has seen all the best-ranked items): ten windows of 100 at offsets
            -- drawn from the round id, best-ranked first, so such a player still finds unseen items anywhere further
            -- down, at a bounded cost.
            local size = #eligible < poolSize and offset >= limit and redis.call('ZCARD', KEYS[1]) or 0
            if size > limit then
              local seed, starts = 1, {}
              -- (math.fmod rather than the modulo operator: this script is a Java format string)
              for i = 1, #ARGV[3] do seed = math.fmod(seed * 31 + string.byte(ARGV[3], i), 2147483647) end
              if seed == 0 then seed = 1 end
              for w = 1, 10 do
                seed = math.fmod(seed * 48271, 2147483647)
                starts[w] = limit + math.fmod(seed, size - limit)
              end
              table.sort(starts)
              for _, from in ipairs(starts) do
                if #eligible >= poolSize then break end
                consider(from, 100)
              end
            end
            local chosen = {}
            if #confusion > 0 and #eligible > regularWanted then
              local L = math.floor(math.sqrt(#confusion) + 0.5)
              local rows, scored = rowTerms(confusion, L), {}
              for order, item in ipairs(eligible) do
                local st = parseState(states[order])
                local p = numbers(st.belief)
                if #p ~= L then
                  p = {}
                  for t = 1, L do p[t] = 1 / L end
                end
                local pending = st.count - st.answered
                if pending < 0 then pending = 0 end
                local need = gain(p, confusion, L, rows)
                if ARGV[12] ~= '' then
                  local v = numbers(st.votes)
                  if #v ~= L then
                    v = {}
                    for t = 1, L do v[t] = 0 end
                  end
                  need = riskFall(p, v, confusion, L) + tonumber(ARGV[12]) * need
                end
                need = need / (pending + 1)
                if need ~= need then need = 0 end -- NaN would break the sort's order
                scored[order] = {need = need, order = order}
              end
              table.sort(scored, function(a, b)
                if a.need ~= b.need then return a.need > b.need end
                return a.order < b.order
              end)
              for i = 1, regularWanted do chosen[i] = scored[i].order end
            else
              for i = 1, math.min(regularWanted, #eligible) do chosen[i] = i end
            end
            for _, order in ipairs(chosen) do
              local item, st = eligible[order], parseState(states[order])
              st.count = st.count + 1
              writeState(k, item, st)
              redis.call('SADD', KEYS[3], item)
              if st.count >= cap then redis.call('ZREM', KEYS[1], item) else rescore(k, ARGV[6], item, st) end
              picked[#picked + 1] = item
            end
            if #picked > 0 then
              redis.call('INCRBY', KEYS[8], #picked)
              redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
              redis.call('HSET', KEYS[5], ARGV[3], table.concat(picked, ','))
            end
            return picked
            """.formatted(MATCHING_CANDIDATES);

    // KEYS: open, state, seen, leases, lease-items, retired, spent, gold.
    // ARGV: item, cap, round id, lease deadline, policy, answer budget ('' for none). Puts a second player on an
    // item already claimed for a partner (paired games), under the same rules as a claim; 0 when the item cannot
    // take this player.
    private static final String JOIN = STATE + """
            local k = {open = KEYS[1], state = KEYS[2]}
            local item, cap = ARGV[1], tonumber(ARGV[2])
            if redis.call('SISMEMBER', KEYS[3], item) == 1 or redis.call('SISMEMBER', KEYS[6], item) == 1 then return 0 end
            local st = readState(k, item)
            if not st then return 0 end
            local gold = redis.call('ZSCORE', KEYS[8], item)
            if not gold and st.count >= cap then return 0 end
            if ARGV[6] ~= '' and tonumber(redis.call('GET', KEYS[7]) or '0') >= tonumber(ARGV[6]) then return 0 end
            st.count = st.count + 1
            writeState(k, item, st)
            redis.call('SADD', KEYS[3], item)
            if gold then
              -- a gold item stays in the gold set and out of the pool, never capped
            elseif st.count >= cap then redis.call('ZREM', KEYS[1], item) else rescore(k, ARGV[5], item, st) end
            redis.call('INCR', KEYS[7])
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
            redis.call('HSET', KEYS[5], ARGV[3], item)
            return 1
            """;

    // KEYS: open, state, leases, lease-items, retired, gold, spent.
    // ARGV: round id, cap, policy, then 'a' and (answered item, its new need, its new belief, its votes) quads,
    // then 'r' and retired items. Ends the round's lease: answered items take their new need and belief, unanswered
    // ones go back to the pool and give their share of the budget back, retired ones leave it. An answer whose
    // lease was already gone (reaped, or Redis rebuilt) still counts. Returns the project's answers spent or in flight.
    private static final String COMPLETE = STATE + """
            local k = {open = KEYS[1], state = KEYS[2]}
            local cap, policy = tonumber(ARGV[2]), ARGV[3]
            local answered, retired, mode, i = {}, {}, nil, 4
            while i <= #ARGV do
              local arg = ARGV[i]
              if arg == 'a' or arg == 'r' then mode = arg; i = i + 1
              elseif mode == 'a' then answered[arg] = {need = ARGV[i + 1], belief = ARGV[i + 2], votes = ARGV[i + 3]}; i = i + 4
              else retired[arg] = true; i = i + 1 end
            end
            local leased = {}
            if redis.call('ZREM', KEYS[3], ARGV[1]) == 1 then
              local items = redis.call('HGET', KEYS[4], ARGV[1])
              redis.call('HDEL', KEYS[4], ARGV[1])
              for item in string.gmatch(items or '', '[^,]+') do leased[item] = true end
            end
            -- Items the index holds, by their state; the others only count against the budget.
            local states = {}
            local function state(item)
              if not states[item] then states[item] = readState(k, item) or false end
              return states[item]
            end
            for item, new in pairs(answered) do
              local st = state(item)
              if st then
                if new.need ~= '' then st.need = new.need end
                if new.belief ~= '' then st.belief = new.belief end
                if new.votes ~= '' then st.votes = new.votes end
                st.answered = st.answered + 1
              end
              if not leased[item] then
                if st then st.count = st.count + 1 end
                redis.call('INCR', KEYS[7])
              end
            end
            for item, _ in pairs(leased) do
              if not answered[item] then
                local st = state(item)
                if st then st.count = st.count - 1 end
                redis.call('DECR', KEYS[7])
              end
            end
            for item, _ in pairs(retired) do
              local st = state(item)
              if st then st.belief, st.votes = '', '' end
              redis.call('SADD', KEYS[5], item)
            end
            for item, st in pairs(states) do
              if st then
                writeState(k, item, st)
                if redis.call('ZSCORE', KEYS[6], item) then
                  -- a gold item stays in the gold set and out of the pool
                elseif retired[item] or st.count >= cap or redis.call('SISMEMBER', KEYS[5], item) == 1 then
                  redis.call('ZREM', KEYS[1], item)
                else
                  rescore(k, policy, item, st)
                end
              end
            end
            return tonumber(redis.call('GET', KEYS[7]) or '0')
            """;

    // KEYS: built, open, state. ARGV: policy, item, need, belief.
    // A new belief about an item that no answer brought (an AI helper's suggestion): the item takes its new need
    // and belief, and its new place in the pool if it is there (not gold, not full, not retired). Before the
    // index is built it does nothing: the build reads the suggestion from PostgreSQL.
    private static final String PRIORITISE = STATE + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local k = {open = KEYS[2], state = KEYS[3]}
            local st = readState(k, ARGV[2])
            if not st then return 0 end
            st.need, st.belief = ARGV[3], ARGV[4]
            writeState(k, ARGV[2], st)
            if redis.call('ZSCORE', KEYS[2], ARGV[2]) then rescore(k, ARGV[1], ARGV[2], st) end
            return 1
            """;

    // KEYS: leases. ARGV: now. Round ids whose lease has run out (grace included).
    private static final String DUE = "return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 500)";

    private final ReactiveRedisDataSource redis;
    private final ItemRepository items;
    private final AnswerRepository answers;
    private final ProjectRepository projects;
    private final Reliabilities reliabilities;
    private final AflowConfig config;

    public AllocationIndex(ReactiveRedisDataSource redis, ItemRepository items, AnswerRepository answers, ProjectRepository projects,
                           Reliabilities reliabilities, AflowConfig config) {
        this.config = config;
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
        return eval(CLAIM, List.of(key(p, "open"), key(p, "state"), key(p, "seen:" + playerId), key(p, "leases"),
                        key(p, "lease-items"), key(p, BUILT), key(p, "gold"), key(p, "spent"), key(p, "reliability")),
                List.of(Integer.toString(wanted), Integer.toString(project.maxAnswers()), roundId, Long.toString(deadline),
                        Integer.toString(config.rounds().scanLimit()), project.policy().name(), Integer.toString(gold.ifNewcomer()),
                        Integer.toString(gold.otherwise()), Integer.toString(gold.newcomerItems()), budget(project),
                        project.labels().size() <= MATCHING_MAX_LABELS ? Long.toString(playerId) : "",
                        project.reportsMajority() ? Double.toString(MajorityNeed.TIE_BREAK) : ""))
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
        return eval(JOIN, List.of(key(p, "open"), key(p, "state"), key(p, "seen:" + playerId), key(p, "leases"), key(p, "lease-items"),
                        key(p, "retired"), key(p, "spent"), key(p, "gold")),
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
     * and its answers per label (null unless the project reports the most-voted label), or nulls to keep what the
     * index has (an answer that arrived after its lease was reaped).
     */
    public record AnsweredItem(Double need, double[] belief, int[] votes) {
        static final AnsweredItem UNCHANGED = new AnsweredItem(null, null, null);
    }

    /** An answer whose item's need and posterior the index should keep as they are. */
    public static AnsweredItem unchanged() {
        return AnsweredItem.UNCHANGED;
    }

    /**
     * Ends a round's lease after its answers were committed, or after it expired unanswered (no answers):
     * answered items take their new need and posterior, unanswered items return, retired ones leave.
     *
     * @return the project's answers committed or in flight, as held against its budget
     */
    public Uni<Long> complete(Project project, String roundId, Map<Long, AnsweredItem> answered, List<Long> retired) {
        long p = project.id();
        List<String> args = new ArrayList<>();
        args.add(roundId);
        args.add(Integer.toString(project.maxAnswers()));
        args.add(project.policy().name());
        args.add("a");
        answered.forEach((id, state) -> {
            args.add(id.toString());
            args.add(state.need() == null ? "" : Double.toString(state.need()));
            args.add(joined(state.belief()));
            args.add(joined(state.votes()));
        });
        args.add("r");
        retired.forEach(id -> args.add(id.toString()));
        return eval(COMPLETE, List.of(key(p, "open"), key(p, "state"), key(p, "leases"), key(p, "lease-items"), key(p, "retired"),
                        key(p, "gold"), key(p, "spent")), args)
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
        String key = key(project.id(), "reliability");
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
     * label is wrong ({@link MajorityNeed}, which needs the item's {@code votes}); otherwise the expected entropy
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
        return project.reportsMajority()
                ? MajorityNeed.of(belief, 0, belief.length, Objects.requireNonNull(votes, "votes"), 0, typical, 0)
                : Need.of(belief, 0, belief.length, typical, 0);
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
     * and the belief by which claims match players to it follow.
     */
    public Uni<Void> prioritise(Project project, long itemId, double[] belief, int[] votes) {
        long p = project.id();
        return eval(PRIORITISE, List.of(key(p, BUILT), key(p, "open"), key(p, "state")),
                List.of(project.policy().name(), Long.toString(itemId), Double.toString(need(project, belief, votes)), joined(belief)))
                .replaceWithVoid();
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
            items.add(new ItemRepository.OpenItem(itemIds.get(i), 0, null, Map.of(), gold.get(i), null, null));
        }
        return store(project, items);
    }

    /** Writes open items with their states and scores; one round trip per key. */
    private Uni<Void> store(Project project, List<ItemRepository.OpenItem> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long p = project.id();
        List<String> states = new ArrayList<>(List.of(key(p, "state")));
        List<String> open = new ArrayList<>(List.of(key(p, "open")));
        List<String> gold = new ArrayList<>(List.of(key(p, "gold")));
        for (ItemRepository.OpenItem item : batch) {
            double[] belief = belief(project.labels(), item.posterior(), item.aiAnswer(), item.aiConfidence());
            int[] itemVotes = votes(project, item.votes());
            double need = need(project, belief, itemVotes);
            String id = Long.toString(item.id());
            String count = Integer.toString(item.answerCount());
            // Claims take an item without a stored belief as uniform and one without votes as unanswered: no need to
            // store those for every new item.
            String storedBelief = item.posterior() != null || item.aiAnswer() != null ? joined(belief) : "";
            String storedVotes = itemVotes != null && item.answerCount() > 0 ? joined(itemVotes) : "";
            states.addAll(List.of(id, String.join(";", count, count, Double.toString(need), Double.toString(rank(item.id())),
                    storedBelief, storedVotes)));
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
        Uni<Response> writes = redis.execute("HSET", states.toArray(String[]::new));
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
     * One node rebuilds while the others wait for it to be built.
     */
    public Uni<Void> rebuild(Project project) {
        long p = project.id();
        String lock = key(p, "rebuilding");
        return redis.execute("SET", lock, "1", "NX", "PX", "60000").chain(acquired -> {
            if (acquired == null) {
                return waitUntilReady(p, 600);
            }
            LOG.infof("Rebuilding the allocation index of project %d from PostgreSQL", p);
            List<String> keys = new ArrayList<>(List.of(key(p, "open"), key(p, "state"), key(p, BUILT), key(p, "retired"),
                    key(p, "leases"), key(p, "lease-items"), key(p, "gold"), key(p, "spent"), key(p, "reliability")));
            OLD_LAYOUT_KEYS.forEach(name -> keys.add(key(p, name)));
            return redis.execute("DEL", keys.toArray(String[]::new))
                    .chain(() -> items.open(p, project.reportsMajority())
                            .group().intoLists().of(500)
                            .onItem().transformToUniAndConcatenate(batch -> store(project, batch))
                            .collect().last())
                    .chain(() -> projects.counts(p).chain(counts -> redis.execute("SET", key(p, "spent"), Long.toString(counts.answers()))))
                    .chain(() -> reliabilities.of(p).collect().asList().chain(all -> setReliabilities(project, all)))
                    .chain(() -> answers.playerItems(p)
                            .onItem().transformToUniAndConcatenate(answered -> redis.execute("SADD",
                                    key(p, "seen:" + answered.playerId()), Long.toString(answered.itemId())))
                            .collect().last())
                    .chain(() -> redis.execute("SET", key(p, BUILT), "1"))
                    .eventually(() -> redis.execute("DEL", lock))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> waitUntilReady(long projectId, int attempts) {
        return redis.execute("EXISTS", key(projectId, BUILT)).chain(exists -> {
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
    private Uni<Response> eval(String script, List<String> keys, List<String> args) {
        String sha = SHAS.computeIfAbsent(script, AllocationIndex::sha1);
        return redis.execute("EVALSHA", command(sha, keys, args))
                .onFailure(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", command(script, keys, args)));
    }

    private static String[] command(String scriptOrSha, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(scriptOrSha);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return command.toArray(String[]::new);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
