#!/usr/bin/env bash
# End to end from a stock reflection client: `buf curl` (npm @bufbuild/buf)
# against a real claimcheckd on a loopback port chosen by the kernel, with
# no .proto files given to buf: every schema comes from server reflection.
# Also runs `buf lint` over proto/ (config: proto/buf.yaml), offline.
#
# Usage: tests/e2e/buf_curl_test.sh PATH/TO/claimcheckd [PATH/TO/buf]
#   buf is otherwise found offline by find_buf (tests/e2e/client_probe.sh):
#   $BUF, client/node/node_modules, the global npm folder, PATH. Without buf
#   the test prints "SKIP: <reason>" and exits 77 (ctest SKIP_RETURN_CODE),
#   or fails when CLAIMCHECK_REQUIRE_CLIENTS=1 (CI).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
claimcheckd="${1:-${CLAIMCHECKD:-}}"
if [[ -z "${claimcheckd}" || ! -x "${claimcheckd}" ]]; then
  echo "usage: $0 PATH/TO/claimcheckd [PATH/TO/buf] (got '${claimcheckd}')" >&2
  exit 2
fi

# ---- find buf (offline: local files only) ----
# shellcheck source=tests/e2e/client_probe.sh
source "${here}/client_probe.sh"
if [[ -n "${2:-}" ]]; then export BUF="$2"; fi
if ! buf_path="$(find_buf "${repo}")"; then
  skip_or_fail buf_curl_e2e "buf not found (.ci/install-deps puts it in client/node/node_modules; or npm install -g @bufbuild/buf, or set BUF=PATH)"
fi
buf=("${buf_path}")
echo "using buf $("${buf[@]}" --version) at ${buf[*]}"

py=/usr/bin/python3
[[ -x "${py}" ]] || py=python3

tmp="$(mktemp -d "${TMPDIR:-/tmp}/claimcheck_buf_XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "${server_pid}" ]] && kill -0 "${server_pid}" 2>/dev/null; then
    kill -TERM "${server_pid}" 2>/dev/null || true
    wait "${server_pid}" 2>/dev/null || true
  fi
  rm -rf "${tmp}"
}
trap cleanup EXIT

failures=0
pass() { echo "PASS: $1"; }
fail() {
  echo "FAIL: $1" >&2
  failures=$((failures + 1))
}

# ---- buf lint (offline, proto/buf.yaml) ----
if (cd "${repo}" && "${buf[@]}" lint proto) >"${tmp}/lint.out" 2>&1; then
  pass "buf lint proto"
else
  cat "${tmp}/lint.out" >&2
  fail "buf lint proto"
fi

# ---- start claimcheckd on port 0 and read the port back ----
"${claimcheckd}" --listen=127.0.0.1:0 --db="${tmp}/claimcheck.db" \
  --log_calls=false 2>"${tmp}/server.log" &
server_pid=$!
if ! port="$(wait_for_port "${tmp}/server.log" "${server_pid}")"; then
  echo "claimcheckd did not start:" >&2
  cat "${tmp}/server.log" >&2
  exit 1
fi
base="http://127.0.0.1:${port}"
echo "claimcheckd pid ${server_pid} on ${base}"

bcurl() { "${buf[@]}" curl --protocol grpc --http2-prior-knowledge "$@"; }

# expect NAME OUTPUT_FILE PYTHON_EXPR: EXPR sees the parsed JSON as `r`
# (for streams, the list of JSON documents as `docs`).
expect() {
  local name="$1" file="$2" expr="$3"
  if "${py}" - "${file}" "${expr}" <<'EOF'; then
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
dec, docs, i = json.JSONDecoder(), [], 0
while i < len(text):
    if text[i].isspace():
        i += 1
        continue
    d, i = dec.raw_decode(text, i)
    docs.append(d)
r = docs[0] if docs else None
ok = eval(sys.argv[2], {"r": r, "docs": docs})
sys.exit(0 if ok else 1)
EOF
    pass "${name}"
  else
    echo "--- output of ${name}:" >&2
    cat "${file}" >&2
    fail "${name}"
  fi
}

# call NAME METHOD_PATH [buf curl args...]: output (stdout+stderr) in $tmp/NAME.out
call() {
  local name="$1" path="$2"
  shift 2
  if ! bcurl "$@" "${base}/${path}" >"${tmp}/${name}.out" 2>&1; then
    echo "--- buf curl ${path} failed:" >&2
    cat "${tmp}/${name}.out" >&2
    fail "${name} (buf curl exit status)"
    return 1
  fi
}

# ---- the seed article as an IngestArticleRequest, in JSON ----
"${py}" - "${repo}/tests/testdata/seed-article.txt" >"${tmp}/seed.json" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps({"article": {
    "url": "https://www.washingtontimes.com/news/2026/feb/8/"
           "iran-says-ballistic-missile-program-never-negotiable/",
    "outlet": "The Washington Times",
    "published_date": "2026-02-08",
    "title": "Iran says ballistic missile program never negotiable",
    "text": text}, "client_ref": "buf-seed"}))
EOF

