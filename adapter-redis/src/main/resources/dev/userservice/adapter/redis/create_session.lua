-- Starts a session at generation 0 and adds it to the user's index, which never holds more than
-- the user's cap of sessions: so every script that walks the index does bounded work.
-- KEYS[1] session hash, KEYS[2] the user's session index (sorted set: session id -> expiry)
-- ARGV[1] session id, ARGV[2] refresh hash, ARGV[3] now (ms), ARGV[4] ttl (ms),
-- ARGV[5] user id, ARGV[6] key prefix of this user's session hashes, ARGV[7] maximum lifetime
-- (ms), ARGV[8] most sessions per user, ARGV[9] client address and ARGV[10] user agent at login
-- ('' when unknown; the caller bounds their length), ARGV[11] 'otp' when the login passed the
-- second factor, else ''
local now = tonumber(ARGV[3])
local ttl = math.min(tonumber(ARGV[4]), tonumber(ARGV[7]))
local expires = string.format('%.0f', now + ttl)
local cap = tonumber(ARGV[8])

-- Sessions that expired by the caller's clock leave the index (and Redis) here, so the index
-- holds only live sessions however often the user logs in.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
for _, id in ipairs(expired) do
  redis.call('DEL', ARGV[6] .. id)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])

-- At the cap, the sessions that would expire first make room for the new one.
redis.call('ZREM', KEYS[2], ARGV[1])
local excess = redis.call('ZCARD', KEYS[2]) - cap + 1
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  for _, id in ipairs(oldest) do
    redis.call('DEL', ARGV[6] .. id)
  end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end

redis.call('DEL', KEYS[1])
local fields = {'user', ARGV[5], 'gen', '0', 'cur', ARGV[2], 'exp', expires, 'created', ARGV[3]}
if ARGV[9] ~= '' then
  fields[#fields + 1] = 'addr'
  fields[#fields + 1] = ARGV[9]
end
if ARGV[10] ~= '' then
  fields[#fields + 1] = 'agent'
  fields[#fields + 1] = ARGV[10]
end
if ARGV[11] ~= '' then
  fields[#fields + 1] = 'amr'
  fields[#fields + 1] = ARGV[11]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], expires, ARGV[1])
if redis.call('PTTL', KEYS[2]) < ttl then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return 1
