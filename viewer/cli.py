"""``storydiff compare A B [C ...]``: the engine and report writers on the command line, no Qt."""
from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

from viewer.engine.fetch import FetchError, is_url
from viewer.engine.loading import FORMATS_READ, LoadError, load_file, printable
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
    parser.add_argument("files", nargs="*", help=f"two or more versions: files ({FORMATS_READ}), "
                                                 "http(s):// addresses (fetched), or - for standard input")
    parser.add_argument("--base", help="the version the others are compared with (default: the first)")
    parser.add_argument("--format", choices=("text", "json", "csv", "facts-csv"), default="text",
                        help="'csv': one line per sentence of every version; 'facts-csv': only the changed facts")
    parser.add_argument("--split", choices=SPLIT_MODES, default="sentences",
                        help="'lines': each non-empty line is one sentence")
    parser.add_argument("--transformer", action="store_true",
                        help="re-score uncertain sentence pairs with a local sentence-transformer "
                             "(needs storydiff[semantic]; slow)")
    # What "identical" ignores (the viewer's View options), so a report's command line can say it.
    for name, default in (("ignore-case", "off"), ("ignore-punctuation", "on"), ("ignore-quotes", "on")):
        parser.add_argument(f"--{name}", action=argparse.BooleanOptionalAction, default=None,
                            help=f"what 'identical' ignores (default: {default})")
    parser.add_argument("--version", action="store_true", help="print storydiff's version and stop")
    parser.add_argument("-o", "--output", help="write the report to this file instead of standard output")
    parser.add_argument("--snapshots", metavar="DIR",
                        help="keep what each address gave in DIR, to repeat the comparison offline")
    return parser


def main(argv: list[str]) -> int:
    """Run the compare command; return its exit status."""
    try:
        return _run(build_parser().parse_args(argv))
    except _BadInput as error:
        print(f"storydiff: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (LoadError, TooLarge, FetchError) as error:
        print(f"storydiff: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("storydiff: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    if args.version:
        from viewer import __version__

        print(f"storydiff {__version__}")
        return EXIT_OK
    if len(args.files) < 2:
        _fail(f"need at least two versions to compare, got {len(args.files)}")
    paths = [Path(f) for f in args.files]
    base = _base_index(paths, args.base)
    if args.output:
        try:
            check_output(args.output, paths)
        except OutputRefused as refusal:
            _fail(str(refusal))
    ignore = {k: v for k in ("ignore_case", "ignore_punctuation", "ignore_quotes") if (v := getattr(args, k)) is not None}
    params = Params(split=args.split, transformer=args.transformer, **ignore)
    versions = _load_inputs(args.files, params, args.snapshots, paths)
    for version in versions:
        for note in version.notes:
            print(f"storydiff: {printable(version.name)}: {note}", file=sys.stderr)
    seen: dict[str, str] = {}
    for arg, version in zip(args.files, versions):  # allowed, but likely a slip
        where = "stdin" if arg == "-" else arg
        if version.sha256 in seen:
            print(f"storydiff: {printable(where)} has the same text as {printable(seen[version.sha256])}",
                  file=sys.stderr)
        seen.setdefault(version.sha256, where)
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
        from viewer.report.csv_report import to_csv

        report = to_csv(comparison)
    elif args.format == "facts-csv":
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


def _load_inputs(names: list[str], params: Params, snapshots: str | None, inputs: list[Path]) -> list:
    """Each version: a file, a web address (fetched; its bytes kept in ``snapshots`` if given), or - (stdin)."""
    from viewer.engine.fetch import fetch, now_iso
    from viewer.engine.loading import load_bytes, load_fetched, megabytes

    if names.count("-") > 1:
        _fail("- (standard input) can be given only once")
    versions = []
    for name in names:
        if name == "-":
            data = sys.stdin.buffer.read(params.max_document_bytes + 1)
            if len(data) > params.max_document_bytes:
                _fail(f"stdin: is larger than the {megabytes(params.max_document_bytes)} limit")
            versions.append(load_bytes(data, "stdin", params=params, read_at=now_iso()))
        elif is_url(name):
            fetched = fetch(name, params)
            version = load_fetched(fetched, params)
            if snapshots:
                version = _keep_snapshot(fetched, version, Path(snapshots), inputs)
            versions.append(version)
        else:
            versions.append(load_file(name, params))
    return versions


def _keep_snapshot(fetched, version, folder: Path, inputs: list[Path]):
    """Write the fetched bytes into ``folder`` (never over an input); the version's path becomes the snapshot."""
    import dataclasses
    import re

    from viewer.report.output import write_with

    suffix = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}.get(_kind(fetched.content_type, fetched.data), ".html")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", version.name).strip("-.")[:80] or "page"
    target = folder / f"{stem}-{version.sha256[:8]}{suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_with(target, lambda temporary: Path(temporary).write_bytes(fetched.data), inputs)
    except OutputRefused as refusal:
        _fail(str(refusal))
    except OSError as error:
        _fail(f"{printable(str(target))}: cannot be written: {error.strerror or error}")
    print(f"storydiff: {printable(fetched.url)}: snapshot saved as {printable(str(target))}", file=sys.stderr)
    return dataclasses.replace(version, path=str(target))


def _kind(content_type: str, data: bytes) -> str:
    from viewer.engine.documents import sniff
    from viewer.engine.fetch import media_kind

    return sniff(data) or media_kind(content_type) or "html"
