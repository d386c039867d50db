#!/usr/bin/env bash
# The README's test command: static checks, the unit suite (plain Node, real SQLite, real PDFs) and
# the end-to-end suite (built renderer in Debian Chromium over the real core). Ends with one plain line
# "N passed, N failed" that adds up every suite (skips are counted on the line before); exits non-zero on any failure or if nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."
reports=test-artifacts/reports
rm -rf "$reports"; mkdir -p "$reports"
static_pass=0; static_fail=0
check() {
  local name=$1; shift
  echo "== $name"
  if "$@"; then static_pass=$((static_pass + 1)); else static_fail=$((static_fail + 1)); echo "FAILED: $name"; fi
}
check typecheck bash scripts/typecheck.sh
check lint npx eslint .
echo "== unit"
node scripts/run-suite.mjs unit || true
echo "== e2e"
npm run --silent build:renderer > "$reports/build-renderer.log" 2>&1 || { echo "renderer build failed:"; tail -30 "$reports/build-renderer.log"; static_fail=$((static_fail + 1)); }
node scripts/run-suite.mjs e2e || true
sum() { # $1 = pass|fail|skipped
  local total=0 n
  for f in "$reports"/*.tap; do
    [ -f "$f" ] || continue
    n=$(grep -E "^# $1 [0-9]+" "$f" | tail -1 | awk '{print $3}')
    total=$((total + ${n:-0}))
  done
  echo "$total"
}
pass=$(( $(sum pass) + static_pass ))
fail=$(( $(sum fail) + static_fail ))
skip=$(sum skipped)
for f in unit e2e; do
  if [ ! -s "$reports/$f.tap" ] || ! grep -qE '^# pass [0-9]+' "$reports/$f.tap"; then
    echo "suite $f produced no report"; fail=$((fail + 1))
  fi
done
echo "${skip} skipped (each with its reason in the report above)"
echo "${pass} passed, ${fail} failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
