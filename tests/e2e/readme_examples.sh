#!/usr/bin/env bash
# Prints the README's CLI examples as Markdown, from a real run: starts
# claimcheckd on a fresh database preloaded with the sample data, runs each
# command, and copies its output verbatim.
#   tests/e2e/readme_examples.sh [build-dir] > /tmp/examples.md
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$build/claimcheckd" --listen=127.0.0.1:0 --db="$tmp/db" --log_calls=false \
  --preload=tests/testdata/sample_articles.jsonl 2>"$tmp/log" &
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
    if [[ $a == *" "* ]]; then
      if [[ $a == --*=* ]]; then a="${a%%=*}=\"${a#*=}\""; else a="\"$a\""; fi
    fi
    shown+=" $a"
  done
  echo "\$ claimcheck${shown}"
  set +e
  "$build/claimcheck" --server="127.0.0.1:$port" "$@" 2>&1
  echo "[exit $?]"
  set -e
  echo '```'
  echo
}
run stats
run who-said "There is a long way to go to build trust"
run who-said "a long way to go to build trust" --approx
run quotes "Abbas Araghchi"
run speaker "Mr. Araghchi"
run verify "very good" --speaker="Donald Trump"
run verify "There is a long way to go to build trust" --speaker="Donald Trump"
run verify "We will let this city be cut in two for another winter" --speaker="Elena Marsh"
run verify "our incredible pride in the sailors and Marines" --speaker="Brad Cooper"
run verify "We shall fight on the beaches"
run consistency quote "The repairs are ahead of schedule"
run consistency quantity vehicles
run claims "ballistic missiles"
run claims --kind=age,money --limit=4
run --json verify "never negotiable" --speaker="Abbas Araghchi"
