#!/usr/bin/env bash
# Property-based API tests of the gate (`docscreen serve`) and the centre (`docscreen centre`) against their
# committed OpenAPI specs, with schemathesis (pip install schemathesis; written against 4.x).
#
#   Tests/e2e/api_schemathesis.sh BINARY [--max-examples N] [--seed N]      (default 200 examples per operation)
#
# Starts, on free loopback ports in a temporary folder: a centre (SQLite store) and a gate (--no-viz, pushing to
# the centre). Then three schemathesis runs, every check on:
#   1. the gate's spec against the gate;
#   2. the centre's spec against the centre with gate-b's bearer token (authenticated paths exercised);
#   3. the centre's spec against the centre without a token (the 401s).
# Every check is on and --continue-on-failure, so each failing operation shows all its failure classes.
# Exits non-zero when any run finds a failure or when a server dies; the temporary folder (server logs, stores,
# full schemathesis output, JUnit reports) is then kept, and removed after a clean run unless
# SCHEMATHESIS_REPORT_DIR names where the reports go.
set -uo pipefail

usage() { echo "usage: $0 BINARY [--max-examples N] [--seed N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
BINARY=$(realpath "$1"); shift
MAX_EXAMPLES=200
SEED=""
while [ $# -gt 0 ]; do
    case "$1" in
        --max-examples) MAX_EXAMPLES=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        *) usage ;;
    esac
