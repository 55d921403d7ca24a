# Helpers shared by scripts/faults.sh and scripts/soak.sh (source it; needs bash 4+).
#
# Runs the real service (the fat jar, `start` mode) on loopback against a private PostgreSQL
# cluster, a private Redis and the standalone fake SMTP server, each on a free port, all under one
# temporary directory. Never touches the machine's shared PostgreSQL or Redis. Every process is
# started here, remembered by its pid and stopped by that pid in `services_cleanup`.
#
# After `services_init`: ROOT, OUT (results), WORK (temporary), BASE (service URL), MANAGEMENT
# (its management listener: health, metrics), the ports,
# and the functions pg_* / redis_* / mail_* / receiver_* / app_* below.

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
APP_JAR=
MAIL_JAR=
APP_PID=
REDIS_PID=
MAIL_PID=
RECEIVER_PID=
LOAD_PID=
SAMPLER_PID=
PG_STARTED=

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "FAIL: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# PostgreSQL refuses to run as root: as root, run its tools as the `postgres` OS user.
as_pg_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "${PG_OS_USER:-postgres}" -- "$@"
  else
    "$@"
  fi
}

services_build() {
  APP_JAR=$ROOT/bootstrap/target/user-service.jar
  MAIL_JAR=$ROOT/fake-mail/target/fake-mail.jar
  if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$APP_JAR" || ! -f "$MAIL_JAR" ]]; then
    log "building the jars (./mvnw -B -q -DskipTests package ${MVN_ARGS:-})"
    # shellcheck disable=SC2086
    (cd "$ROOT" && ./mvnw -B -q ${MVN_ARGS:-} -DskipTests package)
  fi
  [[ -f "$APP_JAR" && -f "$MAIL_JAR" ]] || die "the jars were not built"
}

services_init() {
  local name=$1
  for tool in java javac curl psql redis-server redis-cli python3 openssl "$PG_BIN/initdb" "$PG_BIN/pg_ctl"; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
  done
  OUT=${OUT:-$ROOT/target/$name}
  rm -rf "$OUT"
  mkdir -p "$OUT"
  WORK=$(mktemp -d "/tmp/user-service-$name.XXXXXX")
  chmod 755 "$WORK"
  trap services_cleanup EXIT
  trap 'exit 130' INT TERM
  PG_PORT=$(free_port)
  REDIS_PORT=$(free_port)
  SMTP_PORT=$(free_port)
  MAIL_HTTP_PORT=$(free_port)
  HTTP_PORT=$(free_port)
  MANAGEMENT_PORT=$(free_port)
  WEBHOOK_PORT=$(free_port)
  BASE=http://127.0.0.1:$HTTP_PORT
  MANAGEMENT=http://127.0.0.1:$MANAGEMENT_PORT
  MAIL_BASE=http://127.0.0.1:$MAIL_HTTP_PORT
  mkdir -p "$WORK/classes" "$WORK/app" "$WORK/redis"
  javac -d "$WORK/classes" "$ROOT/scripts/load/LoadClient.java"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt-private-key.pem" 2>/dev/null
  (umask 077 && openssl rand -base64 32 >"$WORK/secret.key")
}

load_client() { java -cp "$WORK/classes" LoadClient "$@"; }

# A freshly started JVM hashes slowly until the JIT has compiled Argon2: a short run at a low
# rate first, kept apart from the measured one (in $OUT/warm-up). $1: requests/s, $2: seconds.
app_warm_up() {
  log "warm-up: $1 requests/s for $2 s (not counted)"
  load_client load --base="$BASE" --rate="$1" --seconds="$2" --out="$OUT/warm-up" --mix=soak \
    >"$OUT/warm-up.log" 2>&1 || die "the warm-up failed: $(tail -5 "$OUT/warm-up.log")"
}

# --- PostgreSQL: a private cluster in $WORK/pg ----------------------------------------------

pg_init() {
  mkdir -p "$WORK/pg"
  [[ $(id -u) -eq 0 ]] && chown "${PG_OS_USER:-postgres}" "$WORK/pg"
  as_pg_user "$PG_BIN/initdb" -D "$WORK/pg/data" -A trust -U postgres -E UTF8 >"$WORK/pg/initdb.log" 2>&1 \
    || { cat "$WORK/pg/initdb.log" >&2; die "initdb failed"; }
  pg_start
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE users" postgres >/dev/null
}

pg_start() {
  as_pg_user "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=60" start >/dev/null \
    || { tail -20 "$WORK/pg/server.log" >&2; die "PostgreSQL did not start"; }
  PG_STARTED=1
}

# $1: fast (disconnect clients, clean shutdown) or immediate (like a crash; recovery at start).
pg_stop() {
  as_pg_user "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m "${1:-fast}" -w -t 60 stop >/dev/null
  PG_STARTED=
}

