"""A small hand-built comparison whose changed facts are known exactly (no engine judgement involved)."""
from __future__ import annotations

from viewer.engine.loading import load_text
from viewer.engine.model import Comparison, Fact, Kind, Link, Pair, Row


def facts_story(order=(0, 1, 2)) -> Comparison:
    """Base 0 and two versions: 1 changes a number; 2 adds a date, respells a name and drops a sentence.

    ``order`` puts the versions in other columns (the base is wherever version 0 lands).
    """
    texts = ["Fire hit 40 homes. Smith spoke. Rain fell.",
             "Fire hit 60 homes. Smith spoke. Rain fell.",
             "Fire hit 40 homes on Friday. Smyth spoke."]
    names = ["base.txt", "one.txt", "two.txt"]
    versions = tuple(load_text(texts[v], names[v]) for v in order)
    column = {v: c for c, v in enumerate(order)}
    base = column[0]
    pair_1 = Pair(base, column[1], (Link((0,), (0,), Kind.EDITED, 0.9, facts=(Fact("number", "40", "60"),)),
                                    Link((1,), (1,), Kind.IDENTICAL, 1.0), Link((2,), (2,), Kind.IDENTICAL, 1.0)),
                  (), ())
    pair_2 = Pair(base, column[2], (Link((0,), (0,), Kind.EDITED, 0.8, facts=(Fact("date", "", "Friday"),)),
                                    Link((1,), (1,), Kind.EDITED, 0.8, facts=(Fact("name", "Smith", "Smyth"),))),
                  (2,), ())
    cells = [((0,), (0,), (0,)), ((1,), (1,), (1,)), ((2,), (2,), ())]
    rows = tuple(Row(tuple(cell[v] for v in order)) for cell in cells)
    pairs = tuple(sorted((pair_1, pair_2), key=lambda p: p.b))
    return Comparison(versions, base, pairs, rows)

