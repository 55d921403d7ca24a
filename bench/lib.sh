# Shell functions the bench scripts share (sourced). The sourcing script defines die.

# A loopback port nobody listens on (connecting to it is refused), below the kernel's range of
# ephemeral ports: a port there may be the local end of some connection, which refuses a connect
# yet cannot be bound (a hello server once failed to start so).
free_port() {
  local port low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (low - 10000)))
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

# Seeds database $1 with 100,000 users sharing the password hash $2: 1 in 100 an administrator,
# 2 in 3 verified, created at random over two years. The unverified third are accounts whose
# email changed (verified once, so the purge keeps them), except those created in the last two
# days, which were never verified.
seed_users() {
  psql -h 127.0.0.1 -U postgres -d "$1" -q -v ON_ERROR_STOP=1 -v hash="$2" >/dev/null <<'SQL'
INSERT INTO user_service.users (id, email, first_name, last_name, password_hash, role, email_verified_at,
                   ever_verified, created_at, updated_at, version)
SELECT gen_random_uuid(), 'user' || g || '@bench.test', 'First' || g, 'Last' || g, :'hash',
       CASE WHEN g % 100 = 0 THEN 'ADMIN' ELSE 'USER' END,
       CASE WHEN g % 3 > 0 THEN c + (now() - c) / 100 END,
       g % 3 > 0 OR c < now() - interval '2 days', c, c, 0
FROM (SELECT g, now() - random() * interval '730 days' AS c
      FROM generate_series(1, 100000) AS g) AS seed;
VACUUM ANALYZE user_service.users;
SQL
}

# The machine a table was measured on: cores, processor model and transparent huge pages (always,
# madvise or never). libsodium maps each Argon2 hash's memory anew, and whether the kernel backs
# it with huge pages moves the hashing rows and their ceilings (docs/operations.md, "Argon2
# through libsodium").
machine() {
  local thp
  thp=$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)
  echo "$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), transparent huge pages ${thp:-unknown}"
}
