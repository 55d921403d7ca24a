#!/usr/bin/env bash
# Checks that a letter's HTML part shows on the fake mail page as a reader would see it: renders
# the built-in verification letter with the service's own templates (in English and Russian, to a
# first name that is a <script> tag), sends both over SMTP with curl to the standalone fake-mail
# server, opens /fake-mail?address=… in headless Chromium, and checks the rendered DOM (the newest
# letter open in its HTML view, inside an iframe sandboxed without scripts, carrying the code and
# the name escaped) and the screenshot (the letter's own background and card are painted in the
# reader). Leaves the DOM and screenshot in adapter-mustache/target/browser-check/. Stops
# everything it started.
#
# Needs: a JDK, Maven, curl, chromium (apt-get install -y chromium).
# Environment: MVN_ARGS (extra Maven flags, e.g. -o), SKIP_BUILD=1 to reuse the built jars,
#              CHROMIUM (the browser binary; default chromium).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
MUSTACHE=$(sed -n 's:.*<mustache-java.version>\(.*\)</mustache-java.version>.*:\1:p' pom.xml)
MAIL_JAR=$ROOT/fake-mail/target/fake-mail.jar
CLASSPATH=$ROOT/domain/target/domain-$VERSION.jar:$ROOT/adapter-mustache/target/adapter-mustache-$VERSION.jar
CLASSPATH=$CLASSPATH:${MAVEN_REPO:-$HOME/.m2/repository}/com/github/spullara/mustache/java/compiler/$MUSTACHE/compiler-$MUSTACHE.jar
OUT=$ROOT/adapter-mustache/target/browser-check
CHROMIUM=${CHROMIUM:-chromium}
ADDRESS=reader@example.com
CODE=482913

for tool in java curl "$CHROMIUM"; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed" >&2; exit 1; }
done

if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$MAIL_JAR" ]]; then
  echo "Building fake-mail and adapter-mustache"
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_ARGS:-} -pl fake-mail,adapter-mustache -am package -DskipTests
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

check() { java -cp "$CLASSPATH" "$ROOT/scripts/lib/LetterBrowserCheck.java" "$@"; }

fake_mail_start "$MAIL_JAR" "$OUT/fake-mail.log"

for language in en ru; do  # the newest, Russian, is the one the page opens
  check render "$language" "$ADDRESS" "$WORK/$language.eml"
  curl -sS --max-time 10 "smtp://127.0.0.1:$SMTP_PORT" \
    --mail-from no-reply@acme.example --mail-rcpt "$ADDRESS" -T "$WORK/$language.eml"
done

URL="http://127.0.0.1:$HTTP_PORT/fake-mail?address=$ADDRESS"
"$CHROMIUM" "${BROWSER_FLAGS[@]}" --user-data-dir="$WORK/profile-dom" --dump-dom "$URL" \
  >"$OUT/inbox.html" 2>"$OUT/chromium.log"
"$CHROMIUM" "${BROWSER_FLAGS[@]}" --user-data-dir="$WORK/profile-shot" --window-size=1600,1000 \
  --screenshot="$OUT/letter.png" "$URL" >>"$OUT/chromium.log" 2>&1

status=0
expect() { # description, fixed string the DOM must hold
  if grep -qF -- "$2" "$OUT/inbox.html"; then
    echo "ok: $1"
  else
    echo "FAIL: $1: the rendered page lacks '$2' (see $OUT/inbox.html)" >&2
    status=1
  fi
}
expect "the Russian subject is listed" "Acme Cloud: подтвердите адрес электронной почты"
expect "the English one too" "Your Acme Cloud verification code"
expect "the letter opens in an iframe sandboxed without any permission" \
  '<iframe id="letter-html" sandbox=""'
expect "the frame holds the code" "$CODE"
expect "and the Russian wording" "Код действует 10 минут"
expect "and the one-click link" "https://app.acme.example/verify?email"
expect "and the hostile first name only escaped" "lt;script&amp;gt;alert(1)"
if grep -qF '<script>alert(1)' "$OUT/inbox.html"; then
  echo "FAIL: the first name reached the page as a <script> tag" >&2
  status=1
else
  echo "ok: no <script> from the letter in the page"
fi
# The reader column starts right of the mailbox and letter lists (20 + 230 + 16 + 340 + 16 px)
# and the frame below the letter's headers.
if check pixels "$OUT/letter.png" 640 300; then
  echo "ok: the screenshot shows the HTML letter painted in the reader"
else
  echo "FAIL: the screenshot does not show the HTML letter (see $OUT/letter.png)" >&2
  status=1
fi

fake_mail_stop
echo "DOM: $OUT/inbox.html  screenshot: $OUT/letter.png"
exit $status
