#!/usr/bin/env bash
# This service against Keycloak, measured in one run on this machine with the same load, and
# printed side by side (Markdown). First bench/run.sh measures this service (its table:
# bench/target/run/table.md); then Keycloak runs on loopback with PostgreSQL, as shipped (its
# default JVM options, password hashing Argon2 m=7 MiB t=5 p=1, no refresh-token rotation), and
# wrk drives its counterpart of each row with the same threads, connections, warm-up and duration
# (bench/wrk/keycloak.lua), after the same rounds of warm-up: password login, refresh, userinfo
# against GET /users/me, the admin API's first page of users against our admin list, and user
# creation against registration.
# Keycloak's start is timed on its second start (the first creates its schema, as our `migrate`
# does before ours is timed), to a token issued; RSS is read after its load.
#
# Keycloak's distribution comes from Maven Central (org.keycloak:keycloak-quarkus-dist, zip,
# about 170 MB, kept in bench/target/keycloak) and is built for PostgreSQL once. Everything
# started is stopped by PID; the database keycloak_bench is dropped at the end.
#
# Needs what bench/run.sh needs. Environment: KEYCLOAK_VERSION (26.7.3), KEYCLOAK_USERS (100,
# created through the admin API, each hashing a password), KEYCLOAK_ONLY=1 to compare with the
# table bench/run.sh last wrote (or the one KEYCLOAK_OURS names) instead of running it; BENCH_SECONDS, BENCH_WARMUP,
# BENCH_WARMUP_ROUNDS, BENCH_CONNECTIONS, BENCH_THREADS as for bench/run.sh; BENCH_JWT_ALG (RS256, or
# ES256) as for bench/run.sh, and Keycloak's realm signs its access tokens the same way (its
# defaultSignatureAlgorithm; Keycloak makes the P-256 key itself). With KEYCLOAK_ONLY=1, set it as
# for the run that wrote the table compared with.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

version=${KEYCLOAK_VERSION:-26.7.3}
users=${KEYCLOAK_USERS:-100}
seconds=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-8}
warmup_rounds=${BENCH_WARMUP_ROUNDS:-6}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
jwt_alg=${BENCH_JWT_ALG:-RS256}
password='bench-password-1'
admin_password="bench-admin-$$-$RANDOM"
db=keycloak_bench
dist=$root/bench/target/keycloak
home=$dist/keycloak-$version
work=$root/bench/target/keycloak-run
ours=${KEYCLOAK_OURS:-$root/bench/target/run/table.md}

