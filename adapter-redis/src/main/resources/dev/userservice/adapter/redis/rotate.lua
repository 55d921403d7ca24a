-- Presents refresh token ARGV[1]/ARGV[2]; see TokenStore#rotate for the outcomes.
-- KEYS[1] session hash, KEYS[2] the user's session index
-- ARGV[1] presented generation, ARGV[2] presented hash, ARGV[3] successor hash,
-- ARGV[4] sealed successor (base64), ARGV[5] now (ms), ARGV[6] grace (ms), ARGV[7] ttl (ms),
-- ARGV[8] session id, ARGV[9] maximum lifetime (ms), ARGV[10] retired hashes to remember,
-- ARGV[11] the session's 'amr' the successor was made for ('' for the password alone)
-- The session's 'old' field lists the hashes of its retired tokens, newest first, separated by
-- spaces; 'prev' is the first of them.
local s = redis.call('HMGET', KEYS[1], 'gen', 'cur', 'prev', 'rot', 'sealed', 'exp', 'created',
  'old', 'amr')
if not s[1] then
  return {'invalid'}
end
local now = tonumber(ARGV[5])
-- Sessions from before 'created' was kept start their maximum lifetime now.
local created = s[7] or ARGV[5]
local ends = tonumber(created) + tonumber(ARGV[9])
if now >= tonumber(s[6]) or now >= ends then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[8])
  return {'invalid'}
end
local current = tonumber(s[1])
local presented = tonumber(ARGV[1])
local retired = s[8] or s[3] or ''

if presented == current then
  if s[2] ~= ARGV[2] then
    return {'invalid'}
  end
  -- A successor never claims other methods than the login proved.
  if (s[9] or '') ~= ARGV[11] then
    return {'methods', s[9] or ''}
  end
  local ttl = math.min(tonumber(ARGV[7]), ends - now)
  local expires = string.format('%.0f', now + ttl)
  local successor = string.format('%.0f', current + 1)
  local kept = {ARGV[2]}
  local limit = tonumber(ARGV[10])
  for hash in string.gmatch(retired, '%S+') do
    if #kept >= limit then
      break
    end
    kept[#kept + 1] = hash
  end
  redis.call('HSET', KEYS[1], 'gen', successor, 'cur', ARGV[3], 'prev', ARGV[2],
    'rot', ARGV[5], 'sealed', ARGV[4], 'exp', expires, 'created', created,
    'old', table.concat(kept, ' '))
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('ZADD', KEYS[2], expires, ARGV[8])
  if redis.call('PTTL', KEYS[2]) < ttl then
    redis.call('PEXPIRE', KEYS[2], ttl)
  end
  return {'rotated', successor}
end

if presented == current - 1 and s[3] == ARGV[2]
    and now <= tonumber(s[4]) + tonumber(ARGV[6]) then
  return {'replayed', s[1], s[5]}
end

-- Only a token this session really issued proves that one of its tokens leaked: assume it was
-- stolen and end the session. Anything else (a forged or long-forgotten token) changes nothing,
-- so knowing a session's id is not enough to end it.
if presented >= 0 and presented < current then
  for hash in string.gmatch(retired, '%S+') do
    if hash == ARGV[2] then
      redis.call('DEL', KEYS[1])
      redis.call('ZREM', KEYS[2], ARGV[8])
      return {'reuse'}
    end
  end
end
return {'invalid'}
