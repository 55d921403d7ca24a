#!/usr/bin/env bash
# Checks the fake mail inbox page in a real browser: builds the standalone fake-mail jar, starts it
# on ephemeral ports, sends two letters over SMTP with curl, opens /fake-mail?address=… in headless
# Chromium, and checks the rendered DOM shows the newest letter's subject and text. Leaves the DOM
# and a screenshot in fake-mail/target/browser-check/. Stops everything it started.
#
# Needs: a JDK, Maven, curl, chromium (apt-get install -y chromium).
# Environment: MVN_ARGS (extra Maven flags, e.g. -o), SKIP_BUILD=1 to reuse the built jar,
#              CHROMIUM (the browser binary; default chromium).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=$ROOT/fake-mail/target/fake-mail.jar
OUT=$ROOT/fake-mail/target/browser-check
CHROMIUM=${CHROMIUM:-chromium}
ADDRESS=reader@example.com
SUBJECT='Your verification code — ü€'
CODE=482913

for tool in java curl "$CHROMIUM"; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed" >&2; exit 1; }
done

if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$JAR" ]]; then
  echo "Building $JAR"
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} -pl fake-mail -am package -DskipTests
fi

rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d)
# shellcheck source=lib/fake-mail.sh
source "$ROOT/scripts/lib/fake-mail.sh"
cleanup() {
  fake_mail_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

fake_mail_start "$JAR" "$OUT/fake-mail.log"

encoded_subject() { printf '=?UTF-8?B?%s?=' "$(printf '%s' "$1" | base64 -w0)"; }

send() { # subject, text, html
  local file=$WORK/letter.eml
  {
    printf 'From: User Service <no-reply@example.com>\r\n'
    printf 'To: %s\r\n' "$ADDRESS"
    printf 'Subject: %s\r\n' "$(encoded_subject "$1")"
    printf 'MIME-Version: 1.0\r\n'
    printf 'Content-Type: multipart/alternative; boundary="b1"\r\n\r\n'
    printf -- '--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
    printf '%s\r\n' "$2"
    printf -- '--b1\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
    printf '%s\r\n' "$3"
    printf -- '--b1--\r\n'
  } >"$file"
  curl -sS --max-time 10 "smtp://127.0.0.1:$SMTP_PORT" \
    --mail-from no-reply@example.com --mail-rcpt "$ADDRESS" -T "$file"
}

send 'Welcome to the user service' 'Thanks for signing up.' '<p>Thanks for signing up.</p>'
send "$SUBJECT" "Your code is $CODE.
It is valid for 10 minutes.
If you did not ask for it, ignore this letter." \
  "<p>Your code is <b>$CODE</b>.</p><p>It is valid for 10 minutes.</p>"

URL="http://127.0.0.1:$HTTP_PORT/fake-mail?address=$ADDRESS&view=text"
"$CHROMIUM" "${BROWSER_FLAGS[@]}" --user-data-dir="$WORK/profile-dom" --dump-dom "$URL" \
  >"$OUT/inbox.html" 2>"$OUT/chromium.log"
"$CHROMIUM" "${BROWSER_FLAGS[@]}" --user-data-dir="$WORK/profile-shot" --window-size=1280,720 \
  --screenshot="$OUT/inbox.png" "$URL" >>"$OUT/chromium.log" 2>&1

status=0
for expected in "$SUBJECT" "Your code is $CODE." "Welcome to the user service" "Letters for $ADDRESS (2)"; do
  if grep -qF "$expected" "$OUT/inbox.html"; then
    echo "ok: the page shows '$expected'"
  else
    echo "FAIL: the rendered page does not show '$expected' (see $OUT/inbox.html)" >&2
    status=1
  fi
done

kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
if grep -q 'Fake SMTP server stopped' "$OUT/fake-mail.log"; then
  echo "ok: fake-mail stopped cleanly on SIGTERM"
else
  echo "FAIL: fake-mail did not log a clean stop" >&2
  status=1
fi
SERVER_PID=
echo "DOM: $OUT/inbox.html  screenshot: $OUT/inbox.png"
exit $status
