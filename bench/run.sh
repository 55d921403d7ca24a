#!/usr/bin/env bash
# Benchmarks user-service in `start` mode against this machine's own ceilings and prints one
# table (Markdown). Loopback only, under 10 minutes, stops everything it started and removes what
# it created (its database, its Redis keys); logs stay in bench/target/run/.
#
# Needs a JDK 17+, curl, openssl, psql and redis-cli, the local PostgreSQL (127.0.0.1:5432, trust,
# user postgres) and Redis (127.0.0.1:6379); installs wrk with apt-get when it is missing.
#
# Steps: build (with -Pbench); the JMH token sign/verify ceiling (all cores); a fresh database
# migrated and seeded with 100,000 users in one INSERT; an SMTP sink for the letters; the service
# started with the JVM options README recommends (time to /health/ready 200 on the management
# port); a warm-up (rounds of login, refresh, /users/me, the admin list and registration, so the
# JIT has compiled the hot paths); wrk on login and on registration, each between two runs of its
# JMH Argon2id ceiling (verify, hash) at the service's parameters, with Bouncy Castle's (the
# fallback) measured between the rows; wrk on refresh (rotation); wrk
# on /users/me, /health/live (the management listener's HTTP stack alone) and an admin deep page
# between two runs of the JDK HttpServer hello ceiling (the ceilings run while the service idles); the fixed-rate p99 at half
# each non-hashing endpoint's peak; RSS and how many letters were sent; then start-dev cold and
# warm (bench/start-dev.sh).
#
# Environment: BENCH_SECONDS (10) per measured wrk run, BENCH_WARMUP (8) seconds before it,
# BENCH_WARMUP_ROUNDS (6, about 40 s each) of the warm-up,
# BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_JWT_ALG (RS256: the service's key is RSA 2048;
# ES256: EC P-256; the JMH token ceiling and the refresh row measure that algorithm),
# MVN (./mvnw), ARGON2_MEMORY_KIB / ARGON2_ITERATIONS /
# ARGON2_PARALLELISM (the service's defaults); to iterate on one part: BENCH_SKIP_BUILD=1,
# BENCH_SKIP_CEILINGS=1, BENCH_SKIP_START_DEV=1; BENCH_JAVA_OPTS adds JVM options to the service
# (e.g. -XX:StartFlightRecording=filename=bench/target/run/service.jfr, but not on JDK 17: there
# a recording beside the class-data archive this script records crashes the JVM, so profile with
# a later JDK on the PATH, or start the jar yourself with -Xshare:off).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

seconds=${BENCH_SECONDS:-10}
# After a hashing row (login, registration) the next row needs several seconds to get back to its
# steady state (GET /users/me: 6,900 req/s in the first 8 s after registration, 10,000 after), so
# each row's own warm-up is longer than that.
warmup=${BENCH_WARMUP:-8}
warmup_rounds=${BENCH_WARMUP_ROUNDS:-6}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
argon_m=${ARGON2_MEMORY_KIB:-19456} argon_t=${ARGON2_ITERATIONS:-2} argon_p=${ARGON2_PARALLELISM:-1}
users=100000
password='bench-password-1'
db=userservice_bench
redis_db=14
prefix="usbench$$:"
work=$root/bench/target/run
# What README's "Running in production" recommends for a small instance.
service_jvm=(-Xmx256m -Xmn24m -XX:+UseSerialGC -XX:MetaspaceSize=80m -XX:TrimNativeHeapInterval=5000)
jar=$root/bootstrap/target/user-service.jar   # the lean server jar (start, migrate)
tools=$root/bench/jmh/target/benchmarks.jar

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "$*"; exit 1; }

# The service signs with whatever its key is: the algorithm is chosen by the key written below.
jwt_alg=${BENCH_JWT_ALG:-RS256}
case $jwt_alg in
  RS256) jwt_key=(-algorithm RSA -pkeyopt rsa_keygen_bits:2048) jwt_label='RS256 (2048-bit)' ;;
  ES256) jwt_key=(-algorithm EC -pkeyopt ec_paramgen_curve:P-256) jwt_label='ES256 (P-256)' ;;
  *) die "BENCH_JWT_ALG must be RS256 or ES256, not '$jwt_alg'" ;;
