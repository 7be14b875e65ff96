-- Stores a pack unless a new name would exceed the community's pack limit (PackStore.savePack).
-- KEYS[1] packs hash (name -> summary JSON), KEYS[2] the pack's body hash, KEYS[3] packs-off set (untouched: a re-import keeps its state)
-- ARGV[1] name, ARGV[2] summary JSON, ARGV[3] source, ARGV[4] questions JSON, ARGV[5] max packs
-- Returns 'created', 'replaced' or 'full'.
local exists = redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1
if not exists and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then
  return 'full'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'source', ARGV[3], 'questions', ARGV[4])
if exists then return 'replaced' end
return 'created'
