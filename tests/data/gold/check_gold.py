#!/usr/bin/env python3
"""Check the span-gold files of this folder (stdlib only): python tests/data/gold/check_gold.py

For each *.json: both texts exist; every gold string is found in its text, each at its own
occurrence (longest first, first unclaimed: the same rule as ../shared/eval/score_storydiff.locate);
no two strings overlap; every non-space character of each text is covered by some string (so every
sentence is listed exactly once, in links, *_only or furniture); link labels are valid.
"""
import json
import sys
from pathlib import Path

LABELS = {"identical", "edited", "paraphrase", "partial"}


def locate(text, strings):
    claimed, spans = [], {}
    for i in sorted(range(len(strings)), key=lambda i: -len(strings[i])):
        s = strings[i]
        pos = text.find(s)
        while pos != -1 and any(pos < e and pos + len(s) > b for b, e in claimed):
            pos = text.find(s, pos + 1)
        if pos == -1:
            raise ValueError("not found: %r" % s[:80])
        claimed.append((pos, pos + len(s)))
        spans[i] = (pos, pos + len(s))
    return [spans[i] for i in range(len(strings))]


def side_strings(gold, side):
    out = [s for link in gold["links"] for s in link[side]]
    return out + gold.get(side + "_only", []) + gold.get("furniture", {}).get(side, [])


def check(path):
    gold = json.load(open(path, encoding="utf-8"))
    problems = []
    for link in gold["links"]:
        if link.get("label") not in LABELS:
            problems.append("bad label %r" % link.get("label"))
        if not link["a"] or not link["b"]:
            problems.append("link with an empty side")
    for side in ("a", "b"):
        text = (path.parent / gold[side]).read_text(encoding="utf-8").replace("\r\n", "\n")
        strings = side_strings(gold, side)
        try:
            spans = locate(text, strings)
        except ValueError as err:
            problems.append("%s: %s" % (side, err))
            continue
        ordered = sorted(spans)
        for (b1, e1), (b2, e2) in zip(ordered, ordered[1:]):
            if b2 < e1:
                problems.append("%s: overlap %r / %r" % (side, text[b1:e1][:40], text[b2:e2][:40]))
        covered = [False] * len(text)
        for b, e in spans:
            covered[b:e] = [True] * (e - b)
        loose = "".join(c if not covered[i] else "\0" for i, c in enumerate(text)).split("\0")
        loose = [piece.strip() for piece in loose if piece.strip()]
        if loose:
            problems.append("%s: text not in any gold string: %r" % (side, loose[:5]))
    return problems


def main():
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    bad = 0
    for path in sorted(folder.glob("*.json")):
        problems = check(path)
        bad += bool(problems)
        print("%-20s %s" % (path.name, "ok" if not problems else "; ".join(problems)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
