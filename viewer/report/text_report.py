"""A readable aligned report for a terminal: one section per version against the base."""
from __future__ import annotations

from viewer.engine.model import Comparison, Kind, Link, Version
from viewer.report.grid import Grid, Summary

_LABEL_WIDTH = 11
_COLOURS = {"-": "\033[31;9m", "+": "\033[32;4m", "kind": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def render_text(comparison: Comparison, colour: bool = False) -> str:
    """The whole report as one string."""
    paint = _painter(colour)
    base = comparison.versions[comparison.base]
    grid = Grid(comparison)
    out = []
    for pair in comparison.pairs:
        other = comparison.versions[pair.b]
        out.append(paint("kind", f"=== {base.name}  ->  {other.name}"))
        out.append(_summary(grid.summary(pair.b)))
        out.append("")
        for row in comparison.rows:
            out.extend(_row_lines(row.cells[pair.a], row.cells[pair.b], pair, base, other, paint))
        out.append("")
    return "\n".join(out)


def _summary(summary: Summary) -> str:
    """The same shares as the viewer's column header, counted over the base's sentences."""
    if not summary.base_sentences:
        return f"empty base · {summary.added} added"
    return (f"{summary.percent(summary.kept):.0f}% kept ({summary.identical} identical, {summary.edited} edited) · "
            f"{summary.percent(summary.paraphrased):.0f}% reworded ({summary.paraphrase} paraphrase, "
            f"{summary.partial} partial) · {summary.percent(summary.omitted):.0f}% omitted ({summary.omitted}) · "
            f"{summary.added} added · {summary.moved} moved  [of {summary.base_sentences} base sentences]")


def _row_lines(cell_a, cell_b, pair, base, other, paint) -> list[str]:
    lines = []
    links = []
    for i in cell_a:
        link = pair.link_of_a.get(i)
        if link is not None and link not in links and any(j in cell_b for j in link.b):
            links.append(link)
    for link in links:
        lines.append(_link_line(link, base, other, paint))
    for i in cell_a:
        if i in pair.omitted:
            lines.append(_line("omitted", base.sentence_text(i), paint))
        elif base.sentences[i].furniture:
            lines.append(paint("dim", _line("furniture", base.sentence_text(i), None)))
    for j in cell_b:
        if j in pair.link_of_b:
            continue
        if other.sentences[j].furniture:
            lines.append(paint("dim", _line("furniture", other.sentence_text(j), None)))
        else:
            lines.append(_line("added", other.sentence_text(j), paint))
    return lines


def _link_line(link: Link, base: Version, other: Version, paint) -> str:
    label = link.kind.value + (" moved" if link.moved else "")
    if link.kind is Kind.IDENTICAL:
        body = " ".join(other.sentence_text(j) for j in link.b)
    else:
        pieces = []
        for op in link.ops:
            if op.tag == "=":
                pieces.append(other.text[op.b_start:op.b_end])
            elif op.tag == "-":
                pieces.append(paint("-", f"[-{base.text[op.a_start:op.a_end]}-]"))
            else:
                pieces.append(paint("+", f"{{+{other.text[op.b_start:op.b_end]}+}}"))
        body = "".join(pieces)
    notes = [f"{link.score:.2f}"]
    if len(link.a) > 1:
        notes.append(f"{len(link.a)} sentences merged")
    if len(link.b) > 1:
        notes.append(f"split into {len(link.b)}")
    line = _line(label, body, paint) + f"  ({', '.join(notes)})"
    if link.moved:
        line += (f"\n{'':{_LABEL_WIDTH}}  moved: sentence {link.b[0] + 1} of {other.name}, "
                 f"sentence {link.a[0] + 1} of {base.name}")
    for fact in link.facts:
        line += f"\n{'':{_LABEL_WIDTH}}  fact {fact.type}: {fact.a or '-'} -> {fact.b or '-'}"
    return line


def _line(label: str, body: str, paint) -> str:
    tag = f"{label:<{_LABEL_WIDTH}}"
    return (paint("kind", tag) if paint else tag) + " " + " ".join(body.split())


def _painter(colour: bool):
    def paint(style: str, text: str) -> str:
        return f"{_COLOURS[style]}{text}{_COLOURS['reset']}" if colour else text

    return paint