# The service's tables are in its schema (DATABASE_SCHEMA, user_service).
sql() { PGOPTIONS="-c search_path=user_service" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d users -Atc "$1"; }

# --- Redis: private, AOF on, so a stop and start keeps the sessions -------------------------

redis_start() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly yes \
    --appendfsync everysec --dir "$WORK/redis" --logfile "$WORK/redis/server.log" \
    --daemonize no &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "Redis did not start"
}

redis_stop() {
  kill -TERM "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=
}

# --- The standalone fake SMTP server; its log records every letter it receives --------------

mail_start() {
  local logfile=$1
  java -jar "$MAIL_JAR" --host=127.0.0.1 --smtp-port="$SMTP_PORT" --http-port="$MAIL_HTTP_PORT" \
    --capacity=1000000 >"$logfile" 2>&1 &
  MAIL_PID=$!
  for _ in $(seq 1 200); do
    grep -q 'Fake mail ready' "$logfile" && return 0
    kill -0 "$MAIL_PID" 2>/dev/null || { cat "$logfile" >&2; die "the fake mail server exited"; }
    sleep 0.1
  done
  die "the fake mail server did not start"
}

mail_stop() {
  kill -TERM "$MAIL_PID" 2>/dev/null || true
  wait "$MAIL_PID" 2>/dev/null || true
  MAIL_PID=
}

# --- A webhook receiver on loopback (scripts/lib/webhook_receiver.py) ---------------------------

# $1: the file holding the endpoint's signing secret, $2: the log the verified webhook-ids are
# appended to, $3: the receiver's own output.
receiver_start() {
  python3 "$ROOT/scripts/lib/webhook_receiver.py" "$WEBHOOK_PORT" "$1" "$2" >"$3" 2>&1 &
  RECEIVER_PID=$!
  for _ in $(seq 1 100); do
    grep -q 'webhook receiver ready' "$3" && return 0
    kill -0 "$RECEIVER_PID" 2>/dev/null || { cat "$3" >&2; die "the webhook receiver exited"; }
    sleep 0.1
  done
  die "the webhook receiver did not start"
}

receiver_stop() {
  kill -TERM "$RECEIVER_PID" 2>/dev/null || true
  wait "$RECEIVER_PID" 2>/dev/null || true
  RECEIVER_PID=
}

# --- The service itself: the lean server jar's `start`, nothing inherited but PATH ------------

app_start() {
  (cd "$WORK/app" && exec env -i PATH="$PATH" HOME="$HOME" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
    HTTP_HOST=127.0.0.1 HTTP_PORT="$HTTP_PORT" MANAGEMENT_PORT="$MANAGEMENT_PORT" \
    DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/users" DATABASE_USER=postgres \
    DATABASE_POOL_SIZE="${DATABASE_POOL_SIZE:-10}" \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" \
    SMTP_HOST=127.0.0.1 SMTP_PORT="$SMTP_PORT" \
    JWT_PRIVATE_KEY_FILE="$WORK/jwt-private-key.pem" SECRET_KEY_FILE="$WORK/secret.key" \
    ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD="first operator passphrase for the load run" \
    RATE_LIMIT_PER_ADDRESS=1000000 \
    WEBHOOK_ALLOW_HTTP=true WEBHOOK_ALLOW_PRIVATE=true \
    java $JAVA_OPTS -jar "$APP_JAR" start) >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 900); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$MANAGEMENT/health/ready") == 200 ]] && return 0
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$OUT/app.log" >&2; die "the service exited"; }
    sleep 0.1
  done
  tail -40 "$OUT/app.log" >&2
  die "the service did not become ready"
}

app_stop() {
  [[ -n "$APP_PID" ]] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

# Resident set size of the service in MiB, from /proc.
app_rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status"; }

# Heap in use in MiB, from the service's own /metrics (sum over the heap pools).
app_heap_mib() {
  curl -s --max-time 5 "$MANAGEMENT/metrics" \
    | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }'
}

services_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [[ -n "$LOAD_PID" ]] && { kill -TERM "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true; }
  [[ -n "$SAMPLER_PID" ]] && { kill -TERM "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; }
  app_stop
  [[ -n "$MAIL_PID" ]] && mail_stop
  [[ -n "$RECEIVER_PID" ]] && receiver_stop
  [[ -n "$REDIS_PID" ]] && redis_stop
  if [[ -n "$PG_STARTED" ]]; then
    cp "$WORK/pg/server.log" "$OUT/postgres.log" 2>/dev/null || true
    pg_stop fast || true
  fi
  cp "$WORK/redis/server.log" "$OUT/redis.log" 2>/dev/null || true
  if [[ "${KEEP_WORK:-}" == 1 ]]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
