#!/usr/bin/env bash
# The nightly deployment's whole round trip, by hand: a local `prefect server start`, the work pool,
# `prefect deploy --all` (prefect.yaml), the schedule read back, and one run of news-etl-nightly through a worker
# into a throwaway warehouse. Everything lives in a temporary folder; the server is stopped on exit.
#   scripts/check_deploy.sh            # ~40 s; tests/test_nightly.py checks the deploy part in `make test`
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.venv/bin
TMP=$(mktemp -d)
PORT=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PREFECT_HOME=$TMP/prefect PREFECT_API_URL=http://127.0.0.1:$PORT/api NEWSETL_HOME=$PWD
export PREFECT_SERVER_ANALYTICS_ENABLED=false GX_ANALYTICS_ENABLED=false NEWSETL_DATA_DOCS=0 PATH=$BIN:$PATH

"$BIN/prefect" server start --host 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 120); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null || { cat "$TMP/server.log"; exit 1; }

prefect work-pool create newsetl --type process --overwrite >/dev/null
prefect --no-prompt deploy --all
"$BIN/python" - <<'PY'
from prefect.client.orchestration import get_client

with get_client(sync_client=True) as client:
    d = client.read_deployment_by_name("news_etl/news-etl-nightly")
[s] = d.schedules
assert (s.schedule.cron, s.schedule.timezone, s.active) == ("0 2 * * *", "UTC", True), s
print(f"deployment {d.name}: cron {s.schedule.cron} {s.schedule.timezone}, parameters {d.parameters}")
PY
prefect deployment run news_etl/news-etl-nightly --param "warehouse=$TMP/news.duckdb" >/dev/null
prefect worker start --pool newsetl --run-once >"$TMP/worker.log" 2>&1 || { cat "$TMP/worker.log"; exit 1; }
"$BIN/newsetl" status --warehouse "$TMP/news.duckdb" --format json | "$BIN/python" -c '
import json, sys
[run] = json.load(sys.stdin)
assert run["status"] == "success" and run["n_inputs"] == run["n_loaded"] + run["n_duplicates"] + run["n_quarantined"], run
print("one run through a worker:", {k: run[k] for k in ("n_inputs", "n_loaded", "n_duplicates", "n_quarantined")})
'
echo "ok: prefect deploy --all, schedule and a worker run"
