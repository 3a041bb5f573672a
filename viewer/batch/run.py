"""The driver of ``storydiff batch``: clusters go to Dask workers, results are written as they come.

At most a few clusters per worker are in flight at a time, so a crash loses only those and the
scheduler never holds a million waiting tasks. The workers write the outputs (through
report/output.py), so with a remote cluster OUTDIR must be on a filesystem they share, as the
inputs are. Every finished cluster leaves ``<cluster>.json``
(the comparison, exactly as ``storydiff compare --format json`` writes it) and
``<cluster>.rows.json`` (its summary rows and the sha256 of each input); the summary table is
built from the latter at the end, so a re-run skips finished clusters and still lists them.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from viewer.batch.inputs import BadInput, Cluster
from viewer.batch.summary import chunks, empty_row, write_tables
from viewer.batch.work import SIDECAR_FORMAT, LoadModel, Outcome, outputs_of, run_cluster, write_outcome
from viewer.engine.loading import printable
from viewer.engine.params import Params
from viewer.report.output import write_with

# Clusters handed to the scheduler per worker before the first of them comes back: enough to
# keep every worker busy while results travel, few enough that a crash loses little.
IN_FLIGHT_PER_WORKER = 4


@dataclass
class Tally:
    """What a run did, for the closing line."""

    compared: int = 0
    skipped: int = 0
    failed: int = 0  # clusters with at least one error row


def check_outputs(outdir: Path, clusters: list[Cluster], extra_inputs: list[str]) -> None:
    """Refuse, before any work, an output directory where some output would be an input, or
    whose files a later run would read as versions (a folder holding versions)."""
    here = os.path.realpath(outdir)
    for folder in {os.path.dirname(os.path.realpath(e.path)) for c in clusters for e in c.entries}:
        if here == folder or here.startswith(folder + os.sep):
            raise BadInput(f"{printable(str(outdir))}: is inside a folder of versions being compared "
                           f"({printable(folder)}); choose another output folder")
    keys, names = set(), set()
    for path in [e.path for c in clusters for e in c.entries] + extra_inputs:
        names.add(os.path.realpath(path))
        try:
            status = os.stat(path)
            keys.add((status.st_dev, status.st_ino))
        except OSError:
            pass
    planned = [p for c in clusters for p in outputs_of(outdir, c)]
    planned += [outdir / "summary.parquet", outdir / "summary.csv"]
    for target in planned:
        try:
            status = os.stat(target)
            clash = (status.st_dev, status.st_ino) in keys
        except OSError:
            clash = False
        if clash or os.path.realpath(target) in names:
            raise BadInput(f"{printable(str(target))}: is one of the versions being compared, and storydiff "
                           f"never writes to its inputs; choose another output folder")


def recorded_inputs(outdir: Path, cluster: Cluster) -> list[list] | None:
    """The inputs a finished cluster's outputs were made from, or None when it must be (re)done."""
    report, sidecar = outputs_of(outdir, cluster)
    data = _read_sidecar(sidecar)
    if not data or not data.get("report") or not report.is_file():
        return None
    return data.get("inputs")


def _read_sidecar(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == SIDECAR_FORMAT else None


def run(client, clusters: list[Cluster], outdir: Path, params: Params, force: bool = False,
        extra_inputs: tuple[str, ...] = (), stream=sys.stderr) -> Tally:
    """Compare every cluster on ``client``'s workers, writing each one's outputs as it finishes,
    then the summary table. Returns the tally."""
    from distributed import as_completed

    tally = Tally()
    client.register_plugin(LoadModel())
    waiting: Iterator[Cluster] = iter(clusters)
    in_flight = {}
    finished = as_completed()
    progress = Progress(stream, len(clusters))

    workers = [0, -1.0]  # how many, and when that was asked (asking takes about a millisecond)

    def top_up() -> None:
        # Workers of a running cluster may join (or leave) during the run.
        if time.monotonic() - workers[1] > 1.0:
            workers[:] = [len(client.scheduler_info().get("workers", {})), time.monotonic()]
        while len(in_flight) < IN_FLIGHT_PER_WORKER * max(1, workers[0]):
            cluster = next(waiting, None)
            if cluster is None:
                return
            recorded = None if force else recorded_inputs(outdir, cluster)
            future = client.submit(run_cluster, cluster, params, recorded, os.path.abspath(outdir),
                                   tuple(extra_inputs), pure=False)
            in_flight[future] = cluster
            finished.add(future)

    top_up()
    for future in finished:
        cluster = in_flight.pop(future)
        try:
            outcome = future.result()  # the worker has written the outputs
        except Exception as error:  # the worker died (memory, a crash) or could not write
            outcome = _failed(cluster, f"worker failed: {type(error).__name__}: {error}")
            write_outcome(outdir, cluster, outcome, extra_inputs)
        if outcome.skipped:
            tally.skipped += 1
        else:
            tally.compared += 1
            tally.failed += bool(outcome.errors)
        future.release()
        top_up()
        progress.step()
    progress.close()
    write_summary(outdir, clusters, list(extra_inputs))
    return tally


def _failed(cluster: Cluster, reason: str) -> Outcome:
    rows = [empty_row(cluster.name, os.path.basename(e.path), e.path, e.source, e.published)
            for e in cluster.entries]
    for row in rows:
        row["error"] = reason
    return Outcome(cluster.name, rows, [[e.path, None] for e in cluster.entries], errors=[reason])


def summary_rows(outdir: Path, clusters: list[Cluster]) -> Iterator[dict]:
    """Every cluster's rows from its sidecar, in input order; a cluster without one is an error row."""
    for cluster in clusters:
        data = _read_sidecar(outputs_of(outdir, cluster)[1])
        if data is None or data.get("cluster") != cluster.name:
            yield from _failed(cluster, "no result was recorded for this cluster").rows
        else:
            yield from data["rows"]


def write_summary(outdir: Path, clusters: list[Cluster], extra_inputs: list[str]) -> None:
    """summary.parquet and summary.csv, from the sidecars, each put in place whole."""
    inputs = [e.path for c in clusters for e in c.entries] + extra_inputs

    def both(parquet_temporary: str) -> None:
        write_with(outdir / "summary.csv",
                   lambda csv_temporary: write_tables(parquet_temporary, csv_temporary,
                                                      chunks(summary_rows(outdir, clusters))),
                   inputs)

    write_with(outdir / "summary.parquet", both, inputs)


class Progress:
    """One self-rewriting line on a terminal: clusters done of all, rate and time left."""

    INTERVAL = 0.5  # seconds between updates

    def __init__(self, stream, total: int):
        self.stream, self.total = stream, total
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.started = self.last = time.monotonic()
        self.done = 0
        self.width = 0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.live and (now - self.last >= self.INTERVAL or self.done == self.total):
            self.last = now
            self.stream.write("\r" + self.line(now).ljust(self.width))
            self.stream.flush()
            self.width = len(self.line(now))

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        return (f"storydiff batch: {self.done}/{self.total} clusters, {rate:.1f}/s, "
                f"ETA {_duration(left)}")

    def close(self) -> None:
        if self.live and self.width:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"
