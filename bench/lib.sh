# Shell functions the bench scripts share (sourced). The sourcing script defines die.

# A loopback port nobody listens on (connecting to it is refused).
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# Milliseconds since the epoch.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The value of name=value $1 in the RESULT line $2 (bench/wrk/common.lua).
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
