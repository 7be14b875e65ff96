--[[
  Records one answer atomically: first answer per (delivery, user) only, hint penalty,
  once-per-window scoring, stats, streak, user and team boards, display name, results list.
  The rules restate src/core/answer-rules.ts (nextStreak, hintedPoints, scoreWindow, boardUpdates);
  test/contract/rule-cases.ts holds the cases that keep this script and them in step.

  KEYS[1]  delivery answered set      KEYS[8]  users board, month
  KEYS[2]  delivery hints set         KEYS[9]  teams board, all time
  KEYS[3]  delivery results list      KEYS[10] teams board, week
  KEYS[4]  scored marker (user, q)    KEYS[11] teams board, month
  KEYS[5]  user stats hash            KEYS[12] team-of hash (user -> team key)
  KEYS[6]  user streak hash           KEYS[13] names hash (user -> display name)
  KEYS[7]  users board, week          KEYS[14] users board, all time
                                      KEYS[15] outcomes hash (user -> submission, user# -> outcome)

  ARGV[1] user id        ARGV[5] base points      ARGV[9]  week boards expire at (ms)
  ARGV[2] display name   ARGV[6] local day        ARGV[10] month boards expire at (ms)
  ARGV[3] topic          ARGV[7] score window ms  ARGV[11] delivery ttl ms
  ARGV[4] correct 0/1    ARGV[8] now ms           ARGV[12] submission ('' for none)

  Returns {0} for a duplicate, {2, "points|hint|scored|current|best|lastDay"} for a repeat of the
  recorded submission (ioredis re-sends a script whose reply a dropped connection lost), else
  {1, points, hintUsed, scored, current, best, lastDay}.
]]
local user = ARGV[1]
if redis.call('SADD', KEYS[1], user) == 0 then
  local previous = redis.call('HGET', KEYS[15], user)
  if ARGV[12] ~= '' and previous == ARGV[12] then
    return {2, redis.call('HGET', KEYS[15], user .. '#')}
  end
  return {0}
end
local ttl = tonumber(ARGV[11])
redis.call('PEXPIRE', KEYS[1], ttl)

local points = tonumber(ARGV[5])
local hint = redis.call('SISMEMBER', KEYS[2], user)
if hint == 1 then points = math.floor(points / 2) end

local scored = 1
if not redis.call('SET', KEYS[4], '1', 'NX', 'PX', ARGV[7]) then
  scored = 0
  points = 0
end

local correct = tonumber(ARGV[4])
local topic = ARGV[3]
redis.call('HINCRBY', KEYS[5], 'answered', 1)
redis.call('HINCRBY', KEYS[5], 'a:' .. topic, 1)
if correct == 1 then
  redis.call('HINCRBY', KEYS[5], 'correct', 1)
  redis.call('HINCRBY', KEYS[5], 'c:' .. topic, 1)
end
redis.call('HINCRBY', KEYS[5], 'points', points)

-- Streak: consecutive local days with at least one answer.
local day = tonumber(ARGV[6])
local s = redis.call('HMGET', KEYS[6], 'last', 'current', 'best')
local last = tonumber(s[1]) or -1
local current = tonumber(s[2]) or 0
local best = tonumber(s[3]) or 0
if day == last + 1 then
  current = current + 1
elseif day > last + 1 then
  current = 1
end
if day > last then last = day end
if current > best then best = current end
redis.call('HSET', KEYS[6], 'last', last, 'current', current, 'best', best)

-- Boards: anyone who answered appears, with 0 points if need be.
redis.call('ZINCRBY', KEYS[14], points, user)
redis.call('ZINCRBY', KEYS[7], points, user)
redis.call('PEXPIREAT', KEYS[7], ARGV[9])
redis.call('ZINCRBY', KEYS[8], points, user)
redis.call('PEXPIREAT', KEYS[8], ARGV[10])
local team = redis.call('HGET', KEYS[12], user)
if team then
  redis.call('ZINCRBY', KEYS[9], points, team)
  redis.call('ZINCRBY', KEYS[10], points, team)
  redis.call('PEXPIREAT', KEYS[10], ARGV[9])
  redis.call('ZINCRBY', KEYS[11], points, team)
  redis.call('PEXPIREAT', KEYS[11], ARGV[10])
end

redis.call('HSET', KEYS[13], user, ARGV[2])
redis.call('RPUSH', KEYS[3], user .. '|' .. correct .. '|' .. ARGV[8])
redis.call('PEXPIRE', KEYS[3], ttl)
if ARGV[12] ~= '' then
  redis.call('HSET', KEYS[15], user, ARGV[12], user .. '#', table.concat({points, hint, scored, current, best, last}, '|'))
  redis.call('PEXPIRE', KEYS[15], ttl)
end
return {1, points, hint, scored, current, best, last}
