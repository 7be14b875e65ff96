--[[
  Takes a user out of their team. A team with no members stays on the boards but not in lists.

  KEYS[1] team-of hash (user -> team key)   KEYS[3] team sizes hash (team key -> members)
  KEYS[2] teams hash (team key -> name)      KEYS[4] the member's streak hash: its "team" copy becomes ''
                                                      (lua/record-answer-1.lua reads it, not team-of)

  ARGV[1] user id
  Returns {} when the user was in no team, else {teamKey, teamName, membersLeft}
]]
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return {} end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[4], 'team', '')
local left = redis.call('HINCRBY', KEYS[3], current, -1)
if left <= 0 then
  redis.call('HDEL', KEYS[3], current)
  left = 0
end
return {current, redis.call('HGET', KEYS[2], current) or current, left}
