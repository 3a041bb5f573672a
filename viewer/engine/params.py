"""Every threshold of the engine, in one frozen object passed as an argument."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Params:
    """Settings of a comparison. The GUI turns its stored options into one of these."""

    # Segmentation: "sentences" (line breaks, then a sentence segmenter) or "lines" (one per line).
    split: str = "sentences"
    # What "identical" ignores besides whitespace.
    ignore_case: bool = False
    ignore_punctuation: bool = True
    ignore_quotes: bool = True
    # Inputs larger than this are refused.
    max_file_bytes: int = 50 * 1024 * 1024

    def with_changes(self, **changes) -> "Params":
        """A copy with some fields changed."""
        return replace(self, **changes)
