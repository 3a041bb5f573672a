"""lineage(): parents in a chain of edits, an unrelated report, a common source, publication order."""
from functools import lru_cache
from pathlib import Path

import pytest

from viewer.engine.lineage import Derivation, lineage
from viewer.engine.loading import load_file, load_text
from viewer.engine.params import Params
from viewer.engine.pipeline import compare

DATA = Path(__file__).resolve().parents[1] / "data" / "lineage"
XI = Path(__file__).resolve().parents[3] / "shared" / "samples" / "xi-moscow"


@lru_cache(maxsize=None)
def compared(*names: str):
    return compare([load_file(DATA / f"{name}.txt") for name in names])


def parents(derivations) -> list[int | None]:
    return [d.parent for d in derivations]


def test_a_chain_of_edits_recovers_each_parent():
    result = lineage(compared("a", "b", "c", "d"))
    assert parents(result) == [None, 0, 1, 2]
    assert not any(d.common_source for d in result)
    assert [d.version for d in result] == [0, 1, 2, 3]
    # c keeps 9 of b's sentences; one of them (b's volunteer centre) the base a lacks.
    assert (result[2].shared, result[2].shared_additions) == (9, 1)
    assert result[2].reason.startswith("keeps 9 of b's 10 sentences")
    assert result[2].reason.endswith("and adds 1 of its own")
    assert all(d.confidence > 0.8 for d in result[1:])


def test_an_unrelated_report_derives_from_nothing():
    result = lineage(compared("a", "b", "c", "d", "unrelated"))
    assert parents(result) == [None, 0, 1, 2, None]
    unrelated = result[4]
    assert unrelated.common_source is False and unrelated.via is None
    assert (unrelated.shared, unrelated.shared_additions) == (0, 0)
    assert unrelated.confidence > 0.8
    assert "its own report" in unrelated.reason
    assert result[0].reason == "the earliest version: nothing known came before it"


@pytest.mark.parametrize("names", [("a", "sib1", "sib2"), ("a", "sib2", "sib1")])
def test_siblings_sharing_additions_the_base_lacks_have_a_common_source(names):
    result = lineage(compared(*names))
    assert parents(result) == [None, 0, 0]
    assert [(d.common_source, d.via) for d in result] == [(False, None), (True, 2), (True, 1)]
    assert "shares 2 sentences with" in result[1].reason
    assert result[1].reason.endswith("both come from a source later than a")


def test_a_version_keeping_what_its_closest_sibling_dropped_shares_its_source():
    # Made from the same fuller source as sib1: it keeps two sentences of a that sib1 dropped and
    # both additions, so sib1 covers it most, but it cannot have copied sib1.
    a = (DATA / "a.txt").read_text().split("\n\n")
    added = [s for s in (DATA / "sib1.txt").read_text().split("\n\n") if s not in a]
    text = "\n\n".join(a[:5] + added[:1] + [a[7]] + added[1:]) + "\n"
    versions = [load_file(DATA / "a.txt"), load_file(DATA / "sib1.txt"), load_text(text, "sibx")]
    result = lineage(compare(versions))
    assert parents(result) == [None, 0, 0]
    assert [(d.common_source, d.via) for d in result] == [(False, None), (True, 2), (True, 1)]


def test_publication_times_order_the_candidates():
    # Given newest first; the times say which came first.
    comparison = compared("d", "c", "b", "a")
    published = ["2024-05-02T12:00:00Z", "2024-05-02T09:00:00Z", "2024-05-01T18:00:00Z", "2024-05-01T08:00:00Z"]
    assert parents(lineage(comparison, published)) == [1, 2, 3, None]
    # Without times, version order is publication order: a is the newest and derives from b.
    assert parents(lineage(comparison)) == [None, 0, 1, 2]


def test_unknown_times_come_after_known_ones():
    # a (no time) comes last; b covers it more than c does.
    comparison = compared("a", "b", "c")
    assert parents(lineage(comparison, [None, "2024-05-01", "2024-05-02"])) == [1, None, 1]


def test_published_must_name_every_version():
    with pytest.raises(ValueError, match="2 times for 3 versions"):
        lineage(compared("a", "b", "c"), ["2024-01-01", "2025-01-01"])
    with pytest.raises(ValueError, match="'yesterday' of version 1 is not ISO 8601"):
        lineage(compared("a", "b", "c"), ["2024-01-01", "yesterday", None])


