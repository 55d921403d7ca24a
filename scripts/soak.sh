#!/usr/bin/env bash
# Load soak: the real service (fat jar, `start` mode) on loopback, SOAK_S seconds (default 300)
# of mixed traffic at a fixed RATE (default 120 requests/s, comfortably below what two cores
# serve: registrations and logins, which cost an Argon2 hash each, are 4% of it), against the
# same private PostgreSQL, Redis and fake SMTP server as scripts/faults.sh.
#
# Prints: requests by endpoint and status, latency percentiles, zero 5xx (FAIL otherwise), the
# service's RSS (/proc) and heap (jvm_memory_used_bytes from /metrics) every SAMPLE_S seconds
# with start / middle / end called out, and the connection pool: the service's connections in
# pg_stat_activity against DATABASE_POOL_SIZE, plus any 503 (a pool that runs dry answers 503).
# Exits 1 on any FAIL. Results stay in target/soak/.
#
# Environment: RATE, SOAK_S, SAMPLE_S (30), WARM_S (45: a warm-up at a third of the rate before
# the measured run, so the JIT has compiled the hashing), SKIP_BUILD=1, MVN_ARGS, JAVA_OPTS (-Xmx512m),
# DATABASE_POOL_SIZE (10), KEEP_WORK=1. Needs what faults.sh needs.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=lib/services.sh
source "$ROOT/scripts/lib/services.sh"

RATE=${RATE:-120}
SOAK_S=${SOAK_S:-300}
SAMPLE_S=${SAMPLE_S:-30}
WARM_S=${WARM_S:-45}
DATABASE_POOL_SIZE=${DATABASE_POOL_SIZE:-10}

services_build
services_init soak
log "private PostgreSQL :$PG_PORT, Redis :$REDIS_PORT, fake SMTP :$SMTP_PORT"
pg_init
redis_start
mail_start "$OUT/mail.log"
app_start
log "service ready at $BASE (pid $APP_PID); $RATE requests/s for $SOAK_S s"

metric() { # sum of a metric's samples whose line matches $2 (a regex), divided by $3
  awk -v name="$1" -v filter="$2" -v scale="$3" '
    (index($0, name "{") == 1 || index($0, name " ") == 1) && $0 ~ filter { sum += $NF; found = 1 }
    END { if (found) printf "%.0f", sum / scale; else printf "-" }' "$OUT/metrics.txt"
}

sample() { # label
  curl -s --max-time 5 "$MANAGEMENT/metrics" >"$OUT/metrics.txt" || : >"$OUT/metrics.txt"
  local rss heap old threads conns active idle peak
  rss=$(app_rss_mib)
  heap=$(metric jvm_memory_used_bytes 'area="heap"' 1048576)
  old=$(metric jvm_memory_used_bytes 'id="G1 Old Gen"' 1048576)
  threads=$(metric jvm_threads_live_threads '' 1)
  conns=$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'user-service'")
  active=$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'user-service' AND state = 'active'")
  idle=$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'user-service' AND state LIKE 'idle%'")
  peak=$(sort -n "$OUT/active.txt" 2>/dev/null | tail -1)
  printf '%-7s %7s %9s %9s %11s %8s %12s %7s %6s %12s\n' "$1" "$(( $(date +%s) - START_S ))" "$rss" \
    "$heap" "$old" "$threads" "$conns/$DATABASE_POOL_SIZE" "$active" "$idle" "${peak:--}" | tee -a "$OUT/samples.txt"
  echo "$rss $heap $old $conns" >>"$OUT/samples.raw"
}

app_warm_up "$((RATE / 3))" "$WARM_S"

START_S=$(date +%s)
load_client load --base="$BASE" --management="$MANAGEMENT" --rate="$RATE" --seconds="$SOAK_S" --out="$OUT" --mix=soak \
  >"$OUT/load.log" 2>&1 &
LOAD_PID=$!
# The service's busy connections, once a second while the load runs (the pool's own metrics are
# not exported): the peak shows how close the pool came to running dry.
(while kill -0 "$LOAD_PID" 2>/dev/null; do
  sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'user-service' AND state <> 'idle'" >>"$OUT/active.txt" || true
  sleep 1
done) &
SAMPLER_PID=$!
printf '%-7s %7s %9s %9s %11s %8s %12s %7s %6s %12s\n' sample "at s" "RSS MiB" "heap MiB" \
  "old gen MiB" threads "pg conns" active idle "peak busy" | tee "$OUT/samples.txt"
sleep 5
sample start
samples=$((SOAK_S / SAMPLE_S))
for i in $(seq 1 $((samples - 1))); do
  sleep "$SAMPLE_S"
  kill -0 "$LOAD_PID" 2>/dev/null || break
  if ((i == samples / 2)); then sample middle; else sample ""; fi
done
wait "$LOAD_PID" || die "the load client failed: $(tail -5 "$OUT/load.log")"
LOAD_PID=
wait "$SAMPLER_PID" || true
sample end
cat "$OUT/load.log"

status=0
load_client report --mode=soak --out="$OUT" --base="$BASE" || status=1

echo
read -r rss0 heap0 old0 _ < <(sed -n 1p "$OUT/samples.raw")
read -r rss1 heap1 old1 _ < <(sed -n "$(( ($(wc -l <"$OUT/samples.raw") + 1) / 2 ))p" "$OUT/samples.raw")
read -r rss2 heap2 old2 _ < <(tail -1 "$OUT/samples.raw")
max_conns=$(awk 'BEGIN { m = 0 } $4 > m { m = $4 } END { print m }' "$OUT/samples.raw")
peak_busy=$(sort -n "$OUT/active.txt" | tail -1)
echo "RSS MiB start/middle/end: $rss0 / $rss1 / $rss2; heap used MiB: $heap0 / $heap1 / $heap2; old gen MiB: $old0 / $old1 / $old2"
echo "database connections of the service: at most $max_conns open, at most $peak_busy busy at once (1 s sampling; pool size $DATABASE_POOL_SIZE)"
# Stable means no steady climb in the second half: the end is within a quarter (plus slack for
# one young collection's worth of garbage) of the middle.
if ((rss2 <= rss1 * 5 / 4 + 32)); then
  echo "PASS RSS stable over the second half ($rss1 -> $rss2 MiB)"
else
  echo "FAIL RSS grew over the second half ($rss1 -> $rss2 MiB)"; status=1
fi
if [[ "$old1" == - ]] || ((old2 <= old1 * 3 / 2 + 32)); then
  echo "PASS old generation stable over the second half ($old1 -> $old2 MiB)"
else
  echo "FAIL old generation grew over the second half ($old1 -> $old2 MiB)"; status=1
fi
if ((max_conns <= DATABASE_POOL_SIZE && peak_busy < DATABASE_POOL_SIZE)) && ! awk -F, '$4 == 503 { found = 1 } END { exit !found }' "$OUT/requests.csv"; then
  echo "PASS connection pool never exhausted (at most $peak_busy of $DATABASE_POOL_SIZE connections busy, no 503)"
else
  echo "FAIL connection pool exhausted or over its size (at most $max_conns of $DATABASE_POOL_SIZE, or 503s)"; status=1
fi
echo "service log: $(grep -c ' ERROR ' "$OUT/app.log" || true) ERROR lines, $(grep -c ' WARN ' "$OUT/app.log" || true) WARN lines"
echo
[[ $status == 0 ]] && echo "soak: PASS" || echo "soak: FAIL"
exit $status
