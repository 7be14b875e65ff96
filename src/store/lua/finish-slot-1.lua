--[[
  Finishes a claimed phase: compare-and-set on the token and the busy state.

  KEYS[1] the slot hash
  ARGV[1] token  ARGV[2] expected state  ARGV[3] new state  ARGV[4..] field, value pairs to set
  Returns 1 when recorded, 0 when the claim is no longer the caller's.
]]
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'state') ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], 'state', ARGV[3])
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
