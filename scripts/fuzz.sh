#!/usr/bin/env bash
# Runs every Jazzer fuzz test in fuzzing mode, one at a time, each for FUZZ_SECONDS (default 60),
# and prints how many inputs each one executed. A plain `mvn verify` only replays the seeds.
#
#   scripts/fuzz.sh                 # all fuzz tests, 60 s each
#   FUZZ_SECONDS=300 scripts/fuzz.sh
#   scripts/fuzz.sh RequestBodyFuzzTest
#
# A finding fails the run; Jazzer saves the input under the module's
# src/test/resources/<package>/<Class>Inputs/<method>/, where the normal test run replays it
# from then on (commit it with the fix). The generated corpus stays in <module>/.cifuzz-corpus/.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
filter="${1:-}"
logs="$(mktemp -d)"

# module | class#method | classes to instrument for coverage, beyond our own
tests=(
  "adapter-crypto|AccessTokenFuzzTest#noInput_verifies_unlessItIsAnIssuedToken|com.auth0.**"
  "adapter-crypto|AccessTokenFuzzTest#anyClaimsSignedWithTheRealKey_areCheckedStrictly|com.auth0.**"
  "adapter-http|RequestBodyFuzzTest#anyBody_getsTheSuccessOrADocumented4xx_neverA5xx|com.fasterxml.jackson.**:io.javalin.**"
)

summary=()
status=0
for entry in "${tests[@]}"; do
  IFS='|' read -r module test includes <<<"$entry"
  if [[ -n "$filter" && "$test" != *"$filter"* ]]; then
    continue
  fi
  log="$logs/${test//#/_}.log"
  echo "== fuzzing $module $test for ${seconds}s (log: $log)"
  if JAZZER_FUZZ=1 ./mvnw -B -pl "$module" -am verify \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.hooks=true \
      -Djazzer.instrumentation_includes="dev.userservice.**:$includes" \
      -Djazzer.internal.arg.0=fuzz \
      -Djazzer.internal.arg.1=-max_total_time="$seconds" \
      -Djazzer.internal.arg.2=-print_final_stats=1 >"$log" 2>&1; then
    result="ok"
  else
    result="FAILED"
    status=1
  fi
  runs="$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$' || true)"
  coverage="$(grep -E '#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | grep -Eo 'cov: [0-9]+' || true)"
  summary+=("$(printf '%-8s %-70s %12s executions  %s' "$result" "$test" "${runs:-?}" "$coverage")")
  grep -E 'FuzzTest: ' "$log" || true
done

echo
echo "== fuzzing summary (${seconds}s each)"
printf '%s\n' "${summary[@]}"
exit "$status"
