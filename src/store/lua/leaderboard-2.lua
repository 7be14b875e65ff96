--[[
  One page of a board with names, plus the caller's own rank, in one round trip.

  KEYS[1] board sorted set
  KEYS[2] names hash (member -> display name)

  ARGV[1] offset  ARGV[2] limit  ARGV[3] member id
  Returns {total, id, name, score, ..., memberRank (-1 if absent), memberScore, memberName}
]]
local total = redis.call('ZCARD', KEYS[1])
local offset = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local page = redis.call('ZREVRANGE', KEYS[1], offset, offset + limit - 1, 'WITHSCORES')
local out = {total}
for i = 1, #page, 2 do
  local id = page[i]
  local name = redis.call('HGET', KEYS[2], id) or id
  table.insert(out, id)
  table.insert(out, name)
  table.insert(out, page[i + 1])
end
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[3])
if rank then
  table.insert(out, rank)
  table.insert(out, redis.call('ZSCORE', KEYS[1], ARGV[3]))
  table.insert(out, redis.call('HGET', KEYS[2], ARGV[3]) or ARGV[3])
else
  table.insert(out, -1)
end
return out
