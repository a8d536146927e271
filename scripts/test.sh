#!/usr/bin/env bash
# `npm test`: unit tests, then integration tests against a real Temporal dev server and PostgreSQL.
# The Temporal CLI is built once into .tools/ (minutes on a fresh machine); global-setup finds it there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-temporal-cli.sh >/dev/null
if [[ "${1:-}" == "integration" ]]; then shift; exec npx jest --selectProjects integration "$@"; fi
exec npx jest "$@"
