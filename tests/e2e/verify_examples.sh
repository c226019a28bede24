#!/usr/bin/env bash
# Prints client/EXAMPLES_VERIFY.md's worked example from a real run: starts
# claimcheckd on a fresh database, ingests the seed article and the Lakeside
# fixture set (three invented outlets), and copies each command's output.
#   tests/e2e/verify_examples.sh [build-dir] > client/EXAMPLES_VERIFY.md
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$build/claimcheckd" --listen=127.0.0.1:0 --db="$tmp/db" --log_calls=false \
  2>"$tmp/log" &
pid=$!
for _ in $(seq 100); do
  grep -q "serving on port" "$tmp/log" && break
  sleep 0.1
done
port=$(sed -n 's/.*serving on port \([0-9]*\),.*/\1/p' "$tmp/log")
run() {
  echo '```console'
  local shown=""
  for a in "$@"; do
    if [[ $a == *" "* || $a == *"'"* ]]; then
      if [[ $a == --*=* ]]; then a="${a%%=*}=\"${a#*=}\""; else a="\"$a\""; fi
    fi
    shown+=" $a"
  done
  echo "\$ claimcheck${shown}"
  set +e
  "$build/claimcheck" --server="127.0.0.1:$port" "$@" 2>&1 |
    sed -E '/^m_[0-9]+ /s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}/<time>         /g;
            s/"datePublished":"[0-9-]{10}","itemReviewed"/"datePublished":"<today>","itemReviewed"/'
  echo "[exit ${PIPESTATUS[0]}]"
  set -e
  echo '```'
  echo
}
cat <<'MD'
# Verification and cross-source consistency: a worked example

Real output of `tests/e2e/verify_examples.sh build` (times of merges shown as
`<time>`). The index holds the seed article (`tests/testdata/seed-article.txt`,
The Washington Times, 2026-02-08) and `tests/testdata/fixtures/lakeside_plant.jsonl`:
one invented event told by three invented outlets — Valley Courier
(2026-04-10), Northern Star (2026-04-11) and Lakeside Today (2026-04-12) —
with agreeing quotes, a truncated quote, a changed number, a quote given to
the wrong person, agreeing and conflicting numbers, and the governor's name
spelled two ways (Kovalenko / Kowalenko).

## Load the articles

MD
run ingest tests/testdata/seed-article.txt --outlet="The Washington Times" --date=2026-02-08
run ingest tests/testdata/fixtures/lakeside_plant.jsonl
cat <<'MD'
## Speaker identity: one record for both spellings

The spelling `Kowalenko` was merged into `Kovalenko` on ingest because the
rule found evidence (same first name, surname one edit apart, and a shared
role or a shared co-speaker). Each merge is recorded with its evidence.

MD
run merges
run speaker "Anna Kowalenko"
run speakers
cat <<'MD'
Sam Reyes and Maria Reyes share a surname and stay two speakers. An office
speaking for a person is attributed to the person, with the relation shown:

MD
run --json who-said "The governor thanks every worker who built it"
cat <<'MD'
## Verdicts

MD
run verify "It is the best thing to happen to this town in a decade" --speaker="Maria Reyes"
run verify "It is the best thing to happen to this town in a decade" --speaker="Sam Reyes"
run verify "The plant will supply clean water to 500,000 homes by the end of next year" --speaker="Anna Kovalenko"
run verify "This project was not rushed through without a proper review"
run verify "supply clean water to 200,000 homes" --speaker="Anna Kovalenko"
run verify "We will watch the costs closely" --speaker="Anna Kovalenko" --date=2026-04-11
run verify "There is a long way to go to build trust" --speaker="Benjamin Netanyahu"
cat <<'MD'
## Do the outlets agree?

MD
run consistency quote "The plant will supply clean water to 200,000 homes by the end of next year"
run consistency quote "This project was rushed through without a proper review"
run consistency quantity workers
cat <<'MD'
## Every conflict in the index

Attribution conflicts (the same words given to different speakers) and
numeric ones (the same quantity with disjoint intervals), most recent first,
filtered by outlet and dates, paged:

MD
run conflicts
run conflicts numeric --from=2026-04-11 --limit=2
run conflicts --outlet="Valley Courier" --to=2026-04-10
run conflicts --page-token=not-a-token
cat <<'MD'
## Undoing a merge

MD
run undo-merge m_1
run speakers Anna
run merges --all
cat <<'MD'
With the merge undone, the two spellings are two speakers again, so outlets
now disagree on who said the plant's promise:

MD
run consistency quote "The plant will supply clean water to 200,000 homes by the end of next year"
cat <<'MD'
## ClaimReview export

`verify --claimreview` prints schema.org `ClaimReview` JSON-LD (Google's
fact-check markup: `@context`, `@type`, `claimReviewed`, `url`, `author`,
`datePublished`, `reviewRating` with `ratingValue`/`bestRating`/`worstRating`/
`alternateName`; `itemReviewed.author`, `appearance`, `firstAppearance`):

MD
run verify "It is the best thing to happen to this town in a decade" --speaker="Sam Reyes" --claimreview --reviewer="Example Fact Check" --review-url=https://factcheck.example/reviews/reyes
