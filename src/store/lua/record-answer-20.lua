--[[
  Records one answer atomically: the community's zone setting as the caller expected, first answer
  per (delivery, user) only, hint penalty, once-per-window scoring, stats, streak, user and team
  boards, display name, results list, the member's answers per day (the stats heat map) and the
  member's FSRS card for the question (AnswerInput.review). The rules restate src/core/answer-rules.ts (zoneChanged,
  nextStreak, hintedPoints, scoreWindow, boardUpdates); test/contract/rule-cases.ts holds the cases
  that keep this script and them in step.

  Lean on purpose (it runs on every click; a write costs Redis several times a read, and is also
  replicated and appended to the AOF): nothing is written that would not change (the streak on a
  second answer the same day, the display name, an expiry already set, a zero).

  KEYS[1]  delivery answered set      KEYS[9]  teams board, all time
  KEYS[2]  delivery hints set         KEYS[10] teams board, week
  KEYS[3]  delivery results list      KEYS[11] teams board, month
  KEYS[4]  scored marker (user, q)    KEYS[12] team-of hash (user -> team key)
  KEYS[5]  user stats hash            KEYS[13] names hash (user -> display name)
  KEYS[6]  user streak hash           KEYS[14] users board, all time
  KEYS[7]  users board, week          KEYS[15] outcomes hash (user -> submission and outcome)
  KEYS[8]  users board, month         KEYS[16] community settings hash (timeZone)
                                      KEYS[17] the member's activity hash (local day -> answers)
  KEYS[18] the member's cards hash    KEYS[19] the member's due zset    KEYS[20] their tally hash
  (The outcomes hash keeps "submission\noutcome" in one field per user; a delivery answered before
  that keeps "submission" in user and the outcome in user#, read as well until it expires.)

  ARGV[1] user id        ARGV[5] base points      ARGV[9]  week boards expire at (ms)
  ARGV[2] display name   ARGV[6] local day        ARGV[10] month boards expire at (ms)
  ARGV[3] topic          ARGV[7] score window ms  ARGV[11] delivery ttl ms
  ARGV[4] correct 0/1    ARGV[8] now ms           ARGV[12] submission ('' for none)
  ARGV[13] the zone setting the caller expects ('' unset), or '*' for no check
  ARGV[14] activity: days kept ('' counts nothing)   ARGV[15] activity: ttl ms of the member's hash
  ARGV[16] review: the question id ('' saves no card)  ARGV[17] the stored card's expected reps
  ARGV[18..20] the card answered without the hint: JSON, due ms, tally ('' none, '1' recalled, '0' not)
  ARGV[21..23] the same with the hint; ARGV[21] '' when it is the same card

  Returns {3, zone} when the zone setting is not the expected one (nothing recorded), {0} for a
  duplicate, {2, "points|hint|scored|current|best|lastDay"} for a repeat of the recorded submission
  (ioredis re-sends a script whose reply a dropped connection lost), else
  {1, points, hintUsed, scored, current, best, lastDay} followed, when a review was given, by 1 when
  the card was saved, or by 0 and the stored card's JSON ('' for none) when its reps were not the
  expected ones (nothing of the card changed; the answer is recorded all the same).
]]
if ARGV[13] ~= '*' then
  local zone = redis.call('HGET', KEYS[16], 'timeZone') or ''
  if zone ~= ARGV[13] then return {3, zone} end
end
local user = ARGV[1]
if redis.call('SADD', KEYS[1], user) == 0 then
  local previous = ARGV[12] ~= '' and redis.call('HGET', KEYS[15], user)
  if previous then
    local n = #ARGV[12]
    if previous:sub(1, n + 1) == ARGV[12] .. '\n' then return {2, previous:sub(n + 2)} end
    if previous == ARGV[12] then return {2, redis.call('HGET', KEYS[15], user .. '#')} end
  end
  return {0}
end
local ttl = ARGV[11]
local correct = ARGV[4]
-- The answered set and the results list are made by a delivery's first answer: expire them then
-- (every later answer would set the same instant, the delivery's end).
local first = redis.call('RPUSH', KEYS[3], user .. '|' .. correct .. '|' .. ARGV[8]) == 1
if first then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[3], ttl)
end

local points = tonumber(ARGV[5])
local hint = redis.call('SISMEMBER', KEYS[2], user)
if hint == 1 then points = math.floor(points / 2) end

