#!/usr/bin/env bash
# Times `start` of the lean server jar from process start to /health/ready 200 (on the management
# port), as bench/run.sh's first start does, against 100,000 seeded users, with the JVM options
# README recommends. Prints each start's wall time and the CPU time (user + sys of all its
# threads, from /proc) it had used by then, of it the main thread's and the JIT compilers', and a
# summary per variant (median, min–max).
#
# Usage: bench/start.sh [VARIANT ...]   (default: bootstrap/target/user-service.jar)
# A variant is a jar, optionally followed by JVM options of its own in the same argument, and
# optionally preceded by the java to run it with (default: java on the PATH):
#   bench/start.sh /tmp/before.jar bootstrap/target/user-service.jar
#   bench/start.sh "bootstrap/target/user-service.jar -XX:SharedArchiveFile=/tmp/us.jsa"
#   bench/start.sh bootstrap/target/user-service.jar "/opt/jdk-21/bin/java bootstrap/target/user-service.jar"
# With several variants the starts alternate (A B A B …), so a slow stretch of the box hits each
# alike: an A/B of two builds or two sets of options. A relative jar is read from the repository's
# root; paths in options are best absolute (the service runs in bench/target/start/). Build first:
# ./mvnw -q -DskipTests package -pl bootstrap -am.
#
# Needs a JDK 17+, curl, openssl, psql and redis-cli, the local PostgreSQL (127.0.0.1:5432, trust,
# user postgres) and Redis (127.0.0.1:6379). Creates its own database (dropped at the end unless
# BENCH_START_KEEP_DB=1, then reused while it holds the users) and writes under Redis keys of its
# own prefix (removed at the end); logs in bench/target/start/.
#
# Environment: BENCH_START_RUNS (5) starts per variant; BENCH_START_DB (userservice_start);
# BENCH_START_REDIS_DB (14); BENCH_JAVA_OPTS adds JVM options to every start (e.g.
# -XX:SharedArchiveFile=… or -XX:StartFlightRecording=filename=bench/target/start/start.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

