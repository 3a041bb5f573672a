"""The speed table: whole ``storydiff compare`` processes beside two anchors run on the same files.

Run: ``python benchmarks/bench_speed.py [--runs 5] [--big] [--tree /other/checkout]``. Prints
one table and asserts nothing. Each row times the whole process (start-up included), the median
of ``--runs`` runs after one warm-up run, with the child's peak RSS. The anchors run in the same
go on the same files: ``git diff --no-index --word-diff`` (one process per pair) and a plain
difflib sentence matcher (``DIFFLIB_MATCHER``: one Python process). The ratios are
storydiff's time over each anchor's, which hold up better than seconds on a busy machine.
``--tree`` times another checkout of storydiff (its ``python -m viewer``) on the same rows:
before and after a change, in one run.

Rows: two articles of about 1k words (xi-moscow 000 and 003 when ``../shared`` is there, else a
generated pair); the sample story's versions (xi-moscow's five, else the bundled harbour-fire);
a generated 10k-sentence pair with 20 % of sentences reworded; 2, 5, 10 and 20 generated versions
of one story; with ``--big`` a 64k-sentence pair. Generated texts come from ``synthetic.py``.

Python runs with its bytecode cached in a temporary folder (as an installed package has it),
even where PYTHONDONTWRITEBYTECODE is set.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
XI_MOSCOW = SHARED / "samples" / "xi-moscow"
HARBOUR_FIRE = ROOT / "resources" / "samples" / "harbour-fire"
VERSION_SENTENCES = 100  # sentences of each generated version in the 2/5/10/20-version rows

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402


# The anchor, run as ``python -c``: regex sentences, difflib's matcher between the first file and
# each other one, and a quick ratio for each pair inside replaced blocks (what a careful script
# would do). It imports only what it uses, so its start-up is Python's own.
DIFFLIB_MATCHER = r"""
import difflib, re, sys

def sentences(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [s for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", f.read()) if s.strip()]

base = sentences(sys.argv[1])
links = 0
for other in sys.argv[2:]:
    b = sentences(other)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, b, autojunk=False).get_opcodes():
        if tag == "equal":
            links += i2 - i1
        elif tag == "replace":
            for i in range(i1, i2):
                links += max(difflib.SequenceMatcher(None, base[i], b[j]).quick_ratio() for j in range(j1, j2)) > 0.6
print(links)
"""


def _env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit status of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def measure(commands: list[list[str]], cwd: Path, env: dict[str, str], runs: int) -> tuple[float, float, bool]:
    """Median wall seconds of running ``commands`` one after another, their peak RSS, and whether all succeeded."""
    totals, peak, ok = [], 0.0, True
    for attempt in range(runs + 1):  # the first run warms the caches and is not counted
        total = 0.0
        for command in commands:
            seconds, rss, status = run_once(command, cwd, env)
            total += seconds
            peak = max(peak, rss)
            ok = ok and status == 0
        if attempt:
            totals.append(total)
    return statistics.median(totals), peak, ok


def cases(folder: Path, big: bool) -> list[tuple[str, list[Path]]]:
    """(name, files) of each row, writing the generated files into ``folder``."""
    out = []
    if XI_MOSCOW.is_dir():
        xi = sorted(XI_MOSCOW.glob("*.txt"))
        out.append(("two 1k-word articles (xi-moscow 000, 003)", [xi[0], xi[3]]))
        out.append((f"sample story, {len(xi)} versions (xi-moscow)", xi))
    else:
        pair = synthetic.write_versions(folder / "articles", synthetic.versions(2, 70, seed=3))
        out.append(("two 1k-word articles (generated)", pair))
        fire = sorted(HARBOUR_FIRE.glob("*.txt"))
        out.append((f"sample story, {len(fire)} versions (harbour-fire)", fire))
    out.append(("10k-sentence pair, 20 % reworded", synthetic.write_versions(folder / "10k", synthetic.versions(2, 10_000))))
    story = synthetic.versions(20, VERSION_SENTENCES, seed=11)
    for n in (2, 5, 10, 20):
        out.append((f"{n} versions of {VERSION_SENTENCES} sentences",
                    synthetic.write_versions(folder / f"v{n}", story[:n])))
    if big:
        out.append(("64k-sentence pair, 20 % reworded", synthetic.write_versions(folder / "64k", synthetic.versions(2, 64_000))))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Whole-process speed of storydiff compare beside git diff and difflib.")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per row (median), after one warm-up")
    parser.add_argument("--big", action="store_true", help="add a 64k-sentence pair (minutes)")
    parser.add_argument("--tree", type=Path, help="another storydiff checkout to time on the same rows")
    parser.add_argument("--only", help="only the rows whose name contains this text")
    args = parser.parse_args(argv)
    git = shutil.which("git")
    with tempfile.TemporaryDirectory(prefix="storydiff-bench-") as tmp:
        folder = Path(tmp)
        env = _env(folder / "pycache")
        header = f"{'case':44} {'storydiff':>9} {'peak MB':>7} {'git wd':>7} {'difflib':>7} {'x git':>6} {'x difflib':>9}"
        if args.tree:
            header += f" {'--tree':>7} {'x tree':>6}"
        print(f"whole process, median of {args.runs} runs, seconds; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs")
        print(header)
        versions_seconds: dict[str, float] = {}
        for name, paths in cases(folder, args.big):
            if args.only and args.only not in name:
                continue
            files = [str(p) for p in paths]
            ours, peak, ok = measure([[sys.executable, "-m", "viewer", "compare", *files, "--format", "json"]],
                                     ROOT, env, args.runs)
            if git:
                git_runs = [[git, "diff", "--no-index", "--word-diff", files[0], f] for f in files[1:]]
                git_seconds = measure(git_runs, ROOT, env, args.runs)[0]
            else:
                git_seconds = float("nan")
            matcher = measure([[sys.executable, "-c", DIFFLIB_MATCHER, *files]], ROOT, env, args.runs)[0]
            line = (f"{name:44} {ours:9.3f} {peak:7.0f} {git_seconds:7.3f} {matcher:7.3f} "
                    f"{ours / git_seconds:6.1f} {ours / matcher:9.1f}")
            if args.tree:
                theirs = measure([[sys.executable, "-m", "viewer", "compare", *files, "--format", "json"]],
                                 args.tree.resolve(), env, args.runs)[0]
                line += f" {theirs:7.3f} {ours / theirs:6.2f}"
            print(line + ("" if ok else "  (storydiff failed)"), flush=True)
            if name.endswith(f"versions of {VERSION_SENTENCES} sentences"):
                versions_seconds[name.split()[0]] = ours
        if "2" in versions_seconds and "20" in versions_seconds:
            print(f"20 versions take {versions_seconds['20'] / versions_seconds['2']:.1f}x the time of 2 (goal: <= 10x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
