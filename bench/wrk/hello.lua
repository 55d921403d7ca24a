-- GET /hello on the JDK HttpServer: the HTTP ceiling, under the same wrk settings as the service.
dofile((os.getenv("BENCH_WRK") or "bench/wrk") .. "/common.lua")