esac

pids=()
created_db=
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ -n $created_db ]]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  redis-cli -h 127.0.0.1 -n $redis_db --scan --pattern "$prefix*" 2>/dev/null \
    | xargs -r -n 500 redis-cli -h 127.0.0.1 -n $redis_db DEL >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until $1 answers 200 (at most $3 s) while process $2 lives; prints the time it took.
wait_ready() {
  local url=$1 pid=$2 limit=$3 start
  start=$(now_ms)
  while ! curl -sf -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || return 1
    (( $(now_ms) - start < limit * 1000 )) || return 1
    sleep 0.02
  done
}


# wrk with the common settings; prints the RESULT line.
run_wrk() {
  local script=$1 url=$2 duration=$3
  BENCH_WRK=$root/bench/wrk BENCH_DATA=$work BENCH_THREADS=$threads \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$root/bench/wrk/$script" "$url" \
    | tee -a "$work/wrk.log" | grep '^RESULT' || die "wrk $script printed no result (see $work/wrk.log)"
}

# ---------------------------------------------------------------------------------------------
for tool in java curl openssl psql redis-cli; do
  command -v $tool >/dev/null || die "$tool is required"
done
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL is not answering on 127.0.0.1:5432"
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || die "Redis is not answering on 127.0.0.1:6379"

rm -rf "$work"
mkdir -p "$work"
began=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  log "building (mvn -Pbench package)"
  ${MVN:-./mvnw} -B -q -DskipTests -Pbench package >"$work/build.log" 2>&1 \
    || die "build failed; see $work/build.log"
fi
[[ -f $jar && -f $tools ]] || die "missing $jar or $tools"

# --- ceilings: JMH and hello ------------------------------------------------------------------
# $1: the benchmark, $2: its CSV.
jmh() { awk -F, -v b="\"dev.userservice.bench.$1\"" '$1 == b { printf "%.0f", $5 }' "$work/$2"; }
# The Argon2id rates into $work/$1, of $2 (hash, verify, or both when empty), by $3 (native, the
# default, or java: Bouncy Castle), shorter than the annotations' runs (~11 s each).
argon2_ceilings() {
  java -jar "$tools" "Argon2Benchmark${2:+.$2}" -wi 1 -w 4 -i 2 -r 3 -p memoryKib="$argon_m" \
    -p iterations="$argon_t" -p parallelism="$argon_p" -p implementation="${3:-native}" \
    -rf csv -rff "$work/$1" >>"$work/jmh.log" 2>&1 || die "JMH failed; see $work/jmh.log"
}
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (a + b) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }'; }
# The service is warm by now: 4 s bring the fixed-rate connections up to speed.
fixed() {
  java -cp "$tools" dev.userservice.bench.FixedRateLoad --port "$1" --seconds "$seconds" \
    --warmup 4 --connections 16 --rate "$2" "${@:3}" 2>>"$work/fixed-rate.log" | tee -a "$work/fixed-rate.log"
}
hash_ceiling=0 verify_ceiling=0 sign_ceiling=0 jwt_verify_ceiling=0 jwt_remembered=0 hello_rps=0
hello='RESULT rps=0' hello_again='RESULT rps=0'
if [[ ${BENCH_SKIP_CEILINGS:-0} != 1 ]]; then
  log "JMH: $jwt_alg, all cores"
  java -jar "$tools" JwtBenchmark -p algorithm="$jwt_alg" -rf csv -rff "$work/jmh-jwt.csv" \
    >>"$work/jmh.log" 2>&1 \
    || die "JMH failed; see $work/jmh.log"
  sign_ceiling=$(jmh JwtBenchmark.sign jmh-jwt.csv)
  jwt_verify_ceiling=$(jmh JwtBenchmark.verifyFirstSight jmh-jwt.csv)
  jwt_remembered=$(jmh JwtBenchmark.verifyRemembered jmh-jwt.csv)
