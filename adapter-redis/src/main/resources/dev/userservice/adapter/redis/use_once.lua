-- Marks a use (e.g. a one-time password's time step) as spent until the caller's expiry.
-- KEYS[1] the mark; ARGV[1] now (ms), ARGV[2] expiry (ms). Returns 1 when it was not marked yet.
-- The expiry is kept in the value and compared with the caller's clock; the key's TTL only
-- cleans up.
local until_ = redis.call('GET', KEYS[1])
if until_ and tonumber(until_) > tonumber(ARGV[1]) then
  return 0
end
local ttl = tonumber(ARGV[2]) - tonumber(ARGV[1])
if ttl <= 0 then
  return 1
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', math.floor(ttl) + 60000)
return 1
