"""Seeded synthetic stories and revisions for the speed benchmarks (no corpus needed).

A story is made of generated news-like sentences of two clauses. A revision omits 5 % of the
sentences, rewords 20 % (two words swapped, and the two clauses put the other way round where
there are two), adds 5 % new ones and moves 2 % elsewhere. ``versions`` makes several revisions
of one story that share some of their additions.

Run ``python benchmarks/synthetic.py --sentences 10000 --versions 2 OUT_DIR`` to write files.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

_SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "dul", "pe", "shi", "nor", "ga", "bri", "el", "tum",
              "sa", "dor", "fin", "ha", "ju", "ber")
_VERBS = ("said", "announced", "reported", "denied", "confirmed", "approved", "rejected", "warned",
          "promised", "questioned", "visited", "praised", "criticised", "opened", "closed", "signed")
_ADJECTIVES = ("new", "former", "local", "national", "senior", "early", "late", "public", "private",
               "official", "second", "final", "major", "small", "large", "recent")
_CONNECTIVES = ("while", "after", "because", "although", "as", "before", "since", "when")
_TAKEN = 0.6  # the chance that a revision takes one of the pooled additions
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class StoryWriter:
    """Sentences from one seeded vocabulary (Zipf-like word frequencies, as in prose)."""

    def __init__(self, seed: int = 7, words: int = 4000):
        self.rng = random.Random(seed)
        rng = self.rng
        made = {"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(words)}
        self.nouns = sorted(made)
        rng.shuffle(self.nouns)
        self.names = [w.capitalize() for w in self.nouns[: words // 10]]
        self.weights = [1 / (rank + 1) for rank in range(len(self.nouns))]

    def _noun(self) -> str:
        return self.rng.choices(self.nouns, self.weights)[0]

    def clause(self) -> str:
        rng = self.rng
        subject = rng.choice(self.names) if rng.random() < 0.5 else f"the {rng.choice(_ADJECTIVES)} {self._noun()}"
        tail = [self._noun() for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            tail.insert(rng.randrange(len(tail) + 1), str(rng.randint(2, 2000)))
        where = f" on {rng.choice(_DAYS)}" if rng.random() < 0.2 else ""
        return f"{subject} {rng.choice(_VERBS)} the {rng.choice(_ADJECTIVES)} {' '.join(tail)}{where}"

    def sentence(self) -> str:
        first = self.clause()
        if self.rng.random() < 0.7:
            first = f"{first}, {self.rng.choice(_CONNECTIVES)} {self.clause()}"
        return first[0].upper() + first[1:] + "."

    def story(self, sentences: int) -> list[str]:
        return [self.sentence() for _ in range(sentences)]

    def reword(self, sentence: str) -> str:
        """Two words swapped, and the clauses the other way round where there are two."""
        body = sentence[:-1]
        head, comma, rest = body.partition(", ")
        if comma and " " in rest:
            connective, second = rest.split(" ", 1)
            head = "the" + head[3:] if head.startswith("The ") else head
            body = f"{connective} {second}, {head}"
        words = body.split(" ")
        if len(words) > 3:
            k = self.rng.randrange(1, len(words) - 1)
            words[k], words[k + 1] = words[k + 1], words[k]
        text = " ".join(words).replace(",,", ",")
        return text[0].upper() + text[1:] + "."

    def revise(self, sentences: list[str], omit: float = 0.05, reword: float = 0.2, add: float = 0.05,
               move: float = 0.02, additions: dict[int, str] | None = None) -> list[str]:
        """A revision of ``sentences`` with the given shares omitted, reworded, added and moved.

        ``additions`` (sentence number -> new sentence) are the candidates added after each
        sentence, so that several revisions can add the same text at the same place.
        """
        rng = self.rng
        out: list[str] = []
        for i, s in enumerate(sentences):
            roll = rng.random()
            if roll >= omit:
                out.append(self.reword(s) if roll < omit + reword else s)
            if additions is None:
                if rng.random() < add:
                    out.append(self.sentence())
            elif i in additions and rng.random() < _TAKEN:
                out.append(additions[i])
        for _ in range(round(move * len(out))):
            if len(out) > 1:
                out.insert(rng.randrange(len(out)), out.pop(rng.randrange(len(out))))
        return out


def versions(count: int, sentences: int, seed: int = 7) -> list[list[str]]:
    """``count`` versions of one story of ``sentences`` sentences: the first, then revisions of it.

    The revisions draw their added sentences from one pool (each takes a pooled addition with
    probability ``_TAKEN``), so later versions share some additions, as updates of a story do.
    """
    writer = StoryWriter(seed)
    story = writer.story(sentences)
    rng = random.Random(seed + 1)
    pool = {i: writer.sentence() for i in range(len(story)) if rng.random() < 0.05 / _TAKEN}
    return [story] + [writer.revise(story, additions=pool) for _ in range(count - 1)]


def write_versions(folder: Path, texts: list[list[str]], prefix: str = "v") -> list[Path]:
    """Each version as ``{prefix}NN.txt``: paragraphs of five sentences; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, lines in enumerate(texts):
        path = folder / f"{prefix}{k:02d}.txt"
        paragraphs = [" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)]
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sentences", type=int, default=10000)
    parser.add_argument("--versions", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for path in write_versions(args.folder, versions(args.versions, args.sentences, args.seed)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
