"""The JSON contract of a comparison (format "storydiff", version 1; see README)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from viewer.engine.model import Comparison, Link, Version
from viewer.report.output import input_paths, write_text

FORMAT_VERSION = 2  # 2: "=" ops may carry both texts; "notes"


def comparison_to_dict(comparison: Comparison) -> dict:
    """The comparison as plain JSON-ready data."""
    versions = comparison.versions
    return {
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
    }


def to_json(comparison: Comparison) -> str:
    """The comparison as a JSON document."""
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=1) + "\n"


def write_json(comparison: Comparison, path: str | Path, inputs: Iterable[str | None] = ()) -> None:
    """Write the JSON document to ``path`` (UTF-8); refuses the versions' files and ``inputs``."""
    write_text(path, to_json(comparison), [*input_paths(comparison), *inputs])


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
