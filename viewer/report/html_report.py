"""A self-contained HTML report of a comparison: evidence, legend, per-version summary, changed facts, rows.

Pure Python (no Qt): one file with inline CSS, no scripts, no external resources. Every piece of
article text is HTML-escaped, so markup inside a story (``<script>``) stays text. Styles are
given both as classes (for browsers) and inline (for Qt's rich text engine, which prints it).
"""
from __future__ import annotations

import datetime as _dt
from html import escape
from collections.abc import Collection

from viewer.engine.model import Comparison, Kind
from viewer.report.evidence import evidence, settings_text
from viewer.report.facts_list import changed_facts, kept_facts
from viewer.report.grid import Cell, Grid, Role, Span, word_diff_html
from viewer.report.lineage_report import lineage_html

# Okabe-Ito hues, as in the window's palette (viewer/gui/palette.py), tinted for paper.
_TINT = {
    Kind.EDITED: "#dbeefa",
    Kind.PARAPHRASE: "#f9e7c0",
    Kind.PARTIAL: "#f3dcea",
    Kind.OMITTED: "#f6d6c2",
    Kind.ADDED: "#c4e8dc",
}
_STRONG = {
    Kind.IDENTICAL: "#8c8c8c",
    Kind.EDITED: "#2c8fc9",
    Kind.PARAPHRASE: "#e69f00",
    Kind.PARTIAL: "#cc79a7",
    Kind.OMITTED: "#d55e00",
    Kind.ADDED: "#009e73",
    Kind.FURNITURE: "#8c8c8c",
}
_GLYPH = {Kind.IDENTICAL: "=", Kind.EDITED: "~", Kind.PARAPHRASE: "≈", Kind.PARTIAL: "◐",
          Kind.OMITTED: "−", Kind.ADDED: "+", Kind.FURNITURE: "·"}
_DEL_STYLE = "text-decoration:line-through;background-color:#f2c4a6;color:#5c2500"
_INS_STYLE = "text-decoration:underline;background-color:#cfe3f2;color:#003e66"
_ADDED_STYLE = "background-color:#c4e8dc"

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 1.5em;
       color: #1a1a1a; background: #fff; line-height: 1.4; }
