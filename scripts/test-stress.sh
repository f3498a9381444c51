#!/usr/bin/env bash
# The suite must pass on a loaded machine, every time: runs the integration and end-to-end suites
# MUXDECK_STRESS_RUNS times (default 10) with stress-ng keeping four CPU workers busy beside them,
# and says how many runs passed. Exits 1 if any run failed; each failed run's log is kept.
#
#   npm run test:stress                       10 runs
#   MUXDECK_STRESS_RUNS=3 npm run test:stress
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${MUXDECK_STRESS_RUNS:-10}
if ! command -v stress-ng >/dev/null 2>&1; then
  echo "test:stress needs stress-ng (Debian/Ubuntu: sudo apt-get install stress-ng)" >&2
  exit 2
fi
npm run build >/dev/null || exit 1

logs=$(mktemp -d -t muxdeck-stress-XXXXXX)
stress-ng --cpu 4 --quiet &
stress=$!
trap 'kill "$stress" 2>/dev/null' EXIT

passed=0
for ((run = 1; run <= runs; run++)); do
  log="$logs/run-$run.log"
  started=$SECONDS
  if npm run test:integration >"$log" 2>&1 && npm run test:e2e >>"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $run/$runs: passed in $((SECONDS - started)) s"
    rm -f "$log"
  else
    echo "run $run/$runs: FAILED in $((SECONDS - started)) s, log: $log"
    grep -E '(×|✘|FAIL|Error:)' "$log" | head -20
  fi
done
echo "test:stress: $passed of $runs runs passed under stress-ng --cpu 4"
[ "$passed" -eq "$runs" ]
