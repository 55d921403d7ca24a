-- Uses a console session. KEYS[1] the session; ARGV[1] now (ms), ARGV[2] the idle timeout (ms),
-- ARGV[3] the slack added to the key's time to live (ms). Returns its fields while it is live
-- (used within the idle timeout, before its end), then counted as used now; otherwise removes it
-- and returns nil.
local found = redis.call('HMGET', KEYS[1], 'data', 'used', 'ends')
if not found[1] then
  return false
end
local now = tonumber(ARGV[1])
local idle = tonumber(ARGV[2])
local ends = tonumber(found[3])
if now - tonumber(found[2]) > idle or now >= ends then
  redis.call('DEL', KEYS[1])
  return false
end
redis.call('HSET', KEYS[1], 'used', ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.floor(math.min(idle, ends - now)) + tonumber(ARGV[3]))
return found[1]
