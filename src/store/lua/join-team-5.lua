--[[
  Puts a user in a team, creating the team if new; one team per user per community.

  KEYS[1] team-of hash (user -> team key)   KEYS[3] team sizes hash (team key -> members)
  KEYS[2] teams hash (team key -> name)      KEYS[4] names hash (user -> display name)
  KEYS[5] the member's streak hash, whose "name" and "team" fields copy what the names and team-of
          hashes hold for them (lua/record-answer-1.lua reads the copies, not those hashes)

  ARGV[1] user id  ARGV[2] team key  ARGV[3] team name  ARGV[4] display name
  Returns {status, teamKey, teamName, members, created}
  status: 'joined' | 'already-member' | 'in-other-team'
]]
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local name = redis.call('HGET', KEYS[2], current) or current
  local members = tonumber(redis.call('HGET', KEYS[3], current) or '0')
  if current == ARGV[2] then
    return {'already-member', current, name, members, 0}
  end
  return {'in-other-team', current, name, members, 0}
end
local created = 0
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 1 or tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0') == 0 then
  -- A team nobody is in any more is created afresh, under the name its new first member gives.
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  created = 1
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local members = redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
redis.call('HSET', KEYS[4], ARGV[1], ARGV[4])
redis.call('HSET', KEYS[5], 'name', ARGV[4], 'team', ARGV[2])
return {'joined', ARGV[2], redis.call('HGET', KEYS[2], ARGV[2]), members, created}
