-- A member's report of a question, as reportDecision (src/core/packs/pack.ts) rules it.
-- KEYS[1] the question's reports hash (userId -> report JSON), KEYS[2] reported set, KEYS[3] paused set,
-- KEYS[4] the member's report-rate hash (n, with the window as its lifetime)
-- ARGV[1] question id, ARGV[2] user id, ARGV[3] report JSON, ARGV[4] pause at (members), ARGV[5] rate limit, ARGV[6] window ms
-- Returns {'duplicate'}, {'rate-limited'} or {'added', reporters, paused 0/1}.
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then return {'duplicate'} end
local filed = tonumber(redis.call('HGET', KEYS[4], 'n') or '0')
if filed >= tonumber(ARGV[5]) then return {'rate-limited'} end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
local reporters = redis.call('HLEN', KEYS[1])
local paused = 0
if reporters >= tonumber(ARGV[4]) then
  redis.call('SADD', KEYS[3], ARGV[1])
  paused = 1
end
if redis.call('HINCRBY', KEYS[4], 'n', 1) == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[6]) end
return {'added', reporters, paused}