fi
# The HTTP ceiling: wrk on HelloServer, its RESULT line into the variable named $1.
measure_hello() {
  local hello_port hello_pid result
  hello_port=$(free_port)
  java -Xmx256m -cp "$tools" dev.userservice.bench.HelloServer "$hello_port" >>"$work/hello.log" 2>&1 &
  hello_pid=$!
  pids+=("$hello_pid")
  wait_ready "http://127.0.0.1:$hello_port/hello" "$hello_pid" 30 || die "hello server did not start"
  run_wrk hello.lua "http://127.0.0.1:$hello_port/hello" "$warmup" >/dev/null
  result=$(run_wrk hello.lua "http://127.0.0.1:$hello_port/hello" "$seconds")
  kill "$hello_pid"
  wait "$hello_pid" 2>/dev/null || true
  printf -v "$1" '%s' "$result"
}

# --- database, seed, key ---------------------------------------------------------------------
log "creating database $db and seeding $users users"
PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null
created_db=1
openssl genpkey "${jwt_key[@]}" -out "$work/jwt-private-key.pem" 2>/dev/null
(umask 077 && openssl rand -base64 32 >"$work/secret.key")
port=$(free_port)
management_port=$(free_port)
smtp_port=$(free_port)
# The letters go to a sink in its own JVM, as they would go to a relay, not to the fake mail
# server inside the service: that one parses every letter into a mailbox, work (and JIT
# compilation) a deployment's service does not do.
java -Xmx64m -cp "$tools" dev.userservice.bench.SmtpSink "$smtp_port" >"$work/smtp-sink.log" 2>&1 &
sink_pid=$!
pids+=("$sink_pid")
for _ in $(seq 1 150); do
  grep -q '^SMTP sink on' "$work/smtp-sink.log" && break
  kill -0 "$sink_pid" 2>/dev/null || die "the SMTP sink did not start; see $work/smtp-sink.log"
  sleep 0.2
done
grep -q '^SMTP sink on' "$work/smtp-sink.log" || die "the SMTP sink did not start; see $work/smtp-sink.log"
service_env=(
  HTTP_HOST=127.0.0.1 HTTP_PORT="$port" MANAGEMENT_PORT="$management_port"
  DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db" DATABASE_USER=postgres DATABASE_PASSWORD=
  REDIS_URL="redis://127.0.0.1:6379/$redis_db" REDIS_KEY_PREFIX="$prefix"
  SMTP_HOST=127.0.0.1 SMTP_PORT="$smtp_port" FAKE_MAIL_ENABLED=false
  JWT_PRIVATE_KEY_FILE="$work/jwt-private-key.pem" SECRET_KEY_FILE="$work/secret.key"
  ADMIN_EMAIL=user100@bench.test
  ARGON2_MEMORY_KIB="$argon_m" ARGON2_ITERATIONS="$argon_t" ARGON2_PARALLELISM="$argon_p"
  RATE_LIMIT_PER_ADDRESS=1000000 LOGIN_FAILURES_PER_ACCOUNT=1000
)
# The working directory is $work, so a developer's .env is not read.
(cd "$work" && env "${service_env[@]}" java -jar "$jar" migrate) >"$work/migrate.log" 2>&1 \
  || die "migrate failed; see $work/migrate.log"
seed_hash=$(java -cp "$tools" dev.userservice.bench.SeedHash "$password" "$argon_m" "$argon_t" "$argon_p")
seed_start=$(now_ms)
seed_users "$db" "$seed_hash"
seed_ms=$(( $(now_ms) - seed_start ))

# A real cursor ~90% down the newest-first order: "<epoch second>:<nanos>:<id>", base64url.
raw_cursor=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atc "
  SELECT floor(extract(epoch FROM created_at))::bigint || ':'
         || (extract(microseconds FROM created_at)::bigint % 1000000) * 1000 || ':' || id
  FROM user_service.users ORDER BY created_at DESC, id DESC OFFSET 90000 LIMIT 1")
