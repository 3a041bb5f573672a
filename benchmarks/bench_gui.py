"""How fast the window opens, shows a comparison, resizes and scrolls, beside a plain Qt reference.

    python benchmarks/bench_gui.py [--runs 3] [--versions 10] [--words 5000]

Each run starts fresh Python processes that build the window as ``storydiff`` does:

- launch: process start to the first paint of the (empty) window, and to the window being fully
  built (engine imported, menus there); reference: a bare PySide6 window, start to first paint.
- load: adding the files to the aligned view painted (the comparison included); reference: a
  plain QTextEdit given all the versions' text, to painted. Split into the job's reading and
  comparing, the job's building of the grid (both off the GUI thread), and the GUI thread's
  showing it (the grid's arrival to painted).
- resize: one step of the window's width that changes the column widths, to painted (median over
  12 widths); reference: the QTextEdit resized through the same widths.
- scroll: one page down, to painted (median over 12 pages); reference: the QTextEdit's page.
- peak memory: the process's maximum resident set size.

Two stories: the five xi-moscow versions (``../shared/samples/xi-moscow/``; the bundled sample
story when absent), and ``--versions`` long versions of one made-up story, ``--words`` words
each (seeded: the same text every time). Runs offscreen unless a display is set
(QT_QPA_PLATFORM decides either way). Figures are medians over the runs; the machine is shared,
so read the ratios to the reference measured in the same process.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
XI_MOSCOW = ROOT.parent / "shared" / "samples" / "xi-moscow"
STEPS = 12  # resize and scroll steps per run

LAUNCH_CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QSettings
from viewer.gui.application import create_application, open_window

app = create_application(["storydiff"])
window = open_window([], False, QSettings({settings!r}, QSettings.Format.IniFormat))
window.resize(1400, 900)
seen = {{}}


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = time.time()
        return False


def built():
    seen["built"] = time.time()
    app.quit()


probe = FirstPaint()
window.empty.installEventFilter(probe)
window.built.connect(built)
app.exec()
print(json.dumps(seen))
"""

REFERENCE_LAUNCH_CHILD = r"""
import json, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(["reference"])
window = QMainWindow()
label = QLabel("Drop two or more versions of a story here")
window.setCentralWidget(label)
window.resize(1400, 900)
seen = {}


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = time.time()
            QTimer.singleShot(0, app.quit)
        return False


probe = FirstPaint()
label.installEventFilter(probe)
window.show()
app.exec()
print(json.dumps(seen))
"""

