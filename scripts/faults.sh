#!/usr/bin/env bash
# Fault run: the real service (fat jar, `start` mode) on loopback, under a bounded mixed load
# (registrations, logins, /users/me, refresh, logout, dead-session checks, JWKS, health), while
# its dependencies fail one after another: Redis, then PostgreSQL, then the SMTP server, then the
# receiver of a webhook endpoint that takes every event, each stopped for DOWN_S seconds and
# started again.
#
# It checks and prints:
#   - while a dependency is down, the requests that need it get 503 problem responses with
#     Retry-After within BOUND_MS (no hangs, no 500s); the others (JWKS, /health/live, and
#     everything while only SMTP is down) keep their normal answers; GET /users/me, while only
#     PostgreSQL is down, may also answer 200 from the profile cache;
#   - after it is back the same process recovers (recovery time per fault; no restart);
#   - every registration that got 201 is in the database;
#   - every queued letter is delivered (one verification letter per registered address, read
#     from the fake mail server: the log of the stopped one and the HTTP API of the running one);
#   - no session logged out during the run works, then or afterwards;
#   - every logout answered 204 is in the audit trail (those made while PostgreSQL was down too);
#   - every event recorded after the webhook endpoint was registered is delivered to it, once
#     it is back, with a signature the receiver (scripts/lib/webhook_receiver.py) verifies;
#     none is abandoned.
# A 30 s warm-up at 15 requests/s comes first (not counted: a cold JVM hashes slowly).
# A summary table (requests by endpoint and status, per-fault 503s, recovery) and PASS/FAIL
# lines; exits 1 on any FAIL.
#
# Private dependencies only: a PostgreSQL cluster made with initdb in a temporary directory
# (run as the `postgres` OS user when root), a redis-server and the standalone fake-mail jar,
# each on a free loopback port. The machine's shared PostgreSQL and Redis are never touched.
# Everything started is stopped at exit, by pid. Results stay in target/faults/.
#
# Needs: JDK 17+, PostgreSQL server binaries (PG_BIN, default the newest /usr/lib/postgresql/*/bin),
# redis-server, psql, curl, python3, openssl.
# Environment: RATE (requests/s, default 40), DOWN_S (10), AFTER_S (seconds of load after each
# fault, 25), WARM_S (15), BOUND_MS (longest acceptable answer while down, 5000),
# SKIP_BUILD=1 (reuse built jars), MVN_ARGS (e.g. -o), JAVA_OPTS (service JVM, -Xmx512m),
# PG_STOP_MODE (immediate: like a crash, the default; or fast), KEEP_WORK=1.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=lib/services.sh
source "$ROOT/scripts/lib/services.sh"

RATE=${RATE:-40}
DOWN_S=${DOWN_S:-10}
AFTER_S=${AFTER_S:-25}
WARM_S=${WARM_S:-15}
BOUND_MS=${BOUND_MS:-5000}
PG_STOP_MODE=${PG_STOP_MODE:-immediate}
OUTBOX_WAIT_S=${OUTBOX_WAIT_S:-300}
ADMIN_PASSWORD="first operator passphrase for the load run"

services_build
services_init faults
log "private PostgreSQL :$PG_PORT, Redis :$REDIS_PORT, fake SMTP :$SMTP_PORT (inbox :$MAIL_HTTP_PORT)"
pg_init
redis_start
mail_start "$OUT/mail-stopped-1.log"
app_start
log "service ready at $BASE (pid $APP_PID)"

# A webhook endpoint for every event type, on a receiver of our own.
admin_token=$(curl -s --max-time 10 -H 'content-type: application/json' "$BASE/security/login" \
  -d "{\"email\":\"admin@example.com\",\"password\":\"$ADMIN_PASSWORD\"}" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
curl -s --max-time 10 -H 'content-type: application/json' -H "authorization: Bearer $admin_token" \
  "$BASE/webhooks" -d "{\"url\":\"http://127.0.0.1:$WEBHOOK_PORT/events\"}" >"$OUT/webhook.json"
python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["secret"])' "$OUT/webhook.json" \
  >"$WORK/webhook-secret" || die "the webhook was not registered: $(cat "$OUT/webhook.json")"
: >"$OUT/webhook-ids.log"
receiver_start "$WORK/webhook-secret" "$OUT/webhook-ids.log" "$OUT/receiver-1.log"
log "webhook receiver on :$WEBHOOK_PORT"

stop_redis() { redis_stop; }
start_redis() { redis_start; }
stop_postgres() { pg_stop "$PG_STOP_MODE"; }
start_postgres() { pg_start; }
stop_smtp() {
  # For the record only: the stopped server's log is the complete list of what it received.
  curl -s --max-time 5 "$MAIL_BASE/fake-mail/api/addresses" >"$OUT/mail-stopped-1.json" || true
  mail_stop
}
start_smtp() { mail_start "$OUT/mail-final.log"; }
stop_receiver() { receiver_stop; }
start_receiver() { receiver_start "$WORK/webhook-secret" "$OUT/webhook-ids.log" "$OUT/receiver-2.log"; }

