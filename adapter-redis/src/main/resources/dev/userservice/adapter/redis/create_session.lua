-- Starts a session at generation 0 and adds it to the user's index.
-- KEYS[1] session hash, KEYS[2] the user's session index (sorted set: session id -> expiry)
-- ARGV[1] session id, ARGV[2] refresh hash, ARGV[3] now (ms), ARGV[4] ttl (ms),
-- ARGV[5] user id, ARGV[6] key prefix of this user's session hashes
local now = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local expires = string.format('%.0f', now + ttl)

-- Sessions that expired by the caller's clock leave the index (and Redis) here, so the index
-- holds only live sessions however often the user logs in.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
for _, id in ipairs(expired) do
  redis.call('DEL', ARGV[6] .. id)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])

redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'user', ARGV[5], 'gen', '0', 'cur', ARGV[2], 'exp', expires)
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], expires, ARGV[1])
if redis.call('PTTL', KEYS[2]) < ttl then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return 1
