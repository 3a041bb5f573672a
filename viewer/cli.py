"""``storydiff compare A B [C ...]``: the engine and report writers on the command line, no Qt."""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from viewer.engine.loading import LoadError, load_file
from viewer.engine.params import Params
from viewer.engine.pipeline import compare
from viewer.engine.segment import SPLIT_MODES

EXIT_OK, EXIT_BAD_INPUT = 0, 2


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
    parser.add_argument("--format", choices=("text", "json"), default="text")
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
    except LoadError as error:
        print(f"storydiff: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _run(args: argparse.Namespace) -> int:
    if len(args.files) < 2:
        _fail(f"need at least two versions to compare, got {len(args.files)}")
    paths = [Path(f) for f in args.files]
    base = _base_index(paths, args.base)
    if args.output and any(_same_file(Path(args.output), p) for p in paths):
        _fail(f"{args.output}: is one of the inputs; storydiff never writes to its inputs")
    params = Params(split=args.split, transformer=args.transformer)
    versions = [load_file(p, params) for p in paths]
    seen: dict[str, str] = {}
    for path, version in zip(paths, versions):  # allowed, but likely a slip
        if version.sha256 in seen:
            print(f"storydiff: {path} has the same text as {seen[version.sha256]}", file=sys.stderr)
        seen.setdefault(version.sha256, str(path))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        comparison = compare(versions, params, base=base)
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
    else:
        from viewer.report.text_report import render_text

        colour = not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = render_text(comparison, colour=colour) + "\n"
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as error:
            _fail(f"{args.output}: cannot be written: {error.strerror or error}")
    else:
        sys.stdout.write(report)
    return EXIT_OK


def _base_index(paths: list[Path], base: str | None) -> int:
    if base is None:
        return 0
    for k, p in enumerate(paths):
        if _same_file(Path(base), p) or Path(base).name == p.name and not Path(base).parent.name:
            return k
    _fail(f"--base {base}: is not one of the files being compared")


def _same_file(x: Path, y: Path) -> bool:
    """True when writing ``x`` would change ``y``: the same path, a symlink or a hard link to it."""
    try:
        if x.exists() and y.exists():
            return x.samefile(y)
        return x.resolve() == y.resolve()
    except OSError:
        return False
