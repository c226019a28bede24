#!/usr/bin/env python3
"""Score numeric-claim extraction against the hand-made Wikinews gold.

usage: score_numbers.py GOLD PRED [--by-article]

GOLD and PRED are JSON lines {"id": ..., "quantities": [{"surface", "start", "end",
"value", "low", "high", "unit", ...}]}; start/end are UTF-8 byte offsets into the
article text (end exclusive).

Matching (per article, greedy, one-to-one): a predicted quantity matches a gold quantity
when their byte spans overlap by at least one byte; pairs with the largest overlap are
taken first. If either side lacks integer start/end, the pair is a candidate when one
normalised surface contains the other (overlap = length of the shorter surface).

  P, R, F1   detection
  value_acc  of matched pairs, the fraction whose value, low and high all agree (numbers
             equal within 1e-6 relative, null only equals null; a vague prediction with
             all nulls therefore agrees with a vague gold quantity)
  unit_acc   of matched pairs, the fraction whose units agree after normalisation
             (lower case, whitespace collapsed, leading determiners removed, last word
             singularised naively, "%" / "per cent" == "percent"; ISO codes are compared
             case-insensitively because of the lower-casing)

Accuracies over zero matched pairs, and P/R/F1 with a zero denominator, are reported as 0.
The last line of output is a JSON summary
{"P","R","F1","value_acc","unit_acc","n_gold","n_pred"}.
"""
import json
import re
import sys

DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his",
               "her", "our", "my", "your", "all", "both", "each", "every", "other",
               "another", "such"}
NUM_KEYS = ("value", "low", "high")


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            d = json.loads(line)
            if "id" not in d:
                print("warning: %s:%d has no id, skipped" % (path, n), file=sys.stderr)
                continue
            qs = d.get("quantities")
            if qs is None:
                print("warning: %s:%d (%s) has no 'quantities'" % (path, n, d["id"]),
                      file=sys.stderr)
                qs = []
            out.setdefault(d["id"], []).extend(q for q in qs if isinstance(q, dict))
    return out


def singular(word):
    if len(word) <= 2:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def norm_unit(u):
    if u is None:
        return ""
    u = str(u).strip().lower()
    u = re.sub(r"\s+", " ", u)
    u = u.strip(" .,;:'\"()[]")
    if u in ("%", "per cent", "pct", "percentage"):
        return "percent"
    words = u.split(" ")
    while len(words) > 1 and words[0] in DETERMINERS:
        words = words[1:]
    if words and words[-1]:
        words[-1] = singular(words[-1])
    return " ".join(words)


def norm_surface(s):
    return re.sub(r"\s+", " ", str(s or "")).strip().lower()


def to_num(x):
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x)
    try:
        return float(str(x).replace(",", ""))
    except ValueError:
        return None


def num_eq(a, b):
    a, b = to_num(a), to_num(b)
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def values_agree(g, p):
    return all(num_eq(g.get(k), p.get(k)) for k in NUM_KEYS)


def units_agree(g, p):
    return norm_unit(g.get("unit")) == norm_unit(p.get("unit"))


def span(q):
    s, e = q.get("start"), q.get("end")
    if isinstance(s, int) and isinstance(e, int) and not isinstance(s, bool) and e > s:
        return s, e
    return None


def overlap(g, p):
    gs, ps = span(g), span(p)
    if gs and ps:
        return max(0, min(gs[1], ps[1]) - max(gs[0], ps[0]))
    a, b = norm_surface(g.get("surface")), norm_surface(p.get("surface"))
    if a and b and (a in b or b in a):
        return min(len(a), len(b))
    return 0


def match(gold_qs, pred_qs):
    """Greedy one-to-one matching, largest overlap first. Returns [(gi, pi)]."""
    cands = []
    for gi, g in enumerate(gold_qs):
        for pi, p in enumerate(pred_qs):
            ov = overlap(g, p)
            if ov > 0:
                cands.append((-ov, gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def prf(tp, n_gold, n_pred):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold, pred):
    rows = []
    tot = {"tp": 0, "g": 0, "p": 0, "val": 0, "unit": 0}
    for aid, gqs in gold.items():
        pqs = pred.get(aid, [])
        pairs = match(gqs, pqs)
        val = sum(values_agree(gqs[gi], pqs[pi]) for gi, pi in pairs)
        unit = sum(units_agree(gqs[gi], pqs[pi]) for gi, pi in pairs)
        rows.append((aid, len(gqs), len(pqs), len(pairs), val, unit, pairs))
        tot["tp"] += len(pairs)
        tot["g"] += len(gqs)
        tot["p"] += len(pqs)
        tot["val"] += val
        tot["unit"] += unit
    p, r, f = prf(tot["tp"], tot["g"], tot["p"])
    summary = {
        "P": round(p, 4), "R": round(r, 4), "F1": round(f, 4),
        "value_acc": round(tot["val"] / tot["tp"], 4) if tot["tp"] else 0.0,
        "unit_acc": round(tot["unit"] / tot["tp"], 4) if tot["tp"] else 0.0,
        "n_gold": tot["g"], "n_pred": tot["p"],
    }
    return rows, summary


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    if len(args) != 2 or flags - {"--by-article"}:
        print(__doc__, file=sys.stderr)
        return 2
    gold, pred = load(args[0]), load(args[1])
    for aid in gold:
        if aid not in pred:
            print("warning: article %s missing from PRED (scored as no predictions)" % aid,
                  file=sys.stderr)
    for aid in pred:
        if aid not in gold:
            print("warning: PRED article %s not in GOLD (ignored)" % aid, file=sys.stderr)
    rows, summary = score(gold, pred)
    if "--by-article" in flags:
        print("%-34s %5s %5s %4s %6s %6s %6s %5s %5s" %
              ("id", "gold", "pred", "tp", "P", "R", "F1", "val", "unit"))
        for aid, ng, np_, tp, val, unit, _ in rows:
            p, r, f = prf(tp, ng, np_)
            print("%-34s %5d %5d %4d %6.3f %6.3f %6.3f %5d %5d" %
                  (aid, ng, np_, tp, p, r, f, val, unit))
        print()
    print("matched %d of %d gold / %d predicted quantities; values agree %d, units agree %d" %
          (sum(r[3] for r in rows), summary["n_gold"], summary["n_pred"],
           sum(r[4] for r in rows), sum(r[5] for r in rows)))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
