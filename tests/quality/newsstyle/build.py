#!/usr/bin/env python3
"""Builds articles.jsonl and gold.jsonl from annotated.txt (see its header).

  python3 tests/quality/newsstyle/build.py

Gold offsets are UTF-8 byte offsets into the article text, end exclusive,
computed from the markup, so they never need fixing by hand.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = re.compile(r"\[\[([^|\]]*)\|([^|\]]*)\|([^|\]]*)\]\]")


def curly(para):
    out, opening = [], True
    for c in para:
        if c == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append(c)
    return "".join(out)


def build_article(paras, use_curly):
    text, quotes = "", []
    for i, para in enumerate(paras):
        if i:
            text += "\n\n"
        if use_curly:
            para = curly(para)
        pos = 0
        for m in MARK.finditer(para):
            text += para[pos:m.start()]
            start = len(text.encode("utf-8"))
            text += m.group(1)
            quotes.append({"quote": m.group(1), "speaker": m.group(2),
                           "speaker_mention": m.group(3), "start": start,
                           "end": len(text.encode("utf-8"))})
            pos = m.end()
        text += para[pos:]
    return text, quotes


def main():
    articles, cur = [], None
    with open(os.path.join(HERE, "annotated.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if line.startswith("=== "):
                aid, outlet, date, title = [x.strip() for x in line[4:].split("|")]
                cur = {"id": aid, "outlet": outlet, "date": date, "title": title,
                       "paras": []}
                articles.append(cur)
            elif line.strip() and cur is not None:
                cur["paras"].append(line)
    with open(os.path.join(HERE, "articles.jsonl"), "w", encoding="utf-8") as fa, \
            open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as fg:
        for n, a in enumerate(articles):
            text, quotes = build_article(a["paras"], n % 2 == 1)
            b = text.encode("utf-8")
            for q in quotes:
                assert b[q["start"]:q["end"]].decode("utf-8") == q["quote"]
            fa.write(json.dumps({"id": a["id"], "outlet": a["outlet"],
                                 "url": "https://example.invalid/" + a["id"],
                                 "date": a["date"], "title": a["title"],
                                 "text": text}, ensure_ascii=False) + "\n")
            fg.write(json.dumps({"id": a["id"], "quotes": quotes},
                                ensure_ascii=False) + "\n")
    print(len(articles), "articles,",
          sum(len(build_article(a["paras"], False)[1]) for a in articles), "gold quotes")


if __name__ == "__main__":
    main()
