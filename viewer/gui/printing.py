"""Print and Save as PDF: the HTML report laid out by Qt's rich text engine onto a QPrinter."""
from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from viewer.engine.model import Comparison
from viewer.report.html_report import comparison_to_html


def report_document(comparison: Comparison, options: dict | None = None,
                    dismissed: Collection[str] = ()) -> QTextDocument:
    """The report as a QTextDocument (what Print and PDF export render); ``dismissed`` facts left out."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(comparison_to_html(comparison, options=options, dismissed=dismissed))
    return document


def configure(printer: QPrinter, versions: int) -> None:
    """A4, landscape once more than two versions sit side by side, modest margins."""
    orientation = QPageLayout.Orientation.Landscape if versions > 2 else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))


def print_comparison(comparison: Comparison, printer: QPrinter, options: dict | None = None,
                     dismissed: Collection[str] = ()) -> None:
    """Render the report on ``printer`` (already set up by a print dialog or for PDF)."""
    document = report_document(comparison, options, dismissed)
    document.print_(printer)


def save_pdf(comparison: Comparison, path: str, options: dict | None = None, dismissed: Collection[str] = ()) -> None:
    """Write the report as a PDF file."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setDocName("storydiff report")
    printer.setCreator("storydiff")
    configure(printer, len(comparison.versions))
    print_comparison(comparison, printer, options, dismissed)
