-- Presents refresh token ARGV[1]/ARGV[2]; see TokenStore#rotate for the four outcomes.
-- KEYS[1] session hash, KEYS[2] the user's session index
-- ARGV[1] presented generation, ARGV[2] presented hash, ARGV[3] successor hash,
-- ARGV[4] sealed successor (base64), ARGV[5] now (ms), ARGV[6] grace (ms), ARGV[7] ttl (ms),
-- ARGV[8] session id
local s = redis.call('HMGET', KEYS[1], 'gen', 'cur', 'prev', 'rot', 'sealed', 'exp')
if not s[1] then
  return {'invalid'}
end
local now = tonumber(ARGV[5])
if now >= tonumber(s[6]) then
  return {'invalid'}
end
local current = tonumber(s[1])
local presented = tonumber(ARGV[1])

if presented == current then
  if s[2] ~= ARGV[2] then
    return {'invalid'}
  end
  local ttl = tonumber(ARGV[7])
  local expires = string.format('%.0f', now + ttl)
  local successor = string.format('%.0f', current + 1)
  redis.call('HSET', KEYS[1], 'gen', successor, 'cur', ARGV[3], 'prev', ARGV[2],
    'rot', ARGV[5], 'sealed', ARGV[4], 'exp', expires)
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('ZADD', KEYS[2], expires, ARGV[8])
  if redis.call('PTTL', KEYS[2]) < ttl then
    redis.call('PEXPIRE', KEYS[2], ttl)
  end
  return {'rotated', successor}
end

if presented == current - 1 then
  if s[3] ~= ARGV[2] then
    return {'invalid'}
  end
  if now <= tonumber(s[4]) + tonumber(ARGV[6]) then
    return {'replayed', s[1], s[5]}
  end
elseif presented > current or presented < 0 then
  return {'invalid'}
end

-- An already-rotated token outside the grace window: assume it was stolen, end the session.
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[8])
return {'reuse'}
