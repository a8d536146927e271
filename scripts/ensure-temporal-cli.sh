#!/usr/bin/env bash
# Prints the path of a Temporal CLI, building the pinned version into .tools/ when none is found.
# Order: $TEMPORAL_CLI, the project-local build, `temporal` on PATH, then `go install` (takes minutes once).
set -euo pipefail
TEMPORAL_CLI_VERSION="v1.5.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$root/.tools/temporal-$TEMPORAL_CLI_VERSION"
local_cli="$tools_dir/temporal"

if [[ -n "${TEMPORAL_CLI:-}" && -x "${TEMPORAL_CLI}" ]]; then echo "$TEMPORAL_CLI"; exit 0; fi
if [[ -x "$local_cli" ]]; then echo "$local_cli"; exit 0; fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi

go_bin="$(command -v go || true)"
[[ -z "$go_bin" && -x /usr/local/go/bin/go ]] && go_bin=/usr/local/go/bin/go
if [[ -z "$go_bin" ]]; then
  cat >&2 <<MSG
No Temporal CLI found and no Go toolchain to build one. Either:
  - install the Temporal CLI (https://docs.temporal.io/cli) so that \`temporal\` is on PATH, or set TEMPORAL_CLI to it;
  - point the product at an existing server with TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE);
  - or run everything with Docker: \`docker compose up\`.
MSG
  exit 1
fi

mkdir -p "$tools_dir"
echo "Building Temporal CLI $TEMPORAL_CLI_VERSION with $("$go_bin" version) into $tools_dir" >&2
echo "(first build downloads the server's modules and takes a few minutes; later runs reuse it)" >&2
start=$(date +%s)
# -x would be noisy; `go install` prints each module it downloads, which is the progress we show.
GOBIN="$tools_dir" "$go_bin" install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
echo "Temporal CLI built in $(( $(date +%s) - start ))s" >&2
echo "$local_cli"
