"""How fast the window opens and shows a comparison, and how much memory it takes.

    python benchmarks/bench_gui.py [--runs 3]

Each run starts a fresh Python process that builds the real main window (as ``storydiff``
does), then loads the five xi-moscow versions (``../shared/samples/xi-moscow/``; the bundled
sample story when they are absent). Figures, no assertions:

- launch: process start to the window shown and painted (goal < 1.5 s)
- load: dropping the files to the aligned view painted (goal < 0.3 s)
- peak memory: the process's maximum resident set size (goal < 400 MB)

Runs offscreen unless a display is set (QT_QPA_PLATFORM decides either way).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
XI_MOSCOW = ROOT.parent / "shared" / "samples" / "xi-moscow"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from viewer.gui.application import create_application
from viewer.gui.main_window import MainWindow

app = create_application(["storydiff"])
settings = QSettings({settings!r}, QSettings.Format.IniFormat)
window = MainWindow(settings)
window.resize(1400, 900)
window.show()
window.repaint()
app.processEvents()
shown = time.time()

files = {files!r}
loop = QEventLoop()
window.comparisonShown.connect(lambda _: loop.quit())
QTimer.singleShot(30000, loop.quit)
start = time.perf_counter()
window.add_paths(files)
loop.exec()
window.view.viewport().repaint()  # paint the visible rows now, not at the next idle moment
app.processEvents()
loaded = time.perf_counter() - start
rows = window.view.grid_model.rowCount()
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"shown": shown, "load_s": loaded, "rows": rows, "columns": window.view.grid_model.columnCount(),
                  "peak_mb": peak_mb, "platform": app.platformName()}}))
window.close()
"""


def story_files() -> tuple[str, list[str]]:
    xi = sorted(XI_MOSCOW.glob("*.txt")) if XI_MOSCOW.is_dir() else []
    if len(xi) >= 2:
        return "xi-moscow (5 versions)", [str(p) for p in xi]
    sys.path.insert(0, str(ROOT))
    from viewer.paths import sample_story_files

    files = sample_story_files()
    return f"sample story harbour-fire ({len(files)} versions)", [str(p) for p in files]


def one_run(files: list[str], scratch: Path, index: int) -> dict:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    code = CHILD.format(root=str(ROOT), settings=str(scratch / f"bench{index}.ini"), files=files)
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{out.stderr}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["launch_s"] = figures.pop("shown") - started
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    label, files = story_files()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="storydiff-bench-") as scratch:
        runs = [one_run(files, Path(scratch), i) for i in range(args.runs)]
    first = runs[0]
    print(f"storydiff GUI benchmark · {label} · {first['rows']} rows × {first['columns']} columns · "
          f"Qt platform {first['platform']} · {args.runs} runs (median, best)")
    for key, name, goal, unit in (("launch_s", "launch to shown window", 1.5, "s"),
                                  ("load_s", "load to painted view", 0.3, "s"),
                                  ("peak_mb", "peak memory (RSS)", 400, "MB")):
        values = [r[key] for r in runs]
        fmt = "{:.0f}" if unit == "MB" else "{:.3f}"
        print(f"  {name:<24} {fmt.format(statistics.median(values))} {unit} "
              f"(best {fmt.format(min(values))}; goal < {goal} {unit})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
