-- The user changed: every live session of theirs gets the new revision, so copies of the user
-- cached under an older one are no longer served.
-- KEYS[1] the user's session index; ARGV[1] key prefix of this user's session hashes;
-- ARGV[2] the new revision. The session keys share the index's hash tag (same cluster slot).
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local touched = 0
for _, id in ipairs(ids) do
  local key = ARGV[1] .. id
  -- HSET on a missing key would create a session; an expired one stays gone.
  if redis.call('EXISTS', key) == 1 then
    redis.call('HSET', key, 'rev', ARGV[2])
    touched = touched + 1
  end
end
return touched
