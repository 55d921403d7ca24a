-- Ends a session for a holder of its current token or of a remembered retired one.
-- KEYS[1] session hash, KEYS[2] the user's session index; ARGV[1] presented hash,
-- ARGV[2] session id. Returns 1 when the session was ended.
local s = redis.call('HMGET', KEYS[1], 'cur', 'old', 'prev')
if not s[1] then
  return 0
end
local known = s[1] == ARGV[1]
for hash in string.gmatch(s[2] or s[3] or '', '%S+') do
  known = known or hash == ARGV[1]
end
if not known then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return 1
