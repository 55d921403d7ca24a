#!/usr/bin/env bash
# Times `java -jar user-service.jar import FILE` on 100,000 users with bcrypt hashes against the
# local PostgreSQL (127.0.0.1:5432, trust, user postgres) and Redis (127.0.0.1:6379): users per
# second, and the import JVM's peak RSS and heap, the JVM held to the heap README recommends for
# a small instance so that memory that grew with the file would fail the run. Creates its own
# database and Redis key prefix and removes both after; logs stay in bench/target/import/.
#
# Environment: BENCH_IMPORT_USERS (100000), BENCH_SKIP_BUILD=1 to reuse the built jar, MVN
# (./mvnw), BENCH_IMPORT_HEAP (256m).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
users=${BENCH_IMPORT_USERS:-100000}
heap=${BENCH_IMPORT_HEAP:-256m}
db="userservice_import_bench_$$"
redis_db=14
prefix="usimport$$:"
work=$root/bench/target/import
jar=$root/bootstrap/target/user-service.jar
# One bcrypt hash (cost 10, made by Spring Security's BCryptPasswordEncoder) for every user: the
# import only reads a hash's format, so how many distinct hashes there are changes nothing, and
# making 100,000 would take hours.
hash='$2b$10$F75wbON4.WBsTRjzkJ42nurBcWNo3susgzCnL4WZkGmOurcBhbkGi'

log() { printf '[import bench %s] %s\n' "$(date +%T)" "$*" >&2; }
cleanup() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 -n $redis_db --scan --pattern "$prefix*" 2>/dev/null \
    | xargs -r -n 500 redis-cli -h 127.0.0.1 -n $redis_db DEL >/dev/null 2>&1 || true
}
trap cleanup EXIT

for tool in java psql redis-cli openssl /usr/bin/time; do
  command -v "$tool" >/dev/null || { log "needs $tool"; exit 1; }
done
if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
  log "building the server jar"
  ${MVN:-./mvnw} -B -q -pl bootstrap -am package -DskipTests
fi
mkdir -p "$work"
log "writing $users NDJSON lines"
awk -v n="$users" -v h="$hash" 'BEGIN {
  for (i = 1; i <= n; i++) {
    printf "{\"email\":\"imported%d@bench.test\",\"first_name\":\"User\",\"last_name\":\"%d\",", i, i
    printf "\"email_verified\":%s,\"password_hash\":\"%s\"}\n", (i % 3 ? "true" : "false"), h
  }
}' >"$work/users.ndjson"

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-private-key.pem" 2>/dev/null
(umask 077 && openssl rand -base64 32 >"$work/secret.key")
service_env=(
  DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db" DATABASE_USER=postgres DATABASE_PASSWORD=
  REDIS_URL="redis://127.0.0.1:6379/$redis_db" REDIS_KEY_PREFIX="$prefix"
  SMTP_HOST=127.0.0.1 SMTP_PORT=25 FAKE_MAIL_ENABLED=false
  JWT_PRIVATE_KEY_FILE="$work/jwt-private-key.pem" SECRET_KEY_FILE="$work/secret.key"
  ADMIN_EMAIL=admin@bench.test
)
# The working directory is $work, so a developer's .env is not read.
(cd "$work" && env "${service_env[@]}" java -jar "$jar" migrate) >"$work/migrate.log" 2>&1

log "importing (heap $heap)"
start=$(date +%s%N)
set +e
(cd "$work" && env "${service_env[@]}" /usr/bin/time -v -o "$work/time.txt" \
  java "-Xmx$heap" -XX:+UseSerialGC -Xlog:gc:file="$work/gc.log" -jar "$jar" import users.ndjson \
  answers.ndjson) >"$work/import.log" 2>&1
status=$?
set -e
end=$(date +%s%N)
[[ $status -le 1 ]] || { log "import failed ($status); see $work/import.log"; exit 1; }
summary=$(tail -n 1 "$work/answers.ndjson")
created=$(psql -h 127.0.0.1 -U postgres -d "$db" -tAc \
  "SELECT count(*) FROM users WHERE email LIKE 'imported%@bench.test'")
seconds=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
rate=$(awk -v n="$created" -v ns=$((end - start)) 'BEGIN { printf "%d", n / (ns / 1e9) }')
rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
heap_after=$(grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" \
  | awk -F'->' '{ v = $2 + 0; if (v > m) m = v } END { print m + 0 }')
printf '| users | seconds (JVM start and migrations included) | users/s | peak RSS | heap after GC, max | answer |\n'
printf '|---|---|---|---|---|---|\n'
printf '| %s | %s | %s | %s MiB | %s MiB | `%s` |\n' "$created" "$seconds" "$rate" \
  "$((rss_kib / 1024))" "$heap_after" "$summary"
