-- The user's live sessions, those that expire first first: for each, its id, created, rot (last
-- refresh, false when never), exp, addr and agent (false when unknown), amr (false for the
-- password alone).
-- KEYS[1] the user's session index; ARGV[1] key prefix of this user's session hashes; ARGV[2] now
-- (ms). The session keys share the index's hash tag (same cluster slot), and the index never
-- holds more than the user's cap of sessions: bounded work.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[2], '+inf')
local now = tonumber(ARGV[2])
local found = {}
for _, id in ipairs(ids) do
  local s = redis.call('HMGET', ARGV[1] .. id, 'created', 'rot', 'exp', 'addr', 'agent', 'amr')
  if s[1] and s[3] and tonumber(s[3]) > now then
    found[#found + 1] = {id, s[1], s[2], s[3], s[4], s[5], s[6]}
  end
end
return found
