-- Replaces the code of one user and purpose.
-- KEYS[1] code hash; ARGV[1] code hash, ARGV[2] expires at (ms), ARGV[3] cleanup margin (ms)
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'exp', ARGV[2], 'misses', '0')
-- Expiry is decided against the caller's clock (ARGV[2] vs. now in check_code); the key's TTL
-- only cleans up. It is measured against Redis's own clock, plus a margin for clock skew, and
-- is never shorter than the margin, so an odd caller clock cannot keep the key forever or
-- drop it early.
local t = redis.call('TIME')
local server_now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local remaining = tonumber(ARGV[2]) - server_now
if remaining < 0 then
  remaining = 0
end
redis.call('PEXPIRE', KEYS[1], string.format('%.0f', remaining + tonumber(ARGV[3])))
return 1
