"""The HTML report: self-contained, escaped, complete."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from viewer.engine import loading, pipeline
from viewer.report.html_report import comparison_to_html

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def script_comparison():
    versions = [loading.load_file(DATA / "script_article.txt"), loading.load_file(DATA / "plain.txt")]
    return pipeline.compare(versions)


def test_article_markup_stays_text(script_comparison):
    html = comparison_to_html(script_comparison)
    parsed = _parse(html)
    assert "script" not in parsed.tags
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    text = "".join(parsed.text)
    assert '<script>alert("x")</script>' in text and "<b>bold</b>" in text
    assert "residents &amp; traders" in text  # the article's literal "&amp;" survives as typed


def test_self_contained(script_comparison):
    html = comparison_to_html(script_comparison)
    parsed = _parse(html)
    assert not {"script", "link", "img", "iframe"} & set(parsed.tags)
    # Links stay inside the page (the facts list points at its rows).
    assert not [v for k, v in parsed.attrs if k in ("src", "href") and v and not v.startswith("#")]
    assert html.startswith("<!DOCTYPE html>") and "<meta charset='utf-8'>" in html


def test_sample_report_shows_every_version_and_kind():
    versions = [loading.load_file(p) for p in sorted(SAMPLE.glob("0*.txt"))]
    comparison = pipeline.compare(versions)
    html = comparison_to_html(comparison, title="Harbour fire", options={"ignore_case": True})
    parsed = _parse(html)
    text = "".join(parsed.text)
    for v in versions:
        assert v.name in text
    assert "Harbour fire" in text and "identical ignore case" in text
    rows = parsed.tags.count("tr")
    assert rows >= len(comparison.rows) + 1
    for kind in ("k-edited", "k-omitted", "k-added", "k-paraphrase"):
        assert f"class='{kind}'" in html
    assert "omitted" in text and "del" in parsed.tags and "ins" in parsed.tags
    # Every sentence of the base appears in the report.
    base = versions[comparison.base]
    for i in range(len(base.sentences)):
        sentence = base.sentence_text(i)
        assert sentence.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") \
            .replace("'", "&#x27;") in html


def test_notes_of_the_comparison_are_in_the_report():
    versions = [loading.load_file(SAMPLE / "01-wire.txt"), loading.load_file(SAMPLE / "02-trimmed.txt")]
    comparison = pipeline.compare(versions)
    noted = type(comparison)(comparison.versions, comparison.base, comparison.pairs, comparison.rows,
                             notes=("Matched on <shared> words only.",))
    html = comparison_to_html(noted)
    assert "<p class='note'>Matched on &lt;shared&gt; words only.</p>" in html
    assert "class='note'" not in comparison_to_html(comparison)


def test_no_facts_no_facts_section(story):
    from viewer.report.facts_list import changed_facts

    everything = {e.key for e in changed_facts(story)}
    assert "Changed facts" not in comparison_to_html(story, dismissed=everything)


def test_changed_facts_link_to_their_rows(story):
    html = comparison_to_html(story)
    assert "<h2>Changed facts (3)</h2>" in html
    assert ("<tr><td><a href='#row-2'>2</a></td><td>name</td><td>Smith → Smyth</td><td>two.txt</td></tr>" in html)
    assert "<td>date</td><td>— → Friday</td>" in html
    assert "<tr id='row-2'" in html


def test_dismissed_facts_are_left_out(story):
    from viewer.report.facts_list import changed_facts

    name = changed_facts(story)[2]
    html = comparison_to_html(story, dismissed={name.key})
    assert "Changed facts (2)" in html and "Smith → Smyth" not in html
    assert "name Smith → Smyth" not in html  # nor under its cell
    assert "⚠ number 40 → 60" in comparison_to_html(story)


def test_the_evidence_block_comes_first_and_names_each_input(tmp_path):
    from viewer.engine.params import Params

    a, b = tmp_path / "a <1>.txt", tmp_path / "b.txt"
    a.write_text("Fire hit 40 homes.\nRain fell.\n", encoding="utf-8")
    b.write_text("Fire hit 60 homes.\nRain fell.\n", encoding="cp1252")
    params = Params(split="lines", ignore_case=True)
    comparison = pipeline.compare([loading.load_file(a, params), loading.load_file(b, params)], params, base=1)
    html = comparison_to_html(comparison)
    assert html.index("<h2>Evidence</h2>") < html.index("class='legend'") < html.index("class='rows'")
    text = "".join(_parse(html).text)
    for version in comparison.versions:
        assert version.sha256 in text and len(version.sha256) == 64
    assert f"{a}" in text and "a &lt;1&gt;.txt" in html  # escaped, not markup
    assert f"compared at {comparison.compared_at}" in text
    assert "Settings: split=lines, ignore_case=true; semantic model " in text
    assert f"Re-run: storydiff compare '{a}' {b} --base {b} --split lines --ignore-case" in text


def test_a_hand_built_comparison_says_what_was_not_recorded(story):
    text = "".join(_parse(comparison_to_html(story)).text)
    assert "compared at unknown" in text and "Settings: not recorded;" in text
    assert "base.txt was pasted, not read from a file" in text
