"""The evidence trail: settings that changed the result, the command that re-runs it, and a re-run."""
from __future__ import annotations

import importlib.metadata
import json
import shlex
from dataclasses import replace

import pytest

from viewer.engine.loading import load_file, load_text
from viewer.engine.params import Params
from viewer.engine.pipeline import compare
from viewer.report.evidence import changed_settings, evidence, evidence_lines, rerun_command, settings_text
from viewer.report.facts_list import changed_facts
from viewer.report.json_report import comparison_to_dict, to_json

BASE = "Fire hit 40 homes on Monday.\nSmith said the roof fell.\nRain fell all night.\n"
OTHER = "Fire hit 60 homes on Monday.\nRain fell all night.\nSMITH SAID THE ROOF FELL.\nA new line.\n"


def test_default_settings_change_nothing():
    assert changed_settings(None) is None
    assert changed_settings(Params()) == {}
    assert changed_settings(Params(split="lines", ignore_case=True, rescore_band=(0.1, 0.8))) == {
        "split": "lines", "ignore_case": True, "rescore_band": [0.1, 0.8]}


def test_a_hand_built_comparison_says_its_settings_were_not_recorded(story):
    trail = evidence(story)
    assert trail["settings"] is None and trail["compared_at"] == ""
    assert trail["command"] == "storydiff compare base.txt one.txt two.txt --base base.txt"
    assert trail["command_notes"] == [
        "base.txt was pasted, not read from a file: save it and put its path in the command",
        "one.txt was pasted, not read from a file: save it and put its path in the command",
        "two.txt was pasted, not read from a file: save it and put its path in the command",
        "the settings were not recorded"]
    assert [v["source"] for v in trail["versions"]] == [None, None, None]
    assert settings_text(trail) == "not recorded; semantic model not used (shared words only)"


def test_the_storydiff_version_is_the_installed_one(story):
    assert evidence(story)["storydiff"] == importlib.metadata.version("storydiff")


def test_dismissed_facts_are_counted_only_when_they_belong_to_the_comparison(story):
    keys = [e.key for e in changed_facts(story)]
    assert evidence(story)["dismissed_facts"] == 0
    assert evidence(story, {keys[0], keys[2], "stale key"})["dismissed_facts"] == 2


def _files(tmp_path):
    folder = tmp_path / "two words"  # a path the command line must quote
    folder.mkdir()
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(BASE, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    return a, b


def test_the_command_names_every_source_the_base_and_each_changed_setting(tmp_path):
    a, b = _files(tmp_path)
    params = Params(split="lines", ignore_case=True, ignore_quotes=False, move_similarity=0.9)
    comparison = compare([load_file(a, params), load_file(b, params)], params, base=1)
    command, notes = rerun_command(comparison)
    assert command == (f"storydiff compare '{a}' '{b}' --base '{b}' --split lines --ignore-case "
                       f"--no-ignore-quotes")
    assert notes == ["the setting move_similarity = 0.9 has no command-line option"]


def test_a_url_is_the_source_of_a_fetched_version(tmp_path):
    a, b = _files(tmp_path)
    params = Params()
    fetched = replace(load_file(b, params), url="https://example.org/story?id=1&p=2",
                      read_at="2026-11-30T20:00:00+00:00")
    comparison = compare([load_file(a, params), fetched], params)
    trail = evidence(comparison)
    assert trail["versions"][1]["source"] == "https://example.org/story?id=1&p=2"
    assert trail["versions"][1]["path"] == str(b)
    assert trail["command"] == f"storydiff compare '{a}' 'https://example.org/story?id=1&p=2' --base '{a}'"
    assert trail["command_notes"] == [f"https://example.org/story?id=1&p=2 was fetched; to repeat it offline, put "
                                      f"its snapshot {b} in place of the address"]
    lines = dict(evidence_lines(trail))
    assert lines["version 2 source"] == "https://example.org/story?id=1&p=2"
    assert lines["version 2 read at"] == "2026-11-30T20:00:00+00:00"
    assert lines["base"] == "a.txt"


def test_the_json_keeps_its_keys_and_adds_the_evidence_last(story):
    data = comparison_to_dict(story)
    assert list(data) == ["format", "version", "base", "versions", "pairs", "rows", "notes", "lineage",
                          "evidence"]
    keys = [e.key for e in changed_facts(story)]
    assert list(comparison_to_dict(story, {keys[0]}))[-2:] == ["dismissed_facts", "evidence"]


def _without_times(data: dict) -> dict:
    trail = data["evidence"]
    assert trail["compared_at"]  # set by compare(), so the re-run's differs only by the clock
    trail["compared_at"] = None
    for version in trail["versions"]:
        version["read_at"] = None
    return data


@pytest.mark.parametrize("base", [0, 1])
def test_a_comparison_re_run_from_its_trail_gives_the_same_json(tmp_path, monkeypatch, base):
    from viewer.cli import main

    a, b = _files(tmp_path)
    params = Params(split="lines", ignore_case=True, ignore_punctuation=False)
    comparison = compare([load_file(a, params), load_file(b, params)], params, base=base)
    first = json.loads(to_json(comparison))
    assert first["evidence"]["settings"] == {"split": "lines", "ignore_case": True, "ignore_punctuation": False}
    # The settings matter here: ignoring case makes the moved sentence identical.
    assert [link["kind"] for link in first["pairs"][0]["links"]].count("identical") == 2

    words = shlex.split(first["evidence"]["command"])
    assert words[:2] == ["storydiff", "compare"]
    out = tmp_path / "again.json"
    monkeypatch.chdir(tmp_path)
    assert main(words[2:] + ["--format", "json", "-o", str(out)]) == 0
    again = json.loads(out.read_text(encoding="utf-8"))
    assert _without_times(again) == _without_times(first)


def test_without_the_settings_the_result_differs(tmp_path):
    """The null case of the re-run: the same files on default settings give another JSON."""
    a, b = _files(tmp_path)
    params = Params(split="lines", ignore_case=True)
    with_settings = comparison_to_dict(compare([load_file(a, params), load_file(b, params)], params))
    plain = comparison_to_dict(compare([load_file(a, Params()), load_file(b, Params())], Params()))
    assert with_settings["pairs"] != plain["pairs"]


def test_version_flags(capsys):
    from viewer.app import main as app_main
    from viewer.cli import main as cli_main

    version = importlib.metadata.version("storydiff")
    assert app_main(["--version"]) == 0
    assert capsys.readouterr().out == f"storydiff {version}\n"
    assert cli_main(["--version"]) == 0
    assert capsys.readouterr().out == f"storydiff {version}\n"



def test_standard_input_is_dash_in_the_command(tmp_path, monkeypatch, capsys):
    import io
    import sys

    from viewer.cli import main

    a, b = _files(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(OTHER.encode("utf-8"))))
    assert main([str(a), "-", "--format", "json"]) == 0
    trail = json.loads(capsys.readouterr().out)["evidence"]
    assert trail["command"] == f"storydiff compare '{a}' - --base '{a}'"
    assert trail["versions"][1]["source"] is None and trail["versions"][1]["read_at"]
    assert trail["command_notes"] == ["- is standard input: give it the same text again (its sha256 is in the trail)"]
