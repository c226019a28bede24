#!/usr/bin/env bash
# Run peer tools and claimcheck-extract over the quality sets, score them with our scorers,
# time them, and print one table.
#
# usage: tests/quality/peers/run_peers.sh [PATH/TO/claimcheck-extract]
#   default extractor: build/claimcheck-extract, else build-lead/claimcheck-extract
# env:   REPEAT=N  in-process repetitions of each peer's extraction step (median; default 3)
#        RUNS=N    runs of claimcheck-extract for its wall time (median; default 11)
#        OUT=DIR   where predictions/timings go (default tests/quality/peers/out, git-ignored)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
EXTRACT="${1:-}"
if [ -z "$EXTRACT" ]; then
  for c in "$ROOT/build/claimcheck-extract" "$ROOT/build-lead/claimcheck-extract"; do
    [ -x "$c" ] && { EXTRACT="$c"; break; }
  done
fi
[ -n "$EXTRACT" ] && [ -x "$EXTRACT" ] || { echo "no claimcheck-extract (pass its path)" >&2; exit 2; }
REPEAT="${REPEAT:-3}"; RUNS="${RUNS:-11}"
OUT="${OUT:-$HERE/out}"; mkdir -p "$OUT"

cd "$HERE"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >/dev/null; else npm install --no-audit --no-fund >/dev/null; fi

WN_IN="$ROOT/tests/testdata/wikinews.jsonl"
NS_IN="$ROOT/tests/quality/newsstyle/articles.jsonl"
declare -A IN=([wikinews]="$WN_IN" [newsstyle]="$NS_IN")
QGOLD_wikinews="$ROOT/tests/quality/wikinews_quotes_gold.jsonl"
QGOLD_newsstyle="$ROOT/tests/quality/newsstyle/gold.jsonl"
NGOLD_wikinews="$ROOT/tests/quality/numbers/wikinews_numbers_gold.jsonl"   # newsstyle has no numbers gold

now() { date +%s.%N; }
# peers: name|script|flags|task
PEERS=(
  "recognizers-text|numbers_recognizers.js||numbers"
  "compromise-numbers|numbers_compromise.js||numbers"
  "compromise-quotes|quotes_compromise.js|--speaker=none|quotes"
  "compromise-quotes+nearest|quotes_compromise.js|--speaker=nearest|quotes"
)
for set in wikinews newsstyle; do
  for p in "${PEERS[@]}"; do
    IFS='|' read -r name script flags task <<<"$p"
    echo "running $name on $set ..." >&2
    t0=$(now)
    node "$script" "${IN[$set]}" --repeat "$REPEAT" --timing-json "$OUT/$name.$set.timing.json" $flags \
      > "$OUT/$name.$set.pred.jsonl" 2>"$OUT/$name.$set.stderr"
    t1=$(now)
    # wall of the whole process (node start-up, module load, I/O, REPEAT extraction passes)
    python3 - "$OUT/$name.$set.timing.json" "$t0" "$t1" <<'PY'
import json, sys
p, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
d = json.load(open(p)); d["wall_s_total"] = t1 - t0
# wall for one pass = total wall minus the extra (REPEAT-1) extraction passes
d["wall_s_one_pass"] = d["wall_s_total"] - (d["repeat"] - 1) * d["extract_s_median"]
json.dump(d, open(p, "w"))
PY
  done
  # ours: process wall time (median of RUNS); "extract-only" = that minus the median wall
  # time of a run on empty input (process start-up + exit), an estimate
  echo "running claimcheck-extract on $set ..." >&2
  walls=(); empties=()
  for i in $(seq "$RUNS"); do
    t0=$(now); "$EXTRACT" < "${IN[$set]}" > "$OUT/claimcheck.$set.pred.jsonl"; t1=$(now)
    walls+=("$(python3 -c "print($t1-$t0)")")
    t0=$(now); "$EXTRACT" < /dev/null > /dev/null; t1=$(now)
    empties+=("$(python3 -c "print($t1-$t0)")")
  done
  python3 - "$OUT/claimcheck.$set.timing.json" "${IN[$set]}" "${walls[*]}" "${empties[*]}" <<'PY'
