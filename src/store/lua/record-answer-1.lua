--[[
  Records one answer atomically: the community's zone setting as the caller expected, first answer
  per (delivery, user) only, hint penalty, once-per-window scoring, stats, streak, user and team
  boards, display name, results list, the member's answers per day (the stats heat map) and the
  answer's review, queued for the member's FSRS cards (AnswerInput.review; src/store/redis-cards.ts
  folds the queue into the cards before they are next read). The rules restate src/core/answer-rules.ts (zoneChanged,
  nextStreak, hintedPoints, scoreWindow, boardUpdates); test/contract/rule-cases.ts holds the cases
  that keep this script and them in step.

  Lean on purpose (it runs on every click; a write costs Redis several times a read, and is also
  replicated and appended to the AOF): nothing is written that would not change (the streak on a
  second answer the same day, the display name, an expiry already set, a zero).

  One key, the community's key base ("prefix{platform:id}:", CommunityKeys.base): the script names
  the twenty keys it touches from it and the ids below, as bullmq's scripts name a job's keys from a
  prefix. Every argument costs the client and Redis alike, and twenty key names were half of a
  click's bytes. The names restate src/store/keys.ts (test/contract/redis-click-keys.test.ts holds
  them to it), and all carry the base's hash tag, so on Redis Cluster the script stays on the one
  slot the base routes it to.

  ARGV[1] delivery id      ARGV[8] correct 0/1      ARGV[15] delivery ttl ms
  ARGV[2] user id          ARGV[9] base points      ARGV[16] submission ('' for none)
  ARGV[3] question id      ARGV[10] local day       ARGV[17] the zone setting the caller expects
  ARGV[4] week key         ARGV[11] score window ms          ('' unset), or '*' for no check
  ARGV[5] month key        ARGV[12] now ms          ARGV[18] activity: days kept ('' counts nothing)
  ARGV[6] display name     ARGV[13] week boards expire at (ms)   ARGV[19] activity: ttl ms of the hash
  ARGV[7] topic            ARGV[14] month boards expire at (ms)
  ARGV[20] review: the answer's AnswerReview as JSON ('' for none)
  (The outcomes hash keeps "submission\noutcome" in one field per user; a delivery answered before
  that keeps "submission" in user and the outcome in user#, read as well until it expires.)

  Returns {3, zone} when the zone setting is not the expected one (nothing recorded), {0} for a
  duplicate, {2, "points|hint|scored|current|best|lastDay"} for a repeat of the recorded submission
  (ioredis re-sends a script whose reply a dropped connection lost), else
  {1, points, hintUsed, scored, current, best, lastDay} followed, when a review was given, by how many
  reviews are now queued for the member.
]]
local base = KEYS[1]
local user = ARGV[2]
local delivery = base .. 'd:' .. ARGV[1] .. ':'
local member = base .. 'u:' .. user .. ':'
local week, month = ARGV[4], ARGV[5]
local submission = ARGV[16]
if ARGV[17] ~= '*' then
  local zone = redis.call('HGET', base .. 'settings', 'timeZone') or ''
  if zone ~= ARGV[17] then return {3, zone} end
end
local outcomes = delivery .. 'outcomes'
local answered = delivery .. 'answered'
if redis.call('SADD', answered, user) == 0 then
  local previous = submission ~= '' and redis.call('HGET', outcomes, user)
  if previous then
    local n = #submission
    if previous:sub(1, n + 1) == submission .. '\n' then return {2, previous:sub(n + 2)} end
    if previous == submission then return {2, redis.call('HGET', outcomes, user .. '#')} end
  end
  return {0}
