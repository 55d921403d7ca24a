#!/usr/bin/env bash
# Times `start-dev` from process start to /health/ready 200: cold (a fresh data directory, so
# initdb, a new signing key and the first administrator) and then warm (the same directory
# again). The embedded PostgreSQL and Redis binaries come from the dev jar.
# Usage: bench/start-dev.sh [DATA_DIR]   (default: a new temporary directory, removed after)
# Prints: cold_ms=… warm_ms=…
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$PWD/bootstrap-dev/target/user-service-dev.jar   # start-dev is only in the dev jar
[[ -f $jar ]] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
temporary=
if [[ $# -gt 0 ]]; then
  data=$1
  mkdir -p "$data"
else
  data=$(mktemp -d)
  temporary=1
fi
data=$(cd "$data" && pwd)

pid=
stop() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  pid=
}
cleanup() {
  stop
  [[ -z $temporary ]] || rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "$*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$PWD/bench/lib.sh"

# Starts start-dev with "$@" and sets $elapsed to the milliseconds until it is ready; leaves it
# running (not in a subshell, so that stop knows its pid).
start_dev() {
  local port management smtp start
  port=$(free_port)
  management=$(free_port)
  smtp=$(free_port)
  start=$(now_ms)
  (cd "$data" && exec env HTTP_PORT="$port" MANAGEMENT_PORT="$management" FAKE_SMTP_PORT="$smtp" \
    java -jar "$jar" start-dev --data-dir "$data/dev" "$@") >>"$data/start-dev.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$management/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "start-dev exited; see $data/start-dev.log" >&2; exit 1; }
    (( $(now_ms) - start < 120000 )) || { echo "start-dev not ready in 120 s" >&2; exit 1; }
    sleep 0.05
  done
  elapsed=$(( $(now_ms) - start ))
}

start_dev --fresh
cold=$elapsed
stop
start_dev
warm=$elapsed
stop
echo "cold_ms=$cold warm_ms=$warm"
