-- Sliding-window log: one sorted-set entry per counted event, scored by its time (ms).
-- KEYS[1] the bucket's log; ARGV[1] now (ms), ARGV[2] a unique member for this event,
-- ARGV[3..] pairs of (max events, window ms).
-- Returns 0 when the event was counted, else the milliseconds until it would be allowed.
local now = tonumber(ARGV[1])
local longest = 0
for i = 3, #ARGV, 2 do
  longest = math.max(longest, tonumber(ARGV[i + 1]))
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - longest))

local wait = 0
for i = 3, #ARGV, 2 do
  local max = tonumber(ARGV[i])
  local window = tonumber(ARGV[i + 1])
  local since = '(' .. string.format('%.0f', now - window)
  local count = redis.call('ZCOUNT', KEYS[1], since, '+inf')
  if count >= max then
    -- count - max + 1 events must age out of this window; the last of them decides.
    local entry = redis.call('ZRANGEBYSCORE', KEYS[1], since, '+inf', 'WITHSCORES',
      'LIMIT', count - max, 1)
    wait = math.max(wait, tonumber(entry[2]) + window - now)
  end
end
if wait > 0 then
  return wait
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], longest)
return 0
