--[[
  Claims one phase of a daily slot (channel, local date): 'post' or 'reveal'.
  The rule restates maySlotBeClaimed in src/core/answer-rules.ts.

  KEYS[1] the slot hash
  ARGV[1] token  ARGV[2] now ms  ARGV[3] stale-before ms  ARGV[4] ttl ms  ARGV[5] phase

  post:   a free slot becomes 'claimed'.   reveal: a 'posted' slot becomes 'revealing'.
  A slot left 'claimed' / 'revealing' since before ARGV[3] belongs to a process that died between
  claiming and finishing: the caller takes it over. Returns 1 when the caller owns the phase.
]]
local state = redis.call('HGET', KEYS[1], 'state')
local busy = ARGV[5] == 'post' and 'claimed' or 'revealing'
if state == busy then
  local at = tonumber(redis.call('HGET', KEYS[1], 'claimedAt') or '0')
  if at >= tonumber(ARGV[3]) then return 0 end
elseif ARGV[5] == 'post' then
  if state then return 0 end
else
  if state ~= 'posted' then return 0 end
end
redis.call('HSET', KEYS[1], 'state', busy, 'token', ARGV[1], 'claimedAt', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
