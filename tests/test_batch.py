"""storydiff batch: inputs, summary rows, skipping, and whole runs on a two-process Dask cluster."""
from __future__ import annotations

import io
import json
import logging
import shutil
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

from viewer import batch
from viewer.batch import work
from viewer.batch.inputs import BadInput, Cluster, Entry, file_stem, read_input
from viewer.batch.run import Progress
from viewer.batch.summary import COLUMNS
from viewer.engine.params import Params

DATA = Path(__file__).parent / "data" / "batch"
CHAIN = ("a-wire.txt", "b-update.txt", "c-trim.txt", "d-rewrite.txt", "e-local.txt")
TIMES = {"compared_at", "read_at"}


@pytest.fixture
def corpus(tmp_path):
    """A copy of the fixtures, so runs may write beside them and change them."""
    shutil.copytree(DATA, tmp_path / "batch")
    return tmp_path / "batch"


def folder_cluster(corpus: Path, name: str) -> Cluster:
    return next(c for c in read_input(corpus / "clusters") if c.name == name)


# ---- inputs

def test_a_folder_gives_one_cluster_per_sub_folder_in_name_order(corpus):
    clusters = read_input(corpus / "clusters")
    assert [c.name for c in clusters] == ["broken", "chain", "pair"]
    chain = clusters[1]
    assert [Path(e.path).name for e in chain.entries] == list(CHAIN)
    assert all(Path(e.path).is_absolute() and e.published is None for e in chain.entries)
    assert chain.base == 0


def test_a_manifest_resolves_paths_times_and_sources(corpus):
    flood, lane = read_input(corpus / "manifest.csv")
    assert flood.name == "Tarrow flood" and lane.name == "cycle lane"
    assert [Path(e.path).name for e in flood.entries] == list(CHAIN)  # publication order, not the manifest's
    assert flood.entries[0].path == str(corpus / "clusters" / "chain" / "a-wire.txt")
    # 13:30 at +01:00 is 12:30 UTC; a time without a zone is taken as UTC.
    assert flood.entries[2].published == datetime(2026, 3, 3, 12, 30, tzinfo=timezone.utc)
    # Versions run in order of publication, so the base (the earliest) comes first.
    assert [Path(e.path).name for e in lane.entries] == ["second.txt", "first.txt"]
    assert lane.entries[0].published == datetime(2026, 2, 1, 7, 30, tzinfo=timezone.utc)
    assert [e.source for e in lane.entries] == ["City Desk", "Harbour News"]
    assert flood.base == 0 and lane.base == 0