done
[ -x "$BINARY" ] || { echo "FAIL $BINARY is not an executable" >&2; exit 2; }
command -v schemathesis > /dev/null || { echo "FAIL schemathesis is not installed (pip install schemathesis)" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GATE_SPEC=$ROOT/Sources/GateService/gate-openapi.yaml
CENTRE_SPEC=$ROOT/Sources/CentreService/centre-openapi.yaml
TMP=$(mktemp -d /tmp/docscreen-schemathesis-XXXXXX)
REPORTS=${SCHEMATHESIS_REPORT_DIR:-$TMP/reports}
mkdir -p "$REPORTS"
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2> /dev/null
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2> /dev/null
    done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_up NAME PID PORT: until GET /api/v1/health answers 200, at most 60 s.
wait_up() {
    local name=$1 pid=$2 port=$3
    for _ in $(seq 600); do
        kill -0 "$pid" 2> /dev/null || { echo "FAIL $name exited at start (log: $TMP/$name.log)"; tail -n 20 "$TMP/$name.log"; exit 1; }
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2> /dev/null; then return 0; fi
        sleep 0.1
    done
    echo "FAIL $name did not answer within 60 s"; exit 1
}

"$BINARY" keys --out "$TMP/keys" --gate gate-a --gate gate-b > /dev/null || { echo "FAIL docscreen keys"; exit 1; }
# A signed watchlist release, so that GET /api/v1/watchlist and /api/v1/watchlist/1 have something to answer.
mkdir -p "$TMP/releases"
printf 'id,surname,given_names,birth_date,nationality,sex,list\nP1,NGUYEN,VAN AN,1980-01-02,VNM,M,test\n' > "$TMP/persons.csv"
"$BINARY" watchlist build "$TMP/persons.csv" --output "$TMP/persons.idx" > /dev/null 2>&1 &&
    "$BINARY" watchlist publish "$TMP/persons.idx" --key "$TMP/keys/centre.key" --releases "$TMP/releases" > /dev/null ||
    { echo "FAIL docscreen watchlist build/publish"; exit 1; }
CENTRE_PORT=$(free_port)
"$BINARY" centre --port "$CENTRE_PORT" --db "$TMP/centre.sqlite" --tokens "$TMP/keys/tokens" --releases "$TMP/releases" \
    > "$TMP/centre.log" 2>&1 &
PIDS+=($!); CENTRE_PID=$!
wait_up centre "$CENTRE_PID" "$CENTRE_PORT"
GATE_PORT=$(free_port)
"$BINARY" serve --port "$GATE_PORT" --db "$TMP/gate.sqlite" --gate gate-a --today 2026-11-22 --no-viz \
    --centre "http://127.0.0.1:$CENTRE_PORT" --token-file "$TMP/keys/gate-a.token" --centre-key "$TMP/keys/centre.pub" > "$TMP/gate.log" 2>&1 &
PIDS+=($!); GATE_PID=$!
wait_up gate "$GATE_PID" "$GATE_PORT"
# One real scan so that the record paths have something to find.
curl -fsS -o /dev/null --data-binary @"$ROOT/samples/pages/td3-clean-00000.jpg" -H 'Content-Type: image/jpeg' \
    "http://127.0.0.1:$GATE_PORT/api/v1/scan?name=td3-clean.jpg" || { echo "FAIL the first scan"; exit 1; }

# A hook for the authenticated centre run: a batch's `gate` (and every row's) must be the token's gate, which a
# schema cannot say; generated strings there are replaced by the token's gate so that schema-valid batches are
# really stored (a foreign gate is refused, see the report). Only strings are replaced: wrong types stay wrong.
mkdir -p "$TMP/hooks"
cat > "$TMP/hooks/docscreen_hooks.py" <<'PY'
import os
import schemathesis

GATE = os.environ.get("DOCSCREEN_HOOK_GATE")


def _own_gate(body):
    if isinstance(body, dict):
        if isinstance(body.get("gate"), str):
            body["gate"] = GATE
        for key in ("scans", "decisions"):
            rows = body.get(key)
            if isinstance(rows, list):
                for row in rows:
                    if isinstance(row, dict) and isinstance(row.get("gate"), str):
                        row["gate"] = GATE
    return body


def _is_ingest(context):
    operation = context.operation
    return bool(GATE) and operation is not None and operation.path == "/api/v1/records" and operation.method.upper() == "POST"


@schemathesis.hook
def map_case(context, case):
    # Every phase (coverage and fuzzing) passes through map_case.
    if _is_ingest(context):
        case.body = _own_gate(case.body)
    return case
PY

echo "schemathesis $(schemathesis --version | awk '{print $NF}'), $MAX_EXAMPLES examples per operation, binary $BINARY"
COMMON=(--checks all --continue-on-failure --max-examples "$MAX_EXAMPLES" --workers 1 --no-color --request-timeout 30
        --suppress-health-check all --generation-database none --warnings off)
[ -n "$SEED" ] && COMMON+=(--seed "$SEED")

FAILED=()
run() {
    local name=$1; shift
    local started=$SECONDS
    echo; echo "== $name"
    schemathesis run "$@" "${COMMON[@]}" --report junit --report-junit-path "$REPORTS/$name.xml" > "$TMP/$name.out" 2>&1
    local status=$?
    # The summary, without the per-operation progress lines.
    grep -vE '^\s*(✅|❌|⚠️|🚫|⏭️)?\s*(GET|POST|PUT|DELETE|PATCH) /' "$TMP/$name.out" | tail -n 80
    echo "== $name: exit $status in $((SECONDS - started)) s (full output: $TMP/$name.out)"
    [ $status -eq 0 ] || FAILED+=("$name")
}

run gate "$GATE_SPEC" --url "http://127.0.0.1:$GATE_PORT"
PYTHONPATH="$TMP/hooks${PYTHONPATH:+:$PYTHONPATH}" SCHEMATHESIS_HOOKS=docscreen_hooks DOCSCREEN_HOOK_GATE=gate-b \
    run centre-auth "$CENTRE_SPEC" --url "http://127.0.0.1:$CENTRE_PORT" -H "Authorization: Bearer $(tr -d '\n' < "$TMP/keys/gate-b.token")"
run centre-noauth "$CENTRE_SPEC" --url "http://127.0.0.1:$CENTRE_PORT"

for pair in "gate:$GATE_PID" "centre:$CENTRE_PID"; do
    kill -0 "${pair#*:}" 2> /dev/null || { echo "FAIL ${pair%%:*} died during the run"; FAILED+=("${pair%%:*}-died"); }
done
if grep -qiE 'fatal error|stack dump|segmentation' "$TMP/gate.log" "$TMP/centre.log"; then
    echo "FAIL a server log shows a crash"; FAILED+=("crash")
fi
echo
echo "reports: $REPORTS; server logs: $TMP/gate.log, $TMP/centre.log"
if [ ${#FAILED[@]} -gt 0 ]; then
    echo "FAIL schemathesis: ${FAILED[*]} (the temporary folder $TMP is kept)"
    trap - EXIT; cleanup
    exit 1
fi
echo "ok   schemathesis: gate, centre with a token, centre without a token"
[ -n "${SCHEMATHESIS_REPORT_DIR:-}" ] || { trap - EXIT; cleanup; rm -rf "$TMP"; }
