#!/usr/bin/env bash
# End to end from Node: @grpc/grpc-js + @grpc/proto-loader (installed by
# .ci/install-deps into client/node/node_modules) against a real claimcheckd
# on a loopback port chosen by the kernel, preloaded with the sample
# articles. Runs the README's example (client/node/example.js) and checks its
# output, then tests/e2e/node_client_test.js (module, token, errors).
#
# Usage: tests/e2e/node_client_test.sh PATH/TO/claimcheckd
# Without node or the npm packages: "SKIP: <why>", exit 77; a failure when
# CLAIMCHECK_REQUIRE_CLIENTS=1 (CI).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
claimcheckd="$1"
# shellcheck source=tests/e2e/client_probe.sh
source "${here}/client_probe.sh"
command -v node >/dev/null 2>&1 ||
  skip_or_fail node_client_e2e "node not installed (apt-get install nodejs)"
for pkg in @grpc/grpc-js @grpc/proto-loader; do
  [[ -f "${repo}/client/node/node_modules/${pkg}/package.json" ]] ||
    skip_or_fail node_client_e2e "${pkg} not in client/node/node_modules (run: npm ci --prefix client/node, or .ci/install-deps)"
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/claimcheck_node_XXXXXX")"
server_pid=""
cleanup() {
  [[ -n "${server_pid}" ]] && kill -TERM "${server_pid}" 2>/dev/null && wait "${server_pid}" 2>/dev/null || true
  rm -rf "${tmp}"
}
trap cleanup EXIT

CLAIMCHECK_WRITE_TOKEN=s3cret "${claimcheckd}" --listen=127.0.0.1:0 \
  --db="${tmp}/db" --log_calls=false \
  --preload="${repo}/tests/testdata/sample_articles.jsonl" 2>"${tmp}/server.log" &
server_pid=$!
port="$(wait_for_port "${tmp}/server.log" "${server_pid}")" || {
  cat "${tmp}/server.log" >&2
  exit 1
}
echo "node $(node --version), claimcheckd on 127.0.0.1:${port}"

# The README's example, as a user runs it.
node "${repo}/client/node/example.js" --server="127.0.0.1:${port}" \
  "There is a long way to go to build trust" "Donald Trump" >"${tmp}/example.out"
cat "${tmp}/example.out"
grep -q '^1.00  Abbas Araghchi  The Washington Times  2026-02-08' "${tmp}/example.out"
grep -q '^verdict: MISATTRIBUTED (confidence 0\.[0-9][0-9]): Said by Abbas Araghchi' "${tmp}/example.out"
echo "PASS: example.js finds the speaker and the verdict"
status=0
node "${repo}/client/node/example.js" --server=127.0.0.1:1 "x" 2>"${tmp}/err.out" || status=$?
if [[ ${status} -ne 2 ]] || ! grep -q '^claimcheck: UNAVAILABLE' "${tmp}/err.out"; then
  echo "FAIL: example.js on a closed port: exit ${status}, $(cat "${tmp}/err.out")" >&2
  exit 1
fi
echo "PASS: example.js on a closed port: UNAVAILABLE, exit 2"

node "${here}/node_client_test.js" "${repo}/client/node" "127.0.0.1:${port}"