cursor=$(printf '%s' "$raw_cursor" | base64 -w0 | tr '+/' '-_' | tr -d '=')
list_path="/users?role=USER&email_verified=true&limit=20&cursor=$cursor"

# --- the service -----------------------------------------------------------------------------
base="http://127.0.0.1:$port"
management="http://127.0.0.1:$management_port"
# Starts the service with "$@" added to its JVM options; sets $service_pid and $elapsed_ms.
start_service() {
  local start
  start=$(now_ms)
  (cd "$work" && exec env "${service_env[@]}" java "${service_jvm[@]}" "$@" ${BENCH_JAVA_OPTS:-} -jar "$jar" start) >>"$work/service.log" 2>&1 &
  service_pid=$!
  pids+=("$service_pid")
  wait_ready "$management/health/ready" "$service_pid" 60 || die "the service did not become ready; see $work/service.log"
  elapsed_ms=$(( $(now_ms) - start ))
}
# The first start also records which classes start-up loads into a class-data archive (README,
# "Running in production"); the service under load then starts from it.
log "starting the service (start, ${service_jvm[*]})"
start_service -XX:ArchiveClassesAtExit="$work/user-service.jsa"
startup_ms=$elapsed_ms
kill "$service_pid"
wait "$service_pid" 2>/dev/null || true
[[ -f $work/user-service.jsa ]] || die "no class-data archive was written; see $work/service.log"
log "ready in ${startup_ms} ms; again, from the class-data archive"
start_service -XX:SharedArchiveFile="$work/user-service.jsa" -Xlog:gc:file="$work/gc.log"
cds_startup_ms=$elapsed_ms
log "ready in ${cds_startup_ms} ms"

login_json() {
  curl -sf -XPOST "$base/security/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$password\"}"
}
json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }
# When a wrk run ends, the requests it abandoned are still being hashed; the next row would find
# the bounded hash queue full and be answered 503 busy (load shedding, as designed). A login
# waits at the end of that queue, so one that gets through shows the backlog is gone.
hashes_settled() {
  local tries=0
  until login_json user99@bench.test >/dev/null; do
    (( ++tries < 120 )) || die "the password-hash queue did not drain"
    sleep 0.5
  done
}
login_json user100@bench.test | json_field access_token >"$work/admin-token.txt"
[[ -s $work/admin-token.txt ]] || die "the seeded administrator cannot log in"

export BENCH_USERS=$users BENCH_PASSWORD=$password BENCH_NONCE=$$-$(date +%s) BENCH_LIST_PATH=$list_path

# On two cores the JIT needs a few minutes of traffic before a fresh JVM reaches its steady
# state (/users/me climbs from ~5,000 to ~16,000 req/s meanwhile; the admin list levelled off in
# the fourth round in one run and was still climbing there in another), and the endpoints share
# most of their code. The rows measure the steady state a long-running service lives in, so every
# endpoint is exercised in turn first, 8 s each; login supplies the sessions the rest use. The
# hashing endpoints get as long as the others although they serve a hundredth of the requests:
# at 30 registrations a second, C2 was still compiling the registration path (a tenth of the
# CPU, taken from the hashes) after 30 s of it.
log "warm-up: $warmup_rounds rounds of login, refresh, /users/me, the admin list and registration"
for round in $(seq 1 "$warmup_rounds"); do
  BENCH_RUN=warmup$round run_wrk login.lua "$base" 8 >/dev/null
  hashes_settled
  cut -d' ' -f2 "$work/sessions-warmup$round.txt" | sed -n "1,$(( 2 * connections ))p" >"$work/refresh-warmup.txt"
  (( $(wc -l <"$work/refresh-warmup.txt") == 2 * connections )) || die "warm-up: too few logins"
  cut -d' ' -f1 "$work/sessions-warmup$round.txt" | tail -n 16 >"$work/access-tokens.txt"
  BENCH_SESSIONS=refresh-warmup.txt run_wrk refresh.lua "$base" 8 >/dev/null
  run_wrk me.lua "$base" 8 >/dev/null
  run_wrk list.lua "$base" 8 >/dev/null
  BENCH_RUN=warmup$round run_wrk register.lua "$base" 8 >/dev/null
  hashes_settled
