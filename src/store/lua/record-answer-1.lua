--[[
  Records one answer atomically: the community's zone setting as the caller expected, first answer
  per (delivery, user) only, hint penalty, once-per-window scoring, streak, user and team boards,
  display name, results list, and the answer queued for the member's slower bookkeeping (stats
  totals, the stats heat map and the FSRS review: src/store/redis-pending.ts folds the queue into
  them before any of them is read, a batch at a time). The rules restate src/core/answer-rules.ts
  (zoneChanged, nextStreak, hintedPoints, scoreWindow, boardUpdates); test/contract/rule-cases.ts
  holds the cases that keep this script and them in step.

  Lean on purpose (it runs on every click; each redis.call costs Redis about as much as a small
  command, and a write is also replicated and appended to the AOF): nothing is written that would
  not change (the streak on a second answer the same day, the display name, an expiry already set,
  a zero on a board the member is already on), and what no reply needs is queued, one RPUSH, for a
  fold that adds up a batch of answers in a few increments.

  One key, the community's key base ("prefix{platform:id}:", CommunityKeys.base): the script names
  the keys it touches from it and the ids below, as bullmq's scripts name a job's keys from a
  prefix. Every argument costs the client and Redis alike, and key names were half of a click's
  bytes. The names restate src/store/keys.ts (test/contract/redis-click-keys.test.ts holds them to
  it), and all carry the base's hash tag, so on Redis Cluster the script stays on the one slot the
  base routes it to.

  ARGV[1] delivery id      ARGV[7] correct 0/1      ARGV[13] month boards expire at (ms)
  ARGV[2] user id          ARGV[8] base points      ARGV[14] delivery ttl ms
  ARGV[3] question id      ARGV[9] local day        ARGV[15] submission ('' for none)
  ARGV[4] week key         ARGV[10] score window ms ARGV[16] the zone setting the caller expects
  ARGV[5] month key        ARGV[11] now ms                   ('' unset), or '*' for no check
  ARGV[6] display name     ARGV[12] week boards expire at (ms)
  ARGV[17] the queued answer's JSON (redis-pending.ts: topic, right or wrong, day, heat map, review)
  (A member's results row keeps the submission and the outcome. Deliveries answered before that keep
  them in an outcomes hash: "submission\noutcome" in one field per user, or, earlier still,
  "submission" in user and the outcome in user#; it is read for a repeat until it expires.)

  The member's streak hash also keeps copies of what community-wide hashes hold for them, so a click
  reads them in the streak's HMGET instead of an HGET each on hashes as large as the community (a
  scan while such a hash is still a listpack): "name", the display name last written to the names
  hash (here or by lua/join-team-5.lua), and "team", their team in the team-of hash ('' for none;
  lua/join-team-5.lua and lua/leave-team-4.lua keep it in step).

  Returns {3, zone} when the zone setting is not the expected one (nothing recorded), {0} for a
  duplicate, {2, "points|hint|scored|current|best|lastDay"} for a repeat of the recorded submission
  (ioredis re-sends a script whose reply a dropped connection lost; found among the delivery's last
  REPEAT_ROWS answers, else a duplicate), else
  {1, points, hintUsed, scored, current, best, lastDay, answers now queued for the member}.
]]
local base = KEYS[1]
local user = ARGV[2]
local delivery = base .. 'd:' .. ARGV[1] .. ':'
local member = base .. 'u:' .. user .. ':'
-- How far back in a delivery's results a repeated submission is looked for (see below).
local REPEAT_ROWS = 500
local week, month = ARGV[4], ARGV[5]
local submission = ARGV[15]
if ARGV[16] ~= '*' then
  local zone = redis.call('HGET', base .. 'settings', 'timeZone') or ''
  if zone ~= ARGV[16] then return {3, zone} end
