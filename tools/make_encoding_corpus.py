"""Write the encoding corpus out in its legacy code pages, and score the decoder on it.

The corpus is ``tests/data/encodings/<codec>.txt``: short news-like texts, stored as UTF-8 and
separated by blank lines, one file per code page they are meant for. ``tests/engine/test_decoding.py``
encodes each text and checks that ``decode`` gives it back exactly. This script does the same for
a person::

    python tools/make_encoding_corpus.py              # per-code-page figures, and every miss
    python tools/make_encoding_corpus.py --out DIR    # also DIR/<codec>/NN.txt, the encoded bytes

The written files are for trying storydiff by hand (``storydiff compare DIR/cp1250/01.txt ...``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "encodings"


def corpus(folder: Path = CORPUS) -> dict[str, list[str]]:
    """The texts of each code page, keyed by codec name."""
    return {
        path.stem: [text.strip("\n") for text in path.read_text(encoding="utf-8").split("\n\n") if text.strip()]
        for path in sorted(folder.glob("*.txt"))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write each text, encoded, to OUT/<codec>/NN.txt")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from viewer.engine.loading import decode

    for codec, texts in corpus().items():
        exact = 0
        for number, text in enumerate(texts, start=1):
            data = text.encode(codec)  # a text the code page cannot hold is a corpus error: let it raise
            if args.out:
                target = args.out / codec / f"{number:02d}.txt"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            got = decode(data)
            exact += got == text
            if got != text:
                print(f"  {codec} {number:02d}: {text!r} -> {got!r}")
        print(f"{codec:10} {exact}/{len(texts)} exact ({exact / len(texts):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
