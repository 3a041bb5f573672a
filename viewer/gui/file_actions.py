"""What the File menu does: open and add versions, sessions, exports, printing, recent comparisons.

Every write goes through :mod:`viewer.report.output`, which refuses any of the versions being
compared; the save dialog comes back at a free name when one is picked.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMainWindow

from viewer import paths
from viewer.engine.fetch import is_url
from viewer.engine.loading import FORMATS_READ, STORY_SUFFIXES, printable
from viewer.gui.document import ComparisonDocument, list_html
from viewer.gui.jobs import version_sha256
from viewer.gui.session import SUFFIX as SESSION_SUFFIX, SessionError, load_session, session_text
from viewer.gui.settings import Settings
from viewer.report import output

FILE_FILTER = ("Stories (*.txt *.md *.html *.htm *.docx *.pdf);;Word documents (*.docx);;PDF (*.pdf);;"
               "All files (*)")
SESSION_FILTER = f"storydiff sessions (*{SESSION_SUFFIX})"
# The save dialog of each thing the window writes: title, suffix, filter.
EXPORTS = {
    "session": ("Save Session", SESSION_SUFFIX, SESSION_FILTER),
    "json": ("Export JSON", ".json", "JSON (*.json)"),
    "html": ("Export HTML Report", ".html", "HTML (*.html *.htm)"),
    "pdf": ("Export PDF", ".pdf", "PDF (*.pdf)"),
    "csv": ("Export CSV", ".csv", "CSV (*.csv)"),
    "facts_csv": ("Export CSV of Changed Facts", ".csv", "CSV (*.csv)"),
}


class FileActions:
    """Dialogs and files for the window: what they read goes to the document, what they write is checked."""

    def __init__(self, window: QMainWindow, document: ComparisonDocument, settings: Settings):
        self.window = window
        self.document = document
        self.settings = settings
        self.problems: list[str] = []  # files not added, said again when their comparison is shown

    # ----------------------------------------------------------------------------- reading
    def add_paths(self, paths_: list[str | Path]) -> None:
        """Add files (a folder adds its story files) and web addresses as versions, and recompare."""
        urls = [str(p) for p in paths_ if isinstance(p, str) and is_url(p)]
        for url in urls:
            self.add_url(url)
        paths_ = [p for p in paths_ if not (isinstance(p, str) and is_url(p))]
        if urls and not paths_:
            return
        files, problems = self._expand(paths_)
        # Shown with the outcome of the comparison these files start, not replaced by it.
        self.problems += problems
        if problems:
            self.window.show_message(list_html("Some files were not added:", self.problems), "warning")
        else:
            self.window.message_bar.dismiss()
        new = self.document.add_files(files)
        if not new:
            self.problems = []  # already on show, and no comparison will follow
            return
        self.settings.set_last_folder(str(Path(new[-1].path).parent))

    def open_paths(self, paths_: list[str | Path]) -> None:
        """Start over with these files."""
        self.document.forget_sources()
        self.add_paths(paths_)
        if not self.document.sources:
            self.window.show_comparison(None)

    def _expand(self, paths_) -> tuple[list[Path], list[str]]:
        files: list[Path] = []
        problems: list[str] = []
        for p in paths_:
            p = Path(p)
            if p.is_dir():
                found = _story_files_in(p)
                if not found:
                    problems.append(f"<b>{escape(printable(p.name or str(p)))}</b>: holds no files storydiff can "
                                    f"read ({FORMATS_READ})")
                files.extend(found)
            elif p.suffix == SESSION_SUFFIX and p.is_file():
                self.open_session(str(p))
                return [], []
            else:
                files.append(p)
        return files, problems

    def take_problems(self) -> list[str]:
        """The files not added since the last comparison was shown, said once."""
        problems, self.problems = self.problems, []
        return problems

    def open_sample(self) -> None:
        files = paths.sample_story_files()
        if not files:
            self.window.show_message("The sample story is missing from this installation.", "error")
            return
        self.open_paths(files)

    def paste_text(self, text: str, name: str | None = None) -> None:
        """Add pasted text as a version."""
        if not text.strip():
            self.window.show_message("The clipboard holds no text to add as a version.", "warning")
            return
        if self.document.full:
            self.window.show_message(f"Only {self.document.limit} versions fit side by side.", "warning")
            return
        self.document.add_text(text, name)

    def paste_clipboard(self) -> None:
        """Add the clipboard as a version: a web address is fetched, HTML read as an article, text as it is."""
        mime = QGuiApplication.clipboard().mimeData()
        text = mime.text() if mime is not None and mime.hasText() else ""
        if is_url(text):
            self.add_url(text.strip())
        elif mime is not None and mime.hasHtml() and mime.html().strip():
            if self.document.full:
                self.window.show_message(f"Only {self.document.limit} versions fit side by side.", "warning")
                return
            self.document.add_html(mime.html(), text)
        else:
            self.paste_text(text)

    def add_url(self, url: str) -> None:
        """Add a web address as a version; the comparison's job fetches it, with progress and cancel."""
        if self.document.full:
            self.window.show_message(f"Only {self.document.limit} versions fit side by side.", "warning")
            return
        if self.document.add_url(url) is None:
            self.window.show_message(f"<b>{escape(url)}</b> is already one of the versions.", "warning")

    def ask_open_url(self) -> None:
        """A small dialog for a web address to add as a version."""
        clipboard = QGuiApplication.clipboard().text().strip()
        url, ok = QInputDialog.getText(self.window, "Open URL", "Web address of a version (http or https):",
                                       QLineEdit.EchoMode.Normal, clipboard if is_url(clipboard) else "https://")
        url = url.strip()
        if not ok or not url or url in ("https://", "http://"):
            return
        if not is_url(url):
            self.window.show_message(f"<b>{escape(printable(url))}</b>: is not a web address (http:// or "
                                     f"https://); to open a file, use File ▸ Open.", "error")
            return
        self.add_url(url)

    def ask_rename(self, column: int) -> None:
        """Ask for a new name for version ``column``."""
        source = self.document.source_at(column)
        if source is None:
            return
        name, ok = QInputDialog.getText(self.window, "Rename Version", "Name of this version:",
                                        QLineEdit.EchoMode.Normal, source.label)
        if ok and name.strip():
            self.document.rename(column, name)

    def open_session(self, path: str) -> bool:
        try:
            session = load_session(path)
        except SessionError as exc:
            self.window.show_message(escape(str(exc)), "error")
            return False
        self.window.message_bar.dismiss()
        self.settings.add_recent({"session": str(Path(path).resolve())})
        self.document.open(session.sources, session.base, session.options, session.dismissed)
        return True

    def remember_files(self) -> None:
        """Keep the compared files among the recent comparisons, when they are all files."""
        files = [s.path for s in self.document.sources if s.path]
        if len(files) >= 2 and len(files) == len(self.document.sources):
            self.settings.add_recent({"files": files})

    # ----------------------------------------------------------------------------- dialogs
    def _start_folder(self) -> str:
        return self.settings.last_folder() or str(Path.home())

    def ask_open(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, "Open Versions of a Story", self._start_folder(),
                                                f"{FILE_FILTER};;{SESSION_FILTER}")
        if files:
            sessions = [f for f in files if f.endswith(SESSION_SUFFIX)]
            if sessions:
                self.open_session(sessions[0])
            else:
                self.open_paths(files)

    def ask_add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, "Add Versions", self._start_folder(), FILE_FILTER)
        if files:
            self.add_paths(files)

    def ask_add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Add a Folder of Versions", self._start_folder())
        if folder:
            self.add_paths([folder])

    def ask_open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Session", self._start_folder(),
                                              f"{SESSION_FILTER};;All files (*)")
        if path:
            self.open_session(path)

    def _ask_save(self, title: str, suffix: str, filter_: str) -> str | None:
        """A path from a save dialog; a pick that is one of the versions reopens it at a free name."""
        stem = "storydiff"
        comparison = self.window.comparison
        if comparison is not None:
            stem = Path(comparison.versions[comparison.base].name).stem or stem
        start = str(Path(self._start_folder()) / f"{stem}{suffix}")
        while True:
            path, _ = QFileDialog.getSaveFileName(self.window, title, start, filter_)
            if not path:
                return None
            if not Path(path).suffix:
                path += suffix
            inputs = self.document.input_paths()
            if not output.is_input(path, inputs):
                return path
            start = str(output.free_name(path, inputs))
            self.window.show_message(f"<b>{escape(printable(Path(path).name))}</b> is one of the versions "
                                     f"being compared, and storydiff never writes to its inputs. Pick another name.",
                                     "warning")

    def ask_export(self, kind: str) -> None:
        """Ask where to save the session or an export (``kind`` is a key of EXPORTS), then write it."""
        path = self._ask_save(*EXPORTS[kind])
        if path:
            write = self.save_session if kind == "session" else getattr(self, f"export_{kind}")
            write(path)

    def ask_print(self) -> None:
        comparison = self.window.comparison
        if comparison is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from viewer.gui import printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printing.configure(printer, len(comparison.versions))
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print Comparison")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            printing.print_comparison(comparison, printer, self.document.options, self.document.dismissed)

    # ----------------------------------------------------------------------------- writing
    def _write(self, what: str, path: str, write) -> bool:
        """Fill ``path`` through ``write(temporary_path)``, unless it is one of the versions."""
        try:
            output.write_with(path, write, self.document.input_paths())
        except output.OutputRefused as refusal:
            self.window.show_message(escape(str(refusal)), "error")
            return False
        except OSError as exc:
            self.window.show_message(f"Could not write {escape(printable(Path(path).name))}: "
                                     f"{escape(exc.strerror or str(exc))}", "error")
            return False
        self.window.statusBar().showMessage(f"{what} saved to {printable(path)}", 5000)
        return True

    def _write_text(self, what: str, path: str, text: str) -> bool:
        return self._write(what, path, lambda p: Path(p).write_text(text, encoding="utf-8"))

    def export_json(self, path: str) -> bool:
        if self.window.comparison is None:
            return False
        from viewer.report.json_report import to_json

        return self._write_text("JSON", path, to_json(self.window.comparison, self.document.dismissed))

    def export_html(self, path: str) -> bool:
        if self.window.comparison is None:
            return False
        from viewer.report.html_report import comparison_to_html

        return self._write_text("HTML report", path, comparison_to_html(
            self.window.comparison, options=self.document.options, dismissed=self.document.dismissed))

    def export_csv(self, path: str) -> bool:
        if self.window.comparison is None:
            return False
        from viewer.report.csv_report import to_csv

        text = to_csv(self.window.comparison, self.document.dismissed)
        # Bytes, so the CRLF line ends stay as they are on every system.
        return self._write("CSV", path, lambda p: Path(p).write_bytes(text.encode("utf-8")))

    def export_facts_csv(self, path: str) -> bool:
        if self.window.comparison is None:
            return False
        from viewer.report.csv_report import facts_to_csv

        return self._write_text("Facts CSV", path, facts_to_csv(self.window.comparison, self.document.dismissed))

    def export_pdf(self, path: str) -> bool:
        comparison = self.window.comparison
        if comparison is None:
            return False
        from viewer.gui import printing

        return self._write("PDF", path, lambda p: printing.save_pdf(comparison, p, self.document.options,
                                                                     self.document.dismissed))

    def save_session(self, path: str) -> bool:
        comparison = self.window.comparison
        if comparison is None:
            return False
        fingerprints = [version_sha256(v) for v in comparison.versions]
        text = session_text(path, self.document.shown_sources, fingerprints, comparison.base, self.document.options,
                            self.document.dismissed)
        ok = self._write_text("Session", path, text)
        if ok:
            self.settings.add_recent({"session": str(Path(path).resolve())})
        return ok


def _story_files_in(folder: Path) -> list[Path]:
    """The files directly inside ``folder`` that storydiff reads (Word and PDF too), sorted by name."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    return sorted(p for p in entries if p.is_file() and p.suffix.lower() in STORY_SUFFIXES
                  and not p.name.startswith(".") and not p.stem.upper().startswith("README"))