@pytest.mark.parametrize("text, reason", [
    ("cluster,file\nx,a.txt\n", "manifest.csv: has no column path"),
    ("cluster,path\n", "manifest.csv: has no rows"),
    ("cluster,path\nx,\n", "manifest.csv line 2: needs both a cluster and a path"),
    ("cluster,path,published\nx,a.txt,yesterday\n", "manifest.csv line 2: published 'yesterday' is not an ISO 8601 time"),
])
def test_a_bad_manifest_is_one_line_naming_it(tmp_path, capsys, text, reason):
    (tmp_path / "manifest.csv").write_text(text, encoding="utf-8")
    assert batch.main([str(tmp_path / "manifest.csv"), "-o", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and reason in error
    assert not (tmp_path / "out").exists()


def test_a_cluster_name_becomes_a_plain_distinct_file_name():
    assert file_stem("chain") == "chain"
    assert file_stem("Tarrow flood").startswith("Tarrow_flood-")
    assert file_stem("a/b") != file_stem("a_b") == "a_b"
    assert file_stem("../etc") .startswith("_etc-")


# ---- one cluster, as a worker runs it (no Dask)

def test_summary_rows_of_a_pair(corpus):
    outcome = work.run_cluster(folder_cluster(corpus, "pair"), Params())
    assert outcome.errors == [] and not outcome.skipped
    first, second = outcome.rows
    assert list(first) == list(COLUMNS)
    assert (first["version"], first["base"], first["sentences"], first["identical_pct"]) == \
        ("first.txt", "first.txt", 3, None)
    # Of the base's three sentences: one identical, one edited (two -> three), one omitted.
    assert {k: second[k] for k in ("identical_pct", "edited_pct", "paraphrased_pct", "partial_pct",
                                   "omitted_pct", "added", "facts_number", "facts_name", "error")} == \
        {"identical_pct": 33.33, "edited_pct": 33.33, "paraphrased_pct": 0.0, "partial_pct": 0.0,
         "omitted_pct": 33.33, "added": 1, "facts_number": 1, "facts_name": 0, "error": None}
    assert json.loads(outcome.report)["base"] == 0


def test_a_broken_file_is_an_error_row_and_the_rest_compare(corpus):
    outcome = work.run_cluster(folder_cluster(corpus, "broken"), Params())
    rows = {r["version"]: r for r in outcome.rows}
    assert rows["three.txt"]["error"] == "three.txt: looks like a binary file, not text"
    assert rows["three.txt"]["sentences"] is None
    assert rows["two.txt"]["identical_pct"] == 33.33
    report = json.loads(outcome.report)
    assert [v["name"] for v in report["versions"]] == ["one.txt", "two.txt"]
    assert all(digest for _, digest in outcome.inputs)  # the broken file's bytes are recorded too


def test_a_cluster_with_one_readable_version_is_all_error_rows(corpus):
    cluster = folder_cluster(corpus, "broken")
    cluster = Cluster("lonely", (cluster.entries[0], Entry(str(corpus / "missing.txt"))))
    outcome = work.run_cluster(cluster, Params())
    assert outcome.report is None
    assert outcome.rows[0]["error"] == "fewer than two versions of the cluster could be read (1 of 2)"
    assert "missing.txt" in outcome.rows[1]["error"]


def test_an_exception_becomes_error_rows(corpus, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(work, "compare", explode)
    outcome = work.run_cluster(folder_cluster(corpus, "pair"), Params())
    assert outcome.report is None
    assert [r["error"] for r in outcome.rows] == ["comparison failed: RuntimeError: boom"] * 2


def test_unchanged_inputs_are_skipped_and_a_changed_one_is_not(corpus):
    cluster = folder_cluster(corpus, "pair")
    first = work.run_cluster(cluster, Params())
    assert work.run_cluster(cluster, Params(), recorded=first.inputs).skipped
    Path(cluster.entries[1].path).write_text("Another text entirely.\n", encoding="utf-8")
    again = work.run_cluster(cluster, Params(), recorded=first.inputs)
    assert not again.skipped and again.report is not None


def test_the_progress_line_counts_clusters():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = Progress(stream, 3)
    for _ in range(3):
        progress.step()
    progress.close()
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("storydiff batch: 3/3 clusters, ") and "ETA 0s" in last and last.endswith("\n")
    quiet = io.StringIO()
    Progress(quiet, 3).step()
    assert quiet.getvalue() == ""


# ---- outputs are never written over inputs, nor among them

def test_an_output_folder_inside_a_cluster_is_refused_before_any_work(corpus, capsys):
    out = corpus / "clusters" / "chain" / "out"
    assert batch.main([str(corpus / "clusters"), "-o", str(out)]) == 2
    assert "is inside a folder of versions being compared" in capsys.readouterr().err
    assert not out.exists()


def test_an_output_that_is_an_input_by_a_hard_link_is_refused(corpus, capsys):
    out = corpus / "out"
    out.mkdir()
    first = corpus / "clusters" / "pair" / "first.txt"
    (out / "summary.csv").hardlink_to(first)
    assert batch.main([str(corpus / "clusters"), "-o", str(out)]) == 2
    assert "summary.csv: is one of the versions being compared" in capsys.readouterr().err
    assert first.read_text(encoding="utf-8").startswith("The city council approved")


# ---- whole runs on a LocalCluster of two worker processes

@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def run_batch(scheduler, capsys, *args) -> str:
    capsys.readouterr()
    assert batch.main([*map(str, args), "--scheduler", scheduler]) == 0
    return capsys.readouterr().err


def without_times(data):
    if isinstance(data, dict):
        return {k: without_times(v) for k, v in data.items() if k not in TIMES}
    if isinstance(data, list):
        return [without_times(v) for v in data]
    return data


def compare_json(capsys, paths: list[Path], base: Path, out: Path) -> dict:
    from viewer import cli

    assert cli.main([*map(str, paths), "--base", str(base), "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_run_writes_what_compare_writes_and_a_summary(scheduler, corpus, capsys, tmp_path):
    out = tmp_path / "out"
    err = run_batch(scheduler, capsys, corpus / "clusters", "-o", out)
    assert "3 clusters (3 compared, 0 up to date; 1 with errors" in err
    assert sorted(p.name for p in out.iterdir()) == [
        "broken.json", "broken.rows.json", "chain.json", "chain.rows.json", "pair.json", "pair.rows.json",
        "summary.csv", "summary.parquet"]
    for name, files in (("chain", CHAIN), ("pair", ("first.txt", "second.txt")), ("broken", ("one.txt", "two.txt"))):
        paths = [corpus / "clusters" / name / f for f in files]
        expected = compare_json(capsys, paths, paths[0], tmp_path / f"{name}-compare.json")
        got = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert without_times(got) == without_times(expected)
        assert got != without_times(got)  # the times were there, and only they were left out

    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    parquet = pq.read_table(out / "summary.parquet")
    text = pacsv.read_csv(out / "summary.csv", convert_options=pacsv.ConvertOptions(column_types=parquet.schema, strings_can_be_null=True))
    assert parquet.column_names == list(COLUMNS)
    assert text.to_pylist() == parquet.to_pylist()
    rows = parquet.to_pylist()
    assert [(r["cluster"], r["version"]) for r in rows] == [
        ("broken", "one.txt"), ("broken", "three.txt"), ("broken", "two.txt"),
        *[("chain", f) for f in CHAIN], ("pair", "first.txt"), ("pair", "second.txt")]
    broken = rows[1]
    assert broken["error"] == "three.txt: looks like a binary file, not text" and broken["sentences"] is None
    chain = {r["version"]: r for r in rows if r["cluster"] == "chain"}
    assert chain["b-update.txt"]["identical_pct"] == 90.0 and chain["b-update.txt"]["edited_pct"] == 10.0
    assert chain["c-trim.txt"]["omitted_pct"] == 30.0 and chain["c-trim.txt"]["added"] == 2
    assert all(sum(r[k] for k in ("identical_pct", "edited_pct", "paraphrased_pct", "partial_pct",
                                  "omitted_pct")) == pytest.approx(100, abs=0.05)
               for r in rows if r["identical_pct"] is not None)


@pytest.mark.slow
def test_a_rerun_skips_finished_clusters_and_force_redoes_them(scheduler, corpus, capsys, tmp_path):
    out = tmp_path / "out"
    run_batch(scheduler, capsys, corpus / "clusters", "-o", out)
    made = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    summary = (out / "summary.csv").read_bytes()
    assert "(0 compared, 3 up to date)" in run_batch(scheduler, capsys, corpus / "clusters", "-o", out)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == made
    assert (out / "summary.csv").read_bytes() == summary  # rebuilt from the sidecars, the same
    # A changed version redoes its cluster only.
    second = corpus / "clusters" / "pair" / "second.txt"
    second.write_text(second.read_text(encoding="utf-8").replace("three", "four"), encoding="utf-8")
    assert "(1 compared, 2 up to date)" in run_batch(scheduler, capsys, corpus / "clusters", "-o", out)
    now = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert [n for n in made if now[n] != made[n]] == ["pair.json", "pair.rows.json"]
    assert "(3 compared, 0 up to date" in run_batch(scheduler, capsys, corpus / "clusters", "-o", out, "--force")


@pytest.mark.slow
def test_a_manifest_run_takes_the_earliest_as_base_and_finds_the_lineage(scheduler, corpus, capsys, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    run_batch(scheduler, capsys, corpus / "manifest.csv", "-o", out)
    lane = json.loads((out / f"{file_stem('cycle lane')}.json").read_text(encoding="utf-8"))
    assert lane["base"] == 0 and [v["name"] for v in lane["versions"]] == ["second.txt", "first.txt"]
    rows = pq.read_table(out / "summary.parquet").to_pylist()
    lane_rows = [r for r in rows if r["cluster"] == "cycle lane"]
    assert [(r["version"], r["source"], r["base"], r["lineage_parent"]) for r in lane_rows] == [
        ("second.txt", "City Desk", "second.txt", None), ("first.txt", "Harbour News", "second.txt", "second.txt")]
    # The JSON's lineage (version order read as publication order) says the same as the summary.
    assert [d["parent"] for d in lane["lineage"]] == [None, 0]
    flood = {r["version"]: r for r in rows if r["cluster"] == "Tarrow flood"}
    assert flood["c-trim.txt"]["published"] == datetime(2026, 3, 3, 12, 30, tzinfo=timezone.utc)
    assert all(r["error"] is None for r in flood.values())
    # The chain a -> b -> c -> d, and a local report that copies none of them.
    assert {v: r["lineage_parent"] for v, r in flood.items()} == {
        "a-wire.txt": None, "b-update.txt": "a-wire.txt", "c-trim.txt": "b-update.txt",
        "d-rewrite.txt": "c-trim.txt", "e-local.txt": None}
    assert all(0 < flood[v]["lineage_confidence"] <= 1 for v in CHAIN)


@pytest.mark.slow
def test_the_default_is_a_local_cluster_of_its_own(corpus, capsys, tmp_path):
    out = tmp_path / "out"
    shutil.rmtree(corpus / "clusters" / "chain")
    shutil.rmtree(corpus / "clusters" / "broken")
    assert batch.main([str(corpus / "clusters"), "-o", str(out), "--workers", "1"]) == 0
    assert "1 cluster (1 compared, 0 up to date)" in capsys.readouterr().err
    assert json.loads((out / "pair.json").read_text(encoding="utf-8"))["versions"][1]["name"] == "second.txt"


# ---- --find-clusters

def test_containment_grouping_and_common_shingles():
    from viewer.batch.find import containment, drop_common, group, shingles

    assert containment(np.array([], dtype=np.uint64), np.array([1], dtype=np.uint64)) == 0.0
    assert containment(np.array([1, 2, 3, 4], dtype=np.uint64), np.array([3, 4], dtype=np.uint64)) == 1.0
    assert group(5, []) == []
    assert group(6, [(4, 1), (1, 2), (0, 5)]) == [[0, 5], [1, 2, 4]]
    sets = [np.array([1, 2], dtype=np.uint64), np.array([2, 3], dtype=np.uint64), np.array([2, 4], dtype=np.uint64)]
    assert [s.tolist() for s in drop_common(sets, 2)] == [[1], [3], [4]]
    assert len(shingles("One two three four five six", 5)) == 2
    assert len(shingles("Too short", 5)) == 1 and len(shingles("", 5)) == 0


@pytest.mark.slow
def test_find_clusters_groups_a_flat_folder_by_shared_wording(scheduler, corpus, capsys, tmp_path):
    flat = tmp_path / "flat"
    flat.mkdir()
    for name in CHAIN:
        shutil.copyfile(corpus / "clusters" / "chain" / name, flat / name)
    shutil.copyfile(corpus / "clusters" / "pair" / "first.txt", flat / "first.txt")
    shutil.copyfile(corpus / "clusters" / "broken" / "three.txt", flat / "three.txt")
    out = tmp_path / "out"
    err = run_batch(scheduler, capsys, "--find-clusters", flat, "-o", out)
    assert "1 cluster of 4 articles found" in err and "2 share no wording with another, 1 cannot be read" in err
    assert "three.txt: looks like a binary file, not text" in err
    manifest = (out / "clusters.csv").read_text(encoding="utf-8").splitlines()
    assert manifest == ["cluster,path", *[f"a-wire,{flat / name}" for name in CHAIN[:4]]]
    assert json.loads((out / "a-wire.json").read_text(encoding="utf-8"))["versions"][3]["name"] == "d-rewrite.txt"
    assert batch.main(["--find-clusters", str(flat), "-o", str(flat / "out")]) == 2
    assert "is inside the folder of articles" in capsys.readouterr().err
