--[[
  Counts one AI grading for a member and their community on one day, unless either counter has
  reached its limit (then nothing changes): the daily caps every replica shares.

  KEYS[1] the member's counter for the day   KEYS[2] the community's counter for the day
  ARGV[1] member limit  ARGV[2] community limit  ARGV[3] ttl ms of a new counter
  Returns 'granted', 'member-limit' or 'community-limit'.
]]
local member = tonumber(redis.call('GET', KEYS[1]) or '0')
local community = tonumber(redis.call('GET', KEYS[2]) or '0')
if member >= tonumber(ARGV[1]) then return 'member-limit' end
if community >= tonumber(ARGV[2]) then return 'community-limit' end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
if redis.call('INCR', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return 'granted'
