-- KEYS[1] code hash; ARGV[1] presented code hash, ARGV[2] max attempts, ARGV[3] now (ms)
local c = redis.call('HMGET', KEYS[1], 'hash', 'exp', 'misses')
if not c[1] then
  return 'expired'
end
if tonumber(ARGV[3]) >= tonumber(c[2]) then
  redis.call('DEL', KEYS[1])
  return 'expired'
end
local max = tonumber(ARGV[2])
if tonumber(c[3]) >= max then
  return 'exhausted'
end
if c[1] == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 'accepted'
end
-- The void code stays (until its TTL) so later attempts keep hearing "exhausted".
local misses = redis.call('HINCRBY', KEYS[1], 'misses', 1)
if misses >= max then
  return 'exhausted'
end
return 'wrong'