# Stops a dependency, waits DOWN_S, starts it again, measures how long from the start until
# /health/ready says 200, then lets the load run on for AFTER_S. Appends name,stopping_ms,down_ms,up_ms,ready_ms
# to faults.csv.
fault() {
  local name=$1 stopping
  log "stopping $name"
  stopping=$(now_ms)
  "stop_$name"
  local down
  down=$(now_ms)
  sleep "$DOWN_S"
  log "starting $name"
  # From the moment the start begins the dependency may answer, so the outage ends here: a
  # request answered normally while the start was still returning is not counted as "down".
  local up ready=
  up=$(now_ms)
  "start_$name"
  for _ in $(seq 1 600); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$MANAGEMENT/health/ready") == 200 ]]; then
      ready=$(now_ms)
      break
    fi
    sleep 0.1
  done
  [[ -n "$ready" ]] || ready=$((up + 3600000))
  echo "$name,$stopping,$down,$up,$ready" >>"$OUT/faults.csv"
  log "$name is back; /health/ready answered 200 $((ready - up)) ms after its start began"
  local left=$((AFTER_S * 1000 - ($(now_ms) - up)))
  ((left > 0)) && sleep "$(awk -v ms="$left" 'BEGIN { printf "%.3f", ms / 1000 }')"
  return 0
}

app_warm_up 15 30
LOAD_S=$((WARM_S + 4 * (DOWN_S + AFTER_S) + 5))
log "load: $RATE requests/s for $LOAD_S s"
load_client load --base="$BASE" --management="$MANAGEMENT" --rate="$RATE" --seconds="$LOAD_S" --out="$OUT" --mix=faults \
  >"$OUT/load.log" 2>&1 &
LOAD_PID=$!
sleep "$WARM_S"
: >"$OUT/faults.csv"
fault redis
fault postgres
fault smtp
fault receiver
wait "$LOAD_PID" || die "the load client failed: $(tail -5 "$OUT/load.log")"
LOAD_PID=
cat "$OUT/load.log"

log "waiting (up to ${OUTBOX_WAIT_S}s) for the outbox to deliver everything queued"
pending=
for _ in $(seq 1 "$OUTBOX_WAIT_S"); do
  pending=$(sql "SELECT count(*) FROM mail_outbox WHERE status = 'pending'")
  [[ "$pending" == 0 ]] && break
  sleep 1
done
log "outbox: $pending pending"
sql "SELECT string_agg(status || '=' || n, ' ' ORDER BY status) FROM (SELECT status, count(*) AS n FROM mail_outbox GROUP BY status) s" >"$OUT/outbox.txt"
sql "SELECT email FROM users" >"$OUT/db-emails.txt"
curl -s --max-time 10 "$MAIL_BASE/fake-mail/api/addresses" >"$OUT/mail-final.json"

log "waiting (up to ${OUTBOX_WAIT_S}s) for every webhook delivery"
for _ in $(seq 1 "$OUTBOX_WAIT_S"); do
  pending=$(sql "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'")
  [[ "$pending" == 0 ]] && break
  sleep 1
done
sql "SELECT string_agg(status || '=' || n, ' ' ORDER BY status) FROM (SELECT status, count(*) AS n FROM webhook_deliveries GROUP BY status) s" >"$OUT/webhooks.txt"
retried=$(sql "SELECT count(*) FROM webhook_deliveries WHERE attempts > 1")
log "webhook deliveries: $(cat "$OUT/webhooks.txt"); $retried of them took more than one attempt"

status=0
load_client report --mode=faults --out="$OUT" --base="$BASE" --bound-ms="$BOUND_MS" || status=1

# A logout whose audit row could not be written (PostgreSQL down) is held and recorded later.
logouts=$(cat "$OUT/warm-up/requests.csv" "$OUT/requests.csv" | awk -F, '$1 == "LOGOUT" && $4 == 204' | wc -l)
audited=$(sql "SELECT count(*) FROM audit_events WHERE type = 'logged_out'")
if [[ "$audited" == "$logouts" ]]; then
  echo "PASS every logout answered 204 is in the audit trail ($audited)"
else
  echo "FAIL logouts answered 204: $logouts; logged_out rows in the audit trail: $audited"
  status=1
fi

# From the endpoint's own webhook_created on, every audit entry has a delivered delivery, and
# the receiver verified each of those messages (it may have been sent twice: ids are unique).
undelivered=$(sql "SELECT count(*) FROM audit_events a
  WHERE a.id >= (SELECT min(event_id) FROM webhook_deliveries)
    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                    WHERE d.event_id = a.id AND d.status = 'delivered')")
delivered=$(sql "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'")
sql "SELECT 'msg_' || id FROM webhook_deliveries WHERE status = 'delivered'" | sort >"$OUT/webhook-delivered.txt"
sort -u "$OUT/webhook-ids.log" >"$OUT/webhook-received.txt"
missing=$(comm -23 "$OUT/webhook-delivered.txt" "$OUT/webhook-received.txt" | wc -l)
if [[ "$undelivered" == 0 && "$missing" == 0 && "$delivered" -gt 0 ]]; then
  echo "PASS every event since the webhook was registered reached the receiver, signed ($delivered; $(wc -l <"$OUT/webhook-ids.log") requests)"
else
  echo "FAIL webhooks: $undelivered events without a delivered delivery, $missing delivered but never verified by the receiver ($(cat "$OUT/webhooks.txt"))"
  status=1
fi

starts=$(grep -c 'ready on port' "$OUT/app.log" || true)
if kill -0 "$APP_PID" 2>/dev/null && [[ "$starts" == 1 ]]; then
  echo "PASS the service ran as one process throughout (pid $APP_PID, started once)"
else
  echo "FAIL the service restarted or died (started $starts times)"
  status=1
fi
errors=$(grep -c ' ERROR ' "$OUT/app.log" || true)
echo "service log: $errors ERROR lines, $(grep -c ' WARN ' "$OUT/app.log" || true) WARN lines (in $OUT/app.log)"
grep ' ERROR ' "$OUT/app.log" | head -5 || true
echo
[[ $status == 0 ]] && echo "faults: PASS" || echo "faults: FAIL"
exit $status
