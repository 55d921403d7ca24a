-- KEYS[1] the user's session index; ARGV[1] key prefix of this user's session hashes.
-- The session keys share the index's hash tag, so they live in the same cluster slot.
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
for _, id in ipairs(ids) do
  redis.call('DEL', ARGV[1] .. id)
end
redis.call('DEL', KEYS[1])
return #ids
