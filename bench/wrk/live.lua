-- GET /health/live: the service's HTTP stack alone (routing, security headers, access log,
-- metrics; no database, no Redis), to tell its cost from the round trips the other rows add.
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")
