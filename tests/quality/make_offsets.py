#!/usr/bin/env python3
"""Helpers for hand-annotating quotes in the Wikinews corpus (byte offsets).

  make_offsets.py list CORPUS [ID ...]   print every double-quotation-mark span
                                         (candidate quotes) with context, numbered
  make_offsets.py fill CORPUS GOLD       (re)compute start/end of every gold quote
                                         from its `quote` text, rewrite GOLD in place
  make_offsets.py check CORPUS GOLD      verify offsets only; exit 1 on any problem

Offsets are UTF-8 byte offsets into the article `text`, end exclusive, and
text.encode()[start:end].decode() == quote. `fill` searches each quote after the
end of the previous one of the same article (gold quotes are in document order);
if a quote already has a start that matches, it is kept.

The candidate list is only a reading aid: it pairs quotation marks mechanically
(curly marks by direction, straight marks alternating within a paragraph; an
unclosed opening mark runs to the end of its paragraph). Which candidates are
quotes, and who said them, is decided by hand.
"""
import json
import sys

OPEN = "\u201c"
CLOSE = "\u201d"
MARKS = '"' + OPEN + CLOSE


def load_corpus(path):
    arts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                arts[d["id"]] = d
    return arts


def candidate_spans(text):
    """Yield (start_char, end_char, closed) for quote spans, marks excluded."""
    pos = 0
    for para in text.split("\n"):
        i, n = 0, len(para)
        open_at = None
        while i < n:
            c = para[i]
            if c in MARKS:
                if open_at is None and c != CLOSE:
                    open_at = i + 1
                elif open_at is not None and c != OPEN:
                    yield pos + open_at, pos + i, True
                    open_at = None
            i += 1
        if open_at is not None and open_at < n:
            yield pos + open_at, pos + n, False
        pos += len(para) + 1


def byte_off(text, char_idx):
    return len(text[:char_idx].encode("utf-8"))


def cmd_list(corpus, ids):
    arts = load_corpus(corpus)
    for aid in ids or list(arts):
        t = arts[aid]["text"]
        print("=" * 20, aid)
        for k, (s, e, closed) in enumerate(candidate_spans(t)):
            ctx_b = t[max(0, s - 160):s - 1].replace("\n", " / ")
            ctx_a = t[e + (1 if closed else 0):e + 100].replace("\n", " / ")
            print("[%d]%s ...%s<<%s>>%s..." % (k, "" if closed else " (unclosed)",
                                                ctx_b, t[s:e], ctx_a))


def fill(arts, gold, write):
    problems = 0
    for d in gold:
        t = arts[d["id"]]["text"]
        b = t.encode("utf-8")
        cursor = 0
        for q in d["quotes"]:
            qb = q["quote"].encode("utf-8")
            s = q.get("start")
            if not (isinstance(s, int) and b[s:s + len(qb)] == qb and s >= cursor):
                s = b.find(qb, cursor)
            if s < 0 or not qb:
                print("NOT FOUND %s: %r" % (d["id"], q["quote"][:60]))
                problems += 1
                continue
            e = s + len(qb)
            if write:
                q["start"], q["end"] = s, e
            elif (q.get("start"), q.get("end")) != (s, e):
                print("OFFSET MISMATCH %s: %r %r != %r" % (d["id"], q["quote"][:40],
                                                         (q.get("start"), q.get("end")), (s, e)))
                problems += 1
            assert b[s:e].decode("utf-8") == q["quote"]
            before = b[:s].decode("utf-8")[-1:]
            after = b[e:].decode("utf-8")[:1]
            if before not in MARKS + "'" or after not in MARKS + "\n" + "":
                print("NOTE %s: quote not bounded by marks (%r ... %r): %r"
                      % (d["id"], before, after, q["quote"][:60]))
            for k in ("speaker", "speaker_mention"):
                if not isinstance(q.get(k), str):
                    print("MISSING %s %s: %r" % (k, d["id"], q["quote"][:40]))
                    problems += 1
            cursor = e
    return problems


def main(argv):
    if len(argv) < 2 or argv[0] not in ("list", "fill", "check"):
        sys.exit(__doc__)
    if argv[0] == "list":
        return cmd_list(argv[1], argv[2:])
    arts = load_corpus(argv[1])
    with open(argv[2], encoding="utf-8") as f:
        gold = [json.loads(l) for l in f if l.strip()]
    problems = fill(arts, gold, write=argv[0] == "fill")
    missing = [a for a in arts if a not in {d["id"] for d in gold}]
    if missing:
        print("articles without a gold line: %s" % ", ".join(missing))
        problems += len(missing)
    if argv[0] == "fill" and problems:
        print("not writing %s: fix the problems first" % argv[2])
    elif argv[0] == "fill":
        order = {a: i for i, a in enumerate(arts)}
        gold.sort(key=lambda d: order.get(d["id"], 1 << 30))
        with open(argv[2], "w", encoding="utf-8") as f:
            for d in gold:
                f.write(json.dumps({"id": d["id"], "quotes": [
                    {"quote": q["quote"], "speaker": q["speaker"],
                     "speaker_mention": q["speaker_mention"],
                     "start": q["start"], "end": q["end"]} for q in d["quotes"]]},
                    ensure_ascii=False) + "\n")
    n = sum(len(d["quotes"]) for d in gold)
    print("%d articles, %d quotes, %d problem(s)" % (len(gold), n, problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
