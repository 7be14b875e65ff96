--[[
  An experiment, not used by the bot (bench/layout.ts runs it): the click's script on a leaner key
  layout, to see what fewer keys and calls would buy. A member's stats, streak and name live in one
  hash (read with one HMGET, written with one HSET); a delivery's answers, hints and outcomes in
  one hash; the review is queued as the bot queues it. 12 calls on a typical click instead of about 20.
  It does less than record-answer-1.lua (no repeat detection, no heat-map trim): an upper bound.

  KEYS[1]: the community's key base; the script names its keys from it, as record-answer-1.lua does.
  ARGV[1..23]: user, name, topic, correct, base points, day, window, now, week and month expiries,
  delivery ttl, submission, zone, activity days and ttl, the review's question id ('' none) and the
  review's JSON (record-answer-1.lua's ARGV[20]), then padding to ARGV[23];
  ARGV[24..27]: delivery id, week key, month key, question id.
]]
local b = KEYS[1]
local m = b .. 'u:' .. ARGV[1] .. ':'
local K = {
  b .. 'settings', b .. 'd:' .. ARGV[24] .. ':answers', m .. 'scored:' .. ARGV[27], m .. 'member',
  b .. 'lb:users:all', b .. 'lb:users:' .. ARGV[25], b .. 'lb:users:' .. ARGV[26], b .. 'team-of',
  b .. 'lb:teams:all', b .. 'lb:teams:' .. ARGV[25], b .. 'lb:teams:' .. ARGV[26], b .. 'names', m .. 'activity', m .. 'cards:pending',
}
if ARGV[13] ~= '*' then
  local zone = redis.call('HGET', K[1], 'timeZone') or ''
  if zone ~= ARGV[13] then return {3, zone} end
end
local user = ARGV[1]
local d = redis.call('HMGET', K[2], user, '?' .. user, '_')
if d[1] then return {0} end
local hint = d[2] and 1 or 0
local points = tonumber(ARGV[5])
if hint == 1 then points = math.floor(points / 2) end
local scored = 1
if not redis.call('SET', K[3], '1', 'NX', 'PX', ARGV[7]) then scored = 0 points = 0 end
local topic = ARGV[3]
local m = redis.call('HMGET', K[4], 'answered', 'correct', 'points', 'a:' .. topic, 'c:' .. topic, 'last', 'current', 'best', 'name')
local correct = ARGV[4] == '1'
local w = {'answered', (tonumber(m[1]) or 0) + 1, 'a:' .. topic, (tonumber(m[4]) or 0) + 1}
local n = 4
if correct then
  w[n+1] = 'correct' w[n+2] = (tonumber(m[2]) or 0) + 1 w[n+3] = 'c:' .. topic w[n+4] = (tonumber(m[5]) or 0) + 1 n = n + 4
end
if points ~= 0 then w[n+1] = 'points' w[n+2] = (tonumber(m[3]) or 0) + points n = n + 2 end
local day = tonumber(ARGV[6])
local last = tonumber(m[6]) or -1
local current = tonumber(m[7]) or 0
local best = tonumber(m[8]) or 0
if day > last then
  if day == last + 1 then current = current + 1 else current = 1 end
  last = day
  if current > best then best = current end
  w[n+1] = 'last' w[n+2] = last w[n+3] = 'current' w[n+4] = current w[n+5] = 'best' w[n+6] = best n = n + 6
end
if m[9] ~= ARGV[2] then
  w[n+1] = 'name' w[n+2] = ARGV[2] n = n + 2
  redis.call('HSET', K[12], user, ARGV[2])
end
redis.call('HSET', K[4], unpack(w))
local function add(board, member, expireAt)
  local score = tonumber(redis.call('ZINCRBY', board, points, member))
  if expireAt and score == points and redis.call('PTTL', board) < 0 then redis.call('PEXPIREAT', board, expireAt) end
end
add(K[5], user)
add(K[6], user, ARGV[9])
add(K[7], user, ARGV[10])
local team = redis.call('HGET', K[8], user)
if team then add(K[9], team) add(K[10], team, ARGV[9]) add(K[11], team, ARGV[10]) end
if ARGV[14] ~= '' and redis.call('HINCRBY', K[13], ARGV[6], 1) == 1 then redis.call('PEXPIRE', K[13], ARGV[15]) end
local outcome = points .. '|' .. hint .. '|' .. scored .. '|' .. current .. '|' .. best .. '|' .. last
if d[3] then
  redis.call('HSET', K[2], user, ARGV[4] .. '|' .. ARGV[8] .. '|' .. ARGV[12] .. '\n' .. outcome)
else
  redis.call('HSET', K[2], user, ARGV[4] .. '|' .. ARGV[8] .. '|' .. ARGV[12] .. '\n' .. outcome, '_', '1')
  redis.call('PEXPIRE', K[2], ARGV[11])
end
-- The review is queued, as record-answer-1.lua queues it (folded into the cards off the click).
if ARGV[16] == '' then return {1, points, hint, scored, current, best, last} end
return {1, points, hint, scored, current, best, last, redis.call('RPUSH', K[14], hint .. ARGV[17])}
