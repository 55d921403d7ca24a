-- Reserves one password attempt: refuses while the key must wait, else counts the attempt as a
-- failure at once (a success takes it back) and sets the wait that failure imposes.
-- KEYS[1] the key's failures (hash: count, last, blocked); ARGV[1] free failures, ARGV[2] window
-- (ms), ARGV[3] now (ms). Returns 0 when the attempt may proceed, else the wait (ms).
-- 'blocked' is 0 until the free failures are used up: callers read their clocks before their
-- scripts run, so an attempt stamped earlier may arrive after one stamped later, and only a
-- wait actually imposed may refuse it.
local free = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local h = redis.call('HMGET', KEYS[1], 'count', 'last', 'blocked')
local count = 0
if h[1] and now - tonumber(h[2]) < window then
  local blocked = tonumber(h[3])
  if now < blocked then
    return blocked - now
  end
  count = tonumber(h[1])
end
count = count + 1
local delay = 0
if count >= free then
  local doublings = count - free
  if doublings >= 40 then
    delay = window
  else
    delay = math.min(1000 * 2 ^ doublings, window)
  end
end
local blocked = 0
if delay > 0 then
  blocked = now + delay
end
redis.call('HSET', KEYS[1], 'count', count, 'last', ARGV[3],
  'blocked', string.format('%.0f', blocked))
redis.call('PEXPIRE', KEYS[1], window)
return 0
