--[[
  Moves a practice reminder's next time (compare-and-set), so a scheduler tick never brings back a
  reminder turned off or replaced meanwhile.

  KEYS[1] the reminder hash
  ARGV[1] the expected nextAt  ARGV[2] the new nextAt
  Returns 1 when moved, 0 when the reminder is gone or its nextAt is not the expected one.
]]
if redis.call('HGET', KEYS[1], 'nextAt') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'nextAt', ARGV[2])
return 1