end
local ttl = ARGV[15]
local correct = ARGV[8]
-- The answered set and the results list are made by a delivery's first answer: expire them then
-- (every later answer would set the same instant, the delivery's end).
local results = delivery .. 'results'
local first = redis.call('RPUSH', results, user .. '|' .. correct .. '|' .. ARGV[12]) == 1
if first then
  redis.call('PEXPIRE', answered, ttl)
  redis.call('PEXPIRE', results, ttl)
end

local points = tonumber(ARGV[9])
local hint = redis.call('SISMEMBER', delivery .. 'hints', user)
if hint == 1 then points = math.floor(points / 2) end

local scored = 1
if not redis.call('SET', member .. 'scored:' .. ARGV[3], '1', 'NX', 'PX', ARGV[11]) then
  scored = 0
  points = 0
end

local topic = ARGV[7]
local stats = member .. 'stats'
redis.call('HINCRBY', stats, 'answered', 1)
redis.call('HINCRBY', stats, 'a:' .. topic, 1)
if correct == '1' then
  redis.call('HINCRBY', stats, 'correct', 1)
  redis.call('HINCRBY', stats, 'c:' .. topic, 1)
end
if points ~= 0 then redis.call('HINCRBY', stats, 'points', points) end

-- Streak: consecutive local days with at least one answer.
local day = tonumber(ARGV[10])
local streak = member .. 'streak'
local s = redis.call('HMGET', streak, 'last', 'current', 'best')
local last = tonumber(s[1]) or -1
local current = tonumber(s[2]) or 0
local best = tonumber(s[3]) or 0
if day > last then
  if day == last + 1 then current = current + 1 else current = 1 end
  last = day
  if current > best then best = current end
  redis.call('HSET', streak, 'last', last, 'current', current, 'best', best)
end

-- Boards: anyone who answered appears, with 0 points if need be. A period's board gets its expiry
-- when it is made (only here): a member who already had points on it means it was made before.
local function add(board, member, expireAt)
  local score = tonumber(redis.call('ZINCRBY', board, points, member))
  if expireAt and score == points and redis.call('PTTL', board) < 0 then redis.call('PEXPIREAT', board, expireAt) end
end
add(base .. 'lb:users:all', user)
add(base .. 'lb:users:' .. week, user, ARGV[13])
add(base .. 'lb:users:' .. month, user, ARGV[14])
local team = redis.call('HGET', base .. 'team-of', user)
if team then
  add(base .. 'lb:teams:all', team)
  add(base .. 'lb:teams:' .. week, team, ARGV[13])
  add(base .. 'lb:teams:' .. month, team, ARGV[14])
end

-- Answers per day (core/activity-store.ts): counted here, once, so a click stays one round trip.
-- A day's first answer renews the hash's expiry and drops days past the kept window (only once the
-- hash has grown beyond it, one field a day); later answers that day only count.
local activity = member .. 'activity'
if ARGV[18] ~= '' and redis.call('HINCRBY', activity, ARGV[10], 1) == 1 then
  redis.call('PEXPIRE', activity, ARGV[19])
  local keep = tonumber(ARGV[18])
  if redis.call('HLEN', activity) > keep + 1 then
    local oldest = day - keep
    for _, f in ipairs(redis.call('HKEYS', activity)) do
      if tonumber(f) < oldest then redis.call('HDEL', activity, f) end
    end
  end
end

local names = base .. 'names'
if redis.call('HGET', names, user) ~= ARGV[6] then redis.call('HSET', names, user, ARGV[6]) end
if submission ~= '' then
  -- A delivery's first answer without a submission leaves no outcomes hash to have expired then.
  if redis.call('HSET', outcomes, user, submission .. '\n' .. points .. '|' .. hint .. '|' .. scored .. '|' .. current .. '|' .. best .. '|' .. last) == 1 and (first or redis.call('PTTL', outcomes) < 0) then
    redis.call('PEXPIRE', outcomes, ttl)
  end
end
-- The review is queued, not worked out here: the card's next state needs ts-fsrs, and a click
-- that planned it, sent two card JSONs and wrote the card, its due entry and the tally cost a
-- third more. The entry is the hint mark then the review's JSON (redis-cards.ts reads it back).
if ARGV[20] == '' then return {1, points, hint, scored, current, best, last} end
return {1, points, hint, scored, current, best, last, redis.call('RPUSH', member .. 'cards:pending', hint .. ARGV[20])}
