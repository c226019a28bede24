#!/usr/bin/env bash
# End to end for the HTTP/JSON gateway (client/gateway, grpc-gateway from
# Debian 12): builds it with client/gateway/build.sh into BUILD_DIR/gateway,
# starts a real claimcheckd (sample articles preloaded, write token
# "s3cret") and the gateway on loopback ports chosen by the kernel, then
# drives it with curl: the README's lines, status mapping, the bearer token
# on a write, query-string fields, and the Watch server stream.
#
# Usage: tests/e2e/json_gateway_test.sh PATH/TO/claimcheckd BUILD_DIR
# Without Go or the Debian grpc-gateway packages: "SKIP: <why>", exit 77; a
# failure when CLAIMCHECK_REQUIRE_CLIENTS=1 (CI).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
claimcheckd="$1"
build="$2"
# shellcheck source=tests/e2e/client_probe.sh
source "${here}/client_probe.sh"
for tool in go protoc protoc-gen-go protoc-gen-grpc-gateway curl; do
  command -v "${tool}" >/dev/null 2>&1 ||
    skip_or_fail json_gateway_e2e "${tool} missing (apt-get install golang-go golang-grpc-gateway golang-github-grpc-ecosystem-grpc-gateway-dev golang-google-grpc-dev golang-goprotobuf-dev golang-google-genproto-dev curl; or .ci/install-deps)"
done
[[ -d /usr/share/gocode/src/github.com/grpc-ecosystem/grpc-gateway/runtime ]] ||
  skip_or_fail json_gateway_e2e "grpc-gateway sources missing (apt-get install golang-github-grpc-ecosystem-grpc-gateway-dev)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/claimcheck_gw_XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "${pid}" 2>/dev/null && wait "${pid}" 2>/dev/null || true; done
  rm -rf "${tmp}"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

bash "${repo}/client/gateway/build.sh" "${build}/gateway" >"${tmp}/build.log" 2>&1 ||
  { cat "${tmp}/build.log" >&2; fail "client/gateway/build.sh"; }
echo "PASS: client/gateway/build.sh builds claimcheck-gateway"

CLAIMCHECK_WRITE_TOKEN=s3cret "${claimcheckd}" --listen=127.0.0.1:0 \
  --db="${tmp}/db" --log_calls=false \
  --preload="${repo}/tests/testdata/sample_articles.jsonl" 2>"${tmp}/server.log" &
pids+=($!)
port="$(wait_for_port "${tmp}/server.log" "${pids[0]}")" || {
  cat "${tmp}/server.log" >&2
  exit 1
}
"${build}/gateway/claimcheck-gateway" --backend="127.0.0.1:${port}" \
  --listen=127.0.0.1:0 2>"${tmp}/gw.log" &
pids+=($!)
gw=""
for _ in $(seq 1 100); do
  gw="$(sed -n 's/.*serving HTTP on \([0-9.]*:[0-9]*\),.*/\1/p' "${tmp}/gw.log")"
  [[ -n "${gw}" ]] && break
  sleep 0.1
done
[[ -n "${gw}" ]] || { cat "${tmp}/gw.log" >&2; fail "the gateway did not start"; }
echo "claimcheckd on 127.0.0.1:${port}, gateway on http://${gw}"

# check NAME 'curl args' HTTP_CODE PYTHON_EXPR: EXPR sees the JSON body as r.
check() {
  local name="$1" code="$2" expr="$3"
  shift 3
  local got
  got="$(curl -sS -o "${tmp}/body" -w '%{http_code}' "$@")" || fail "${name}: curl failed"
  if [[ "${got}" != "${code}" ]] ||
    ! /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
      "${tmp}/body" "${expr}"; then
    cat "${tmp}/body" >&2
    fail "${name}: HTTP ${got}"
  fi
  echo "PASS: ${name}"
}

# The README's lines (section "JSON over HTTP"), with this test's address.
mapfile -t readme_lines < <(grep -E '^curl .*127\.0\.0\.1:8080' "${repo}/README.md")
[[ ${#readme_lines[@]} -ge 3 ]] || fail "fewer than 3 curl lines in the README"
for line in "${readme_lines[@]}"; do
  line="${line//127.0.0.1:8080/${gw}}"
  out="$(eval "${line} -f")" || fail "README line failed: ${line}"
  [[ "${out}" == "{"* ]] || fail "README line gave no JSON: ${line}"
done
echo "PASS: the README's ${#readme_lines[@]} curl lines answer JSON"

check "POST /v1/quotes:verify: MISATTRIBUTED with evidence" 200 \
  'r["verdict"] == "VERDICT_MISATTRIBUTED" and r["attributed_speaker"] == "Abbas Araghchi" and r["evidence"][0]["evidence"]["outlet"] == "The Washington Times"' \
  -X POST "http://${gw}/v1/quotes:verify" \
  -d '{"text": "There is a long way to go to build trust", "claimed_speaker": "Donald Trump"}'
check "GET /v1/stats: int64 as strings" 200 'r["articles"] == "9"' "http://${gw}/v1/stats"
check "GET /v1/speakers/{name} with a space" 200 \
  'r["name"] == "Abbas Araghchi" and r["quote_count"] == 3' \
  "http://${gw}/v1/speakers/Mr.%20Araghchi"
check "GET /v1/speakers?name_prefix= (query string)" 200 \
  'all(s["name"].startswith("Ab") for s in r["speakers"]) and len(r["speakers"]) >= 1' \
  "http://${gw}/v1/speakers?name_prefix=Ab&page_size=5"
check "unknown article: 404 with the server's message" 404 \
  'r["code"] == 5 and "a_nope" in r["message"]' "http://${gw}/v1/articles/a_nope"
check "empty text: 400 naming the field" 400 \
  'r["code"] == 3 and "text" in r["message"]' \
  -X POST "http://${gw}/v1/quotes:verify" -d '{"text": ""}'
article='{"article": {"outlet": "Gateway Test", "published_date": "2026-03-09", "text": "\"The harbour wall will hold,\" said Ines Duarte."}}'
check "a write without the token: 401" 401 'r["code"] == 16' \
  -X POST "http://${gw}/v1/articles" -d "${article}"
check "POST /v1/watches with the token" 200 'r["id"] != ""' \
  -H 'Authorization: Bearer s3cret' -X POST "http://${gw}/v1/watches" \
  -d '{"text": "The harbour wall will hold", "speaker": "Ines Duarte"}'
check "POST /v1/articles with the token: CREATED" 200 \
  'r["outcome"] == "INGEST_OUTCOME_CREATED" and r["quote_count"] == 1' \
  -H 'Authorization: Bearer s3cret' -X POST "http://${gw}/v1/articles" -d "${article}"

# Server stream: newline-delimited {"result": event}; the stream stays open,
# so curl stops after 3 s (exit 28).
curl -sS -m 3 "http://${gw}/v1/events?after_sequence=0" >"${tmp}/events" 2>/dev/null || true
/usr/bin/python3 - "${tmp}/events" <<'PYEOF' || fail "GET /v1/events gave no SUPPORTED event"
import json, sys
events = [json.loads(l)["result"] for l in open(sys.argv[1]) if l.strip()]
assert any(e.get("verdict") == "VERDICT_SUPPORTED" for e in events), events
PYEOF
echo "PASS: GET /v1/events streams the watch event"
echo "all gateway checks passed"
