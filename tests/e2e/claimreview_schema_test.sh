#!/usr/bin/env bash
# The CLI's ClaimReview export (`claimcheck verify --claimreview`) from a
# real claimcheckd (sample articles preloaded), checked against schema.org's
# vocabulary (npm schema-dts, installed in client/node/node_modules by
# .ci/install-deps) by tests/e2e/claimreview_schema_check.js, and for every
# appearance of the quote: the two outlets that carried it.
#
# Usage: tests/e2e/claimreview_schema_test.sh PATH/TO/claimcheckd PATH/TO/claimcheck
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
claimcheckd="$1"
claimcheck="$2"
# shellcheck source=tests/e2e/client_probe.sh
source "${here}/client_probe.sh"
schema="${repo}/client/node/node_modules/schema-dts/dist/schema.d.ts"
command -v node >/dev/null 2>&1 ||
  skip_or_fail claimreview_schema "node not installed (apt-get install nodejs)"
[[ -f "${schema}" ]] ||
  skip_or_fail claimreview_schema "schema-dts not in client/node/node_modules (npm ci --prefix client/node, or .ci/install-deps)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/claimcheck_cr_XXXXXX")"
server_pid=""
cleanup() {
  [[ -n "${server_pid}" ]] && kill -TERM "${server_pid}" 2>/dev/null && wait "${server_pid}" 2>/dev/null || true
  rm -rf "${tmp}"
}
trap cleanup EXIT
"${claimcheckd}" --listen=127.0.0.1:0 --db="${tmp}/db" --log_calls=false \
  --preload="${repo}/tests/testdata/sample_articles.jsonl" 2>"${tmp}/server.log" &
server_pid=$!
port="$(wait_for_port "${tmp}/server.log" "${server_pid}")" || {
  cat "${tmp}/server.log" >&2
  exit 1
}
review() {
  "${claimcheck}" --server="127.0.0.1:${port}" verify --claimreview \
    --review-url=https://factcheck.example/r/1 --reviewer="Example Fact Check" "$@" \
    2>/dev/null >>"${tmp}/reviews.jsonl" || true
}
review "The repairs are ahead of schedule" --speaker="Victor Hale"
review "There is a long way to go to build trust" --speaker="Donald Trump"
review "our incredible pride in the sailors and Marines" --speaker="Brad Cooper"
review "We shall fight on the beaches"
node "${here}/claimreview_schema_check.js" "${schema}" <"${tmp}/reviews.jsonl"
# Every appearance: the repairs quote ran in The Daily Ledger and Metro Wire.
/usr/bin/python3 - "${tmp}/reviews.jsonl" <<'PYEOF'
import json, sys
first = json.loads(open(sys.argv[1]).readline())
outlets = [a["publisher"]["name"] for a in first["itemReviewed"]["appearance"]]
assert outlets == ["The Daily Ledger", "Metro Wire"], outlets
assert first["itemReviewed"]["firstAppearance"]["publisher"]["name"] == "The Daily Ledger"
assert first["author"]["name"] == "Example Fact Check"
assert "Victor Hale" in first["reviewRating"]["ratingExplanation"]
print("PASS: every appearance (The Daily Ledger, Metro Wire), the first, author, explanation")
PYEOF
