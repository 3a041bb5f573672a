"""Entry point: ``storydiff compare ...`` runs the command line, anything else opens the window."""
from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run storydiff with ``argv`` (default: the process arguments); return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "compare":
        _one_blas_thread()
        from viewer import cli

        return cli.main(args[1:])
    if args and args[0] == "batch":
        from viewer import batch

        return batch.main(args[1:])
    parser = argparse.ArgumentParser(
        prog="storydiff",
        description="Show how versions of one news story differ. "
        "Use 'storydiff compare A B ...' for the command line report.",
    )
    parser.add_argument("files", nargs="*", help="versions of the story to open")
    parser.add_argument("--sample", action="store_true", help="open the bundled sample story")
    parser.add_argument("--version", action="store_true", help="print storydiff's version and stop")
    options = parser.parse_args(args)
    if options.version:
        from viewer import __version__  # not through report.evidence: it loads the engine's model and Params

        print(f"storydiff {__version__}")
        return 0
    # Qt is imported only here, so the command line never pays for it.
    from viewer.gui.application import run

    return run(options.files, open_sample=options.sample)


def _one_blas_thread() -> None:
    """Have numpy's OpenBLAS run on the calling thread, unless the user chose otherwise.

    Its thread pool, started when numpy loads, costs more than it gives on the engine's products
    (many small blocks). Whole compare, 2 busy cores: two 1k-word articles 0.71 -> 0.64 s wall,
    0.80 -> 0.64 s CPU; a 10k-sentence pair 22.2 -> 23.1 s wall, 12.2 -> 11.3 s CPU. Same JSON
    (benchmarks/same_results.py).
    """
    if "numpy" not in sys.modules:  # once it is loaded the pool is there
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
