"""The JSON contract of a comparison (format "storydiff", version 1; see README)."""
from __future__ import annotations

import json
from collections.abc import Collection, Sequence

from viewer.engine.lineage import Derivation
from viewer.engine.model import Comparison, Link, Version
from viewer.report.evidence import evidence
from viewer.report.lineage_report import lineage_list

FORMAT_VERSION = 2  # 2: "=" ops may carry both texts; "notes"


def comparison_to_dict(comparison: Comparison, dismissed: Collection[str] = (),
                       derivations: Sequence[Derivation] | None = None) -> dict:
    """The comparison as plain JSON-ready data; facts ``dismissed`` (entry keys) are listed apart.

    ``derivations``: the comparison's lineage when the caller has it already (else it is worked out).
    """
    versions = comparison.versions
    data = {
        "format": "storydiff",
        "version": FORMAT_VERSION,
        "base": comparison.base,
        "versions": [_version(v) for v in versions],
        "pairs": [
            {
                "a": pair.a,
                "b": pair.b,
                "links": [_link(link, versions[pair.a], versions[pair.b]) for link in pair.links],
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
    return json.dumps(comparison_to_dict(comparison, dismissed, derivations), ensure_ascii=False, indent=1) + "\n"


def _version(version: Version) -> dict:
    return {
        "name": version.name,
        "path": version.path,
        "sha256": version.sha256,
        "encoding": version.encoding,
        "notes": list(version.notes),
        "sentences": [
            {"start": s.start, "end": s.end, "text": version.text[s.start:s.end], "paragraph": s.paragraph,
             "furniture": s.furniture}
            for s in version.sentences
        ],
    }


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
