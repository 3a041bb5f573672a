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
    # Evidence that two sentences belong together (scoring.py): log-odds of a logistic regression
    # over the lexical cosine, the names-and-numbers cosine and the CSLS of the lexical and the
    # centred embedding cosines, fitted by benchmarks/calibrate.py on all four development sets
    # (news rewrite, essay revisions, translations, retellings; each set weighing the same), which
    # prints these weights. The earlier fit on revisions only: aesop link F1 0.336, bible 0.819.
    semantic: bool = True              # use the shipped static embedding model when it loads
    word_weight: float = 0.5           # share of word evidence against character n-grams (lexical cosine)
    # (bias, lexical cosine, names-and-numbers cosine, lexical CSLS, semantic CSLS); CSLS is
    # 2 cos - r_a - r_b, see scoring.py.
    evidence_weights: tuple[float, ...] = (-1.04, 1.31, 0.56, 6.17, 3.64)
    lexical_only_weights: tuple[float, ...] = (-1.46, 1.45, 0.77, 11.06)  # the same fit without the model
    pair_only_weights: tuple[float, ...] = (-4.85, 11.91, 1.78)  # (bias, lexical, names and numbers), no rivals
    rivals: int = 2                    # best matches a sentence's CSLS baseline r is the mean of (part of the fit)
    rival_pool: int = 8                # CSLS counts fully from this many candidates on, less below
    rival_window: int = 25             # long texts: rivals come from the block and this many sentences around it
    # Being each other's best match (CSLS) raises only pairs with at least this lexical or centred
    # semantic cosine: else two unrelated sentences of a short text rise as each other's "best".
    least_shared_lexical: float = 0.1
    least_shared_semantic: float = 0.2
    # Optional full sentence-transformer (storydiff[semantic]), only on pairs whose probability lies
    # in ``rescore_band``: evidence' = c0 + c1 evidence + c2 cosine. Off unless asked for: on the
    # development gold it changed nothing on news and cost 0.02 omitted F1 on essays, at ~40x the time.
    transformer: bool = False
    rescore_band: tuple[float, float] = (0.02, 0.9)  # where the DP's decisions are made (links 0.2-0.35)
    transformer_weights: tuple[float, float, float] = (-0.64, 0.94, 1.69)
    # Alignment thresholds, as probabilities of the pair on its own: order and neighbours vouch
    # for the rest, which is why an in-order link may be much less sure than a moved one.
    link_threshold: float = 0.1        # least probability for a link in the in-order chain, in a retelling ...
    link_threshold_kept: float = 0.6   # ... rising to this in a revision that keeps most sentences
    # In a revision a weak match is more likely a new sentence than a rewrite; in a retelling or a
    # translation weak matches are all there is. Chosen with benchmarks/quality.py (figures in
    # ABLATION below).
    kept_similarity: float = 0.8       # a sentence is "kept" when its best match has this lexical cosine
    revision_kept_share: float = 0.4   # share of kept sentences from which a text counts fully as a revision
    context_threshold: float = 0.1     # least probability for a pair sandwiched between two links ...
    context_threshold_kept: float = 0.8  # ... rising to this in a revision
    # One sentence each side between two sure links (or a text's edge) that share some words: the
    # context nearly settles it (0.03 against 0.1: own gold links F1 0.954 -> 0.960, omitted
    # 0.818 -> 0.837, ArgRewrite omitted 0.783 -> 0.794, seeds unchanged).
    tight_context_threshold: float = 0.03
    sure_link: float = 0.9             # a link at least this probable is "sure"
    context_gap: int = 3               # largest equal gap filled pairwise from context
    move_similarity: float = 0.95      # least lexical cosine for a link out of order ...
    # ... or least probability, for a reworded sentence that moved: shown as omitted plus added it
    # would be a false finding (ArgRewrite, whose gold never links moves, pays 0.803 -> 0.794).
    move_probability: float = 0.95
    move_candidate: float = 0.5        # pairs under this lexical cosine are not considered for a move
    join_coverage: float = 0.6         # least share of a neighbour's words the other side must hold to join
    split_coverage: float = 0.3        # ... or a smaller share, when the neighbour ...
    split_gain: float = 0.3            # ... covers this much more of the other side (a split sentence's other half)
    # Links joining consecutive sentences in the in-order chain (chain.best_groups): shapes (a, b).
    merge_shapes: tuple[tuple[int, int], ...] = ((2, 1), (1, 2), (3, 1), (1, 3), (4, 1), (1, 4))
    merge_penalty: float = 0.5         # log-odds a joined link pays, against a 1-1 link and a skip ...
    merge_penalty_kept: float = 1.5    # ... rising to this in a revision (splits are seen from shared words there)
    merge_member_least: float = 0.02   # least probability of each member with the other side ...
    merge_member_margin: float = 1.0   # ... within this many log-odds of the member's best match in the block
    dense_cells: int = 4_000_000       # largest block scored densely by the DP
    collate_threshold: float = 0.2     # least probability for sentences two versions add to share a row ...
    # ... and least share (Jaccard) of content words, lowercased and longer than three letters, they
    # have in common: the semantic model alone once put "Xi heads to Russia for talks" beside "He
    # welcomed China's proposals" (collation_order.py on the five sample versions: 0 violations).
    collate_shared_words: float = 0.2
    # Kinds (classify.py).
    edited_ratio: float = 0.6          # least in-order word match for "edited" ...
    edited_changes: int = 14           # ... with at most this many words changed (both sides counted),
    edited_change_share: float = 0.25  # or this share of both sides' words, for long sentences
    partial_coverage: float = 0.6      # a side with at most this share of its words covered ...
    partial_margin: float = 0.25       # ... while the other side is covered this much more: "partial"
    # Inputs larger than this are refused.
    max_file_bytes: int = 50 * 1024 * 1024

    def with_changes(self, **changes) -> "Params":
        """A copy with some fields changed."""
        return replace(self, **changes)
