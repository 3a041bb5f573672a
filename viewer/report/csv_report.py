"""The comparison as CSV, for a spreadsheet or a fact-checker's log.

``to_csv``: one line per sentence of every version, after the evidence trail. It opens cleanly in a
spreadsheet: UTF-8 with a BOM, every field quoted, CRLF line ends. The file starts with the
evidence trail as (label, value) lines, its first line saying where the table starts; one empty
line; then the table with its header line.

``facts_to_csv``: only the changed facts, one line each, plain UTF-8 (no BOM), quoted by the ``csv``
module. In both, ``row`` and sentence numbers count from 1 as the viewer and the HTML report do,
and facts dismissed as "not a change" are left out.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Collection

from viewer.engine.model import Comparison, Kind
from viewer.report.evidence import evidence, evidence_lines
from viewer.report.facts_list import changed_facts, kept_facts
from viewer.report.grid import Grid, fact_key, sentences_text

COLUMNS = ("version", "row", "type", "base", "version_wording", "base_sentence", "version_sentence")
SENTENCE_COLUMNS = ("version", "sentence", "row", "text", "kind", "base_sentences", "score", "moved", "facts")


def facts_to_csv(comparison: Comparison, dismissed: Collection[str] = ()) -> str:
    """The changed facts not ``dismissed`` (entry keys) as CSV text with a header line."""
    versions = comparison.versions
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in kept_facts(changed_facts(comparison), dismissed):
        writer.writerow([versions[e.version].name, e.row + 1, e.type, e.base, e.wording,
                         sentences_text(versions[comparison.base], e.base_sentences),
                         sentences_text(versions[e.version], e.version_sentences)])
    return buffer.getvalue()


def to_csv(comparison: Comparison, dismissed: Collection[str] = ()) -> str:
    """The evidence trail, then one line per sentence of every version (see the module's docstring).

    A sentence of a split or merge carries its whole link: every base sentence, the score, the facts.
    """
    trail = evidence_lines(evidence(comparison, dismissed))
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    # The table's header line: after the first line, the trail and the empty line.
    writer.writerow(["storydiff evidence trail", f"the table of sentences starts at line {len(trail) + 3}"])
    writer.writerows(trail)
    writer.writerow([])
    writer.writerow(SENTENCE_COLUMNS)
    grid = Grid(comparison)
    for v, version in enumerate(comparison.versions):
        pair = comparison.pair_with(v)
        for i, sentence in enumerate(version.sentences):
            line = [version.name, i + 1, grid.row_of.get((v, i), -1) + 1, version.sentence_text(i)]
            link = pair.link_of_b.get(i) if pair else None
            if pair is None:
                kind = Kind.FURNITURE.value if sentence.furniture else "base"
            else:
                kind = comparison.sentence_kind(v, i).value
            if link is None:
                line += [kind, "", "", "", ""]
            else:
                facts = [f for f in link.facts if fact_key(version, link, f) not in dismissed]
                line += [kind, "; ".join(str(a + 1) for a in link.a), f"{link.score:.3f}",
                         "yes" if link.moved else "no",
                         "; ".join(f"{f.type}: {f.a or '—'} → {f.b or '—'}" for f in facts)]
            writer.writerow(line)
    return "\ufeff" + buffer.getvalue()