done

# This box's speed drifts within minutes (two Argon2 runs a minute apart: 52 and 63 hashes/s;
# six 2 s RSA runs: 1,434 to 2,538 signatures/s), so each hashing row runs between two
# measurements of its own ceiling, with the service idle, and is compared with their mean: verify
# just before login and just after it, hash just before registration and just after it (the
# middle run measures both).
if [[ ${BENCH_SKIP_CEILINGS:-0} != 1 ]]; then
  log "JMH: Argon2id verify (m=$argon_m, t=$argon_t, p=$argon_p), all cores, the service idle"
  argon2_ceilings jmh-argon2-before-login.csv verify
fi

log "login"
BENCH_RUN=warm run_wrk login.lua "$base" "$warmup" >/dev/null
hashes_settled
login=$(BENCH_RUN=measured run_wrk login.lua "$base" "$seconds")
hashes_settled

if [[ ${BENCH_SKIP_CEILINGS:-0} != 1 ]]; then
  log "JMH: Argon2id verify and hash, native, then Bouncy Castle's pure Java (the fallback)"
  argon2_ceilings jmh-argon2-between.csv
  argon2_ceilings jmh-argon2-java.csv '' java
fi

log "POST /users (registration)"
BENCH_RUN=warm run_wrk register.lua "$base" "$warmup" >/dev/null
hashes_settled
register=$(BENCH_RUN=measured run_wrk register.lua "$base" "$seconds")
hashes_settled

hash_before=0 hash_after=0 verify_before=0 verify_after=0 java_hash=0 java_verify=0
if [[ ${BENCH_SKIP_CEILINGS:-0} != 1 ]]; then
  log "JMH: Argon2id hash"
  argon2_ceilings jmh-argon2-after-registration.csv hash
  verify_before=$(jmh Argon2Benchmark.verify jmh-argon2-before-login.csv)
  verify_after=$(jmh Argon2Benchmark.verify jmh-argon2-between.csv)
  hash_before=$(jmh Argon2Benchmark.hash jmh-argon2-between.csv)
  hash_after=$(jmh Argon2Benchmark.hash jmh-argon2-after-registration.csv)
  hash_ceiling=$(mean "$hash_before" "$hash_after")
  verify_ceiling=$(mean "$verify_before" "$verify_after")
  java_verify=$(jmh Argon2Benchmark.verify jmh-argon2-java.csv)
  java_hash=$(jmh Argon2Benchmark.hash jmh-argon2-java.csv)
fi
cat "$work/sessions-warm.txt" "$work/sessions-measured.txt" >"$work/sessions.txt"
# Every session is fresh: 2 pools of 2 per connection for wrk (warm-up, measured), 16 for the
# fixed-rate run; the first 16 access tokens authenticate /users/me.
need=$(( 4 * connections + 16 ))
for _ in $(seq 1 "$need"); do
  (( $(wc -l <"$work/sessions.txt") < need )) || break
  { login_json "user$(( RANDOM % 99 + 1 ))@bench.test"; echo; } \
    | sed -n 's/.*"access_token":"\([^"]*\)".*"refresh_token":"\([^"]*\)".*/\1 \2/p' >>"$work/sessions.txt"
done
(( $(wc -l <"$work/sessions.txt") >= need )) || die "could not log in $need sessions"
cut -d' ' -f2 "$work/sessions.txt" | sed -n "1,$(( 2 * connections ))p" >"$work/refresh-warm.txt"
cut -d' ' -f2 "$work/sessions.txt" | sed -n "$(( 2 * connections + 1 )),$(( 4 * connections ))p" >"$work/refresh-measured.txt"
cut -d' ' -f2 "$work/sessions.txt" | sed -n "$(( 4 * connections + 1 )),$(( 4 * connections + 16 ))p" >"$work/refresh-fixed.txt"
cut -d' ' -f1 "$work/sessions.txt" | tail -n 16 >"$work/access-tokens.txt"

