#!/usr/bin/env bash
# Times the PostgreSQL user repository on 100k users against the local server
# (127.0.0.1:5432, trust auth, user postgres). Creates its own database and drops it after.
# Usage: bench/postgres/run.sh   (env: PGHOST, PGPORT, PGUSER, PGPASSWORD to override)
set -euo pipefail
cd "$(dirname "$0")/../.."
host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} user=${PGUSER:-postgres}
db="userservice_bench_$$"
out=bench/postgres/target

${MVN:-./mvnw} -B -q -pl adapter-postgres -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
cp="adapter-postgres/target/classes:domain/target/classes:$(cat adapter-postgres/target/bench-classpath.txt)"
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/postgres/src/UserRepositoryBench.java

psql -h "$host" -p "$port" -U "$user" -qc "CREATE DATABASE $db"
trap 'psql -h "$host" -p "$port" -U "$user" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
java -cp "$out:$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn UserRepositoryBench \
  "jdbc:postgresql://$host:$port/$db" "$user" "${PGPASSWORD:-}"
