--[[
  Folds a member's queued reviews into their FSRS cards (src/store/redis-cards.ts works the cards
  out with ts-fsrs and sends them here): the cards, their due entries and the retention tally
  change, and the folded entries leave the queue, together or not at all.

  KEYS[1] the queue (list, oldest first)   KEYS[3] the due index (zset)
  KEYS[2] the cards (hash)                 KEYS[4] the retention tally (hash)
  ARGV[1] the queue's first entry as read   ARGV[2] how many entries were folded
  ARGV[3] reviews to tally                  ARGV[4] of which recalled
  then per card: question id, the stored card's reps as read (0: none), the new JSON, its due ms

  Returns 0, changing nothing, when another fold took the entries since they were read (entries
  only ever leave from the front, and each is unique: a delivery, a member, a time) or a card's
  reps moved (another answer's saveCard); the caller reads again. Else 1.
]]
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[1] then return 0 end
for i = 5, #ARGV, 4 do
  local stored = redis.call('HGET', KEYS[2], ARGV[i])
  local reps = 0
  -- JSON.stringify escapes every quote inside a string value, so '"reps":' can only be the key.
  if stored then reps = tonumber(stored:match('"reps":(%d+)')) or 0 end
  if reps ~= tonumber(ARGV[i + 1]) then return 0 end
end
for i = 5, #ARGV, 4 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
  redis.call('ZADD', KEYS[3], ARGV[i + 3], ARGV[i])
end
redis.call('LTRIM', KEYS[1], ARGV[2], -1)
if ARGV[3] ~= '0' then redis.call('HINCRBY', KEYS[4], 'reviews', ARGV[3]) end
if ARGV[4] ~= '0' then redis.call('HINCRBY', KEYS[4], 'recalled', ARGV[4]) end
return 1
