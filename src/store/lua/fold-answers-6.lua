--[[
  Folds a batch of a member's queued answers into their FSRS cards, stats totals and answers per day
  (src/store/redis-pending.ts adds the batch up and works the cards out with ts-fsrs): the cards,
  their due entries, the retention tally, the stats and the heat map change, and the folded entries
  leave the queue, together or not at all.

  KEYS[1] the queue (list, oldest first)   KEYS[4] the retention tally (hash)
  KEYS[2] the cards (hash)                 KEYS[5] the stats (hash: answered, correct, points, a:T, c:T)
  KEYS[3] the due index (zset)             KEYS[6] answers per day (hash day -> count)
  ARGV[1] the queue's first entry as read   ARGV[5] S, stats fields to add to
  ARGV[2] how many entries were folded      ARGV[6] D, days to add to
  ARGV[3] reviews to tally                  ARGV[7] heat map: days kept ('' counts no day)
  ARGV[4] of which recalled                 ARGV[8] heat map: when the hash expires (ms)
  then S pairs (field, increment), D pairs (day, answers), then per card: question id, the stored
  card's reps as read (0: none), the new JSON, its due ms

  Returns 0, changing nothing, when another fold took the entries since they were read (entries
  only ever leave from the front, and each is unique: it names its delivery, which a member answers
  once) or a card's reps moved (another answer's saveCard); the caller reads again. Else 1.
]]
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[1] then return 0 end
local statsFrom = 9
local daysFrom = statsFrom + 2 * tonumber(ARGV[5])
local cardsFrom = daysFrom + 2 * tonumber(ARGV[6])
for i = cardsFrom, #ARGV, 4 do
  local stored = redis.call('HGET', KEYS[2], ARGV[i])
  local reps = 0
  -- JSON.stringify escapes every quote inside a string value, so '"reps":' can only be the key.
  if stored then reps = tonumber(stored:match('"reps":(%d+)')) or 0 end
  if reps ~= tonumber(ARGV[i + 1]) then return 0 end
end
for i = cardsFrom, #ARGV, 4 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
  redis.call('ZADD', KEYS[3], ARGV[i + 3], ARGV[i])
end
redis.call('LTRIM', KEYS[1], ARGV[2], -1)
if ARGV[3] ~= '0' then redis.call('HINCRBY', KEYS[4], 'reviews', ARGV[3]) end
if ARGV[4] ~= '0' then redis.call('HINCRBY', KEYS[4], 'recalled', ARGV[4]) end
for i = statsFrom, daysFrom - 1, 2 do redis.call('HINCRBY', KEYS[5], ARGV[i], ARGV[i + 1]) end

-- A day's first answer renews the heat map's expiry (to its lifetime from the batch's latest answer)
-- and drops days past the kept window (only once the hash has grown beyond it, one field a day);
-- later answers that day only count.
local newest
for i = daysFrom, cardsFrom - 1, 2 do
  local day = tonumber(ARGV[i])
  if redis.call('HINCRBY', KEYS[6], ARGV[i], ARGV[i + 1]) == tonumber(ARGV[i + 1]) and (not newest or day > newest) then newest = day end
end
if newest and ARGV[7] ~= '' then
  redis.call('PEXPIREAT', KEYS[6], ARGV[8])
  local keep = tonumber(ARGV[7])
  if redis.call('HLEN', KEYS[6]) > keep + 1 then
    local oldest = newest - keep
    for _, f in ipairs(redis.call('HKEYS', KEYS[6])) do
      if tonumber(f) < oldest then redis.call('HDEL', KEYS[6], f) end
    end
  end
end
return 1