h1 { font-size: 1.4em; margin: 0 0 .2em; }
.meta { color: #666; margin: 0 0 1em; }
.note { background: #fff4d6; border-left: 4px solid #d9a400; padding: 4px 8px; }
table { border-collapse: collapse; }
.legend td { padding: 2px 10px 2px 4px; }
.summary th, .summary td { padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: right; }
.summary th:first-child, .summary td:first-child { text-align: left; }
.rows { width: 100%; table-layout: fixed; margin-top: 1em; }
.rows th { text-align: left; background: #f0f0f0; padding: 6px; border: 1px solid #ccc; position: sticky; top: 0; }
.rows td { vertical-align: top; padding: 4px 6px 4px 8px; border-left: 1px solid #ddd; border-right: 1px solid #ddd; }
.rows tr.para td { border-top: 1px solid #bbb; padding-top: 10px; }
.rows td.k-omitted { background: repeating-linear-gradient(135deg, #f6d6c2 0 6px, #fbeee5 6px 12px); }
.glyph { font-weight: bold; margin-right: .3em; }
.furniture { color: #888; font-style: italic; }
.moved { background: #f0e442; color: #3a3200; border-radius: 3px; padding: 0 3px; font-weight: bold; }
.facts { color: #a33f00; font-weight: bold; font-size: .9em; margin-top: .2em; }
h2 { font-size: 1.1em; margin: 1em 0 .3em; }
.facts-list th, .facts-list td { padding: 2px 8px; border-bottom: 1px solid #ddd; text-align: left; }
.gap { color: #7a2d00; font-style: italic; font-weight: bold; background: #fff; padding: 0 4px; }
.base-col { background: #fafafa; }
.evidence { font-size: .85em; margin: .5em 0 1em; }
.evidence th, .evidence td { padding: 2px 8px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
.evidence td { overflow-wrap: anywhere; }
.sha, code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .9em; }
del { text-decoration: line-through; } ins { text-decoration: underline; }
@media print { body { margin: 0; font-size: 9pt; } .rows th { position: static; } }
"""


def comparison_to_html(comparison: Comparison, title: str | None = None, options: dict | None = None,
                       generated: _dt.datetime | None = None, dismissed: Collection[str] = ()) -> str:
    """The whole report as one HTML document; facts ``dismissed`` (entry keys) are left out."""
    grid = Grid(comparison, frozenset(dismissed))
    base = comparison.base
    names = [v.name for v in comparison.versions]
    title = title or f"storydiff: {names[base]} and {len(names) - 1} other version(s)"
    generated = generated or _dt.datetime.now().replace(microsecond=0)
    out = ["<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>",
           "<meta name='generator' content='storydiff'>",
           f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{escape(title)}</h1>",
           f"<p class='meta'>Base: <b>{escape(names[base])}</b> · {len(names)} versions · "
           f"{grid.row_count} rows · generated {escape(generated.isoformat(sep=' '))}"]
    if options:
        on = [k.replace("_", " ") for k, v in options.items() if v]
        if on:
            out.append(" · identical " + escape(", ".join(on)))
    out.append("</p>")
    out += [f"<p class='note'>{escape(note)}</p>" for note in comparison.notes]
    out.append(evidence_html(evidence(comparison, dismissed)))
    out.append(legend_html(grid))
    out.append(summary_html(grid))
    out.append(facts_html(grid))
    out.append(lineage_html(comparison))
    out.append(_rows(grid))
    out.append("</body></html>\n")
    return "".join(out)


def evidence_html(trail: dict, wrap=escape) -> str:
    """The evidence trail: each version's source, read time, sha256 and encoding; how it was compared.

    ``wrap`` escapes names and sources (the printed report passes one that adds break points).
    """
    rows = []
    for k, v in enumerate(trail["versions"]):
        base = " (base)" if k == trail["base"] else ""
        notes = "".join(f"<br><i>{escape(note)}</i>" for note in v["notes"])
        rows.append(f"<tr><td><b>{wrap(v['name'])}</b>{base}</td><td>{wrap(v['source'] or 'pasted text')}{notes}</td>"
                    f"<td>{escape(v['read_at'] or '—')}</td><td class='sha'><tt>{escape(v['sha256'])}</tt></td>"
                    f"<td>{escape(v['encoding'])}</td></tr>")
    head = "<tr><th>Version</th><th>Source</th><th>Read at</th><th>sha256</th><th>Encoding</th></tr>"
    lines = [f"storydiff {escape(trail['storydiff'])} · compared at {escape(trail['compared_at'] or 'unknown')}",
             f"Settings: {escape(settings_text(trail))}",
             f"Re-run: <code><tt>{escape(trail['command'])}</tt></code>"]
    lines += [f"<i>{escape(note)}</i>" for note in trail["command_notes"]]
    if trail["dismissed_facts"]:
        lines.append(f"{trail['dismissed_facts']} changed fact(s) dismissed as not a change are left out")
    return (f"<h2>Evidence</h2><table class='evidence' cellpadding='2'>{head}{''.join(rows)}</table>"
            f"<p class='evidence'>{'<br>'.join(lines)}</p>")


def legend_html(grid: Grid) -> str:
    """The kinds with their counts, and how word changes are marked."""
    counts = grid.counts()
    cells = []
    for kind in (Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL, Kind.OMITTED, Kind.ADDED,
                 Kind.FURNITURE):
        bg = _TINT.get(kind, "#ffffff")
        cells.append(f"<td bgcolor='{bg}' style='background-color:{bg}'>"
                     f"<span class='glyph' style='color:{_STRONG[kind]};font-weight:bold'>{escape(_GLYPH[kind])}</span>"
                     f"{kind.label} <b>{counts.get(kind, 0)}</b></td>")
    moved = grid.moved_count()
    if moved:
        cells.append(f"<td><span class='moved' style='background-color:#f0e442'>⇅</span> Moved <b>{moved}</b></td>")
    legend = ("<p>In each version's column: <del style='" + _DEL_STYLE + "'>struck</del> words are only in "
              "the base, <ins style='" + _INS_STYLE + "'>underlined</ins> words only in that version.</p>")
    return f"<table class='legend' cellspacing='4'><tr>{''.join(cells)}</tr></table>{legend}"


def summary_html(grid: Grid) -> str:
    """The per-version summary table: base sentences kept, paraphrased, omitted; sentences added."""
    rows = []
    for column in range(grid.column_count):
        s = grid.summary(column)
        name = escape(grid.versions[column].name)
        if s is None:
            rows.append(f"<tr><td align='left'><b>{name}</b> (base)</td><td align='right'>{sum(1 for x in grid.versions[column].sentences if not x.furniture)}"
                        "</td><td colspan='4' align='left'>the others are compared with this version</td></tr>")
            continue
        rows.append(
            f"<tr><td align='left'><b>{name}</b></td><td align='right'>{s.base_sentences}</td>"
            f"<td align='right'>{s.percent(s.kept):.0f}% ({s.kept})</td>"
            f"<td align='right'>{s.percent(s.paraphrased):.0f}% ({s.paraphrased})</td>"
            f"<td align='right'>{s.percent(s.omitted):.0f}% ({s.omitted})</td><td align='right'>{s.added}</td></tr>")
    head = ("<tr><th align='left'>Version</th><th align='right'>Base sentences</th><th align='right'>Kept</th>"
            "<th align='right'>Paraphrased</th><th align='right'>Omitted</th><th align='right'>Added</th></tr>")
    return f"<table class='summary' cellpadding='3'>{head}{''.join(rows)}</table>"


def facts_html(grid: Grid) -> str:
    """The story-wide list of changed facts (not those dismissed), each linked to its row."""
    entries = kept_facts(changed_facts(grid.comparison, grid), grid.dismissed)
    if not entries:
        return ""
    lines = "".join(
        f"<tr><td><a href='#row-{e.row + 1}'>{e.row + 1}</a></td><td>{escape(e.type)}</td>"
        f"<td>{escape(e.base or '—')} → {escape(e.wording or '—')}</td>"
        f"<td>{escape(grid.versions[e.version].name)}</td></tr>" for e in entries)
    head = "<tr><th>Row</th><th>Type</th><th>Base → version</th><th>Version</th></tr>"
    return (f"<h2>Changed facts ({len(entries)})</h2>"
            f"<table class='facts-list' cellpadding='2'>{head}{lines}</table>")


def _rows(grid: Grid) -> str:
    base = grid.base
    width = f"{100 / max(1, grid.column_count):.2f}%"
    head = "".join(f"<th width='{width}'>{escape(v.name)}{' (base)' if i == base else ''}</th>"
                   for i, v in enumerate(grid.versions))
    body = []
    for row in range(grid.row_count):
        css = " class='para'" if grid.opens_paragraph(row) else ""
        cells = "".join(_cell_html(grid, row, column) for column in range(grid.column_count))
        body.append(f"<tr id='row-{row + 1}'{css}>{cells}</tr>")
    return (f"<table class='rows' cellspacing='0' cellpadding='5' width='100%' border='1'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _cell_html(grid: Grid, row: int, column: int) -> str:
    css, bg, inner = cell_parts(grid, row, column)
    attrs = f" class='{css}'" if css else ""
    if bg:
        attrs += f" bgcolor='{bg}' style='background-color:{bg}'"
    return f"<td{attrs}>{inner}</td>"


def cell_parts(grid: Grid, row: int, column: int) -> tuple[str, str | None, str]:
    """A cell of the rows as (CSS class, background colour or None, inner HTML)."""
    # Static report: no focus, so the base column is plain and each version shows its own diff.
    cell = grid.cell(row, column) if column != grid.base else None
    if column == grid.base:
        base_cell = grid.cell(row, column)
        text = escape(base_cell.text)
        if base_cell.furniture:
            text = f"<span class='furniture' style='color:#888'>{text}</span>"
        return "base-col", None, text
    if cell.role is Role.OMITTED and cell.kind is Kind.OMITTED:
        return ("k-omitted", _TINT[Kind.OMITTED],
                f"<span class='gap' style='color:#7a2d00'><b><i>{escape(_GLYPH[Kind.OMITTED])} omitted</i></b></span>")
    if cell.role is Role.AWAY:
        return "", None, f"<span class='moved'>⇅</span> moved to row {cell.counterpart_row + 1}"
    if cell.role is not Role.VERSION:
        return "", None, ""
    kind = cell.kind
    bg = _TINT.get(kind)
    glyph = (f"<span class='glyph' style='color:{_STRONG[kind]};font-weight:bold'>{escape(_GLYPH[kind])}</span>"
             if kind not in (Kind.IDENTICAL, Kind.FURNITURE) else "")
    if kind is Kind.EDITED:
        text = _diff_html(grid, row, column, cell)
    else:
        text = _spans_html(cell)
    if cell.furniture:
        text = f"<span class='furniture' style='color:#888'>{text}</span>"
    moved = ""
    if cell.moved:
        where = f" (in this version it follows row {cell.counterpart_row + 1})" if cell.counterpart_row is not None else ""
        moved = f" <span class='moved' style='background-color:#f0e442' title='Moved{escape(where)}'>⇅ moved</span>"
    facts = ""
    if cell.facts:  # the grid leaves out facts dismissed as "not a change"
        facts = ("<div class='facts' style='color:#a33f00'>⚠ " + escape(" · ".join(
            f"{f.type} {f.a or '—'} → {f.b or '—'}" for f in cell.facts)) + "</div>")
    return f"k-{kind.value}", bg, f"{glyph}{text}{moved}{facts}"


def _spans_html(cell: Cell) -> str:
    """The cell text with its highlight spans (insertions underlined, added sentences tinted)."""
    text = cell.text
    out, pos = [], 0
    for start, end, style in sorted(cell.spans):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        piece = escape(text[start:end])
        if style is Span.INSERTED:
            out.append(f"<ins style='{_INS_STYLE}'>{piece}</ins>")
        elif style is Span.DELETED:
            out.append(f"<del style='{_DEL_STYLE}'>{piece}</del>")
        else:
            out.append(f"<span style='{_ADDED_STYLE}'>{piece}</span>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _diff_html(grid: Grid, row: int, column: int, cell: Cell) -> str:
    """An edited cell as its full word diff against the base: deletions and insertions inline."""
    links = grid.links_in_row(row, column)
    if not links:
        return _spans_html(cell)
    parts = []
    for link in links:
        parts.append(word_diff_html(grid.word_diff(link, column), f"<del style='{_DEL_STYLE}'>{{}}</del>",
                                    f"<ins style='{_INS_STYLE}'>{{}}</ins>"))
        parts.append(" ")
    return "".join(parts).strip()