log "refresh (rotation)"
BENCH_SESSIONS=refresh-warm.txt run_wrk refresh.lua "$base" "$warmup" >/dev/null
refresh=$(BENCH_SESSIONS=refresh-measured.txt run_wrk refresh.lua "$base" "$seconds")

# Like the hashing rows, the rows compared with hello run between two measurements of it.
if [[ ${BENCH_SKIP_CEILINGS:-0} != 1 ]]; then
  log "hello ceiling (wrk -t$threads -c$connections), the service idle"
  measure_hello hello
fi

log "GET /users/me"
run_wrk me.lua "$base" "$warmup" >/dev/null
me=$(run_wrk me.lua "$base" "$seconds")

log "GET /health/live (the management listener's HTTP stack alone)"
run_wrk live.lua "$management/health/live" "$warmup" >/dev/null
live=$(run_wrk live.lua "$management/health/live" "$seconds")

log "GET /users (admin, deep page, filtered)"
run_wrk list.lua "$base" "$warmup" >/dev/null
list=$(run_wrk list.lua "$base" "$seconds")

if [[ ${BENCH_SKIP_CEILINGS:-0} != 1 ]]; then
  log "hello ceiling again"
  measure_hello hello_again
  hello_rps=$(mean "$(field rps "$hello")" "$(field rps "$hello_again")")
fi

# --- p99 at half the peak rate (open model, latency from the scheduled send time) --------------
half() { awk -v r="$(field rps "$1")" 'BEGIN { printf "%.0f", r / 2 }'; }
log "fixed rate at half peak: /users/me, admin list, refresh"
me_half=$(fixed "$port" "$(half "$me")" --path /users/me \
  --header "Authorization: Bearer $(head -1 "$work/access-tokens.txt")")
list_half=$(fixed "$port" "$(half "$list")" --path "$list_path" \
  --header "Authorization: Bearer $(cat "$work/admin-token.txt")")
refresh_half=$(fixed "$port" "$(half "$refresh")" --refresh-tokens "$work/refresh-fixed.txt")

rss_kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$service_pid/status")
# Every registration queued a letter; by now the worker has had a minute to send the last ones.
letters=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atc \
  "SELECT count(*) FILTER (WHERE status = 'sent') || ' of ' || count(*) FROM user_service.mail_outbox")
if [[ ${BENCH_JAVA_OPTS:-} == *NativeMemoryTracking* ]]; then
  jcmd "$service_pid" VM.native_memory summary >"$work/native-memory.txt" 2>&1 || true
fi
kill "$service_pid"
wait "$service_pid" 2>/dev/null || true
grep -q ' ERROR ' "$work/service.log" && log "the service logged errors; see $work/service.log"
kill "$sink_pid"
wait "$sink_pid" 2>/dev/null || true
sink_letters=$(sed -n 's/^letters accepted: //p' "$work/smtp-sink.log")

# --- start-dev ---------------------------------------------------------------------------------
dev_cold= dev_warm=
if [[ ${BENCH_SKIP_START_DEV:-0} != 1 ]]; then
  log "start-dev cold and warm"
  dev=$("$root/bench/start-dev.sh" "$work/dev-data" 2>>"$work/start-dev.log")
  dev_cold=$(field cold_ms "$dev")
  dev_warm=$(field warm_ms "$dev")
fi

