"""Fuzz the whole comparison: random versions of a story through compare() and the JSON writer.

Run: ``python benchmarks/fuzz.py`` (``--cases 10000 --seed 0 --timeout 10``; ``--show N`` prints
case N's texts). Prints how many cases ran, raised, broke a promise (by kind) or ran past the
timeout, and the slowest case. ``tests/engine/test_properties.py`` runs a few hundred cases of
the same generator with the same checks.

A case is two to four versions made from one text: the bundled sample story cut and mutated,
random unicode, one-character sentences, punctuation storms, page furniture lines; the other
versions merge, split, move, drop, add and edit its sentences. The checks are those of the JSON
contract (README) on ``to_json``'s output, and the engine's own (``viewer.engine.invariants``).
"""
from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from viewer.engine.invariants import Violation, linked_text, violations  # noqa: E402
from viewer.engine.loading import LoadError, load_text  # noqa: E402
from viewer.engine.model import Comparison  # noqa: E402
from viewer.engine.params import Params  # noqa: E402
from viewer.engine.pipeline import compare  # noqa: E402
from viewer.report.json_report import to_json  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "harbour-fire"
FURNITURE = ["Advertisement", "Share this article", "Share on Facebook", "Skip to main content",
             "date 2023-03-20", "Photo: Maren Holloway/Coastline", "Read more:", "© Saltmere Gazette",
             "Menu", "Follow us on Twitter", "Sign up for our newsletter", "Back to top"]
PUNCTUATION = list(".,;:!?…—–-\"'“”‘’()[]«»/\\|*#@&%$€£")
UNICODE = ("àéîõüßçñøåæœ ΑΒΓαβγδ Жзийкл אבגד مرحبا 中文字符 日本語 한국어 हिन्दी ✓✗★☆ 🙂🔥👍🏽 "
           "\u200b\u00a0\u2028\ufeff\u0301 \ud7ff ǅ ﬁ ẞ İı")


