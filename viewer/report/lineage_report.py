"""Lineage in the reports: the JSON ``lineage`` list and the HTML report's section."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from viewer.engine.lineage import Derivation, lineage
from viewer.engine.model import Comparison


def lineage_list(comparison: Comparison, derivations: Sequence[Derivation] | None = None) -> list[dict]:
    """One JSON object per version: the ``Derivation`` fields (parent and via are version indices)."""
    derivations = lineage(comparison) if derivations is None else derivations
    return [asdict(d) for d in derivations]


def lineage_line(comparison: Comparison, derivation: Derivation) -> str:
    """'b ← a (0.85)', 'b ← a (0.66, a common source with c)' or 'u: no known parent (0.91)'."""
    names = [v.name for v in comparison.versions]
    d = derivation
    shared = f"a common source with {names[d.via]}" if d.common_source and d.via is not None else ""
    if d.parent is None:
        return f"{names[d.version]}: {shared or 'no known parent'} ({d.confidence:.2f})"
    return f"{names[d.version]} ← {names[d.parent]} ({d.confidence:.2f}{', ' + shared if shared else ''})"


def lineage_html(comparison: Comparison, derivations: Sequence[Derivation] | None = None) -> str:
    """A 'Lineage' section: one line per version, with its reason."""
    from html import escape  # only the HTML report needs it (~4-7 ms of a JSON export's start-up)

    derivations = lineage(comparison) if derivations is None else derivations
    items = "".join(f"<li><b>{escape(lineage_line(comparison, d))}</b>: {escape(d.reason)}</li>"
                    for d in derivations)
    return ("<h2>Lineage</h2><p class='meta'>Which version each one derives from, read from the aligned "
            f"rows (version order taken as publication order).</p><ul class='lineage'>{items}</ul>")
