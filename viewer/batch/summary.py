"""The summary table of ``storydiff batch``: one row per version, as Parquet and CSV.

Shares are of the base's sentences (page furniture left out): each one counts once, under the
kind of the link that holds it in this version's pair, or as omitted. The five shares of a
version sum to 100. The base's own row leaves them empty. ``added`` counts the version's
sentences with no counterpart in the base; ``facts_<type>`` the changed facts of each type in its
links. ``lineage_parent`` names the version it derives from (empty: none known), with
``lineage_confidence`` (0-1) and ``lineage_reason``; ``lineage_via`` names the sibling it shares
wording with when both come from a source not in the cluster (engine/lineage.py). ``error`` says
why a version has no figures: it could not be read, or its cluster could not be compared.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from viewer.engine.model import Comparison, FactType, Kind

SHARES = (("identical_pct", Kind.IDENTICAL), ("edited_pct", Kind.EDITED), ("paraphrased_pct", Kind.PARAPHRASE),
          ("partial_pct", Kind.PARTIAL), ("omitted_pct", Kind.OMITTED))
FACT_COLUMNS = tuple((f"facts_{t.value}", t) for t in FactType)

# name -> pyarrow type name; the order is the table's.
COLUMNS: dict[str, str] = {
    "cluster": "string", "version": "string", "path": "string", "source": "string",
    "published": "timestamp", "sha256": "string", "base": "string", "sentences": "int",
    **{name: "float" for name, _ in SHARES},
    "added": "int",
    **{name: "int" for name, _ in FACT_COLUMNS},
    "lineage_parent": "string", "lineage_via": "string", "lineage_confidence": "float",
    "lineage_reason": "string", "error": "string",
}


def empty_row(cluster: str, version: str, path: str, source: str, published: datetime | None) -> dict:
    """A row with only what is known before any comparison."""
    row = dict.fromkeys(COLUMNS)
    row.update(cluster=cluster, version=version, path=path, source=source or None,
               published=published.isoformat() if published else None)
    return row


def comparison_rows(comparison: Comparison, rows: list[dict]) -> None:
    """Fill ``rows`` (one per version of ``comparison``, in its order) with the comparison's counts."""
    base = comparison.versions[comparison.base]
    counted = [k for k, s in enumerate(base.sentences) if not s.furniture]
    for v, (version, row) in enumerate(zip(comparison.versions, rows)):
        row["sha256"] = version.sha256
        row["base"] = base.name
        row["sentences"] = sum(not s.furniture for s in version.sentences)
        pair = comparison.pair_with(v)
        if pair is None:
            continue
        kinds = {name: 0 for name, _ in SHARES}
        omitted = set(pair.omitted)
        for k in counted:
            link = pair.link_of_a.get(k)
            kind = Kind.OMITTED if k in omitted or link is None else link.kind
            kinds[next(name for name, wanted in SHARES if wanted is kind)] += 1
        for name, count in kinds.items():
            row[name] = round(100 * count / len(counted), 2) if counted else None
        row["added"] = len(pair.added)
        for name, fact_type in FACT_COLUMNS:
            row[name] = sum(f.type == fact_type for link in pair.links for f in link.facts)


def schema():
    """The pyarrow schema of the table."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "timestamp": pa.timestamp("us", tz="UTC")}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS.items()])


def _table(rows: list[dict]):
    import pyarrow as pa

    columns = {name: [row.get(name) for row in rows] for name in COLUMNS}
    columns["published"] = [datetime.fromisoformat(p) if p else None for p in columns["published"]]
    return pa.Table.from_pydict(columns, schema=schema())


def write_tables(parquet_path: str, csv_path: str, batches: Iterable[list[dict]]) -> int:
    """Write the rows of ``batches`` to both files (already temporary paths); return the row count."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    count = 0
    with pq.ParquetWriter(parquet_path, schema()) as parquet, pacsv.CSVWriter(csv_path, schema()) as text:
        for rows in batches:
            if rows:
                table = _table(rows)
                parquet.write_table(table)
                text.write_table(table)
                count += len(rows)
    return count


def chunks(rows: Iterable[dict], size: int = 10_000) -> Iterator[list[dict]]:
    """``rows`` in lists of at most ``size``, so a table of millions of rows is never all in memory."""
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
