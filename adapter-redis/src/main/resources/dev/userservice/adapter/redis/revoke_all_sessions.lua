-- KEYS[1] the user's session index; ARGV[1] key prefix of this user's session hashes;
-- ARGV[2] the id of a session to keep, or '' to end them all.
-- The session keys share the index's hash tag, so they live in the same cluster slot. The index
-- never holds more than the user's cap of sessions (create_session keeps it so): bounded work.
local keep = ARGV[2]
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local ended = 0
for _, id in ipairs(ids) do
  if id ~= keep then
    redis.call('DEL', ARGV[1] .. id)
    redis.call('ZREM', KEYS[1], id)
    ended = ended + 1
  end
end
return ended
