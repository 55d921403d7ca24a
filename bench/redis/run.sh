#!/usr/bin/env bash
# Benchmarks RedisTokenStore against a running Redis (default 127.0.0.1:6379) under its own key
# prefix, and deletes every key under that prefix afterwards. Not part of the test run.
#   bench/redis/run.sh [redis-url] [seconds-per-run] [threads...]
set -euo pipefail
cd "$(dirname "$0")/../.."
url="${1:-redis://127.0.0.1:6379}"
seconds="${2:-5}"
shift $(( $# > 2 ? 2 : $# ))
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 4 16)
prefix="bench:$(date +%s)-$$:"

mvn=${MVN:-./mvnw}
"$mvn" -B -q -pl adapter-redis -am verify -DskipTests
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
"$mvn" -B -q -f adapter-redis/pom.xml dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile="$cp_file"
classpath="adapter-redis/target/classes:domain/target/classes:$(cat "$cp_file")"

java -cp "$classpath" bench/redis/RedisBench.java "$url" "$prefix" "$seconds" "${threads[@]}"
