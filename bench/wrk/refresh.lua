-- POST /security/refresh with real rotation. BENCH_DATA/<BENCH_SESSIONS> holds one fresh refresh
-- token a line; each thread takes its share as a pool. A request takes a token from the pool and
-- its answer puts the successor back, so every token is presented exactly once (reuse would end
-- the session and count as an error). Give each thread at least as many tokens as connections.
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")

local pool = {}

function init(args)
  local count = tonumber(os.getenv("BENCH_THREADS") or "1")
  for i, token in ipairs(read_lines(os.getenv("BENCH_SESSIONS"))) do
    if (i - 1) % count == tid - 1 then table.insert(pool, token) end
  end
end

function request()
  local token = table.remove(pool, 1) or "exhausted"
  return wrk.format("POST", "/security/refresh", json_headers(),
    '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    local next = body:match('"refresh_token"%s*:%s*"([^"]+)"')
    if next then table.insert(pool, next) end
  end
end