VIEW_CHILD = r"""
import json, resource, statistics, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QTextEdit
from viewer.gui.application import create_application
from viewer.gui import jobs
from viewer.gui.aligned_view import MIN_COLUMN_WIDTH
from viewer.gui.main_window import MainWindow

files = {files!r}
app = create_application(["storydiff"])
window = MainWindow(QSettings({settings!r}, QSettings.Format.IniFormat))
# Wide enough that every column is over its minimum width, so each step changes them.
start_width = len(files) * (MIN_COLUMN_WIDTH + 60) + 200
window.resize(start_width, 900)
window.show()
app.processEvents()

loop = QEventLoop()
window.view.comparisonPainted.connect(loop.quit)
QTimer.singleShot(120000, loop.quit)
compared = []  # when the job (reading and comparing, off the GUI thread) reported its end
window.document.progress.connect(lambda f, _: f >= 1.0 and compared.append(time.perf_counter()))
gridded = []  # when the job had built the grid, its last step
prepared_grid = jobs.prepared_grid
jobs.prepared_grid = lambda *args: (prepared_grid(*args), gridded.append(time.perf_counter()))[0]
t = time.perf_counter()
window.add_paths(files)
loop.exec()
painted = time.perf_counter()
load = painted - t
engine = compared[-1] - t
grid = gridded[-1] - compared[-1]
showing = painted - gridded[-1]
view = window.view


def steps(widget, scroll_bar, widths_of):
    resize, scroll, cpu, changed = [], [], [], 0
    for k in range(1, {steps} + 1):
        before = widths_of()
        t, c = time.perf_counter(), time.process_time()
        widget.resize(start_width + 37 * k, 900)
        app.processEvents()
        resize.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        changed += widths_of() != before
    widget.resize(start_width, 900)
    app.processEvents()
    for k in range({steps}):
        if scroll_bar.value() + scroll_bar.pageStep() > scroll_bar.maximum():
            scroll_bar.setValue(0)  # back to the top, untimed: every timed step scrolls a whole page
            app.processEvents()
        t = time.perf_counter()
        scroll_bar.setValue(scroll_bar.value() + scroll_bar.pageStep())
        app.processEvents()
        scroll.append(time.perf_counter() - t)
    return statistics.median(resize), statistics.median(scroll), changed, statistics.median(cpu)


resize, scroll, changed, resize_cpu = steps(window, view.verticalScrollBar(),
                                lambda: [view.columnWidth(c) for c in range(view.grid_model.columnCount())])
rows, columns = view.grid_model.rowCount(), view.grid_model.columnCount()
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.close()

# The reference: a plain QTextEdit holding all the versions' text, through the same steps.
text = "\n\n".join(Path(f).read_text(encoding="utf-8", errors="replace") for f in files)
edit = QTextEdit()
edit.resize(start_width, 900)
edit.show()
app.processEvents()
t = time.perf_counter()
edit.setPlainText(text)
edit.viewport().repaint()
app.processEvents()
ref_load = time.perf_counter() - t
# QTextEdit lays a long text out in slices on a timer: let it finish (untimed), so it scrolls its whole length.
stable = 0
while stable < 5:
    before = edit.verticalScrollBar().maximum()
    time.sleep(0.02)
    app.processEvents()
    stable = stable + 1 if edit.verticalScrollBar().maximum() == before else 0
ref_resize, ref_scroll, _, ref_resize_cpu = steps(edit, edit.verticalScrollBar(), lambda: edit.viewport().width())
print(json.dumps({{"load_s": load, "engine_s": engine, "grid_s": grid, "show_s": showing, "resize_s": resize, "scroll_s": scroll, "changed": changed,
                  "resize_cpu_s": resize_cpu, "ref_resize_cpu_s": ref_resize_cpu,
                  "ref_load_s": ref_load, "ref_resize_s": ref_resize, "ref_scroll_s": ref_scroll,
                  "rows": rows, "columns": columns, "peak_mb": peak_mb, "platform": app.platformName()}}))
"""

WORDS = ("the of and to in a is that for on was with he it as at by said from his an be have has but are "
         "not they this who were had which their been more one after would new also year people government "
         "officials minister city police president state council report week told two three million percent "
         "could about than first last over into other some there when hospital court election vote tax budget "
         "water fire harbour bridge school workers union company market prices energy border talks agreement "
         "military forces statement spokesman").split()


