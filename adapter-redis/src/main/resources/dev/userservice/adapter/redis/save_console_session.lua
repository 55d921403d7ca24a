-- Keeps a console session. KEYS[1] the session; ARGV[1] its fields, ARGV[2] now (ms), ARGV[3] its
-- end (ms), ARGV[4] the key's time to live (ms). Ends are compared with the caller's clock in
-- use_console_session; the key's TTL only cleans up.
redis.call('HSET', KEYS[1], 'data', ARGV[1], 'used', ARGV[2], 'ends', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
