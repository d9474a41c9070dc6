-- Helpers of the claim: the need of an item for a player with confusion matrix C (flat, row = true label), the
-- mutual information between the item's true label and the player's answer, as the engine's Need computes it,
-- over the item's belief p; and for projects that report the most-voted label, the fall of that label's risk
-- given the votes v, as the engine's MajorityNeed computes it. NeedScriptTest holds both to the engine's values.

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
-- room: answers the item can still take beyond those given (its cap less the sum of its votes, as AllocationIndex
-- counts it); two answers ahead count only if it is at least 2.
local function riskFall(p, v, C, L, room)
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
  local withPairs = room >= 2
  local oneRight, twoRight = 0, 0
  for g = 1, L do
    oneRight = oneRight + rightAfter(g, nil)
    if withPairs then
      for h = g, L do twoRight = twoRight + (h == g and 1 or 2) * rightAfter(g, h) end
    end
  end
  local fallFromOne = now - (oneWeight - oneRight)
  if not withPairs then return math.max(0, fallFromOne) end
  return math.max(0, fallFromOne, (now - (twoWeight - twoRight)) / 2)
end
