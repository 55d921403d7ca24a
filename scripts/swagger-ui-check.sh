#!/usr/bin/env bash
# Opens Swagger UI (/docs) in headless Chromium against the API running on the in-memory adapters
# and checks that the operations of our own OpenAPI document were rendered (not the petstore).
# Usage: scripts/swagger-ui-check.sh [screenshot.png]
set -euo pipefail
cd "$(dirname "$0")/.."
screenshot="${1:-target/swagger-ui.png}"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "installing chromium" >&2
  apt-get install -y chromium >/dev/null
  browser="$(command -v chromium)"
fi

mvn -B -q -o -pl adapter-http -am test-compile
mvn -B -q -o -pl adapter-http dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test
classpath="adapter-http/target/classes:adapter-http/target/test-classes:$(cat adapter-http/target/test-classpath.txt)"

log="$(mktemp)"
profile="$(mktemp -d)"
java -cp "$classpath" dev.userservice.adapter.http.DocsServer >"$log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$profile" "$log"; }
trap cleanup EXIT

port=""
for _ in $(seq 1 120); do
  port="$(sed -n 's/^PORT=//p' "$log")"
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "the API did not start" >&2; exit 1; }
  sleep 0.5
done
[ -n "$port" ] || { cat "$log" >&2; echo "the API did not report its port" >&2; exit 1; }
url="http://127.0.0.1:$port/docs"

flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile" --virtual-time-budget=10000)
dom="$("$browser" "${flags[@]}" --dump-dom "$url" 2>/dev/null)"

missing=0
for needle in "/security/login" "/users/me/verification" "/users/{id}" "/security/password-reset/confirm" \
    "/.well-known/jwks.json" "/openapi.json" "User service"; do
  if grep -qF "$needle" <<<"$dom"; then
    echo "ok: $needle is rendered"
  else
    echo "MISSING: $needle" >&2
    missing=1
  fi
done
if grep -qi "petstore" <<<"$dom"; then
  echo "the page shows the petstore, not our document" >&2
  missing=1
fi
operations="$(grep -o 'class="opblock opblock-' <<<"$dom" | wc -l)"
echo "operations rendered: $operations"
[ "$operations" -ge 20 ] || { echo "expected at least 20 operations" >&2; missing=1; }

mkdir -p "$(dirname "$screenshot")"
"$browser" "${flags[@]}" --window-size=1280,2000 --screenshot="$screenshot" "$url" >/dev/null 2>&1
echo "screenshot: $screenshot"
exit "$missing"