import json, sys, statistics
out, inp = sys.argv[1], sys.argv[2]
walls = [float(x) for x in sys.argv[3].split()]
empties = [float(x) for x in sys.argv[4].split()]
nb = sum(len(json.loads(l)["text"].encode()) for l in open(inp, encoding="utf-8") if l.strip())
w, e = statistics.median(walls), statistics.median(empties)
json.dump({"tool": "claimcheck", "text_bytes": nb, "wall_s_one_pass": w,
           "startup_s": e, "extract_s_median": (w - e) if w > e else None,
           "runs": len(walls)}, open(out, "w"))
PY
done

# score + table
python3 - "$OUT" "$ROOT" <<'PY'
import json, subprocess, sys, os
out, root = sys.argv[1], sys.argv[2]
qs = os.path.join(root, "tests/quality/score_quotes.py")
ns = os.path.join(root, "tests/quality/numbers/score_numbers.py")
QG = {"wikinews": os.path.join(root, "tests/quality/wikinews_quotes_gold.jsonl"),
      "newsstyle": os.path.join(root, "tests/quality/newsstyle/gold.jsonl")}
NG = {"wikinews": os.path.join(root, "tests/quality/numbers/wikinews_numbers_gold.jsonl")}
def score(scorer, gold, pred):
    r = subprocess.run([sys.executable, scorer, gold, pred], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])
def mbps(t):
    ex = t.get("extract_s_median")
    return (t["text_bytes"] / 1e6 / ex if ex else None, t["text_bytes"] / 1e6 / t["wall_s_one_pass"])
f = lambda x: "–" if x is None else ("%.3f" % x if x < 10 else "%.1f" % x)
rows_q, rows_n = [], []
for s in ("wikinews", "newsstyle"):
    for tool, task in (("claimcheck", "quotes"), ("compromise-quotes", "quotes"),
                       ("compromise-quotes+nearest", "quotes"), ("claimcheck", "numbers"),
                       ("recognizers-text", "numbers"), ("compromise-numbers", "numbers")):
        t = json.load(open(os.path.join(out, "%s.%s.timing.json" % (tool, s))))
        pred = os.path.join(out, "%s.%s.pred.jsonl" % (tool, s))
        ex, wall = mbps(t)
        if task == "quotes":
            r = score(qs, QG[s], pred)
            rows_q.append([tool, s, r["P"], r["R"], r["F1"], r["attribution_acc"], r["e2e_F1"], r["n_pred"], ex, wall])
        else:
            r = score(ns, NG[s], pred) if s in NG else None
            rows_n.append([tool, s] + ([r["P"], r["R"], r["F1"], r["value_acc"], r["unit_acc"], r["n_pred"]] if r else [None]*5 + [sum(len(json.loads(l).get("quantities") or []) for l in open(pred))]) + [ex, wall])
print("\nQuotes (gold: wikinews 134 quotes / 43 articles; newsstyle 131 quotes / 25 articles)\n")
print("| tool | set | P | R | F1 | attribution_acc | e2e_F1 | n_pred | MB/s extract-only | MB/s wall |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows_q: print("| " + " | ".join([r[0], r[1]] + [f(x) if not isinstance(x, int) or isinstance(x, bool) else str(x) for x in r[2:]]) + " |")
print("\nNumbers (gold: wikinews 250 quantities; newsstyle has no numbers gold: timing only)\n")
print("| tool | set | P | R | F1 | value_acc | unit_acc | n_pred | MB/s extract-only | MB/s wall |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows_n: print("| " + " | ".join([r[0], r[1]] + [f(x) if not isinstance(x, int) or isinstance(x, bool) else str(x) for x in r[2:]]) + " |")
print("\nMB/s = UTF-8 bytes of the article texts / seconds. extract-only: median of the in-process"
      "\nextraction passes (no node start-up, module load or I/O). wall: one whole process run"
      "\n(node start-up + module load + I/O + one pass). claimcheck: wall = median process wall"
      "\ntime; extract-only = that minus the median wall time of a run on empty input.")
PY