# ---- reflection: list services ----
if bcurl --list-services "${base}" >"${tmp}/services.out" 2>&1; then
  for svc in claimcheck.v1.ClaimCheck grpc.health.v1.Health; do
    if grep -qx "${svc}" "${tmp}/services.out"; then
      pass "reflection lists ${svc}"
    else
      cat "${tmp}/services.out" >&2
      fail "reflection lists ${svc}"
    fi
  done
else
  cat "${tmp}/services.out" >&2
  fail "buf curl --list-services"
fi

# ---- unary calls, schema by reflection ----
call ingest claimcheck.v1.ClaimCheck/IngestArticle -d "@${tmp}/seed.json" &&
  expect "IngestArticle seed: 9 quotes, 4 claims" "${tmp}/ingest.out" \
    'r["outcome"] == "INGEST_OUTCOME_CREATED" and r["quoteCount"] == 9 and r["claimCount"] == 4 and r["clientRef"] == "buf-seed"'

call verify claimcheck.v1.ClaimCheck/VerifyQuote \
  -d '{"text": "very good", "claimed_speaker": "Donald Trump"}' &&
  expect "VerifyQuote very good / Donald Trump is SUPPORTED" "${tmp}/verify.out" \
    'r["verdict"] == "VERDICT_SUPPORTED"'

call verify2 claimcheck.v1.ClaimCheck/VerifyQuote \
  -d '{"text": "very good", "claimed_speaker": "Abbas Araghchi"}' &&
  expect "VerifyQuote very good / Abbas Araghchi is MISATTRIBUTED" "${tmp}/verify2.out" \
    'r["verdict"] == "VERDICT_MISATTRIBUTED" and r["attributedSpeaker"] == "Donald Trump"'

call search claimcheck.v1.ClaimCheck/SearchQuotes \
  -d '{"text": "There is a long way to go to build trust"}' &&
  expect "SearchQuotes gives Abbas Araghchi" "${tmp}/search.out" \
    'r["matches"][0]["quote"]["attribution"]["speaker"] == "Abbas Araghchi"'

# Client stream: two JSON documents, two acks in order.
call stream claimcheck.v1.ClaimCheck/IngestArticles -d '
  {"article": {"outlet": "Outlet B1", "text": "\"We are ready,\" said Jane Doe, the mayor."}, "client_ref": "s-0"}
  {"article": {"outlet": "Outlet B2", "text": "\"Fine,\" Mr. Roe said."}, "client_ref": "s-1"}' &&
  expect "IngestArticles acks in order" "${tmp}/stream.out" \
    '[d["clientRef"] for d in docs] == ["s-0", "s-1"] and all(d["outcome"] == "INGEST_OUTCOME_CREATED" for d in docs)'

call stats claimcheck.v1.ClaimCheck/GetStats &&
  expect "GetStats counts the ingests" "${tmp}/stats.out" \
    'int(r["articles"]) == 3 and int(r["quotes"]) >= 9'

call health grpc.health.v1.Health/Check -d '{}' &&
  expect "Health/Check is SERVING" "${tmp}/health.out" 'r["status"] == "SERVING"'

# ---- an error: empty text is INVALID_ARGUMENT naming article.text ----
if bcurl "${base}/claimcheck.v1.ClaimCheck/IngestArticle" \
  -d '{"article": {"outlet": "X", "text": ""}}' >"${tmp}/bad.out" 2>&1; then
  cat "${tmp}/bad.out" >&2
  fail "empty text was accepted"
elif grep -qi "invalid.argument" "${tmp}/bad.out" && grep -q "article.text" "${tmp}/bad.out"; then
  pass "empty text is INVALID_ARGUMENT naming article.text"
else
  cat "${tmp}/bad.out" >&2
  fail "empty text error"
fi

# ---- the README's buf curl lines, as written apart from the port ----
mapfile -t readme_lines < <(grep -E '^buf curl .*127\.0\.0\.1:50051' "${repo}/README.md")
if [[ ${#readme_lines[@]} -lt 4 ]]; then
  fail "fewer than 4 buf curl lines in the README"
fi
buf() { "${buf_path}" "$@"; }  # the README's bare `buf` is the one found
for line in "${readme_lines[@]}"; do
  line="${line//127.0.0.1:50051/127.0.0.1:${port}}"
  if eval "${line}" >"${tmp}/readme.out" 2>&1 && [[ -s "${tmp}/readme.out" ]] &&
    ! grep -qi "error" "${tmp}/readme.out"; then
    pass "README: ${line#*--http2-prior-knowledge }"
  else
    cat "${tmp}/readme.out" >&2
    fail "README line: ${line}"
  fi
done

# ---- SIGTERM drains and exits 0 ----
kill -TERM "${server_pid}" || true
if wait "${server_pid}"; then
  pass "claimcheckd exits 0 on SIGTERM"
else
  fail "claimcheckd exit status on SIGTERM: $?"
  cat "${tmp}/server.log" >&2
fi
server_pid=""

if [[ ${failures} -ne 0 ]]; then
  echo "${failures} check(s) failed" >&2
  exit 1
fi
echo "all buf curl checks passed"
