"""The development gold sets of ../shared/eval, read one way for calibrate.py and quality.py.

Four sets, each a different kind of comparison: ``seeds`` (news rewrite, span gold beside the
sample story), ``argrewrite`` (essay revisions, pre-split), ``bible`` (two translations, span gold)
and ``aesop`` (two retellings, pre-split). ``documents()`` gives every gold document as two lists
of gold sentences in reading order with the linked (i, j) pairs, which is what the evidence fit
needs; quality.py runs the engine on the original files instead.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"

# name -> (kind of gold, gold path, folder of the texts for span gold)
SETS = {
    "seeds": ("span", EVAL / "seeds", SHARED / "samples" / "xi-moscow"),
    "argrewrite": ("jsonl", EVAL / "argrewrite_v2" / "dev.jsonl", None),
    "bible": ("span", EVAL / "bible_dev", EVAL / "bible_dev"),
    "aesop": ("jsonl", EVAL / "aesop_gnat" / "dev.jsonl", None),
}


@dataclass(frozen=True)
class Document:
    """One gold pair of texts: its set, its sentences in reading order and its linked pairs."""

    set: str
    name: str
    a: list[str]
    b: list[str]
    links: frozenset[tuple[int, int]]


def available() -> list[str]:
    """The sets present on this machine (../shared/eval may be absent)."""
    return [name for name, (_, path, _) in SETS.items() if path.exists()]


def documents(names: list[str] | None = None):
    """Every document of the named sets (default: all available)."""
    for name in names or available():
        kind, path, text_dir = SETS[name]
        if kind == "jsonl":
            yield from _jsonl_documents(name, path)
        else:
            yield from _span_documents(name, path, text_dir)


def _jsonl_documents(name: str, path: Path):
    for record in (json.loads(line) for line in open(path, encoding="utf-8") if line.strip()):
        a, b = ([" ".join(s.split()) for s in record[k]] for k in ("a_sentences", "b_sentences"))
        yield Document(name, record["id"], a, b, frozenset((int(i), int(j)) for i, j, *_ in record["links"]))


def _span_documents(name: str, gold_dir: Path, text_dir: Path):
    sys.path.insert(0, str(EVAL))
    import score_storydiff

    for case in sorted(gold_dir.glob("*.json")):
        gold = json.loads(case.read_text(encoding="utf-8"))
        sides = {}
        for side in "ab":
            text = score_storydiff.read_text(str(text_dir / gold[side]))
            units = [(s, li) for s, role, li in score_storydiff.side_units(gold, side) if role != "furniture"]
            spans = score_storydiff.locate(text, [s for s, _ in units])
            order = sorted(range(len(units)), key=lambda k: spans[k][0])
            sides[side] = [units[k] for k in order]
        pairs = frozenset(
            (i, j)
            for i, (_, link_a) in enumerate(sides["a"])
            for j, (_, link_b) in enumerate(sides["b"])
            if link_a is not None and link_a == link_b
        )
        yield Document(name, case.stem, [" ".join(s.split()) for s, _ in sides["a"]],
                       [" ".join(s.split()) for s, _ in sides["b"]], pairs)
