-- GET /users as an administrator: a deep keyset page (the cursor of a row ~90% down the newest-
-- first order) under a filter (role=USER, email_verified=true), limit 20. The path with the
-- cursor is BENCH_LIST_PATH, the admin's access token BENCH_DATA/admin-token.txt.
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")

local request_bytes

function init(args)
  local token = read_lines("admin-token.txt")[1]
  request_bytes = wrk.format("GET", os.getenv("BENCH_LIST_PATH"),
    { ["Authorization"] = "Bearer " .. token })
end

function request()
  return request_bytes
end