log() { printf '[keycloak %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "$*"; exit 1; }
[[ $jwt_alg == RS256 || $jwt_alg == ES256 ]] \
  || die "BENCH_JWT_ALG must be RS256 or ES256, not '$jwt_alg'"

kc_pid=
created_db=
# Keycloak's kc.sh runs java as a child: stop the JVM, then the script.
stop_keycloak() {
  [[ -n $kc_pid ]] || return 0
  local java
  java=$(pgrep -P "$kc_pid" java || true)
  [[ -n $java ]] && kill "$java" 2>/dev/null
  kill "$kc_pid" 2>/dev/null || true
  wait "$kc_pid" 2>/dev/null || true
  kc_pid=
}
cleanup() {
  stop_keycloak
  if [[ -n $created_db ]]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

token_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

run_wrk() { # row seconds
  KC_ROW=$1 BENCH_WRK=$root/bench/wrk BENCH_DATA=$work BENCH_THREADS=$threads \
    BENCH_USERS=$users BENCH_PASSWORD=$password \
    wrk -t"$threads" -c"$connections" -d"$2s" --timeout 10s -s "$root/bench/wrk/keycloak.lua" "$base" \
    | tee -a "$work/wrk.log" | grep '^RESULT' || die "wrk $1 printed no result (see $work/wrk.log)"
}

# --- this service -------------------------------------------------------------------------------
if [[ ${KEYCLOAK_ONLY:-0} != 1 ]]; then
  log "this service: bench/run.sh"
  "$root/bench/run.sh" >/dev/null
fi
[[ -f $ours ]] || die "no $ours: run bench/run.sh first or leave KEYCLOAK_ONLY unset"

rm -rf "$work"
mkdir -p "$work"
command -v wrk >/dev/null || die "wrk is required (bench/run.sh installs it)"
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL is not answering on 127.0.0.1:5432"

# --- Keycloak: fetch, build once, start twice ---------------------------------------------------
if [[ ! -x $home/bin/kc.sh ]]; then
  log "fetching Keycloak $version from Maven Central"
  mkdir -p "$dist"
  ${MVN:-./mvnw} -B -q dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory="$dist" \
    >"$work/fetch.log" 2>&1 || die "could not fetch Keycloak; see $work/fetch.log"
  unzip -q -o "$dist/keycloak-quarkus-dist-$version.zip" -d "$dist"
fi
if [[ ! -f $home/.built-for-postgres ]]; then
  log "building Keycloak for PostgreSQL (once)"
  "$home/bin/kc.sh" build --db=postgres --health-enabled=true >"$work/build.log" 2>&1 \
    || die "kc.sh build failed; see $work/build.log"
  touch "$home/.built-for-postgres"
fi

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
createdb -h 127.0.0.1 -U postgres "$db"
created_db=1
port=$(free_port)
management=$(free_port)
base=http://127.0.0.1:$port

# Starts Keycloak (in this shell, so kc_pid stays set); sets started_ms to the milliseconds until
# the first token it issues (bootstrap done).
start_keycloak() {
  local started
  started=$(now_ms)
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$admin_password \
    "$home/bin/kc.sh" start --optimized --cache=local \
    --db-url="jdbc:postgresql://127.0.0.1:5432/$db" --db-username=postgres --db-password=postgres \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$port" \
    --http-management-port="$management" --hostname-strict=false >>"$work/keycloak.log" 2>&1 &
  kc_pid=$!
  until admin_token >/dev/null 2>&1; do
    kill -0 "$kc_pid" 2>/dev/null || die "Keycloak stopped; see $work/keycloak.log"
    (( $(now_ms) - started < 300000 )) || die "Keycloak did not start in 300 s"
    sleep 0.05
  done
  started_ms=$(( $(now_ms) - started ))
}
admin_token() {
  local token
  token=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin \
    --data-urlencode "password=$admin_password" "$base/realms/master/protocol/openid-connect/token" \
    | token_field access_token)
  [[ -n $token ]] && echo "$token"
}
admin() { # method path [json]
  curl -sf -o /dev/null -X "$1" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' ${3:+-d "$3"} "$base$2" || die "Keycloak refused $1 $2"
}

log "Keycloak $version: first start (creates its schema)"
start_keycloak
first_ms=$started_ms
stop_keycloak
log "second start (timed)"
start_keycloak
start_ms=$started_ms

log "realm, client and $users users through the admin API"
token=$(admin_token)
admin PUT /admin/realms/master '{"accessTokenLifespan":3600}'
token=$(admin_token)
echo "$token" >"$work/keycloak-admin-token.txt"
# Access tokens signed as this service signs them (RS256 is Keycloak's default too); for ES256
# Keycloak generates the realm's P-256 key when it first signs.
admin POST /admin/realms "{\"realm\":\"bench\",\"enabled\":true,\"accessTokenLifespan\":900,
  \"defaultSignatureAlgorithm\":\"$jwt_alg\"}"
admin POST /admin/realms/bench/clients \
  '{"clientId":"bench","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false}'
for i in $(seq 1 "$users"); do
  admin POST /admin/realms/bench/users "{\"username\":\"user$i\",\"email\":\"user$i@bench.test\",
    \"firstName\":\"User\",\"lastName\":\"Bench\",\"enabled\":true,\"emailVerified\":true,
    \"credentials\":[{\"type\":\"password\",\"value\":\"$password\",\"temporary\":false}]}"
done
# Sessions: two per connection for the refresh row, as bench/run.sh's pools; for the userinfo
# row, one per connection with the openid scope, which Keycloak's userinfo requires (the refresh
# row's have none: with it, every refresh would sign an ID token too).
log_in() { # file count [scope]
  local reply session
  : >"$work/$1"
  for _ in $(seq 1 "$2"); do
    reply=$(curl -s -d grant_type=password -d client_id=bench ${3:+-d "scope=$3"} \
      -d "username=user$(( RANDOM % users + 1 ))" -d "password=$password" \
      "$base/realms/bench/protocol/openid-connect/token")
    session=$(sed -n 's/.*"access_token":"\([^"]*\)".*"refresh_token":"\([^"]*\)".*/\1 \2/p' \
      <<<"$reply")
    [[ -n $session ]] || die "Keycloak refused a login: $reply"
    echo "$session" >>"$work/$1"
  done
}
log_in keycloak-sessions.txt $(( 2 * connections ))
log_in keycloak-userinfo-sessions.txt "$connections" openid

# The JIT warm-up bench/run.sh gives this service, the same for Keycloak.
log "warm-up: $warmup_rounds rounds of every row"
for _ in $(seq 1 "$warmup_rounds"); do
  for row in login refresh userinfo list create; do
    run_wrk "$row" "$warmup" >/dev/null
  done
done

declare -A kc
for row in login refresh userinfo list create; do
  log "$row"
  run_wrk "$row" "$warmup" >/dev/null
  kc[$row]=$(run_wrk "$row" "$seconds")
done
java_pid=$(pgrep -P "$kc_pid" java)
rss_kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$java_pid/status")
stop_keycloak

# --- the table ----------------------------------------------------------------------------------
ours_rps() { awk -F'|' -v row="$1" 'index($2, row) == 2 { gsub(/[ ,]/, "", $3); print $3 }' "$ours"; }
ours_start=$(sed -n 's/.*`start` ready ([^)]*): \([0-9]*\) ms.*/\1/p' "$ours")
ours_rss=$(sed -n 's/.*RSS after the run (VmRSS): \([0-9]*\) MiB.*/\1/p' "$ours")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1f×", a / b; else printf "–" }'; }
line() { # label ours keycloak-result
  local k
  k=$(awk -v r="$(field rps "$3")" 'BEGIN { printf (r < 100 ? "%.1f" : "%.0f"), r }')
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$k" "$(field errors "$3")" "$(ratio "$2" "$k")"
}
{
  echo
  echo "| row (this service / Keycloak $version) | this service req/s | Keycloak req/s | Keycloak errors | ratio |"
  echo "|---|---|---|---|---|"
  line 'POST /security/login / token endpoint, password grant' "$(ours_rps 'POST /security/login')" "${kc[login]}"
  line 'POST /security/refresh (rotation) / refresh_token grant (no rotation)' "$(ours_rps 'POST /security/refresh')" "${kc[refresh]}"
  line 'GET /users/me / userinfo' "$(ours_rps 'GET /users/me')" "${kc[userinfo]}"
  line 'GET /users (admin, deep page, filter) / admin users, first page' "$(ours_rps 'GET /users (admin')" "${kc[list]}"
  line 'POST /users (registration) / admin user creation' "$(ours_rps 'POST /users (registration)')" "${kc[create]}"
  printf '| start, ready (ms; lower is better) | %s | %s | | %s |\n' "$ours_start" "$start_ms" "$(ratio "$start_ms" "$ours_start")"
  printf '| RSS after the load (MiB; lower is better) | %s | %s | | %s |\n' "$ours_rss" "$(( rss_kib / 1024 ))" "$(ratio "$(( rss_kib / 1024 ))" "$ours_rss")"
  echo
  echo "- This service: bench/run.sh in the same run (its table: bench/target/run/table.md; 100,000 users)."
  echo "- Keycloak $version on PostgreSQL as shipped (kc.sh's default JVM options, Argon2 m=7 MiB t=5 p=1," \
    "refresh tokens not rotated), $users users; first start (schema creation) ${first_ms} ms, second ${start_ms} ms."
  echo "- Access tokens: both sides sign $jwt_alg (BENCH_JWT_ALG: this service's key, and the Keycloak" \
    "realm's defaultSignatureAlgorithm with the key Keycloak generates for it)."
  echo "- wrk -t$threads -c$connections, ${warmup} s warm-up then ${seconds} s per row, loopback;" \
    "$(machine), $(date -u +%F)."
} | tee "$work/table.md"
