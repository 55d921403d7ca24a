-- KEYS[1] the account's failures; ARGV[1] free failures, ARGV[2] window (ms), ARGV[3] now (ms)
-- Returns the delay (ms) now imposed.
local free = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local h = redis.call('HMGET', KEYS[1], 'count', 'last')
local count = 0
if h[1] and now - tonumber(h[2]) < window then
  count = tonumber(h[1])
end
count = count + 1
local delay = 0
if count > free then
  local doublings = count - free - 1
  if doublings >= 40 then
    delay = window
  else
    delay = math.min(1000 * 2 ^ doublings, window)
  end
end
redis.call('HSET', KEYS[1], 'count', count, 'last', ARGV[3],
  'blocked', string.format('%.0f', now + delay))
redis.call('PEXPIRE', KEYS[1], window)
return delay