def test_times_in_other_zones_are_compared_as_moments():
    # 10:00+02:00 is 08:00 UTC, before 09:00 UTC: c, then b, then a.
    comparison = compared("a", "b", "c")
    published = ["2024-05-01T09:30:00Z", "2024-05-01T09:00:00", "2024-05-01T10:00:00+02:00"]
    assert parents(lineage(comparison, published)) == [1, 2, None]


def test_a_higher_coverage_bar_cuts_every_parent():
    result = lineage(compared("a", "b", "c", "d"), params=Params(lineage_min_coverage=0.95))
    assert parents(result) == [None, None, None, None]
    assert result[1].reason == "only 85% of its wording is found in a, its closest earlier version: its own report"


def test_a_base_other_than_the_first_gives_the_same_parents():
    versions = [load_file(DATA / f"{n}.txt") for n in ("a", "b", "c", "d", "unrelated")]
    assert parents(lineage(compare(versions, base=2))) == [None, 0, 1, 2, None]


def test_derivations_are_frozen():
    d = lineage(compared("a", "b", "c", "d"))[1]
    assert isinstance(d, Derivation)
    with pytest.raises(AttributeError):
        d.parent = 3


@pytest.mark.skipif(not XI.is_dir(), reason="../shared/samples/xi-moscow is absent")
def test_the_xi_moscow_sample():
    comparison = compare([load_file(p) for p in sorted(XI.glob("*.txt"))])
    result = lineage(comparison)
    # 001 (AI rewrite) and 002 (AP republication) both carry the Taiwan / Ma Ying-jeou sentences
    # 000 lacks: a later wire version; 003 and 004 are other outlets' own reports.
    assert parents(result) == [None, 0, 0, None, None]
    assert [(d.common_source, d.via) for d in result] == [(False, None), (True, 2), (True, 1), (False, None),
                                                          (False, None)]


def test_a_copy_of_a_report_the_base_does_not_cover_finds_that_report():
    # Rows place sentences by their links to the base; the copy's sentences are found in the
    # report it copies wherever they sit.
    report = (DATA / "unrelated.txt").read_text().split("\n\n")
    copy = [s.replace("71", "72").replace("sleepless", "long") for s in report[:3] + report[4:]]
    versions = [load_file(DATA / "a.txt"), load_file(DATA / "unrelated.txt"), load_text("\n\n".join(copy), "copy")]
    result = lineage(compare(versions))
    assert parents(result) == [None, None, 1]
    assert result[2].shared == 7 and not result[2].common_source
    assert result[2].reason.startswith("keeps 7 of unrelated's 8 sentences")


def test_past_the_work_bound_no_near_copies_are_sought():
    from viewer.engine.lineage import _Facts

    report = (DATA / "unrelated.txt").read_text().split("\n\n")
    copy = [s.replace("71", "72") for s in report]
    versions = [load_file(DATA / "a.txt"), load_file(DATA / "unrelated.txt"), load_text("\n\n".join(copy), "copy")]
    comparison = compare(versions)
    assert len(_Facts(comparison, Params()).copies(2, 1)) == 8  # each of its 8 sentences, one per row
    assert _Facts(comparison, Params(lineage_copy_pairs=8 * 8 - 1)).copies(2, 1) == {}
    assert _Facts(comparison, Params(lineage_copy_pairs=8 * 8)).copies(2, 1) != {}


def test_a_stem_repeated_in_both_sentences_counts_as_often_as_both_hold_it():
    # b's 8 content stems: "rain" twice (a has it three times), "paris" and "overnight" are a's:
    # 4 found, not the 3 distinct stems shared.
    versions = [load_text("Rain, rain and more rain fell on Paris overnight.", "a"),
                load_text("Rain, rain and wind hit Paris overnight, officials said.", "b")]
    d = lineage(compare(versions))[1]
    assert (d.parent, d.shared, d.confidence) == (0, 1, 0.5)
    assert d.reason == "keeps 1 of a's 1 sentences (50% of its wording is a's) and adds 0 of its own"
