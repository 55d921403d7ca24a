-- Keycloak's side of bench/keycloak.sh: the request of row KC_ROW against realm "bench" (public
-- client "bench", users user1..userN@bench.test sharing BENCH_PASSWORD), each the counterpart of
-- one of our rows:
--   login     POST the token endpoint, grant_type=password (our POST /security/login)
--   refresh   POST the token endpoint, grant_type=refresh_token; Keycloak does not rotate by
--             default, but each answer's token is used next, as ours (our /security/refresh)
--   userinfo  GET the OIDC userinfo endpoint with an access token (our GET /users/me)
--   list      GET the admin API's first page of 20 users with an admin token (our admin list)
--   create    POST a user with a password through the admin API (our POST /users)
-- Tokens come from BENCH_DATA: keycloak-sessions.txt and keycloak-userinfo-sessions.txt ("access
-- refresh" a line) and keycloak-admin-token.txt.
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")

local row = os.getenv("KC_ROW")
local users = tonumber(os.getenv("BENCH_USERS") or "100")
local password = os.getenv("BENCH_PASSWORD")
local realm = "/realms/bench/protocol/openid-connect"
local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local nonce = tostring(os.time())
local access, pool, admin = {}, {}, nil
local counter = 0

function init(args)
  math.randomseed(tid * 7919 + os.time())
  local count = tonumber(os.getenv("BENCH_THREADS") or "1")
  if row == "refresh" or row == "userinfo" then
    local file = row == "refresh" and "keycloak-sessions.txt" or "keycloak-userinfo-sessions.txt"
    for i, line in ipairs(read_lines(file)) do
      local a, r = line:match("^(%S+) (%S+)$")
      if (i - 1) % count == tid - 1 then
        table.insert(access, a)
        table.insert(pool, r)
      end
    end
  elseif row == "list" or row == "create" then
    admin = read_lines("keycloak-admin-token.txt")[1]
  end
end

function request()
  counter = counter + 1
  if row == "login" then
    return wrk.format("POST", realm .. "/token", form, string.format(
      "grant_type=password&client_id=bench&username=user%d&password=%s", math.random(users),
      password))
  elseif row == "refresh" then
    return wrk.format("POST", realm .. "/token", form,
      "grant_type=refresh_token&client_id=bench&refresh_token=" ..
      (table.remove(pool, 1) or "exhausted"))
  elseif row == "userinfo" then
    return wrk.format("GET", realm .. "/userinfo",
      { ["Authorization"] = "Bearer " .. access[counter % #access + 1] })
  elseif row == "list" then
    return wrk.format("GET", "/admin/realms/bench/users?first=0&max=20",
      { ["Authorization"] = "Bearer " .. admin })
  elseif row == "create" then
    local name = string.format("new-%s-%d-%d", nonce, tid, counter)
    return wrk.format("POST", "/admin/realms/bench/users",
      { ["Authorization"] = "Bearer " .. admin, ["Content-Type"] = "application/json" },
      string.format('{"username":"%s","email":"%s@bench.test","firstName":"New",' ..
        '"lastName":"User","enabled":true,"credentials":[{"type":"password",' ..
        '"value":"bench password %d","temporary":false}]}', name, name, counter))
  end
  error("KC_ROW must be login, refresh, userinfo, list or create")
end

function response(status, headers, body)
  if row == "refresh" and status == 200 then
    local next = body:match('"refresh_token"%s*:%s*"([^"]+)"')
    if next then table.insert(pool, next) end
  end
end
