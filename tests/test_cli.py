"""The `storydiff compare` command: reports, the JSON contract, and bad input."""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLE = sorted((ROOT / "resources" / "samples" / "harbour-fire").glob("*.txt"))


def run(*args, cwd=None):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "viewer", "compare", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=env)


def test_json_contract():
    proc = run(*SAMPLE, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert (doc["format"], doc["version"], doc["base"]) == ("storydiff", 2, 0)
    assert [v["name"] for v in doc["versions"]] == [p.name for p in SAMPLE]
    assert [(p["a"], p["b"]) for p in doc["pairs"]] == [(0, 1), (0, 2), (0, 3)]
    for version, path in zip(doc["versions"], SAMPLE):
        text = path.read_text(encoding="utf-8")
        assert version["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert (version["encoding"], version["notes"]) == ("utf-8", [])
        for s in version["sentences"]:
            assert s["text"] == text[s["start"]:s["end"]]
            assert set(s) == {"start", "end", "text", "paragraph", "furniture"}
    for pair in doc["pairs"]:
        for link in pair["links"]:
            assert set(link) == {"a", "b", "kind", "score", "moved", "ops", "facts"}
            assert link["kind"] in {"identical", "edited", "paraphrase", "partial"}
            b_text = "".join(op[-1] for op in link["ops"] if op[0] in "=+")
            b_sentences = doc["versions"][pair["b"]]["sentences"]
            assert " ".join(b_text.split()) == " ".join(" ".join(b_sentences[j]["text"] for j in link["b"]).split())
    cells = [row["cells"] for row in doc["rows"]]
    assert all(len(c) == 4 for c in cells)


def test_json_is_written_as_json_dumps_with_indent_1_writes_it():
    # json_report writes indented JSON itself (faster); the text must stay json's to the byte.
    proc = run(DATA / "pair_a.txt", DATA / "pair_b.txt", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["pairs"][0]["links"] and doc["evidence"]["notes"] == []
    assert proc.stdout == json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def test_trimmed_version_report_in_text():
    proc = run(SAMPLE[0], SAMPLE[1])
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0] == f"=== {SAMPLE[0].name}  ->  {SAMPLE[1].name}"
    assert any(l.startswith("omitted     It is owned by Achterberg Marine") for l in lines)
    assert any(l.startswith("furniture   Skip to main content") for l in lines)
    assert any("[-tore-]{+swept+}" in l for l in lines)
    assert "\033[" not in proc.stdout


def test_text_summary_counts_base_sentences_as_the_viewer_does():
    from viewer.engine.loading import load_file
    from viewer.engine.pipeline import compare
    from viewer.report.grid import Grid

    proc = run(SAMPLE[0], SAMPLE[2])
    summary = Grid(compare([load_file(SAMPLE[0]), load_file(SAMPLE[2])])).summary(1)
    second = proc.stdout.splitlines()[1]
    assert second.startswith(f"{summary.percent(summary.kept):.0f}% kept ({summary.identical} identical, "
                             f"{summary.edited} edited) · {summary.percent(summary.paraphrased):.0f}% reworded")
    assert f"[of {summary.base_sentences} base sentences]" in second
    assert summary.identical + summary.edited + summary.paraphrased + summary.omitted == summary.base_sentences


def test_base_option_and_split_lines(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("One. Two.\nThree.\n", encoding="utf-8")
    b.write_text("Three.\n", encoding="utf-8")
    doc = json.loads(run(a, b, "--base", b, "--split", "lines", "--format", "json").stdout)
    assert doc["base"] == 1
    assert [s["text"] for s in doc["versions"][0]["sentences"]] == ["One. Two.", "Three."]
    assert doc["pairs"][0]["a"] == 1 and doc["pairs"][0]["b"] == 0
    assert doc["pairs"][0]["added"] == [0]


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    proc = run(SAMPLE[0], SAMPLE[1], "--format", "json", "-o", out)
    assert proc.returncode == 0 and proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "storydiff"


@pytest.mark.parametrize(
    "args, message",
    [
        ([DATA / "plain.txt"], "need at least two versions to compare, got 1"),
        ([DATA / "plain.txt", DATA / "missing.txt"], "missing.txt: no such file"),
        ([DATA / "plain.txt", DATA / "binary.bin"], "binary.bin: looks like a binary file, not text"),
        ([DATA / "plain.txt", DATA / "empty.txt"], "empty.txt: is empty"),
        ([DATA / "plain.txt", DATA], "data: is a folder, not a file"),
        ([DATA / "plain.txt", DATA / "crlf.txt", "--base", "other.txt"], "--base other.txt: is not one of the files"),
        ([DATA / "plain.txt", DATA / "crlf.txt", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        ([DATA / "plain.txt", DATA / "crlf.txt", "-o", DATA / "crlf.txt"], "crlf.txt: is one of the versions being compared"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, message):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert lines[0].startswith("storydiff: error: ") and message in lines[0]


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(41 * 1024 * 1024 // 2)
    proc = run(DATA / "plain.txt", big)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "storydiff: error: big.txt: is 20.5 MB, larger than the 20 MB limit"


def test_a_guessed_encoding_is_named_on_stderr_and_in_the_json(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("The fire cost €2.5 million — the café owner said.\n".encode("cp1252"))
    proc = run(legacy, DATA / "plain.txt", "--format", "json")
    note = "Read as Windows-1252 (cp1252): the file is not UTF-8 and names no encoding."
    assert proc.returncode == 0 and proc.stderr.splitlines() == [f"storydiff: legacy.txt: {note}"]
    version = json.loads(proc.stdout)["versions"][0]
    assert (version["encoding"], version["notes"]) == ("cp1252", [note])
    assert version["sentences"][0]["text"] == "The fire cost €2.5 million — the café owner said."


def test_a_file_of_too_many_sentences_is_refused_before_any_work(tmp_path):
    many = tmp_path / "many.txt"
    many.write_text("".join(f"Line {k}.\n" for k in range(250_001)), encoding="utf-8")
    proc = run(DATA / "plain.txt", many)
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("storydiff: error: many.txt: has 250,001 sentences, more than the 250,000 "
                                   "a comparison may hold")


def test_unreadable_file_is_refused(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads any file")
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.", encoding="utf-8")
    locked.chmod(0)
    proc = run(DATA / "plain.txt", locked)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "storydiff: error: locked.txt: cannot be read: permission denied"


def test_inputs_are_never_written(tmp_path):
    copies = []
    for p in SAMPLE[:2]:
        copy = tmp_path / p.name
        copy.write_bytes(p.read_bytes())
        copies.append(copy)
    before = [(c.read_bytes(), c.stat().st_mtime_ns) for c in copies]
    assert run(*copies, "--format", "json").returncode == 0
    assert run(*copies).returncode == 0
    assert [(c.read_bytes(), c.stat().st_mtime_ns) for c in copies] == before


def test_output_through_a_hard_or_symbolic_link_to_an_input_is_refused(tmp_path):
    original = tmp_path / "wire.txt"
    original.write_bytes(SAMPLE[0].read_bytes())
    hard = tmp_path / "hard.txt"
    os.link(original, hard)
    soft = tmp_path / "soft.txt"
    soft.symlink_to(original)
    for output in (hard, soft):
        proc = run(original, SAMPLE[1], "-o", output)
        assert proc.returncode == 2
        assert "never writes to its inputs" in proc.stderr
    assert original.read_bytes() == SAMPLE[0].read_bytes()


def test_output_through_dot_dot_is_refused_and_a_free_name_offered(tmp_path):
    (tmp_path / "sub").mkdir()
    original = tmp_path / "wire.txt"
    original.write_bytes(SAMPLE[0].read_bytes())
    proc = run("wire.txt", SAMPLE[1], "-o", "sub/../wire.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("storydiff: error: wire.txt: is one of the versions being compared, and "
                                   "storydiff never writes to its inputs; save as wire-report.txt instead")
    assert original.read_bytes() == SAMPLE[0].read_bytes()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", str(DATA / "plain.txt"), str(pipe)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "storydiff: error: pipe.txt: is a named pipe (FIFO), not a file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_by_its_type():
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", str(DATA / "plain.txt"), "/dev/zero"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "storydiff: error: zero: is a device, not a file"


def test_a_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path):
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"")
    proc = run(DATA / "plain.txt", odd)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["storydiff: error: two\\nlines.txt: is empty"]


def test_progress_rewrites_one_terminal_line_and_clears_it():
    from viewer.cli import _Progress

    class Terminal(list):
        def isatty(self):
            return True

        def write(self, text):
            self.append(text)

        def flush(self):
            pass

    terminal = Terminal()
    with _Progress(terminal) as progress:
        progress.DELAY = progress.INTERVAL = 0
        progress(0.25, "Aligning b.txt")
        progress(0.5, "Aligning c.txt")
    assert terminal[0] == "\rstorydiff: Aligning b.txt…  25%"
    assert terminal[1].startswith("\rstorydiff: Aligning c.txt…  50%")
    assert terminal[-1] == "\r" + " " * len("storydiff: Aligning c.txt…  50%") + "\r"
    assert "\n" not in "".join(terminal)
    quiet = Terminal()
    quiet.isatty = lambda: False
    with _Progress(quiet) as progress:
        progress.DELAY = progress.INTERVAL = 0
        progress(0.5, "Aligning")
    assert quiet == []  # a pipe or a file gets no progress lines


def test_a_missing_model_is_said_once_on_stderr_and_in_the_json(no_model, capsys):
    from viewer.cli import main

    assert main([str(SAMPLE[0]), str(SAMPLE[1]), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err.strip() == "storydiff: The semantic model could not be loaded: sentences are matched on shared words only."
    assert json.loads(out)["notes"] == [err.strip().removeprefix("storydiff: ")]


def test_ops_rebuild_both_sides_exactly_when_quote_style_and_case_are_ignored(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The mayor said it was \u201cunacceptable\u201d.\n\nShe left at NOON.\nThen she came back.\n",
                 encoding="utf-8")
    b.write_text('The mayor said it was "unacceptable".\n\nShe left at noon. Then she came back.\n', encoding="utf-8")
    doc = json.loads(run(a, b, "--format", "json").stdout)
    texts = [a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")]
    pair = doc["pairs"][0]
    assert any(len(op) == 3 for link in pair["links"] for op in link["ops"])
    for link in pair["links"]:
        for side, wanted_ops, pick in (("a", "=-", 1), ("b", "=+", -1)):
            sentences = doc["versions"][pair[side]]["sentences"]
            members = [sentences[k] for k in link[side]]
            whole = texts[pair[side]][members[0]["start"]:members[-1]["end"]]
            rebuilt = "".join(op[pick] if op[0] == "=" else op[1] for op in link["ops"] if op[0] in wanted_ops)
            assert rebuilt == whole


def test_text_report_says_where_moved_sentences_went_and_what_split():
    proc = run(SAMPLE[0], SAMPLE[2])
    lines = proc.stdout.splitlines()
    assert any(line.startswith("paraphrase  SALTMERE") and line.endswith("split into 2)") for line in lines)
    moved = [k for k, line in enumerate(lines) if " moved " in line[:_LABEL_WIDTH + 2] and "Shed 7" in line]
    assert moved and lines[moved[0] + 1].strip().startswith("moved: sentence ")


_LABEL_WIDTH = 11


def test_the_same_text_given_twice_is_pointed_out(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SAMPLE[0].read_bytes())
    proc = run(SAMPLE[0], SAMPLE[1], copy)
    assert proc.returncode == 0
    assert proc.stderr.strip() == f"storydiff: {copy} has the same text as {SAMPLE[0]}"


def test_a_transformer_that_cannot_be_used_says_why_in_plain_lines(tmp_path):
    env = dict(os.environ, NO_COLOR="1", STORYDIFF_TRANSFORMER=str(tmp_path / "nowhere"))
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", str(SAMPLE[0]), str(SAMPLE[1]), "--transformer"],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0
    lines = proc.stderr.strip().splitlines()
    assert lines and all(line.startswith("storydiff: ") for line in lines)
    assert any("STORYDIFF_TRANSFORMER" in line for line in lines)
    assert lines[-1].startswith("storydiff: No sentence-transformer could be used")


def test_facts_csv_lists_the_changed_facts(tmp_path, capsys):
    import csv
    import io

    from viewer.cli import main

    assert main([str(SAMPLE[0]), str(SAMPLE[3]), "--format", "facts-csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["version", "row", "type", "base", "version_wording", "base_sentence", "version_sentence"]
    number = next(r for r in rows if r["type"] == "number")
    assert (number["version"], number["base"], number["version_wording"]) == ("04-correction.txt", "23", "32")
    assert "23" in number["base_sentence"] and "32" in number["version_sentence"]
    out = tmp_path / "facts.csv"
    assert main([str(SAMPLE[0]), str(SAMPLE[3]), "--format", "facts-csv", "-o", str(out)]) == 0
    assert list(csv.DictReader(out.open(encoding="utf-8", newline=""))) == rows


# ----------------------------------------------------------------------------- issue 12: Word, PDF, URLs, stdin
DOCS = DATA / "documents"


def test_word_and_pdf_files_are_compared_with_their_notes_on_stderr():
    proc = run(DOCS / "story.docx", DOCS / "story.pdf", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [
        "storydiff: story.docx: The document has tracked changes (1 insertion, 1 deletion): read as if accepted, "
        "deleted text left out.",
        "storydiff: story.docx: The document's 1 comment was left out.",
    ]
    doc = json.loads(proc.stdout)
    docx, pdf = doc["versions"]
    assert docx["sha256"] == hashlib.sha256((DOCS / "story.docx").read_bytes()).hexdigest()
    assert [s["text"] for s in pdf["sentences"] if s["furniture"]][:2] == ["Saltmere Gazette - Harbour report",
                                                                          "Page 1 of 3"]
    assert docx["sentences"][0]["text"] == pdf["sentences"][1]["text"] == "Fire destroys harbour warehouse"


@pytest.mark.parametrize("name, line", [
    ("scanned.pdf", "scanned.pdf: has no text layer (a scanned PDF?): run OCR on it first, or copy its text"),
    ("encrypted.pdf", "encrypted.pdf: is an encrypted PDF (it needs a password): open it, and save or print it as "
                      "a PDF without one"),
])
def test_a_pdf_that_cannot_be_read_is_one_line_and_status_2(name, line):
    proc = run(DATA / "plain.txt", DOCS / name)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"storydiff: error: {line}\n")


def test_stdin_is_read_once_as_a_version_named_stdin():
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", str(DATA / "pair_a.txt"), "-", "--format", "json"],
                          input=(DATA / "pair_b.txt").read_bytes(), capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr
    versions = json.loads(proc.stdout)["versions"]
    assert versions[1]["name"] == "stdin" and versions[1]["path"] is None
    assert versions[1]["sha256"] == hashlib.sha256((DATA / "pair_b.txt").read_bytes()).hexdigest()
    # A PDF on stdin is known by its bytes.
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", "-", str(DOCS / "plain.docx"), "--format", "json"],
                          input=(DOCS / "story.pdf").read_bytes(), capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["versions"][0]["sentences"][1]["text"] == "Fire destroys harbour warehouse"
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", "-", "-"], input=b"One. Two.",
                          capture_output=True, env=env)
    assert (proc.returncode, proc.stderr) == (2, b"storydiff: error: - (standard input) can be given only once\n")


def test_help_lists_the_formats():
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert ".txt, .md, .html, .docx, .pdf" in " ".join(proc.stdout.split())
    assert "http(s)://" in proc.stdout and "- for standard input" in " ".join(proc.stdout.split())


@pytest.fixture
def web(tmp_path):
    """A local web server on 127.0.0.1 serving a.html, b.html (the pair as pages) and 404 for the rest."""
    import http.server
    import threading

    pages = {f"/{k}.html": f"<html><body><article><p>{(DATA / f'pair_{k}.txt').read_text(encoding='utf-8')}"
                           f"</p></article></body></html>".replace("\n\n", "</p><p>").encode("utf-8")
             for k in "ab"}
    served: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            served.append(self.path)
            if self.path == "/old-a":
                self.send_response(301)
                self.send_header("Location", "/a.html")
                self.end_headers()
                return
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"missing")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.served = served
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_urls_are_fetched_kept_as_snapshots_and_the_snapshots_repeat_the_comparison(web, tmp_path):
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    snapshots = tmp_path / "snapshots"
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", f"{web.base}/old-a", f"{web.base}/b.html",
                           "--format", "json", "--snapshots", str(snapshots)], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert web.served == ["/old-a", "/a.html", "/b.html"]
    doc = json.loads(proc.stdout)
    files = sorted(snapshots.iterdir())
    assert [f.suffix for f in files] == [".html", ".html"]
    a, b = doc["versions"]
    assert a["name"] == f"127.0.0.1:{web.server_address[1]}/a.html"  # the address redirected to
    assert [e["url"] for e in doc["evidence"]["versions"]] == [f"{web.base}/a.html", f"{web.base}/b.html"]
    assert sorted([a["path"], b["path"]]) == [str(f) for f in files]
    assert {hashlib.sha256(f.read_bytes()).hexdigest() for f in files} == {a["sha256"], b["sha256"]}
    assert proc.stderr.count("snapshot saved as") == 2
    web.shutdown()
    again = run(a["path"], b["path"], "--format", "json")
    assert again.returncode == 0, again.stderr
    assert [[s["text"] for s in v["sentences"]] for v in json.loads(again.stdout)["versions"]] == \
        [[s["text"] for s in v["sentences"]] for v in doc["versions"]]
    assert json.loads(again.stdout)["pairs"] == doc["pairs"]


def test_a_url_that_answers_404_is_one_line_and_status_2(web):
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", str(DATA / "plain.txt"), f"{web.base}/gone"],
                          capture_output=True, text=True, env=env)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"storydiff: error: {web.base}/gone: the server answered 404 Not Found\n"


def test_files_never_reach_the_network(no_network, capsys):
    from viewer.cli import main

    assert main([str(DOCS / "plain.docx"), str(DOCS / "story.pdf"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["versions"][1]["name"] == "story.pdf"


def test_the_same_text_on_stdin_is_named_stdin():
    proc = subprocess.run([sys.executable, "-m", "viewer", "compare", str(DATA / "plain.txt"), "-"],
                          input=(DATA / "plain.txt").read_bytes(), capture_output=True,
                          env=dict(os.environ, NO_COLOR="1"))
    assert proc.returncode == 0
    assert proc.stderr.decode().splitlines() == [f"storydiff: stdin has the same text as {DATA / 'plain.txt'}"]


def test_version_is_the_package_version():
    # storydiff --version reads viewer.__version__ (cheap); it must say what pyproject.toml and the
    # installed metadata say.
    import importlib.metadata
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"].get("version")
    for command in (["--version"], ["compare", "--version"]):
        proc = subprocess.run([sys.executable, "-m", "viewer", *command], capture_output=True, text=True)
        assert (proc.returncode, proc.stderr) == (0, "")
        assert proc.stdout == f"storydiff {importlib.metadata.version('storydiff')}\n"
    if declared is not None:  # a static version; a dynamic one is read from viewer.__version__
        assert proc.stdout == f"storydiff {declared}\n"
