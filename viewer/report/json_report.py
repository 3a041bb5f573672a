"""The JSON contract of a comparison (format "storydiff", version 2; see README)."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from json.encoder import encode_basestring

from viewer.engine.lineage import Derivation
from viewer.engine.model import Comparison, Link, Pair, Version
from viewer.report.evidence import evidence
from viewer.report.lineage_report import lineage_list

FORMAT_VERSION = 2  # 2: "=" ops may carry both texts; "notes"


def comparison_to_dict(comparison: Comparison, dismissed: Collection[str] = (),
                       derivations: Sequence[Derivation] | None = None) -> dict:
    """The comparison as plain JSON-ready data; facts ``dismissed`` (entry keys) are listed apart.

    ``derivations``: the comparison's lineage when the caller has it already (else it is worked out).
    """
    return _data(comparison, dismissed, derivations, _listed)


def _data(comparison: Comparison, dismissed: Collection[str], derivations: Sequence[Derivation] | None,
          many) -> dict:
    """``comparison_to_dict``'s data; ``many(items, count)`` holds each sentence and link list
    (``list``, or ``_Stream`` for the writer)."""
    versions = comparison.versions
    data = {
        "format": "storydiff",
        "version": FORMAT_VERSION,
        "base": comparison.base,
        "versions": [_version(v, many) for v in versions],
        "pairs": [
            {
                "a": pair.a,
                "b": pair.b,
                "links": many(_links(pair, versions[pair.a], versions[pair.b]), len(pair.links)),
                "omitted": list(pair.omitted),
                "added": list(pair.added),
            }
            for pair in comparison.pairs
        ],
        "rows": [{"cells": [list(cell) for cell in row.cells]} for row in comparison.rows],
        "notes": list(comparison.notes),
        "lineage": lineage_list(comparison, derivations),
    }
    # Per-link facts stay as the engine found them; the reader's "not a change" is said apart.
    gone = _dismissed(comparison, dismissed) if dismissed else []
    if gone:
        data["dismissed_facts"] = gone
    data["evidence"] = evidence(comparison, dismissed)
    return data


def _dismissed(comparison: Comparison, dismissed: Collection[str]) -> list[dict]:
    # Imported here: it brings in the grid, which an export without dismissed facts never needs.
    from viewer.report.facts_list import changed_facts

    return [{"version": e.version, "base_sentences": list(e.base_sentences),
             "version_sentences": list(e.version_sentences), "type": e.type, "a": e.base, "b": e.wording}
            for e in changed_facts(comparison) if e.key in dismissed]


def to_json(comparison: Comparison, dismissed: Collection[str] = (),
            derivations: Sequence[Derivation] | None = None) -> str:
    """The comparison as a JSON document (``derivations`` as in ``comparison_to_dict``)."""
    return dumps(_data(comparison, dismissed, derivations, _Stream), end="\n")


def _listed(items: Iterable, count: int) -> list:
    return list(items)


class _Stream:
    """A list the writer writes as its items are made, each let go once written: a long text's
    sentences and links as dicts would take several times the memory of their text."""

    def __init__(self, items: Iterable, count: int):
        self.items, self.count = items, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator:
        return iter(self.items)


def _version(version: Version, many) -> dict:
    return {
        "name": version.name,
        "path": version.path,
        "sha256": version.sha256,
        "encoding": version.encoding,
        "notes": list(version.notes),
        "sentences": many(({"start": s.start, "end": s.end, "text": version.text[s.start:s.end],
                            "paragraph": s.paragraph, "furniture": s.furniture} for s in version.sentences),
                          len(version.sentences)),
    }


def _links(pair: Pair, a: Version, b: Version) -> Iterator[dict]:
    return (_link(link, a, b) for link in pair.links)


def _link(link: Link, a: Version, b: Version) -> dict:
    ops = []
    for op in link.ops:
        text_a, text_b = a.text[op.a_start:op.a_end], b.text[op.b_start:op.b_end]
        if op.tag == "+":
            ops.append(["+", text_b])
        elif op.tag == "=" and text_b != text_a:
            # Equal as compared (quote style, case, spacing ignored) but not as written.
            ops.append(["=", text_a, text_b])
        else:
            ops.append([op.tag, text_a])
    return {
        "a": list(link.a),
        "b": list(link.b),
        "kind": link.kind.value,
        "score": link.score,
        "moved": link.moved,
        "ops": ops,
        "facts": [{"type": f.type, "a": f.a, "b": f.b} for f in link.facts],
    }


def dumps(value, end: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1) + end``, the same text in less than half the time.

    With an indent, json writes in pure Python through a generator per level: 0.73 s CPU for a
    10k-sentence pair's 8.7 MB report, 0.28 s here. Each container is one join of its parts (no
    part copied twice: a long report's text is held at most twice); every scalar is written as
    json writes it: its own C string escaping, ``repr`` of ints and floats, NaN and Infinity, and
    the same order of type tests.
    """
    if end and type(value) in (dict, list, tuple) and value:
        return (_object if type(value) is dict else _array)(value, "\n", end)
    return _encode(value, "\n") + end


def _encode(value, newline: str) -> str:
    """``value`` as indented JSON; ``newline`` starts its own line (inner lines have one space more)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return _float(value)
    if kind is dict:
        return _object(value, newline)
    if kind is list or kind is tuple or kind is _Stream:
        return _array(value, newline)
    # Anything else (bools, None, subclasses) in the order json's encoder tries it.
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple)):
        return _array(value, newline)
    if isinstance(value, dict):
        return _object(value, newline)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# Strings and ints, most of a report, are written in place: a call each cost a sixth of the time.
def _array(value: list | tuple, newline: str, end: str = "") -> str:
    if not value:
        return "[]" + end
    inner = newline + " "
    # [open, item, separator, item, ..., item, close]
    parts = ["," + inner] * (2 * len(value) + 1)
    parts[0], parts[-1] = "[" + inner, newline + "]" + end
    parts[1::2] = [encode_basestring(v) if type(v) is str else int.__repr__(v) if type(v) is int else _encode(v, inner)
                   for v in value]
    return "".join(parts)


def _object(value: dict, newline: str, end: str = "") -> str:
    if not value:
        return "{}" + end
    inner = newline + " "
    # [open, key, value, separator, key, value, ..., key, value, close]
    parts = ["," + inner] * (3 * len(value) + 1)
    parts[0], parts[-1] = "{" + inner, newline + "}" + end
    parts[1::3] = [(encode_basestring(k) if type(k) is str else _key(k)) + ": " for k in value]
    parts[2::3] = [encode_basestring(v) if type(v) is str else int.__repr__(v) if type(v) is int else _encode(v, inner)
                   for v in value.values()]
    return "".join(parts)


def _key(key) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if key is True or key is False or key is None:
        return {True: '"true"', False: '"false"', None: '"null"'}[key]
    if isinstance(key, float):
        return encode_basestring(_float(key))
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_INFINITY = float("inf")