local scored = 1
if not redis.call('SET', KEYS[4], '1', 'NX', 'PX', ARGV[7]) then
  scored = 0
  points = 0
end

local topic = ARGV[3]
redis.call('HINCRBY', KEYS[5], 'answered', 1)
redis.call('HINCRBY', KEYS[5], 'a:' .. topic, 1)
if correct == '1' then
  redis.call('HINCRBY', KEYS[5], 'correct', 1)
  redis.call('HINCRBY', KEYS[5], 'c:' .. topic, 1)
end
if points ~= 0 then redis.call('HINCRBY', KEYS[5], 'points', points) end

-- Streak: consecutive local days with at least one answer.
local day = tonumber(ARGV[6])
local s = redis.call('HMGET', KEYS[6], 'last', 'current', 'best')
local last = tonumber(s[1]) or -1
local current = tonumber(s[2]) or 0
local best = tonumber(s[3]) or 0
if day > last then
  if day == last + 1 then current = current + 1 else current = 1 end
  last = day
  if current > best then best = current end
  redis.call('HSET', KEYS[6], 'last', last, 'current', current, 'best', best)
end

-- Boards: anyone who answered appears, with 0 points if need be. A period's board gets its expiry
-- when it is made (only here): a member who already had points on it means it was made before.
local function add(board, member, expireAt)
  local score = tonumber(redis.call('ZINCRBY', board, points, member))
  if expireAt and score == points and redis.call('PTTL', board) < 0 then redis.call('PEXPIREAT', board, expireAt) end
end
add(KEYS[14], user)
add(KEYS[7], user, ARGV[9])
add(KEYS[8], user, ARGV[10])
local team = redis.call('HGET', KEYS[12], user)
if team then
  add(KEYS[9], team)
  add(KEYS[10], team, ARGV[9])
  add(KEYS[11], team, ARGV[10])
end

-- Answers per day (core/activity-store.ts): counted here, once, so a click stays one round trip.
-- A day's first answer renews the hash's expiry and drops days past the kept window (only once the
-- hash has grown beyond it, one field a day); later answers that day only count.
if ARGV[14] ~= '' and redis.call('HINCRBY', KEYS[17], ARGV[6], 1) == 1 then
  redis.call('PEXPIRE', KEYS[17], ARGV[15])
  local keep = tonumber(ARGV[14])
  if redis.call('HLEN', KEYS[17]) > keep + 1 then
    local oldest = day - keep
    for _, f in ipairs(redis.call('HKEYS', KEYS[17])) do
      if tonumber(f) < oldest then redis.call('HDEL', KEYS[17], f) end
    end
  end
end

if redis.call('HGET', KEYS[13], user) ~= ARGV[2] then redis.call('HSET', KEYS[13], user, ARGV[2]) end
if ARGV[12] ~= '' then
  -- A delivery's first answer without a submission leaves no outcomes hash to have expired then.
  if redis.call('HSET', KEYS[15], user, ARGV[12] .. '\n' .. points .. '|' .. hint .. '|' .. scored .. '|' .. current .. '|' .. best .. '|' .. last) == 1 and (first or redis.call('PTTL', KEYS[15]) < 0) then
    redis.call('PEXPIRE', KEYS[15], ttl)
  end
end
-- The card (lua/save-card-3.lua's compare-and-set on reps), here so a click stays one round trip.
if ARGV[16] == '' then return {1, points, hint, scored, current, best, last} end
local stored = redis.call('HGET', KEYS[18], ARGV[16])
local reps = 0
-- The stored JSON's reps by pattern, not a decode: JSON.stringify escapes every quote inside a string
-- value, so '"reps":' can only be the key.
if stored then reps = tonumber(stored:match('"reps":(%d+)')) or 0 end
if reps ~= tonumber(ARGV[17]) then return {1, points, hint, scored, current, best, last, 0, stored or ''} end
local o = 18
if hint == 1 and ARGV[21] ~= '' then o = 21 end
redis.call('HSET', KEYS[18], ARGV[16], ARGV[o])
redis.call('ZADD', KEYS[19], ARGV[o + 1], ARGV[16])
local tally = ARGV[o + 2]
if tally ~= '' then
  redis.call('HINCRBY', KEYS[20], 'reviews', 1)
  if tally == '1' then redis.call('HINCRBY', KEYS[20], 'recalled', 1) end
end
return {1, points, hint, scored, current, best, last, 1}
