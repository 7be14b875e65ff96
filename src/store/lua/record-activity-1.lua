--[[
  Counts one answer of a member on a local day (core/activity-store.ts), drops the days older than
  the kept window, and keeps the member's hash ttl ms past this answer.

  KEYS[1] the member's activity hash (field: day number, value: answers)
  ARGV[1] day  ARGV[2] keep days  ARGV[3] ttl ms
  Returns the day's new count.
]]
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local oldest = tonumber(ARGV[1]) - tonumber(ARGV[2])
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  if tonumber(f) < oldest then redis.call('HDEL', KEYS[1], f) end
end
return n
