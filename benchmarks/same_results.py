"""Do two source trees give the same alignment results? The JSON of every comparison, diffed.

Runs ``compare`` on every set of ``../shared/eval`` (seeds 000-001, ArgRewrite dev, bible_dev,
aesop_gnat dev), our own gold (``tests/data/gold``), the five xi-moscow versions (all five, base
000, and 000 against each) and any ``--pair A B`` given, once per tree, each tree in a subprocess
with ``PYTHONPATH`` set to it. The JSON reports are compared without the evidence-trail fields
(``evidence``, ``compared_at``, ``read_at``, ``lineage``), which hold times and provenance.

    python benchmarks/same_results.py                       # /tmp/base_tree against this tree
    python benchmarks/same_results.py --before OLD --after NEW --pair big-a.txt big-b.txt

Prints one line per differing case (and the first difference), then a count; exit status 1 when
any case differs. A tree's results are kept in ``--cache`` keyed by its commit, when it has no
uncommitted change, so the unchanging reference tree runs once.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
SAMPLES = SHARED / "samples" / "xi-moscow"
TRAIL = {"evidence", "compared_at", "read_at", "lineage"}


def cases(pairs: list[list[str]]):
    """Yield (name, texts or paths, split): every comparison to run, in a fixed order."""
    for gold_dir, text_dir, label in ((EVAL / "seeds", SAMPLES, "seeds"), (EVAL / "bible_dev", EVAL / "bible_dev", "bible"),
                                      (ROOT / "tests" / "data" / "gold", ROOT / "tests" / "data" / "gold", "own")):
        for case in sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else ():
            gold = json.loads(case.read_text(encoding="utf-8"))
            if "a" in gold and "b" in gold:
                yield f"{label}/{case.stem}", [str(text_dir / gold["a"]), str(text_dir / gold["b"])], "sentences"
    for label, path in (("argrewrite", EVAL / "argrewrite_v2" / "dev.jsonl"), ("aesop", EVAL / "aesop_gnat" / "dev.jsonl")):
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                # As benchmarks/devsets.py reads them: whitespace runs made one space, one sentence a line.
                texts = ["\n".join(" ".join(s.split()) for s in record[k]) + "\n" for k in ("a_sentences", "b_sentences")]
                yield f"{label}/{record['id']}", {"a": texts[0], "b": texts[1]}, "lines"
    samples = sorted(str(p) for p in SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []
    if len(samples) > 1:
        yield "xi-moscow/all", samples, "sentences"
        for other in samples[1:]:
            yield f"xi-moscow/{Path(samples[0]).stem}-{Path(other).stem}", [samples[0], other], "sentences"
    for a, b in pairs:
        yield f"pair/{Path(a).name}-{Path(b).name}", [a, b], "sentences"


def run_cases(pairs: list[list[str]], out: Path) -> None:
    """In the subprocess: every case through the tree on ``sys.path``, one JSON line each."""
    from viewer.engine.loading import load_file, load_text
    from viewer.engine.params import Params
    from viewer.engine.pipeline import compare
    from viewer.report.json_report import to_json

    lifted = {"max_file_bytes": 2**30, "max_sentences": 2**30}
    with open(out, "w", encoding="utf-8") as stream:
        for name, inputs, split in cases(pairs):
            params = Params(split=split, **lifted)
            if isinstance(inputs, dict):
                versions = [load_text(text, side, params) for side, text in inputs.items()]
            else:
                versions = [load_file(path, params) for path in inputs]
            stream.write(json.dumps({"case": name, "json": to_json(compare(versions, params))}) + "\n")
            stream.flush()


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in TRAIL}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _first_difference(a, b, where="") -> str:
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key}: only in {'after' if key not in a else 'before'}"
            if a[key] != b[key]:
                return _first_difference(a[key], b[key], f"{where}.{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}"
        for k, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{where}[{k}]")
    return f"{where}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}"


def _tree_key(tree: Path, pairs: list[list[str]]) -> str | None:
    """The cache key of a tree: its commit, when nothing in it is changed (else None)."""
    try:
        head = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", str(tree), "status", "--porcelain", "--", "viewer"],
                               capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    if dirty.stdout.strip():
        return None
    return hashlib.sha256(json.dumps([str(tree), head.stdout.strip(), pairs]).encode()).hexdigest()[:16]


def start(tree: Path, pairs: list[list[str]], out: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(tree))
    command = [sys.executable, __file__, "--worker", str(out)] + [x for pair in pairs for x in ("--pair", *pair)]
    return subprocess.Popen(command, env=env, cwd=str(tree))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="/tmp/base_tree", help="the reference tree")
    parser.add_argument("--after", default=str(ROOT), help="the tree under test")
    parser.add_argument("--pair", action="append", default=[], nargs=2, metavar=("A", "B"),
                        help="also compare these two files (repeatable)")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "storydiff-same-results"))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    pairs = args.pair
    if args.worker:
        run_cases(pairs, Path(args.worker))
        return 0
    if not EVAL.is_dir():
        print(f"no shared gold under {EVAL}: only our own gold and the pairs given are compared")
    pairs = [[str(Path(a).resolve()), str(Path(b).resolve())] for a, b in pairs]
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    outputs, running = {}, []
    for side, tree in (("before", Path(args.before)), ("after", Path(args.after))):
        key = _tree_key(tree, pairs)
        out = cache / f"{key}.jsonl" if key else cache / f"{side}-{os.getpid()}.jsonl"
        outputs[side] = out
        if key is None or not out.exists():
            running.append((start(tree, pairs, out.with_suffix(".part")), out, key))
    for process, out, key in running:
        if process.wait() != 0:
            print(f"the run writing {out} failed (exit {process.returncode})")
            return 2
        out.with_suffix(".part").replace(out)
    results = {}
    for side, out in outputs.items():
        results[side] = {r["case"]: r["json"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    differ = 0
    for name, before in results["before"].items():
        after = results["after"].get(name)
        if after is None:
            print(f"{name}: missing after")
            differ += 1
            continue
        a, b = _strip(json.loads(before)), _strip(json.loads(after))
        if a != b:
            differ += 1
            print(f"{name}: differs at {_first_difference(a, b)}")
    print(f"{len(results['before'])} cases, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
