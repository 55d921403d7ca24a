-- POST /users with a unique email per request (run nonce, thread, counter): each one hashes a
-- password, inserts the user and a mail, and stores a verification code.
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")

local nonce = (os.getenv("BENCH_NONCE") or tostring(os.time())) .. "-" .. (os.getenv("BENCH_RUN") or "")
local counter = 0

function request()
  counter = counter + 1
  local body = string.format(
    '{"email":"reg-%s-%d-%d@bench.test","password":"bench password %d","first_name":"Reg"}',
    nonce, tid, counter, counter)
  return wrk.format("POST", "/users", json_headers(), body)
end
