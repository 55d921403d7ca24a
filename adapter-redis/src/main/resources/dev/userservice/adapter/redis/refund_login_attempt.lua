-- Takes back one attempt that succeeded; a wait already imposed stays, as does the key's TTL.
-- KEYS[1] the key's failures (hash: count, last, blocked)
local count = tonumber(redis.call('HGET', KEYS[1], 'count'))
if not count or count < 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'count', count - 1)
return 1
