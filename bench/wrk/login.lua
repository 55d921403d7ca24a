-- POST /security/login as a random seeded user (user1..userN@bench.test, one shared password).
-- Every refresh token received is kept and written to BENCH_DATA/sessions-<run>.txt at the end:
-- they are the fresh sessions the refresh run rotates and the /users/me run authenticates with.
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")

local users = tonumber(os.getenv("BENCH_USERS") or "100000")
local password = os.getenv("BENCH_PASSWORD")
sessions = {}

function init(args)
  math.randomseed(tid * 7919 + os.time())
end

function request()
  local body = string.format('{"email":"user%d@bench.test","password":"%s"}',
    math.random(users), password)
  return wrk.format("POST", "/security/login", json_headers(), body)
end

function response(status, headers, body)
  if status == 200 then
    local access = body:match('"access_token"%s*:%s*"([^"]+)"')
    local refresh = body:match('"refresh_token"%s*:%s*"([^"]+)"')
    if access and refresh then table.insert(sessions, access .. " " .. refresh) end
  end
end

function done(summary, latency, requests)
  result(summary, latency)
  local out = io.open(data_file("sessions-" .. (os.getenv("BENCH_RUN") or "login") .. ".txt"), "w")
  for _, thread in ipairs(threads) do
    for _, session in ipairs(thread:get("sessions") or {}) do out:write(session, "\n") end
  end
  out:close()
end