# --- the table -------------------------------------------------------------------------------
ms() { [[ -n $1 ]] && printf '%s ms' "$1" || printf '–'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else printf "–" }'; }
row() { # name result ceiling-label ceiling-value half-result target
  local r=$2
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(printf '%.0f' "$(field rps "$r")")" \
    "$(ms "$(field p50_ms "$r")")" "$(ms "$(field p99_ms "$r")")" \
    "$(if [[ -n $5 ]]; then ms "$(field p99_ms "$5")"; else printf '–'; fi)" \
    "$(field errors "$r")$(if [[ -n $5 ]]; then printf ' / %s' "$(field errors "$5")"; fi)" \
    "$3 $4/s" "$(pct "$(field rps "$r")" "$4")" "$6"
}
{
  echo
  echo "| endpoint | req/s | p50 | p99 | p99 at ½ peak | errors | ceiling | ratio | target |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row 'GET /hello (JDK HttpServer, the first run)' "$hello" 'itself' "$(printf '%.0f' "$(field rps "$hello")")" '' ''
  row 'GET /health/live (management port; no database, no Redis)' "$live" 'hello' "$(printf '%.0f' "$hello_rps")" '' ''
  row 'GET /users/me' "$me" 'hello' "$(printf '%.0f' "$hello_rps")" "$me_half" '≥ 25 %, p99 ½ < 20 ms'
  row 'GET /users (admin, deep page, filter)' "$list" 'hello' "$(printf '%.0f' "$hello_rps")" "$list_half" '≥ 10 %, p99 ½ < 20 ms'
  row 'POST /security/refresh (rotation)' "$refresh" "$jwt_alg sign" "$sign_ceiling" "$refresh_half" '≥ 1,000 req/s, p99 ½ < 20 ms'
  row 'POST /security/login' "$login" 'Argon2id verify' "$verify_ceiling" '' '≥ 80 %'
  row 'POST /users (registration)' "$register" 'Argon2id hash' "$hash_ceiling" '' '≥ 80 %'
  echo
  echo "- \`start\` ready (process start to \`/health/ready\` 200, 100k users): ${startup_ms} ms (target < 3 s);" \
    "from a class-data archive (\`-XX:SharedArchiveFile\`, recorded by that first start): ${cds_startup_ms} ms"
  if [[ -n $dev_cold ]]; then
    echo "- \`start-dev\` ready: cold (fresh data dir) ${dev_cold} ms (target < 15 s), warm ${dev_warm} ms (target < 5 s)"
  fi
  echo "- Letters: ${letters} queued were sent by the end; the SMTP sink (bench/jmh SmtpSink, its own JVM)" \
    "accepted ${sink_letters:-?}."
  echo "- RSS after the run (VmRSS): $(( rss_kib / 1024 )) MiB (target < 300 MiB); the service ran with \`${service_jvm[*]}\`"
  echo "- Ceilings, same run: JDK HttpServer hello $(printf '%.0f' "$hello_rps") req/s (wrk as above; the mean of" \
    "a run just before /users/me, $(printf '%.0f' "$(field rps "$hello")"), and one just after the admin list," \
    "$(printf '%.0f' "$(field rps "$hello_again")"));" \
    "JMH, $(nproc) threads: Argon2id (m=$argon_m KiB, t=$argon_t, p=$argon_p) verify ${verify_ceiling}/s" \
    "(the mean of a run just before the login row, ${verify_before}/s, and one just after it, ${verify_after}/s)," \
    "hash ${hash_ceiling}/s (just before the registration row ${hash_before}/s, just after it ${hash_after}/s)," \
    "Bouncy Castle's pure Java between the two rows verify ${java_verify}/s (native $(ratio "$verify_after" "$java_verify")×)," \
    "hash ${java_hash}/s (native $(ratio "$hash_before" "$java_hash")×);" \
    "$jwt_label sign ${sign_ceiling}/s, verify ${jwt_verify_ceiling}/s" \
    "(a token seen before: ${jwt_remembered}/s)."
  echo "- wrk -t$threads -c$connections, ${warmup} s warm-up then ${seconds} s per row; p50/p99 from wrk at" \
    "that (closed-loop) peak. \"p99 at ½ peak\": bench/jmh FixedRateLoad, 16 connections at half the" \
    "row's req/s for ${seconds} s after 4 s of warm-up, latency from each request's scheduled send time (no coordinated omission)."
  echo "- errors: non-2xx + socket errors (wrk / fixed-rate). Throttles raised for the run:" \
    "RATE_LIMIT_PER_ADDRESS=1000000, LOGIN_FAILURES_PER_ACCOUNT=1000 (all traffic comes from 127.0.0.1)."
  echo "- $(machine); load average before: $load_before;" \
    "$users users seeded in ${seed_ms} ms; whole run $(( $(date +%s) - began )) s."
} | tee "$work/table.md"