end
local answered = delivery .. 'answered'
local results = delivery .. 'results'
if redis.call('SADD', answered, user) == 0 then
  if submission == '' then return {0} end
  -- A repeat: the member's row in the results list holds what they submitted and got. A re-sent
  -- click finds it among the last rows; a row further back is an old answer, and a duplicate.
  local lead = user .. '|'
  local rows = redis.call('LRANGE', results, -REPEAT_ROWS, -1)
  for i = #rows, 1, -1 do
    local row = rows[i]
    if row:sub(1, #lead) == lead then
      local kept = row:match('^[^|]*|[^|]*|[^|]*|(.*)$')
      if kept and kept:sub(1, #submission + 1) == submission .. '\n' then return {2, kept:sub(#submission + 2)} end
      if kept then return {0} end
      break
    end
  end
  -- Answered before outcomes moved into the results rows: the outcomes hash, until it expires.
  local outcomes = delivery .. 'outcomes'
  local previous = redis.call('HGET', outcomes, user)
  if previous then
    local n = #submission
    if previous:sub(1, n + 1) == submission .. '\n' then return {2, previous:sub(n + 2)} end
    if previous == submission then return {2, redis.call('HGET', outcomes, user .. '#')} end
  end
  return {0}
end
local ttl = ARGV[14]
local correct = ARGV[7]

-- Numbers stay the text they came as unless they change: Lua turns a number into text with sprintf,
-- which costs about what a small command does, and the commands, the row and the reply take text.
local points = ARGV[8]
local hint = '0'
if redis.call('SISMEMBER', delivery .. 'hints', user) == 1 then
  hint = '1'
  points = tostring(math.floor(tonumber(points) / 2))
end

local scored = '1'
if not redis.call('SET', member .. 'scored:' .. ARGV[3], '1', 'NX', 'PX', ARGV[10]) then
  scored = '0'
  points = '0'
end

-- Streak: consecutive local days with at least one answer.
local day = tonumber(ARGV[9])
local streak = member .. 'streak'
local s = redis.call('HMGET', streak, 'last', 'current', 'best', 'name', 'team')
local last, current, best = s[1] or '-1', s[2] or '0', s[3] or '0'
local changed = {}
local lastDay = tonumber(last)
local newDay = day > lastDay
if newDay then
  local n = 1
  if day == lastDay + 1 then n = tonumber(current) + 1 end
  last, current = ARGV[9], tostring(n)
  if n > tonumber(best) then best = current end
  changed = {'last', last, 'current', current, 'best', best}
end
-- The display name, as the names hash has it (see the header).
if s[4] ~= ARGV[6] then
  redis.call('HSET', base .. 'names', user, ARGV[6])
  changed[#changed + 1] = 'name'
  changed[#changed + 1] = ARGV[6]
end
-- The member's team ('' for none), as the team-of hash has it (see the header). The copy is made on
-- a member's first answer and checked again on their first of each day, so one left behind (by a
-- join or leave made through a process running the scripts before copies were kept, during a
-- rolling deploy) is put right the next day.
local team = s[5]
if not team or newDay then
  team = redis.call('HGET', base .. 'team-of', user) or ''
  if team ~= s[5] then
    changed[#changed + 1] = 'team'
    changed[#changed + 1] = team
  end
end
if #changed > 0 then redis.call('HSET', streak, unpack(changed)) end

-- Boards: anyone who answered appears, with 0 points if need be. No points: ZADD NX, which writes
-- nothing for a member already on the board. A period's board gets its expiry when it is made (only
-- here): a member who already had points on it, or was already on it, means it was made before.
local function add(board, member, expireAt)
  local new
  if points == '0' then new = redis.call('ZADD', board, 'NX', '0', member) == 1
  else new = redis.call('ZINCRBY', board, points, member) == points end -- a new score reads as the points did
  if expireAt and new and redis.call('PTTL', board) < 0 then redis.call('PEXPIREAT', board, expireAt) end
end
add(base .. 'lb:users:all', user)
add(base .. 'lb:users:' .. week, user, ARGV[12])
add(base .. 'lb:users:' .. month, user, ARGV[13])
if team ~= '' then
  add(base .. 'lb:teams:all', team)
  add(base .. 'lb:teams:' .. week, team, ARGV[12])
  add(base .. 'lb:teams:' .. month, team, ARGV[13])
end

-- The member's results row, "user|correct|at", then, when there is a submission, "|submission",
-- a newline and the outcome (for a repeat, above; a reader of the three first fields, as older
-- processes are, reads the row as before). The answered set and the results list are made by a
-- delivery's first answer: expire them then (every later answer would set the same instant).
local row = user .. '|' .. correct .. '|' .. ARGV[11]
if submission ~= '' then row = row .. '|' .. submission .. '\n' .. points .. '|' .. hint .. '|' .. scored .. '|' .. current .. '|' .. best .. '|' .. last end
if redis.call('RPUSH', results, row) == 1 then
  redis.call('PEXPIRE', answered, ttl)
  redis.call('PEXPIRE', results, ttl)
end
-- Queued: the stats totals, the heat map and the FSRS review (the card's next state needs ts-fsrs).
-- The entry is the hint mark, the points, then what the caller sent (redis-pending.ts reads it back).
return {1, points, hint, scored, current, best, last, redis.call('RPUSH', member .. 'pending', hint .. '|' .. points .. '|' .. ARGV[17])}