runs=${BENCH_START_RUNS:-5}
db=${BENCH_START_DB:-userservice_start}
redis_db=${BENCH_START_REDIS_DB:-14}
prefix="usstart$$:"
users=100000
work=$root/bench/target/start
# What README's "Running in production" recommends for a small instance (as bench/run.sh).
service_jvm=(-Xmx256m -Xmn24m -XX:+UseSerialGC -XX:MetaspaceSize=80m -XX:TrimNativeHeapInterval=5000)
variants=("$@")
[[ ${#variants[@]} -gt 0 ]] || variants=("$root/bootstrap/target/user-service.jar")
# Splits variant $1 into $java_bin, $jar and $options.
parse_variant() {
  local first=${1%% *}
  if [[ $first == */java ]]; then
    java_bin=$first
    set -- "${1#"$first" }"
  else
    java_bin=java
  fi
  jar=${1%% *}
  options=${1#"$jar"}
  [[ $jar == /* ]] || jar=$root/$jar
}
for variant in "${variants[@]}"; do
  parse_variant "$variant"
  [[ -f $jar ]] || { echo "no $jar; build first: ./mvnw -q -DskipTests package -pl bootstrap -am" >&2; exit 1; }
done
parse_variant "${variants[0]}"
first_jar=$jar

log() { printf '[start %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "$*"; exit 1; }

service_pid=
stop_service() {
  if [[ -n $service_pid ]] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  service_pid=
}
cleanup() {
  stop_service
  if [[ ${BENCH_START_KEEP_DB:-0} != 1 ]]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  redis-cli -h 127.0.0.1 -n "$redis_db" --scan --pattern "$prefix*" 2>/dev/null \
    | xargs -r -n 500 redis-cli -h 127.0.0.1 -n "$redis_db" DEL >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in java curl openssl psql redis-cli; do
  command -v $tool >/dev/null || die "$tool is required"
done
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL is not answering on 127.0.0.1:5432"
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || die "Redis is not answering on 127.0.0.1:6379"
mkdir -p "$work"

[[ -f $work/jwt-private-key.pem ]] \
  || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-private-key.pem" 2>/dev/null
[[ -f $work/secret.key ]] || (umask 077 && openssl rand -base64 32 >"$work/secret.key")
chmod 600 "$work/jwt-private-key.pem"
port=$(free_port)
management_port=$(free_port)
service_env=(
  HTTP_PORT="$port" MANAGEMENT_PORT="$management_port" PUBLIC_URL="http://127.0.0.1:$port"
  HTTP_HOST=127.0.0.1
  DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db" DATABASE_USER=postgres DATABASE_PASSWORD=
  REDIS_URL="redis://127.0.0.1:6379/$redis_db" REDIS_KEY_PREFIX="$prefix"
  SMTP_HOST=127.0.0.1 SMTP_PORT=25 FAKE_MAIL_ENABLED=false
  JWT_PRIVATE_KEY_FILE="$work/jwt-private-key.pem" SECRET_KEY_FILE="$work/secret.key"
  ADMIN_EMAIL=user100@bench.test
)

# --- the database: migrated and seeded as bench/run.sh does, unless a kept one holds the users --
seeded=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atc "SELECT count(*) FROM user_service.users" 2>/dev/null || echo 0)
if (( seeded < users )); then
  log "creating database $db and seeding $users users"
  PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null
  (cd "$work" && env "${service_env[@]}" java -jar "$first_jar" migrate) >"$work/migrate.log" 2>&1 \
    || die "migrate failed; see $work/migrate.log"
  # One Argon2id hash for every seeded user, made by the project's hasher (bench/jmh's SeedHash,
  # run from source against the jar).
  seed_hash=$(java -cp "$first_jar" "$root/bench/jmh/src/main/java/dev/userservice/bench/SeedHash.java" \
    bench-password-1 19456 2 1)
  seed_users "$db" "$seed_hash"
fi

# --- the starts ---------------------------------------------------------------------------------
ticks=$(getconf CLK_TCK)
# Starts variant $1 and waits for readiness; sets $wall_ms and $cpu_ms (user + sys of the JVM's
# threads when it answered), leaves it running. Fails when the service stops or is not ready
# within 60 s (an overloaded box can make a start fail: the Redis handshake has a bound).
start_service() {
  local start stat
  parse_variant "$1"
  # Ports of its own each time: another process may have taken the last start's meanwhile.
  port=$(free_port)
  management_port=$(free_port)
  service_env[0]=HTTP_PORT=$port service_env[1]=MANAGEMENT_PORT=$management_port
  service_env[2]=PUBLIC_URL=http://127.0.0.1:$port
  start=$(now_ms)
  # shellcheck disable=SC2086 # the options are words
  (cd "$work" && exec env "${service_env[@]}" "$java_bin" "${service_jvm[@]}" ${BENCH_JAVA_OPTS:-} $options -jar "$jar" start) \
    >>"$work/service.log" 2>&1 &
  service_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$management_port/health/ready"; do
    if ! kill -0 "$service_pid" 2>/dev/null || (( $(now_ms) - start >= 60000 )); then
      return 1
    fi
    sleep 0.02
  done
  wall_ms=$(( $(now_ms) - start ))
  # Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime and stime, in ticks;
  # the process's own counts all its threads, those that ended too. Per thread (task): the main
  # thread's (named java) and the JIT compiler threads'.
  stat=$(sed 's/.*) //' "/proc/$service_pid/stat")
  cpu_ms=$(awk -v t="$ticks" '{ printf "%d", ($12 + $13) * 1000 / t }' <<<"$stat")
  read -r main_ms jit_ms < <(for task in /proc/"$service_pid"/task/*/stat; do cat "$task"; done 2>/dev/null \
    | awk -v t="$ticks" -F') ' '{ split($1, a, "("); split($2, f, " ");
        ms = (f[12] + f[13]) * 1000 / t
        if (a[2] == "java") main += ms; else if (a[2] ~ /^C[12] CompilerThre/) jit += ms }
      END { printf "%d %d\n", main, jit }')
}

: >"$work/service.log"
: >"$work/starts.tsv"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $runs starts per variant, alternating"
for run in $(seq 1 "$runs"); do
  for i in "${!variants[@]}"; do
    if ! start_service "${variants[$i]}"; then
      stop_service
      log "${variants[$i]} #$run: FAILED to become ready (see $work/service.log); not counted"
      continue
    fi
    stop_service
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$run" "$wall_ms" "$cpu_ms" "$main_ms" "$jit_ms" \
      >>"$work/starts.tsv"
    log "${variants[$i]} #$run: ready ${wall_ms} ms, CPU ${cpu_ms} ms (main thread ${main_ms}, JIT ${jit_ms})"
  done
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Median, min and max per variant.
for i in "${!variants[@]}"; do
  awk -F'\t' -v j="$i" '$1 == j' "$work/starts.tsv" | awk -F'\t' -v name="${variants[$i]}" '
    function median(column,   n, k, v, line) {
      n = 0
      for (k = 1; k <= NR; k++) v[++n] = row[k, column]
      asort(v)
      line = sprintf("%d ms (%d–%d)", v[int((n + 1) / 2)], v[1], v[n])
      return line
    }
    { for (c = 3; c <= 6; c++) row[NR, c] = $c }
    END {
      if (NR == 0) { printf "%s: no start became ready\n", name; exit }
      printf "%s: %d starts; median (min–max): ready %s; CPU %s; main thread %s; JIT %s\n", name, NR,
        median(3), median(4), median(5), median(6)
    }'
done
