"""The changed facts as CSV: one line per fact, for a spreadsheet or a fact-checker's log.

Plain UTF-8 (no BOM), quoted by the ``csv`` module; ``row`` counts from 1 as the viewer and the
HTML report do. Facts dismissed as "not a change" are left out.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Collection

from viewer.engine.model import Comparison
from viewer.report.facts_list import changed_facts, kept_facts
from viewer.report.grid import sentences_text

COLUMNS = ("version", "row", "type", "base", "version_wording", "base_sentence", "version_sentence")


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
