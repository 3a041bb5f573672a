"""Render storydiff's window on the sample stories and write PNGs to docs/screenshots/.

    python tools/screenshots.py            # under Xvfb when there is no display (xvfb-run)
    python tools/screenshots.py --offscreen  # Qt's offscreen platform, no X server needed

Shots: the empty window, the bundled harbour-fire story (light and dark palettes, and with the
Facts pane open), and, when ``../shared/samples/xi-moscow/`` exists beside the repository, the
five xi-moscow versions; the Lineage pane on xi-moscow (else on the sample).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
XI_MOSCOW = ROOT.parent / "shared" / "samples" / "xi-moscow"
SIZE = (1600, 1000)
TALL = (1600, 1200)
WIDE = (1800, 1000)  # the Facts pane beside four columns at their full width


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offscreen", action="store_true", help="use Qt's offscreen platform instead of X")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs (default: docs/screenshots)")
    args = parser.parse_args(argv)
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not args.inner and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        xvfb_run = shutil.which("xvfb-run")
        if xvfb_run is None:
            print("No display and no xvfb-run: install xvfb or pass --offscreen", file=sys.stderr)
            return 2
        command = [xvfb_run, "-a", "-s", f"-screen 0 {TALL[0] + 200}x{TALL[1] + 200}x24 -dpi 96",
                   sys.executable, __file__, "--inner", "--out", str(args.out)]
        return subprocess.call(command)
    if not args.offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    return render(args.out)


def render(out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from viewer import paths
    from viewer.engine.model import Kind
    from viewer.gui.application import create_application
    from viewer.gui.main_window import MainWindow

    app = create_application(["storydiff"])
    app.setStyle("Fusion")
    out.mkdir(parents=True, exist_ok=True)
    settings_dir = Path(tempfile.mkdtemp(prefix="storydiff-shots-"))
    written: list[Path] = []

    def settle(ms: int = 250) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def new_window(size=SIZE) -> MainWindow:
        settings = QSettings(str(settings_dir / f"s{len(written)}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(*size)
        window.show()
        settle(150)
        return window

    def load(window: MainWindow, files) -> None:
        loop = QEventLoop()
        window.comparisonShown.connect(lambda _: loop.quit())
        window.open_paths(files)
        QTimer.singleShot(20000, loop.quit)
        loop.exec()
        settle()

    def shoot(window: MainWindow, name: str) -> None:
        settle()
        path = out / name
        window.grab().save(str(path))
        written.append(path)
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def select_first(window: MainWindow, text: str, column: int | None = None, top: bool = False) -> int:
        grid = window.view.grid_model.grid
        for row in range(grid.row_count):
            columns = [column] if column is not None else range(grid.column_count)
            if any(text in grid.cell(row, c).text for c in columns):
                window.view.go_to_row(row, column if column is not None else 1)
                if top:
                    bar = window.view.verticalScrollBar()
                    bar.setValue(max(0, window.view.verticalHeader().sectionPosition(row) - 60))
                return row
        return -1

    # 1. The empty window.
    window = new_window()
    shoot(window, "empty.png")
    window.close()

    # 2. The bundled sample story, light palette.
    sample = paths.sample_story_files()
    window = new_window()
    load(window, sample)
    row = select_first(window, "About 40 firefighters", column=0)
    window.view.go_to_row(row, 2)
    shoot(window, "sample.png")

    # 3. The same in the dark theme (View ▸ Theme ▸ Dark).
    from viewer.gui.palette import theme_palette

    light = app.palette()
    app.setPalette(theme_palette("dark"))
    settle()
    shoot(window, "sample-dark.png")
    app.setPalette(light)
    window.close()

    # 4. The Facts pane on the sample story: every changed fact, the correction's number selected.
    window = new_window(WIDE)
    load(window, sample)
    window.show_facts()
    settle()
    facts = window.facts
    entry = next((e for e in facts.model.entries if e.type == "number" and e.version == 3), None)
    if entry is not None:
        facts.table.selectRow(facts.model.entries.index(entry))
        window.page.go_to_row(entry.row, entry.version)
    shoot(window, "facts.png")
    window.close()

    # 5. The five xi-moscow versions, if they are beside the repository.
    xi = sorted(XI_MOSCOW.glob("*.txt")) if XI_MOSCOW.is_dir() else []
    if xi:
        window = new_window(TALL)
        load(window, xi)
        # The middle of the story: 001's reworded sentences, omissions in most versions, and the
        # Taiwan paragraphs that 001 and 002 add (the selected row, detailed below).
        selected = select_first(window, "Ma Ying-jeou", column=1)
        anchor = select_first(window, "Some commentators draw a parallel", column=0)
        window.view.go_to_row(selected, 1)
        window.view.verticalScrollBar().setValue(window.view.verticalHeader().sectionPosition(anchor) - 8)
        shoot(window, "xi-moscow.png")
        # The wire's opening paragraphs: 001 rewords them, 003 and 004 leave them out.
        select_first(window, "Chinese leader Xi Jinping is meeting with Vladimir Putin", column=0, top=True)
        shoot(window, "xi-moscow-opening.png")
        # Only rows where a version left a base sentence out, as a fact-checker hunting for cuts.
        window.set_kind_filter(frozenset({Kind.OMITTED}))
        window.view.go_to_row(window.visible_rows()[0], 1)
        window.view.verticalScrollBar().setValue(0)
        shoot(window, "xi-moscow-omitted.png")
        window.close()
    else:
        print(f"{XI_MOSCOW} not found: xi-moscow shots skipped")

    # 6. The Lineage pane (View ▸ Lineage) on xi-moscow, else the sample; 002's reason below the graph.
    from PySide6.QtCore import Qt

    window = new_window(WIDE)
    load(window, xi or sample)
    window.act_lineage.setChecked(True)
    window.resizeDocks([window.lineage], [600], Qt.Orientation.Horizontal)
    settle()
    window.lineage.graph.hovered.emit(2)
    shoot(window, "lineage.png")
    window.close()
    app.processEvents()
    shutil.rmtree(settings_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
