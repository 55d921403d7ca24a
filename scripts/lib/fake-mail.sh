# The standalone fake mail server for the browser checks (source it; needs bash 4+).
#
# fake_mail_start JAR LOG: starts the server on loopback, on ports the OS picks, waits until it is
# ready and sets SERVER_PID, SMTP_PORT and HTTP_PORT. fake_mail_stop stops it by that pid; call it
# from the script's EXIT trap too. BROWSER_FLAGS: headless Chromium as the checks run it.

SERVER_PID=
BROWSER_FLAGS=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --hide-scrollbars
  --virtual-time-budget=5000)  # lets the page's fetches finish before the DOM is taken

fake_mail_start() {
  local jar=$1 log=$2 ready=
  # Port 0: the OS picks free ports; the ready line says which.
  java -jar "$jar" --host=127.0.0.1 --smtp-port=0 --http-port=0 >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    ready=$(grep -m1 'Fake mail ready' "$log" || true)
    [[ -n "$ready" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; echo "FAIL: fake-mail exited" >&2; exit 1; }
    sleep 0.5
  done
  [[ -n "$ready" ]] || { cat "$log" >&2; echo "FAIL: fake-mail did not start" >&2; exit 1; }
  SMTP_PORT=$(sed -E 's/.*SMTP on [^:]+:([0-9]+).*/\1/' <<<"$ready")
  HTTP_PORT=$(sed -E 's/.*inbox at http:\/\/[^:]+:([0-9]+).*/\1/' <<<"$ready")
  echo "fake-mail is up: SMTP $SMTP_PORT, HTTP $HTTP_PORT (pid $SERVER_PID)"
}

fake_mail_stop() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
