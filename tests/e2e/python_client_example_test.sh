#!/usr/bin/env bash
# End to end for client/python as its README tells a user to run it: makes
# the stubs with the README's own protoc command, starts a real claimcheckd
# (sample articles preloaded, write token "s3cret") on a loopback port chosen
# by the kernel, runs example.py and checks its output, then uses the module
# for a write with and without the token and an error status.
#
# Usage: tests/e2e/python_client_example_test.sh PATH/TO/claimcheckd
# Without python3-grpcio / protoc / grpc_python_plugin: "SKIP: <why>",
# exit 77; a failure when CLAIMCHECK_REQUIRE_CLIENTS=1 (CI).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
claimcheckd="$1"
py=/usr/bin/python3
# shellcheck source=tests/e2e/client_probe.sh
source "${here}/client_probe.sh"
"${py}" -c "import grpc, google.protobuf" 2>/dev/null ||
  skip_or_fail python_client_example "${py} cannot import grpc (apt-get install python3-grpcio python3-protobuf)"
for tool in protoc /usr/bin/grpc_python_plugin; do
  command -v "${tool}" >/dev/null 2>&1 ||
    skip_or_fail python_client_example "${tool} missing (apt-get install protobuf-compiler protobuf-compiler-grpc)"
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/claimcheck_pyex_XXXXXX")"
server_pid=""
cleanup() {
  [[ -n "${server_pid}" ]] && kill -TERM "${server_pid}" 2>/dev/null && wait "${server_pid}" 2>/dev/null || true
  rm -rf "${tmp}"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The README's stub command, run as written (from the repository root),
# except that it writes into a temporary folder instead of client/python/gen.
make_stubs="$(grep -m1 '^mkdir -p client/python/gen && protoc ' "${repo}/client/python/README.md")" ||
  fail "no stub command in client/python/README.md"
(cd "${repo}" && eval "${make_stubs//client\/python\/gen/${tmp}/gen}")
[[ -f "${tmp}/gen/claimcheck/v1/claimcheck_pb2_grpc.py" ]] || fail "the README's protoc command made no stubs"
echo "PASS: the README's protoc command makes the stubs"

CLAIMCHECK_WRITE_TOKEN=s3cret "${claimcheckd}" --listen=127.0.0.1:0 \
  --db="${tmp}/db" --log_calls=false \
  --preload="${repo}/tests/testdata/sample_articles.jsonl" 2>"${tmp}/server.log" &
server_pid=$!
port="$(wait_for_port "${tmp}/server.log" "${server_pid}")" || {
  cat "${tmp}/server.log" >&2
  exit 1
}
export PYTHONPATH="${tmp}/gen:${repo}/client/python"

"${py}" "${repo}/client/python/example.py" --server="127.0.0.1:${port}" \
  "There is a long way to go to build trust" "Donald Trump" >"${tmp}/example.out"
cat "${tmp}/example.out"
grep -q '^1.00  Abbas Araghchi  The Washington Times  2026-02-08' "${tmp}/example.out" ||
  fail "example.py did not give Abbas Araghchi"
grep -q '^verdict: MISATTRIBUTED (confidence 0\.[0-9][0-9]): Said by Abbas Araghchi' "${tmp}/example.out" ||
  fail "example.py verdict"
echo "PASS: example.py finds the speaker and the verdict"
status=0
"${py}" "${repo}/client/python/example.py" --server=127.0.0.1:1 x 2>"${tmp}/err.out" || status=$?
if [[ ${status} -ne 2 ]] || ! grep -q '^claimcheck: UNAVAILABLE: ' "${tmp}/err.out"; then
  fail "example.py on a closed port: exit ${status}, $(cat "${tmp}/err.out")"
fi
echo "PASS: example.py on a closed port: UNAVAILABLE, exit 2"

"${py}" - "127.0.0.1:${port}" <<'PYEOF'
import sys
import grpc
from claimcheck_client import ClaimCheck

target = sys.argv[1]
text = '"We are ready," said Jane Doe, the mayor.'
with ClaimCheck(target) as reader, ClaimCheck(target, token="s3cret") as writer:
    try:
        reader.ingest(text, outlet="Py Test", date="2026-03-01")
        sys.exit("FAIL: a write without the token was accepted")
    except grpc.RpcError as err:
        assert err.code() == grpc.StatusCode.UNAUTHENTICATED, err
    print("PASS: ingest without the token is UNAUTHENTICATED")
    ack = writer.ingest(text, outlet="Py Test", date="2026-03-01")
    assert ack.quote_count == 1, ack
    found = reader.who_said("We are ready")
    assert found.matches[0].quote.attribution.speaker == "Jane Doe", found
    print("PASS: ingest with the token, then who_said gives Jane Doe")
    try:
        reader.verify("")
        sys.exit("FAIL: empty text was accepted")
    except grpc.RpcError as err:
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, err
        assert "text" in err.details(), err.details()
    print("PASS: verify('') is INVALID_ARGUMENT naming text")
    speakers = reader.stub.ListSpeakers(
        reader.pb.ListSpeakersRequest(name_prefix="Abbas"),
        metadata=reader.metadata, timeout=reader.timeout)
    assert speakers.speakers[0].name == "Abbas Araghchi", speakers
    print("PASS: any other RPC through cc.stub")
    assert reader.stats().articles == 10
print("all python example checks passed")
PYEOF
