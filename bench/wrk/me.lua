-- GET /users/me, round-robin over the access tokens in BENCH_DATA/access-tokens.txt (each of a
-- live session: the service checks the session in Redis, which also tells the user's revision,
-- and serves the user from its cache after the first read from PostgreSQL).
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")

local tokens
local next_token = 0

function init(args)
  tokens = read_lines("access-tokens.txt")
  next_token = tid
end

function request()
  next_token = next_token % #tokens + 1
  return wrk.format("GET", "/users/me", { ["Authorization"] = "Bearer " .. tokens[next_token] })
end
