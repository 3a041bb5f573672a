"""``storydiff compare A B [C ...]``: the engine and report writers on the command line, no Qt."""
from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

from viewer.engine.loading import LoadError, load_file, printable
from viewer.engine.params import Params
from viewer.engine.pipeline import TooLarge, compare
from viewer.engine.segment import SPLIT_MODES
from viewer.report.output import OutputRefused, check_output, is_input, write_text

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not a usage block
        _fail(message)


class _BadInput(Exception):
    pass


def _fail(message: str):
    raise _BadInput(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="storydiff compare", description="Compare versions of one story, sentence by sentence.")
    parser.add_argument("files", nargs="*", help="two or more versions (.txt, .md, .html)")
    parser.add_argument("--base", help="the version the others are compared with (default: the first)")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text",
                        help="'csv': only the changed facts, one line each")
    parser.add_argument("--split", choices=SPLIT_MODES, default="sentences",
                        help="'lines': each non-empty line is one sentence")
    parser.add_argument("--transformer", action="store_true",
                        help="re-score uncertain sentence pairs with a local sentence-transformer "
                             "(needs storydiff[semantic]; slow)")
    parser.add_argument("-o", "--output", help="write the report to this file instead of standard output")
    return parser


def main(argv: list[str]) -> int:
    """Run the compare command; return its exit status."""
    try:
        return _run(build_parser().parse_args(argv))
    except _BadInput as error:
        print(f"storydiff: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (LoadError, TooLarge) as error:
        print(f"storydiff: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("storydiff: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    if len(args.files) < 2:
        _fail(f"need at least two versions to compare, got {len(args.files)}")
    paths = [Path(f) for f in args.files]
    base = _base_index(paths, args.base)
    if args.output:
        try:
            check_output(args.output, paths)
        except OutputRefused as refusal:
            _fail(str(refusal))
    params = Params(split=args.split, transformer=args.transformer)
    versions = [load_file(p, params) for p in paths]
    for version in versions:
        for note in version.notes:
            print(f"storydiff: {printable(version.name)}: {note}", file=sys.stderr)
    seen: dict[str, str] = {}
    for path, version in zip(paths, versions):  # allowed, but likely a slip
        if version.sha256 in seen:
            print(f"storydiff: {printable(str(path))} has the same text as {printable(seen[version.sha256])}",
                  file=sys.stderr)
        seen.setdefault(version.sha256, str(path))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        with _Progress(sys.stderr) as progress:
            comparison = compare(versions, params, base=base, progress=progress)
    # Why an optional model could not be used, one line each; the missing semantic model is
    # said by its note.
    reasons = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    for line in dict.fromkeys(r for r in reasons if not r.startswith("semantic model unavailable")):
        print(f"storydiff: {line}", file=sys.stderr)
    for note in comparison.notes:
        print(f"storydiff: {note}", file=sys.stderr)
    if args.format == "json":
        from viewer.report.json_report import to_json

        report = to_json(comparison)
    elif args.format == "csv":
        from viewer.report.csv_report import facts_to_csv

        report = facts_to_csv(comparison)
    else:
        from viewer.report.text_report import render_text

        colour = not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = render_text(comparison, colour=colour) + "\n"
    if args.output:
        try:
            write_text(args.output, report, paths)
        except OSError as error:
            _fail(f"{printable(args.output)}: cannot be written: {error.strerror or error}")
    else:
        sys.stdout.write(report)
    return EXIT_OK


def _base_index(paths: list[Path], base: str | None) -> int:
    if base is None:
        return 0
    for k, p in enumerate(paths):
        if is_input(base, [p]) or Path(base).name == p.name and not Path(base).parent.name:
            return k
    _fail(f"--base {base}: is not one of the files being compared")


class _Progress:
    """One self-rewriting status line on a terminal, shown only once a comparison takes a while."""

    DELAY, INTERVAL = 1.0, 0.2  # seconds before the first line, and between updates

    def __init__(self, stream):
        self.stream = stream
        self.live = stream.isatty()
        self.started = time.monotonic()
        self.last = 0.0
        self.width = 0

    def __enter__(self):
        return self

    def __call__(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if not self.live or now - self.started < self.DELAY or now - self.last < self.INTERVAL:
            return
        self.last = now
        line = f"storydiff: {message or 'Comparing'}… {100 * fraction:3.0f}%"[:100]
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def __exit__(self, *exc) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
