#!/usr/bin/env bash
# Regenerates tests/testdata/wikinews_golden.jsonl from the current extractor.
#
#   tests/tools/make_wikinews_golden.sh [path/to/claimcheck-extract]
#
# Runs claimcheck-extract over tests/testdata/wikinews.jsonl and keeps, per
# article, the fields the golden test compares, one record per line as a
# flat JSON array (see tests/testdata/wikinews_golden.md for the format):
#   ["<article id>", "Q", begin, end, "speaker", "mention", "rule", "text"]
#   ["<article id>", "N", begin, end, value, low, high, "unit", "unit_key",
#    "surface"]
# Review the diff (git diff tests/testdata/wikinews_golden.jsonl) before
# committing: every change must be an improvement you can name.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
extract=${1:-$root/build/claimcheck-extract}
if [[ ! -x $extract ]]; then
  echo "no extractor at $extract (build it, or pass its path)" >&2
  exit 2
fi
"$extract" < "$root/tests/testdata/wikinews.jsonl" | python3 -c '
import json, sys

def num(v):
    return None if v is None else float(v)

for line in sys.stdin:
    doc = json.loads(line)
    if "error" in doc:
        sys.exit("extractor error: %s" % doc["error"])
    aid = doc["id"]
    rows = []
    for q in doc.get("quotes", []):
        rows.append([aid, "Q", int(q["start"]), int(q["end"]), q["speaker"],
                     q["speaker_mention"], q["rule"], q["quote"]])
    for n in doc.get("quantities", []):
        rows.append([aid, "N", int(n["start"]), int(n["end"]), num(n["value"]),
                     num(n["low"]), num(n["high"]), n["unit"], n["unit_key"],
                     n["surface"]])
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))
' > "$root/tests/testdata/wikinews_golden.jsonl"
wc -l "$root/tests/testdata/wikinews_golden.jsonl"
