--[[
  Saves a member's card for one question (CardStore.saveCard): compare-and-set on the stored card's
  reps, so two answers at once cannot lose a review; the card, its due date and the retention tally
  change together or not at all.

  KEYS[1] the member's cards hash   KEYS[2] the member's due zset   KEYS[3] the member's tally hash
  ARGV[1] questionId  ARGV[2] expected reps (0: no card yet)  ARGV[3] card JSON  ARGV[4] due ms
  ARGV[5] '1' to count the review for retention, else '0'  ARGV[6] '1' when it was recalled
  Returns 1 when saved, 0 when the stored card had other reps (nothing changed).
]]
local stored = redis.call('HGET', KEYS[1], ARGV[1])
local reps = 0
if stored then reps = tonumber(cjson.decode(stored)['reps']) or 0 end
if reps ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
if ARGV[5] == '1' then
  redis.call('HINCRBY', KEYS[3], 'reviews', 1)
  if ARGV[6] == '1' then redis.call('HINCRBY', KEYS[3], 'recalled', 1) end
end
return 1
