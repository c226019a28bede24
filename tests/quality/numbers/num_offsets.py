#!/usr/bin/env python3
"""Annotation helper for the numeric-claim gold (UTF-8 byte offsets).

  num_offsets.py list CORPUS [ID ...]   print each article with every mechanical number
                                        candidate (digits, number words, scale words)
                                        bracketed as [[...]], plus a numbered list
  num_offsets.py fill CORPUS GOLD       (re)compute start/end of every gold quantity from
                                        its `surface`, rewrite GOLD in place
  num_offsets.py check CORPUS GOLD      verify offsets and field shapes; exit 1 on problems

Offsets are UTF-8 byte offsets into the article `text`, end exclusive, and
text.encode()[start:end].decode() == surface. `fill` searches each surface (whole words
only) after the end of the previous quantity of the same article (gold quantities are kept
in document order); a quantity whose existing start already matches is kept as is.

The candidate list is only a reading aid (it also flags years, ages, ordinals...); which
candidates are numeric claims, and their spans, values and units, are decided by hand
following GUIDELINES.md. This helper knows nothing about the project's extractor.
"""
import json
import re
import sys

WORDS = (r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
         r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
         r"sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|"
         r"dozens?|half|third|quarter|score|couple|single|double|twice|triple|once")
CAND = re.compile(r"(?:[$£€¥]\s?)?\d[\d,.]*(?:\s?(?:%|bn|m|k))?|\b(?:" + WORDS + r")\b", re.I)
FIELDS = ("surface", "start", "end", "value", "low", "high", "unit", "approx", "vague")


def load_corpus(path):
    arts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                arts[d["id"]] = d
    return arts


def load_gold(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def cmd_list(corpus, ids):
    arts = load_corpus(corpus)
    for aid in ids or list(arts):
        t = arts[aid]["text"]
        print("=" * 30, aid, "|", arts[aid]["title"])
        out, last, n = [], 0, 0
        for m in CAND.finditer(t):
            out.append(t[last:m.start()] + "[[" + m.group(0) + "]]")
            last = m.end()
            n += 1
        out.append(t[last:])
        print("".join(out))
        print("-- %d candidates" % n)


def find_word(b, s, pos):
    """First occurrence of s in b at/after pos that does not start or end inside a word."""
    while True:
        st = b.find(s, pos)
        if st < 0:
            return -1
        en = st + len(s)
        before = b[st - 1:st].decode("latin-1") if st > 0 else " "
        after = b[en:en + 1].decode("latin-1")
        ok_b = not (before.isalnum() and chr(s[0]).isalnum())
        ok_a = not (after.isalnum() and chr(s[-1]).isalnum())
        if ok_b and ok_a:
            return st
        pos = st + 1


def fill(arts, gold):
    problems = []
    for g in gold:
        b = arts[g["id"]]["text"].encode("utf-8")
        pos = 0
        for q in g["quantities"]:
            s = q["surface"].encode("utf-8")
            st = q.get("start")
            if not (isinstance(st, int) and b[st:st + len(s)] == s and st >= pos):
                st = find_word(b, s, pos)
            if st < 0:
                problems.append("%s: surface not found after %d: %r" % (g["id"], pos, q["surface"]))
                continue
            q["start"], q["end"] = st, st + len(s)
            pos = q["end"]
    return problems


def check(arts, gold):
    problems = []
    seen = set()
    for g in gold:
        aid = g["id"]
        if aid not in arts:
            problems.append("unknown id %s" % aid)
            continue
        seen.add(aid)
        b = arts[aid]["text"].encode("utf-8")
        prev_end = -1
        for q in g["quantities"]:
            for k in FIELDS:
                if k not in q:
                    problems.append("%s: %r lacks %s" % (aid, q.get("surface"), k))
            if not isinstance(q.get("start"), int) or not isinstance(q.get("end"), int):
                problems.append("%s: no offsets for %r" % (aid, q.get("surface")))
                continue
            if b[q["start"]:q["end"]].decode("utf-8", "replace") != q["surface"]:
                problems.append("%s: offset mismatch %r" % (aid, q["surface"]))
            if q["start"] < prev_end:
                problems.append("%s: overlapping/out of order %r" % (aid, q["surface"]))
            prev_end = q["end"]
            if q["vague"] and any(q[k] is not None for k in ("value", "low", "high")):
                problems.append("%s: vague with numbers %r" % (aid, q["surface"]))
            if q["value"] is not None and (q["low"] is not None or q["high"] is not None):
                problems.append("%s: value and bounds both set %r" % (aid, q["surface"]))
            if not q["vague"] and q["value"] is None and q["low"] is None and q["high"] is None:
                problems.append("%s: no number %r" % (aid, q["surface"]))
            if not q["unit"]:
                problems.append("%s: empty unit %r" % (aid, q["surface"]))
    for aid in arts:
        if aid not in seen:
            problems.append("article missing from gold: %s" % aid)
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    cmd, corpus = argv[1], argv[2]
    if cmd == "list":
        cmd_list(corpus, argv[3:])
        return 0
    arts = load_corpus(corpus)
    gold = load_gold(argv[3])
    if cmd == "fill":
        problems = fill(arts, gold)
        with open(argv[3], "w", encoding="utf-8") as f:
            for g in gold:
                f.write(json.dumps(g, ensure_ascii=False) + "\n")
        problems += check(arts, gold)
    elif cmd == "check":
        problems = check(arts, gold)
    else:
        print(__doc__)
        return 2
    for p in problems:
        print("PROBLEM:", p)
    n = sum(len(g["quantities"]) for g in gold)
    print("%d articles, %d quantities, %d problems" % (len(gold), n, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