def long_story(folder: Path, versions: int, words: int, seed: int = 5) -> list[Path]:
    """``versions`` versions of one made-up story of ``words`` words: each drops about 5 % of the
    base's sentences, edits 15 % (one to three words), adds 5 %; paragraphs of four sentences."""
    rng = random.Random(seed)

    def sentence() -> str:
        w = [rng.choice(WORDS) for _ in range(rng.randint(10, 30))]
        if rng.random() < 0.3:
            w.insert(rng.randrange(len(w)), str(rng.randint(2, 2000)))
        return " ".join(w).capitalize() + "."

    base: list[str] = []
    while sum(len(s.split()) for s in base) < words:
        base.append(sentence())
    paths = []
    for v in range(versions):
        lines = []
        for s in base:
            roll = rng.random() if v else 1.0
            if roll < 0.05:
                continue
            if roll < 0.20:
                w = s[:-1].split()
                for _ in range(rng.randint(1, 3)):
                    w[rng.randrange(len(w))] = rng.choice(WORDS)
                s = " ".join(w) + "."
            lines.append(s)
            if v and rng.random() < 0.05:
                lines.append(sentence())
        path = folder / f"long-{v:02d}.txt"
        path.write_text("\n\n".join(" ".join(lines[k:k + 4]) for k in range(0, len(lines), 4)) + "\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def short_story() -> tuple[str, list[str]]:
    xi = sorted(XI_MOSCOW.glob("*.txt")) if XI_MOSCOW.is_dir() else []
    if len(xi) >= 2:
        return f"xi-moscow ({len(xi)} versions)", [str(p) for p in xi]
    sys.path.insert(0, str(ROOT))
    from viewer.paths import sample_story_files

    files = sample_story_files()
    return f"sample story harbour-fire ({len(files)} versions)", [str(p) for p in files]


def child(code: str) -> tuple[dict, float]:
    """Run ``code`` in a fresh Python; its last line of output (JSON), and when it was started."""
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600,
                         cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1]), started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--versions", type=int, default=10, help="versions of the long story (default 10)")
    parser.add_argument("--words", type=int, default=5000, help="words per long version (default 5000)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="storydiff-bench-") as scratch:
        folder = Path(scratch)
        stories = [short_story(), (f"{args.versions} long versions (~{args.words} words each, generated)",
                                   [str(p) for p in long_story(folder, args.versions, args.words)])]
        launches = []
        for i in range(args.runs):
            seen, started = child(LAUNCH_CHILD.format(root=str(ROOT), settings=str(folder / f"launch{i}.ini")))
            ref, ref_started = child(REFERENCE_LAUNCH_CHILD)
            launches.append({"painted": seen["painted"] - started, "built": seen["built"] - started,
                             "ref": ref["painted"] - ref_started})
        views = []
        for label, files in stories:
            runs = [child(VIEW_CHILD.format(root=str(ROOT), settings=str(folder / f"view{i}.ini"), files=files,
                                            steps=STEPS))[0] for i in range(args.runs)]
            views.append((label, runs))

    med = statistics.median
    print(f"storydiff GUI benchmark · Qt platform {views[0][1][0]['platform']} · median of {args.runs} runs "
          "(reference: plain Qt, same process)")
    painted, built, ref = (med(r[k] for r in launches) for k in ("painted", "built", "ref"))
    print(f"  launch to first paint      {painted:7.3f} s   reference (bare PySide6 window) {ref:.3f} s  "
          f"ratio {painted / ref:.2f}")
    print(f"  launch to fully built      {built:7.3f} s")
    for label, runs in views:
        first = runs[0]
        print(f"{label} · {first['rows']} rows × {first['columns']} columns")
        for key, name in (("load_s", "load to painted"), ("resize_s", "resize, per step"),
                          ("scroll_s", "scroll a page")):
            value, reference = med(r[key] for r in runs), med(r["ref_" + key] for r in runs)
            print(f"  {name:<26} {value * 1000:7.1f} ms  reference (QTextEdit, same text) "
                  f"{reference * 1000:.1f} ms  ratio {value / reference:.1f}")
            if key == "resize_s":
                cpu, ref_cpu = med(r["resize_cpu_s"] for r in runs), med(r["ref_resize_cpu_s"] for r in runs)
                print(f"    its CPU time              {cpu * 1000:7.1f} ms  reference {ref_cpu * 1000:.1f} ms  "
                      "(what a quiet machine would take: the GUI has one busy thread)")
            if key == "load_s":
                for part, what in (("engine_s", "reading, comparing    (job)"), ("grid_s", "building the grid     (job)"),
                                   ("show_s", "showing it     (GUI thread)")):
                    print(f"    {what}  {med(r[part] for r in runs) * 1000:7.1f} ms")
        print(f"  resize steps that changed the columns: {first['changed']} of {STEPS}; "
              f"peak memory (RSS) {med(r['peak_mb'] for r in runs):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
