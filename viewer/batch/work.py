"""One cluster's work, as a Dask worker runs it: load, compare, report, summary rows.

Everything here is a plain function of its arguments, so any worker of any Dask deployment
(with storydiff installed and the files in reach) can run it.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin

from viewer.batch.inputs import Cluster, file_stem
from viewer.batch.summary import comparison_rows, empty_row
from viewer.engine.loading import LoadError, load_file
from viewer.engine.params import Params
from viewer.engine.pipeline import TooLarge, compare
from viewer.report.output import is_input, write_text

SIDECAR_FORMAT = "storydiff-batch-rows"


@dataclass
class Outcome:
    """What a worker hands back for one cluster."""

    cluster: str
    rows: list[dict]
    inputs: list[list]  # [path, sha256 or None] per version, as read now
    report: str | None = None  # the JSON report, None when nothing could be compared
    skipped: bool = False  # the outputs on disk were made from these very inputs
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def input_hashes(cluster: Cluster, params: Params) -> list[list]:
    """[path, sha256] of each version's bytes; None for a file that is not a readable regular file
    within the size limit (the loader will say why)."""
    hashes = []
    for entry in cluster.entries:
        digest = None
        try:
            status = os.stat(entry.path)
            if stat.S_ISREG(status.st_mode) and status.st_size <= params.max_file_bytes:
                with open(entry.path, "rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except (OSError, ValueError):
            pass
        hashes.append([entry.path, digest])
    return hashes


def run_cluster(cluster: Cluster, params: Params, recorded: list[list] | None = None,
                outdir: str | None = None, extra_inputs: tuple[str, ...] = ()) -> Outcome:
    """Compare one cluster; an Outcome with ``skipped`` when ``recorded`` (the inputs its outputs on
    disk were made from) matches the files as they are now. Never raises for a bad cluster.

    With ``outdir``, the worker writes the outputs itself and hands back only the tally's part,
    so the driver (which also runs a local cluster's scheduler) is not what limits many workers.
    """
    outcome = _run_cluster(cluster, params, recorded)
    if outdir is not None and not outcome.skipped:
        write_outcome(Path(outdir), cluster, outcome, extra_inputs)
        outcome.report, outcome.rows = None, []
    return outcome


def _run_cluster(cluster: Cluster, params: Params, recorded: list[list] | None) -> Outcome:
    started = time.perf_counter()
    if recorded is not None:
        now = input_hashes(cluster, params)
        if all(digest for _, digest in now) and now == recorded:
            return Outcome(cluster.name, [], now, skipped=True, seconds=time.perf_counter() - started)
    try:
        outcome = _compare(cluster, params)
    except Exception as error:  # a bug on one cluster's data must not end a run of thousands
        outcome = Outcome(cluster.name, _rows(cluster), [[e.path, None] for e in cluster.entries])
        reason = f"comparison failed: {type(error).__name__}: {error}"
        for row in outcome.rows:
            row["error"] = row["error"] or reason
        outcome.errors.append(reason)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _rows(cluster: Cluster) -> list[dict]:
    return [empty_row(cluster.name, os.path.basename(e.path), e.path, e.source, e.published)
            for e in cluster.entries]


def _compare(cluster: Cluster, params: Params) -> Outcome:
    from viewer.report.json_report import to_json

    rows = _rows(cluster)
    versions, loaded = [], []
    for k, entry in enumerate(cluster.entries):
        try:
            versions.append(load_file(entry.path, params))
            loaded.append(k)
        except LoadError as error:
            rows[k]["error"] = str(error)
    # A file that will not load is recorded too: unchanged, it fails the same way on a re-run.
    inputs = input_hashes(cluster, params)
    for k, version in zip(loaded, versions):
        inputs[k][1] = version.sha256
    errors = [row["error"] for row in rows if row["error"]]
    if len(versions) < 2:
        reason = f"fewer than two versions of the cluster could be read ({len(versions)} of {len(rows)})"
        for k in loaded:
            rows[k]["error"] = reason
        return Outcome(cluster.name, rows, inputs, errors=errors + [reason])
    # The base is the earliest published of the versions that loaded, else the first of them.
    published = [cluster.entries[k].published for k in loaded]
    dated = [(p, n) for n, p in enumerate(published) if p is not None]
    base = min(dated)[1] if dated else 0
    try:
        comparison = compare(versions, params, base=base)
    except TooLarge as error:
        for k in loaded:
            rows[k]["error"] = str(error)
        return Outcome(cluster.name, rows, inputs, errors=errors + [str(error)])
    kept = [rows[k] for k in loaded]
    comparison_rows(comparison, kept)
    derivations = None
    try:
        derivations = _lineage_columns(comparison, published, kept)
    except Exception as error:  # the comparison stands without it
        reason = f"lineage failed: {type(error).__name__}: {error}"
        for row in kept:
            row["error"] = row["error"] or reason
        errors.append(reason)
    # The versions run in order of publication, so the JSON's lineage is the one just worked out.
    return Outcome(cluster.name, rows, inputs, report=to_json(comparison, derivations=derivations), errors=errors)


def _lineage_columns(comparison, published, rows: list[dict]):
    """Fill the summary's lineage columns; return the derivations for the JSON report."""
    from viewer.engine.lineage import lineage

    names = [v.name for v in comparison.versions]
    times = [p.isoformat() if p else None for p in published]
    derivations = lineage(comparison, published=times)
    for derivation in derivations:
        row = rows[derivation.version]
        row["lineage_parent"] = None if derivation.parent is None else names[derivation.parent]
        row["lineage_via"] = names[derivation.via] if derivation.common_source and derivation.via is not None else None
        row["lineage_confidence"] = round(derivation.confidence, 3)
        row["lineage_reason"] = derivation.reason
    return derivations


def outputs_of(outdir: Path, cluster: Cluster) -> tuple[Path, Path]:
    """The comparison JSON and the rows sidecar of ``cluster``."""
    stem = file_stem(cluster.name)
    return outdir / f"{stem}.json", outdir / f"{stem}.rows.json"


def write_outcome(outdir: Path, cluster: Cluster, outcome: Outcome, extra_inputs=()) -> None:
    """The cluster's JSON report (when there is one), then its sidecar: rows and input sha256s."""
    inputs = [e.path for e in cluster.entries] + list(extra_inputs)
    report, sidecar = outputs_of(outdir, cluster)
    if outcome.report is not None:
        write_text(report, outcome.report, inputs)
    elif report.is_file() and not is_input(report, inputs):
        report.unlink()  # made from inputs that no longer compare; keeping it would mislead
    # The sidecar goes last: when it says there is a report, the report is whole.
    data = {"format": SIDECAR_FORMAT, "version": 1, "cluster": cluster.name,
            "report": outcome.report is not None, "seconds": round(outcome.seconds, 3),
            "inputs": outcome.inputs, "rows": outcome.rows}
    write_text(sidecar, json.dumps(data, ensure_ascii=False) + "\n", inputs)


class LoadModel(WorkerPlugin):
    """A Dask worker plugin: load the semantic model when the worker starts, once per process,
    so no cluster's time includes it (``embedding.default_model`` keeps it for the process)."""

    name = "storydiff-model"

    def setup(self, worker=None):
        from viewer.engine.embedding import default_model

        default_model()
