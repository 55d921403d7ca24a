-- GET /health/live on the management port: Javalin and Jetty alone (routing, no database, no
-- Redis; since the management listener moved off the API port, no access log, API security
-- headers or request metrics either), to tell the stack's cost from what the other rows add.
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")
