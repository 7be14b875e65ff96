--[[
  Counts one answer of a member on a local day (core/activity-store.ts), once per delivery; drops
  the days older than the kept window, and keeps the member's hash ttl ms past this answer.

  KEYS[1] the member's activity hash (field: day number, value: answers)
  KEYS[2] the mark that this delivery's answer was counted for the member
  ARGV[1] day  ARGV[2] keep days  ARGV[3] ttl ms  ARGV[4] ttl ms of the mark
  Returns 1 when counted, 0 for a repeat.
]]
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[4]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local oldest = tonumber(ARGV[1]) - tonumber(ARGV[2])
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  if tonumber(f) < oldest then redis.call('HDEL', KEYS[1], f) end
end
return 1
