-- KEYS[1] code hash (hash, exp, misses); KEYS[2] the wrong guesses of the same user and purpose
-- across codes (misses, since, locks, until), in the same slot.
-- ARGV[1] presented code hash, ARGV[2] max attempts, ARGV[3] now (ms),
-- ARGV[4] cap: max misses per window (0: no cap), ARGV[5] cap window (ms),
-- ARGV[6] first lockout (ms), ARGV[7] longest lockout (ms).
local now = tonumber(ARGV[3])
local cap = tonumber(ARGV[4])
local g
if cap > 0 then
  g = redis.call('HMGET', KEYS[2], 'misses', 'since', 'locks', 'until')
  if g[4] and now < tonumber(g[4]) then
    return 'locked'
  end
end
local c = redis.call('HMGET', KEYS[1], 'hash', 'exp', 'misses')
if not c[1] then
  return 'expired'
end
if now >= tonumber(c[2]) then
  redis.call('DEL', KEYS[1])
  return 'expired'
end
local max = tonumber(ARGV[2])
if tonumber(c[3]) >= max then
  return 'exhausted'
end
if c[1] == ARGV[1] then
  redis.call('DEL', KEYS[1])
  if cap > 0 then
    -- The owner got in: forget the misses, keep the count of earlier locks.
    redis.call('HDEL', KEYS[2], 'misses', 'since')
  end
  return 'accepted'
end
-- The void code stays (until its TTL) so later attempts keep hearing "exhausted".
local misses = redis.call('HINCRBY', KEYS[1], 'misses', 1)
if cap > 0 then
  local window = tonumber(ARGV[5])
  local longest = tonumber(ARGV[7])
  local counted = 1
  local since = now
  if g[2] and now < tonumber(g[2]) + window then
    counted = tonumber(g[1]) + 1
    since = tonumber(g[2])
  end
  if counted >= cap then
    -- Each lock lasts twice the one before, up to the longest; the code is void with it.
    local locks = tonumber(g[3] or '0') + 1
    local length = tonumber(ARGV[6]) * 2 ^ math.min(locks - 1, 30)
    if length > longest then
      length = longest
    end
    redis.call('DEL', KEYS[1])
    redis.call('HDEL', KEYS[2], 'since')
    redis.call('HSET', KEYS[2], 'misses', '0', 'locks', string.format('%d', locks),
      'until', string.format('%.0f', now + length))
    redis.call('PEXPIRE', KEYS[2], string.format('%.0f', length + longest))
    return 'cap_reached'
  end
  redis.call('HSET', KEYS[2], 'misses', string.format('%d', counted),
    'since', string.format('%.0f', since))
  -- Kept while the window runs, and while earlier locks still make the next one longer.
  local keep = since + window - now
  if g[4] then
    keep = math.max(keep, tonumber(g[4]) + longest - now)
  end
  redis.call('PEXPIRE', KEYS[2], string.format('%.0f', keep))
end
if misses >= max then
  return 'exhausted'
end
return 'wrong'
