#!/usr/bin/env bash
# Runs the Temporal dev server with SQLite persistence under $DATA_DIR, the Web UI and our search attributes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=search-attributes.sh
source "$root/scripts/search-attributes.sh"
data_dir="${DATA_DIR:-$root/.data}"
mkdir -p "$data_dir"
cli="$("$root/scripts/ensure-temporal-cli.sh")"
args=()
for attribute in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$attribute"); done
# The Web UI decodes encrypted payloads through the API's codec endpoint (admins only).
if [[ -n "${TEMPORAL_UI_CODEC_ENDPOINT:-}" ]]; then args+=(--ui-codec-endpoint "$TEMPORAL_UI_CODEC_ENDPOINT"); fi
exec "$cli" server start-dev \
  --db-filename "$data_dir/temporal.db" \
  --ip "${TEMPORAL_DEV_IP:-127.0.0.1}" \
  --port "${TEMPORAL_DEV_PORT:-7233}" \
  --ui-port "${TEMPORAL_UI_PORT:-8233}" \
  --namespace "${TEMPORAL_NAMESPACE:-default}" \
  --log-level warn \
  "${args[@]}"
