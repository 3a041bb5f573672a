"""``storydiff batch INPUT -o OUTDIR``: every story cluster of a corpus, compared on Dask.

The top layer beside the CLI: it uses the engine and the reports; nothing below imports it.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from viewer.batch.inputs import BadInput, read_input
from viewer.engine.loading import printable
from viewer.engine.params import Params
from viewer.engine.segment import SPLIT_MODES

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not a usage block
        raise BadInput(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="storydiff batch",
                     description="Compare every story cluster of a corpus; write one JSON report per "
                                 "cluster and a summary table (summary.parquet, summary.csv).")
    parser.add_argument("input", nargs="?", help="a folder with one sub-folder per story, or a CSV manifest "
                                                 "(columns cluster, path[, published, source])")
    parser.add_argument("--find-clusters", metavar="FOLDER",
                        help="instead of INPUT: group the articles of a flat folder into clusters by shared "
                             "wording (written to OUTDIR/clusters.csv), then compare each cluster")
    parser.add_argument("-o", "--output", required=True, help="the folder for the reports and the summary")
    parser.add_argument("--workers", type=int, help="worker processes of the local Dask cluster "
                                                    "(default: one per CPU core)")
    parser.add_argument("--scheduler", help="use a running Dask cluster, e.g. tcp://HOST:8786")
    parser.add_argument("--force", action="store_true", help="redo clusters whose reports are up to date")
    parser.add_argument("--split", choices=SPLIT_MODES, default="sentences",
                        help="'lines': each non-empty line is one sentence")
    return parser


def main(argv: list[str]) -> int:
    """Run the batch command; return its exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.workers is not None and args.workers < 1:
            raise BadInput(f"--workers {args.workers}: needs at least one worker")
        if (args.input is None) == (args.find_clusters is None):
            raise BadInput("give either INPUT (a folder of clusters or a manifest) or --find-clusters FOLDER")
        if args.workers is not None and args.scheduler:
            raise BadInput("--workers sizes the local cluster; a running one (--scheduler) has its own workers")
        return _run(args)
    except BadInput as error:
        print(f"storydiff: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\nstorydiff: interrupted; finished clusters are kept, a re-run goes on from them", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    from viewer.batch.run import check_outputs, run

    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise BadInput(f"{printable(str(outdir))}: is not a folder")
    params = Params(split=args.split)
    started = time.monotonic()
    if args.find_clusters:
        _check_apart(outdir, Path(args.find_clusters))
        clusters, manifest = None, []
    else:
        clusters = read_input(args.input, skip=outdir)
        manifest = [] if Path(args.input).is_dir() else [os.path.abspath(args.input)]
        check_outputs(outdir, clusters, manifest)
    _make(outdir)
    with _client(args.scheduler, args.workers) as client:
        if clusters is None:
            clusters = _find(client, Path(args.find_clusters), outdir, params)
            check_outputs(outdir, clusters, [])
        tally = run(client, clusters, outdir, params, force=args.force, extra_inputs=tuple(manifest))
    errors = f"; {tally.failed} with errors (see the error column)" if tally.failed else ""
    print(f"storydiff batch: {len(clusters)} cluster{'s' if len(clusters) != 1 else ''} ({tally.compared} "
          f"compared, {tally.skipped} up to date{errors}) in {time.monotonic() - started:.1f} s; summary in "
          f"{printable(str(outdir / 'summary.parquet'))} and summary.csv", file=sys.stderr)
    return EXIT_OK


def _make(outdir: Path) -> None:
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BadInput(f"{printable(str(outdir))}: cannot be made: {error.strerror or error}") from None


def _check_apart(outdir: Path, folder: Path) -> None:
    """The output folder may not be the folder of articles, or inside it: a later run would read it."""
    here, there = os.path.realpath(outdir), os.path.realpath(folder)
    if here == there or here.startswith(there + os.sep):
        raise BadInput(f"{printable(str(outdir))}: is inside the folder of articles; choose another output folder")


def _find(client, folder: Path, outdir: Path, params: Params) -> list:
    """The folder's clusters, also written to OUTDIR/clusters.csv (a manifest a later run can take)."""
    import csv
    import io

    from viewer.batch.find import find_clusters
    from viewer.report.output import write_text

    clusters, alone, errors = find_clusters(client, folder, params)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["cluster", "path"])
    writer.writerows([c.name, e.path] for c in clusters for e in c.entries)
    write_text(outdir / "clusters.csv", text.getvalue(), [e.path for c in clusters for e in c.entries] + alone)
    grouped = sum(len(c.entries) for c in clusters)
    print(f"storydiff batch: {len(clusters)} cluster{'s' if len(clusters) != 1 else ''} of {grouped} articles found in {printable(str(folder))}; "
          f"{len(alone)} share no wording with another, {len(errors)} cannot be read; "
          f"clusters in {printable(str(outdir / 'clusters.csv'))}", file=sys.stderr)
    for error in errors[:10]:
        print(f"storydiff: {error}", file=sys.stderr)
    return clusters


def default_workers() -> int:
    """One worker per CPU core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _client:
    """A Dask client: of the running cluster at ``scheduler``, else of a local one started here
    (worker processes, one thread each, listening on 127.0.0.1 only) and closed on leaving."""

    def __init__(self, scheduler: str | None, workers: int | None):
        self.scheduler, self.workers = scheduler, workers
        self.cluster = self.client = None

    def __enter__(self):
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="10s")
            except (OSError, TimeoutError) as error:
                raise BadInput(f"--scheduler {printable(self.scheduler)}: cannot be reached: {error}") from None
        else:
            # The scheduler's web server runs either way (health checks); a free port, so two runs
            # on one machine do not meet. Its pages need bokeh, hence the link only with it.
            self.cluster = LocalCluster(n_workers=self.workers or default_workers(), threads_per_worker=1,
                                        processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                        silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        link = _dashboard(self.client) if self.scheduler or _has_bokeh() else None
        if link:
            print(f"storydiff batch: Dask dashboard at {link}", file=sys.stderr)
        return self.client

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def _dashboard(client) -> str | None:
    try:
        services = client.scheduler_info().get("services", {})
        return client.dashboard_link if "dashboard" in services else None
    except Exception:  # a scheduler without the dashboard, or one that answers oddly
        return None
