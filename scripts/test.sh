#!/usr/bin/env bash
# `npm test`: unit tests, then integration tests against a real Temporal dev server and PostgreSQL.
# The Temporal CLI is built once into .tools/ (minutes on a fresh machine); global-setup finds it there.
# Ends with a plain "tests: N passed, N failed" line read from jest's JSON results.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-temporal-cli.sh >/dev/null || exit 1
projects=()
if [[ "${1:-}" == "integration" ]]; then shift; projects=(--selectProjects integration); fi
mkdir -p .data
results=".data/jest-results.json"
rm -f "$results"
npx jest "${projects[@]}" --json --outputFile="$results" "$@"
status=$?
if [[ -f "$results" ]]; then
  node -e '
    const r = require(process.argv[1]);
    process.stdout.write(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped\n`);
  ' "$root/$results"
fi
exit $status