def sample_sentences() -> list[list[str]]:
    """The bundled sample story's paragraphs as lists of lines (one headline or paragraph a line)."""
    out = []
    for path in sorted(SAMPLE.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            lines = [line for line in block.split("\n") if line.strip()]
            if lines:
                out.append(lines)
    return out


_SAMPLE = sample_sentences()


def _random_unicode(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(UNICODE) for _ in range(length))


def _sentences_of(line: str) -> list[str]:
    """A paragraph line cut at sentence ends (roughly: the engine segments it again anyway)."""
    out, start = [], 0
    for k, c in enumerate(line):
        if c in ".!?" and (k + 1 == len(line) or line[k + 1] == " "):
            out.append(line[start:k + 1].strip())
            start = k + 1
    if line[start:].strip():
        out.append(line[start:].strip())
    return out


def base_text(rng: random.Random) -> list[list[str]]:
    """The first version as paragraphs of sentences, from one of several kinds of text."""
    kind = rng.choice(["sample", "sample", "sample", "unicode", "tiny", "punctuation", "mixed", "long"])
    if kind == "sample":
        paragraphs = rng.sample(_SAMPLE, rng.randint(1, min(8, len(_SAMPLE))))
        return [[s for line in p for s in _sentences_of(line)] for p in paragraphs]
    if kind == "unicode":
        return [[_random_unicode(rng, rng.randint(1, 40)) + rng.choice([".", "!", "", "。"])
                 for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(1, 4))]
    if kind == "tiny":
        return [[rng.choice("abcxyzAB1.!?") + rng.choice(["", ".", "!"]) for _ in range(rng.randint(1, 6))]
                for _ in range(rng.randint(1, 4))]
    if kind == "punctuation":
        return [["".join(rng.choice(PUNCTUATION + [" "]) for _ in range(rng.randint(1, 30)))
                 for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(1, 3))]
    if kind == "long":
        words = [w for p in _SAMPLE for line in p for w in line.split()]
        return [[" ".join(rng.choice(words) for _ in range(rng.randint(100, 600))) + "."]]
    # mixed: sample sentences with furniture, unicode and storms between them
    paragraphs = [[s for line in p for s in _sentences_of(line)] for p in rng.sample(_SAMPLE, rng.randint(1, 5))]
    for paragraph in paragraphs:
        for _ in range(rng.randint(0, 2)):
            extra = rng.choice([rng.choice(FURNITURE), _random_unicode(rng, rng.randint(1, 12)),
                                "".join(rng.choice(PUNCTUATION) for _ in range(rng.randint(1, 8)))])
            paragraph.insert(rng.randint(0, len(paragraph)), extra)
    return paragraphs


def mutate(rng: random.Random, paragraphs: list[list[str]]) -> list[list[str]]:
    """Another version: sentences merged, split, moved, dropped, added, edited; furniture put in."""
    paragraphs = [list(p) for p in paragraphs]
    for _ in range(rng.randint(0, 6)):
        p = rng.randrange(len(paragraphs))
        sentences = paragraphs[p]
        if not sentences:
            continue
        k = rng.randrange(len(sentences))
        action = rng.choice(["merge", "split", "move", "drop", "add", "edit", "furniture", "duplicate",
                             "paragraph", "case", "space"])
        if action == "merge" and k + 1 < len(sentences):
            first = sentences[k].rstrip(".!?")
            second = sentences[k + 1]
            sentences[k:k + 2] = [first + " and " + (second[:1].lower() + second[1:])]
        elif action == "split":
            words = sentences[k].split(" ")
            if len(words) > 3:
                cut = rng.randint(1, len(words) - 1)
                sentences[k:k + 1] = [" ".join(words[:cut]) + ".", " ".join(words[cut:]).capitalize()]
        elif action == "move":
            moved = sentences.pop(k)
            target = paragraphs[rng.randrange(len(paragraphs))]
            target.insert(rng.randint(0, len(target)), moved)
        elif action == "drop":
            sentences.pop(k)
        elif action == "add":
            source = rng.choice(_SAMPLE)
            sentences.insert(k, rng.choice(_sentences_of(rng.choice(source)) or ["Added."]))
        elif action == "edit":
            words = sentences[k].split(" ")
            w = rng.randrange(len(words))
            words[w] = rng.choice(["60", "Thursday", "claimed", "nearly", "Lindqvist", "", "“quoted”", "x"])
            sentences[k] = " ".join(words)
        elif action == "furniture":
            sentences.insert(k + rng.randint(0, 1), rng.choice(FURNITURE))
        elif action == "duplicate":
            sentences.insert(k, sentences[k])
        elif action == "paragraph" and len(sentences) > 1:
            paragraphs.insert(p + 1, sentences[k:])
            del sentences[k:]
        elif action == "case":
            sentences[k] = sentences[k].upper() if rng.random() < 0.5 else sentences[k].lower()
        elif action == "space":
            sentences[k] = sentences[k].replace(" ", rng.choice(["  ", "\t", " \u00a0", "\n"]))
    if rng.random() < 0.2:
        rng.shuffle(paragraphs)
    return [p for p in paragraphs if p]


def render(paragraphs: list[list[str]], rng: random.Random) -> str:
    """Paragraphs as text: blank lines between them, sentences on one line or one per line."""
    joiner = rng.choice([" ", " ", "\n"])
    return "\n\n".join(joiner.join(p) for p in paragraphs) + rng.choice(["\n", "", "\n\n"])


def make_case(seed: int | str) -> tuple[list[tuple[str, str]], Params, int]:
    """Case ``seed``: (name, text) of each version, the params and the base."""
    rng = random.Random(seed)
    first = base_text(rng)
    versions = [first] + [mutate(rng, first) for _ in range(rng.randint(1, 3))]
    texts = [(f"v{k}.txt", render(p, rng)) for k, p in enumerate(versions)]
    params = Params(
        split=rng.choice(["sentences", "sentences", "lines"]),
        ignore_case=rng.random() < 0.2,
        semantic=rng.random() < 0.8,
    )
    return texts, params, rng.randrange(len(texts))


def json_violations(comparison: Comparison, document: dict) -> list[Violation]:
    """The JSON contract's promises, read from the document (and the versions' texts)."""
    found: list[Violation] = []
    texts = [v.text for v in comparison.versions]
    sentences = [d["sentences"] for d in document["versions"]]
    for v, listed in enumerate(sentences):
        last = 0
        for k, s in enumerate(listed):
            if not (last <= s["start"] <= s["end"] <= len(texts[v])) or texts[v][s["start"]:s["end"]] != s["text"]:
                found.append(("json sentence spans", f"version {v} sentence {k}"))
                break
            last = s["end"]
    moved = {p["b"]: {j for link in p["links"] if link["moved"] for j in link["b"]} for p in document["pairs"]}
    base = document["base"]
    for v in range(len(sentences)):
        column = [k for row in document["rows"] for k in row["cells"][v]]
        if sorted(column) != list(range(len(sentences[v]))):
            found.append(("json rows: each sentence once", f"version {v}"))
        in_order = [k for k in column if k not in moved.get(v, ())]
        if in_order != sorted(in_order):
            found.append(("json rows: base order" if v == base else "json rows: version order", f"version {v}"))
    for p in document["pairs"]:
        a, b = comparison.versions[p["a"]], comparison.versions[p["b"]]
        for link in p["links"]:
            if not all(0 <= i < len(sentences[p["a"]]) for i in link["a"]) or not all(
                    0 <= j < len(sentences[p["b"]]) for j in link["b"]):
                found.append(("json link indices", f"pair {p['a']}-{p['b']}"))
                continue
            side_a = "".join(op[1] for op in link["ops"] if op[0] in "=-")
            side_b = "".join(op[-1] for op in link["ops"] if op[0] in "=+")
            if (side_a, side_b) != (linked_text(a, link["a"]), linked_text(b, link["b"])):
                found.append(("json ops rebuild", f"pair {p['a']}-{p['b']} link {link['a']}-{link['b']}"))
    return found


def run_case(seed: int | str) -> list[Violation] | None:
    """Compare case ``seed`` and return its broken promises (None: an input the loader refuses)."""
    texts, params, base = make_case(seed)
    try:
        versions = [load_text(text, name, params) for name, text in texts]
    except LoadError:
        return None
    comparison = compare(versions, params, base=base)
    document = json.loads(to_json(comparison))
    return violations(comparison, params.collate_shared_words) + json_violations(comparison, document)


class _TimedOut(Exception):
    pass


def _alarm(signum, frame):
    raise _TimedOut()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=10, help="seconds before a case counts as hung")
    parser.add_argument("--show", type=int, help="print case N's texts, params and base, and run it")
    args = parser.parse_args(argv)
    if args.show is not None:
        texts, params, base = make_case(f"{args.seed}-{args.show}")
        for name, text in texts:
            print(f"--- {name}\n{text!r}")
        print(f"params: split={params.split} ignore_case={params.ignore_case} semantic={params.semantic}; base {base}")
        print(run_case(f"{args.seed}-{args.show}"))
        return 0

    signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    exceptions: Counter = Counter()
    kinds: Counter = Counter()
    examples: dict[str, int] = {}
    broken = refused = timed_out = 0
    slowest = (0.0, -1)
    for case in range(args.cases):
        began = time.perf_counter()
        signal.alarm(args.timeout)
        try:
            found = run_case(f"{args.seed}-{case}")
        except _TimedOut:
            timed_out += 1
            examples.setdefault("time-out", case)
            continue
        except Exception as error:
            key = f"{type(error).__name__}: {str(error).splitlines()[0][:80] if str(error) else ''}"
            exceptions[key] += 1
            if key not in examples:
                examples[key] = case
                traceback.print_exc()
            continue
        finally:
            signal.alarm(0)
            seconds = time.perf_counter() - began
            slowest = max(slowest, (seconds, case))
        if found is None:
            refused += 1
            continue
        if found:
            broken += 1
            for kind, _ in found:
                kinds[kind] += 1
                examples.setdefault(kind, case)
        if (case + 1) % 500 == 0:
            print(f"... {case + 1} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(f"cases {args.cases} (seed {args.seed}) in {time.perf_counter() - started:.0f} s; "
          f"refused by the loader {refused}")
    print(f"exceptions {sum(exceptions.values())}")
    for key, count in exceptions.most_common():
        print(f"  {count:6}  {key}  (first: case {examples[key]})")
    print(f"cases breaking a promise {broken}")
    for kind, count in kinds.most_common():
        print(f"  {count:6}  {kind}  (first: case {examples[kind]})")
    print(f"time-outs (> {args.timeout} s) {timed_out}" + (f"  (first: case {examples['time-out']})" if timed_out else ""))
    print(f"slowest case {slowest[1]}: {slowest[0]:.2f} s")
    return 1 if exceptions or broken or timed_out else 0


if __name__ == "__main__":
    sys.exit(main())
