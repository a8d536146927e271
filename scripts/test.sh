#!/usr/bin/env bash
# `npm test`: the three jest projects (jest.config.js) in one run: `unit` (src/**/*.spec.ts), `workflow`
# (test/workflow-unit: the workflow with fake activities on its own Temporal dev server, no PostgreSQL) and
# `integration` (test/**: real activities, a Temporal dev server and PostgreSQL).
# `bash scripts/test.sh integration` or `bash scripts/test.sh workflow` runs one project; further
# arguments go to jest.
# The Temporal CLI is built once into .tools/ (minutes on a fresh machine); the global setups find it there.
# Ends with a plain "tests: N passed, N failed" line read from jest's JSON results.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-temporal-cli.sh >/dev/null || exit 1
projects=()
case "${1:-}" in
  integration | workflow) projects=(--selectProjects "$1"); shift ;;
esac
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
