"""Every threshold of the engine, in one frozen object passed as an argument."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Params:
    """Settings of a comparison. The GUI turns its stored options into one of these."""

    # Segmentation: "sentences" (line breaks, then a sentence segmenter) or "lines" (one per line).
    split: str = "sentences"
    # Texts longer than this are split by sentencex, much faster than syntok on very long inputs.
    fast_segment_chars: int = 250_000
    # What "identical" ignores besides whitespace.
    ignore_case: bool = False
    ignore_punctuation: bool = True
    ignore_quotes: bool = True
    # Alignment (cosines of TF-IDF rows mixing words and character n-grams; see similarity.py).
    word_weight: float = 0.5           # share of word evidence against character n-grams
    link_threshold: float = 0.3        # least score for a link in the in-order chain
    context_threshold: float = 0.35   # least score for a pair sandwiched between two links
    context_gap: int = 3               # largest equal gap filled pairwise from context
    move_threshold: float = 0.75       # least score for a link out of order
    join_coverage: float = 0.6         # least share of a neighbour's words the other side must hold to join
    dense_cells: int = 4_000_000       # largest block scored densely by the DP
    collate_threshold: float = 0.25    # least score for sentences two versions add to share a row
    # Kinds (classify.py).
    edited_ratio: float = 0.65         # least in-order word match for "edited"
    partial_coverage: float = 0.55     # a side with less of its words covered than this ...
    partial_margin: float = 0.25       # ... while the other side is covered this much more: "partial"
    # Inputs larger than this are refused.
    max_file_bytes: int = 50 * 1024 * 1024

    def with_changes(self, **changes) -> "Params":
        """A copy with some fields changed."""
        return replace(self, **changes)
