"""Every threshold of the engine, in one frozen object passed as an argument."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Params:
    """Settings of a comparison. The GUI turns its stored options into one of these."""

    # ---- Inputs: how a text becomes sentences, and how much of it a comparison takes.
    # Segmentation: "sentences" (line breaks, then a sentence segmenter) or "lines" (one per line).
    split: str = "sentences"
    # Texts longer than this are split by sentencex, much faster than syntok on very long inputs.
    fast_segment_chars: int = 250_000
    # Inputs larger than this are refused up front: a file by the loader, a version by compare()
    # (pipeline.TooLarge). No step of a comparison grows with the product of the two texts'
    # lengths (the move search reads an index of rarer features, sparse.similar_pairs), so time and
    # memory grow with the sentences. Load + compare in a subprocess (benchmarks/bench_huge.py
    # --sentences 64000 200000, two cores shared with other work at load 4-7): a text against a
    # revised copy, 64,000 sentences (5.6 MB) 37 s CPU / 546 MB (the engine before: 42 s / 738 MB,
    # same session), 199,000 (17.5 MB) 234 s wall / 1.45 GB; against an unrelated text 64,000
    # sentences 115 s wall / 1.0 GB, 199,000 and 164,000 sentences 168 s CPU, 324 s wall /
    # 2.2 GB (the engine before was quadratic: 5 MB took 186 s, 10 MB did not finish in 300 s).
    # The 50 MB limit before let in 48 MB pairs: 171 s / 5.0 GB revised. 20 MB is a long book.
    max_file_bytes: int = 20 * 1024 * 1024
    # The same budget in sentences (20 MB of news prose holds ~230,000).
    max_sentences: int = 250_000
    # A Word or PDF file carries fonts and pictures besides its text: it may be this large, while
    # the text taken from it is held to max_file_bytes and max_sentences like any other.
    max_document_bytes: int = 64 * 1024 * 1024
    # Seconds a web address has to answer and arrive in full (fetch.py); a page is seldom over 2 MB.
    fetch_timeout: float = 20.0

    # ---- What identical means, and the kinds of a link (classify.py).
    # What "identical" ignores besides whitespace.
    ignore_case: bool = False
    ignore_punctuation: bool = True
    ignore_quotes: bool = True
    edited_ratio: float = 0.6          # least in-order word match for "edited" ...
    edited_changes: int = 14           # ... with at most this many words changed (both sides counted),
    edited_change_share: float = 0.25  # or this share of both sides' words, for long sentences
    partial_coverage: float = 0.6      # a side with at most this share of its words covered ...
    partial_margin: float = 0.25       # ... while the other side is covered this much more: "partial"

    # ---- Evidence that two sentences belong together (scoring.py).
    # Log-odds of a logistic regression
    # over the lexical cosine, the names-and-numbers cosine and the CSLS of the lexical and the
    # centred embedding cosines, fitted by benchmarks/calibrate.py on all four development sets
    # (news rewrite, essay revisions, translations, retellings; each set weighing the same), which
    # prints these weights. Against the earlier fit on revisions and the seeds only (link F1 /
    # omitted F1, benchmarks/quality.py): aesop 0.443 -> 0.595, bible 0.886 / 0.615 -> 0.904 / 0.828,
    # ArgRewrite 0.972 / 0.805 -> 0.975 / 0.828, seeds 0.981 / 0.960 -> 1.000 / 1.000; our own gold
    # pays 0.978 / 0.895 -> 0.961 / 0.811 (pairs of two outlets' articles that share only the topic
    # rise to about 0.45: linked, and marked uncertain).
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
    # development gold it changed nothing on news, gave aesop 0.595 -> 0.622 and cost ArgRewrite
    # 0.975 / 0.828 -> 0.972 / 0.783, bible 0.904 / 0.828 -> 0.899 / 0.774, own gold 0.961 / 0.811
    # -> 0.941 / 0.688, at ~40x the time.
    transformer: bool = False
    rescore_band: tuple[float, float] = (0.02, 0.9)  # where the DP's decisions are made (links 0.2-0.35)
    transformer_weights: tuple[float, float, float] = (-0.64, 0.94, 1.69)

    # ---- Alignment thresholds (align.py), as probabilities of the pair on its own: order and
    # neighbours vouch for the rest, which is why an in-order link may be much less sure than a moved one.
    link_threshold: float = 0.1        # least probability for a link in the in-order chain, in a retelling ...
    link_threshold_kept: float = 0.6   # ... rising to this in a revision that keeps most sentences
    # In a revision a weak match is more likely a new sentence than a rewrite; in a retelling or a
    # translation weak matches are all there is. Fixed thresholds (the retelling values throughout)
    # cost ArgRewrite 0.975 / 0.828 -> 0.968 / 0.730 and own gold 0.961 / 0.811 -> 0.956 / 0.778;
    # 0.2 instead of 0.1 costs aesop 0.595 -> 0.548; 0.35 instead of 0.6 costs ArgRewrite
    # 0.975 / 0.828 -> 0.972 / 0.773; revision_kept_share 0.6 instead of 0.4: 0.973 / 0.803.
    # Outside revisions the link bar also rises with the longer text's sentences, from short_text
    # to long_text: a weak pair has more rivals in a long text, and the chain threads weak pairs
    # through two long articles that share only the topic. The all-sets figures do not move
    # (the long development texts are translations, the same at 0.5); bible with its set left out
    # of the fit pays 0.902 / 0.800 -> 0.901 / 0.774. On the five sample outlets' versions
    # the pairs 000-003 and 000-004 (38 against 45 and 63 sentences) keep 5 links each instead of
    # 13 and 14, none under 0.5 instead of 5 and 9, all of those topic-only on reading.
    link_threshold_long: float = 0.5
    short_text: int = 20
    long_text: int = 60
    kept_similarity: float = 0.8       # a sentence is "kept" when its best match has this lexical cosine
    revision_kept_share: float = 0.4   # share of kept sentences from which a text counts fully as a revision
    context_threshold: float = 0.1     # least probability for a pair sandwiched between two links ...
    context_threshold_kept: float = 0.8  # ... rising to this in a revision
    # One sentence each side between two sure links (or a text's edge) that share some words: the
    # context nearly settles it (0.1 instead: ArgRewrite 0.975 / 0.828 -> 0.974 / 0.822, the rest unchanged).
    tight_context_threshold: float = 0.03
    sure_link: float = 0.9             # a link at least this probable is "sure"
    context_gap: int = 3               # largest equal gap filled pairwise from context

    # ---- Moved sentences.
    move_similarity: float = 0.95      # least lexical cosine for a link out of order ...
    # ... or least probability, for a reworded sentence that moved (not a partial match): shown as
    # omitted plus added it would be a false finding (0.995 instead: bible 0.904 / 0.828 -> 0.902 / 0.800).
    move_probability: float = 0.95
    move_candidate: float = 0.5        # pairs under this lexical cosine are not considered for a move
    # Work bounds of the move search (align._move_candidates), not thresholds: each free sentence's
    # best candidates only, found this many products at a time. Two 1 MB texts of near-copies held
    # 1.3 million candidates (3.2 GB, now 344 MB); the development sets' figures do not change.
    # A step's arrays take ~100 bytes a product, and the 64k-sentence pair's peak was this search:
    # 500k keeps it ~50 MB lower than 1M (2M: +100 MB); the pairs found do not depend on it.
    move_candidates: int = 10
    move_search_cells: int = 500_000
    # Candidates come from an index of rarer features (sparse.similar_pairs): a feature in the
    # index of more free sentences than this on either side finds none, and of each free sentence
    # only the pairs sharing the most weight there are scored, so the search grows with the
    # sentences, not their product. No development set reaches either bound.
    move_word_rows: int = 100
    move_pairs_read: int = 40

    # ---- Splits and merges: links that join consecutive sentences.
    join_coverage: float = 0.6         # least share of a neighbour's words the other side must hold to join
    split_coverage: float = 0.3        # ... or a smaller share, when the neighbour ...
    split_gain: float = 0.3            # ... covers this much more of the other side (a split sentence's other half)
    # Links joining consecutive sentences in the in-order chain (chain.best_groups): shapes (a, b).
    # Without them: bible 0.904 / 0.828 -> 0.840 / 0.545 (verses run into one sentence), aesop
    # 0.595 -> 0.573, own gold 0.961 / 0.811 -> 0.956 / 0.789, ArgRewrite link F1 0.975 -> 0.979;
    # up to 3 only: bible 0.898 / 0.774. They also find the sample story's split lede.
    merge_shapes: tuple[tuple[int, int], ...] = ((2, 1), (1, 2), (3, 1), (1, 3), (4, 1), (1, 4))
    # A joined link wins where its evidence beats the best 1-1 link it replaces by the penalty
    # (log-odds). 0 gives aesop 0.614, but 0.552 with its set left out of the fit (0.06 below: the
    # gain does not carry); 1 costs bible 0.904 / 0.828 -> 0.896 / 0.800. In a revision it rises
    # (4: bible 0.902 / 0.800, and the sample story's split lede is missed; 1 is the same as 1.5);
    # a full revision chains 1-1 only.
    merge_penalty: float = 0.5
    merge_penalty_kept: float = 1.5
    # Each member of a joined link, with the other side: at least this probability (0.05 costs
    # bible 0.904 / 0.828 -> 0.899 / 0.750) ...
    merge_member_least: float = 0.02
    # ... and within this many log-odds of the member's best match in the block: a neighbour that
    # belongs with another sentence is not folded in (off: own gold link F1 0.961 -> 0.951, two
    # sentences folded into the wrong links of two outlets' articles; aesop omitted 0.665 -> 0.657).
    merge_member_margin: float = 1.0

    # ---- Collation of N versions into rows (collate.py).
    collate_threshold: float = 0.2     # least probability for sentences two versions add to share a row ...
    # ... and least share (Jaccard) of content words, lowercased and longer than three letters, they
    # have in common: the semantic model alone once put "Xi heads to Russia for talks" beside "He
    # welcomed China's proposals" (collation_order.py on the five sample versions: 0 violations).
    collate_shared_words: float = 0.2

    # ---- Work bounds, not thresholds: they bound time and memory; no development set's links change.
    dense_cells: int = 4_000_000       # largest block scored densely by the DP
    # Blocks up to this many cells keep their scores from Scorer.prepare until the DP reads them;
    # larger ones are scored again then (two unrelated texts of 64,000 sentences would keep about
    # 1 GB: 32 blocks of 4 million cells, two float32 arrays each).
    kept_block_cells: int = 250_000
    # Word diffs (worddiff.py): links with more tokens than this on both sides together (about 500
    # words a side) are cut at words that occur once on each side, patience style, and the pieces
    # diffed; diff-match-patch on the whole takes time in proportion to length times differences:
    # a 1,000-word sentence against a reordering of its words took 3 s, 16,000 words 182 s; cut,
    # 0.13 s and 2.8 s (benchmarks/bench_huge.py). Parts with no such word in common order are shown
    # replaced whole, with a note (so are the bench's 8,000- and 16,000-word reorderings: their
    # words recur, few occur once).
    word_diff_tokens: int = 2_000

    # ---- Lineage inside a cluster (lineage.py): coverage is the share of a version's content words
    # found in another's sentences on the same rows.
    # Least coverage for a parent. On the five sample outlets' versions (xi-moscow) the AP
    # republication and the AI rewrite are covered 0.78 and 0.58 by the wire base; the other
    # outlets' own reports 0.07 and 0.03 (they share a few quotes and facts).
    lineage_min_coverage: float = 0.25
    # Two candidate parents closer than this in coverage leave the choice uncertain (confidence
    # x 0.5 when equal, x 1 from this gap on): a chain's parent beats its grandparent by ~0.1.
    lineage_margin: float = 0.1
    # Least sentences two versions share that no ancestor holds to say "common source": one shared
    # sentence is as often a quote both took from the event itself.
    lineage_common_sentences: int = 2
    # A sentence counts as found in another version holding a near-copy of it anywhere: this share
    # (Jaccard) of content stems. Rows place sentences by their links to the base, so an outlet's
    # report and its copy, neither covered by the base, share rows only by chance. On 60 clusters of
    # bench_batch's corpus (benchmarks/bench_lineage.py): copies 227 -> 229 of 232 found, but its
    # unrelated reports, written from one pool of template sentences, 28 -> 23 of 29 (they share
    # whole sentences word for word). 0.7 finds the same; 0.9 (copies with a word changed no longer
    # count) 228 and 26.
    lineage_same_sentence: float = 0.5
    # Two versions' sentences on one row count as shared when this share of the one's content stems
    # is in the other's: collation puts sentences two versions add on one row from a 0.2 chance,
    # and the chain links weak pairs of two outlets' reports to one base sentence.
    lineage_row_words: float = 0.2
    # Work bound, not a threshold: near-copies are sought (through a stem index) only between two
    # versions of up to this many sentence pairs; beyond it, rows only. A news story has ~2,500.
    # Kept since the index made it cheap so that results stay as they were.
    lineage_copy_pairs: int = 250_000

    # ---- Story clusters found in a flat folder (storydiff batch --find-clusters, batch/find.py).
    # Texts become sets of word shingles; MinHash signatures in LSH bands give candidate pairs
    # (32 bands of 4 rows: a pair of Jaccard 0.5 meets with probability 0.87, 0.3 with 0.23), checked
    # on the real shingles: the smaller text's share found in the other. On bench_batch.py's corpus
    # (200 clusters, 1,063 texts; pairs of texts put together against true families, precision /
    # recall): 0.999 / 0.931; 42 bands of 3 rows 0.767 / 1.0; 21 of 6 1.0 / 0.513; 4-word shingles
    # 0.933 / 0.966; no shingle dropped as common 0.993 / 0.967 (its template sentences are the
    # corpus's boilerplate).
    find_shingle_words: int = 5
    find_permutations: int = 128
    find_bands: int = 32
    find_min_containment: float = 0.3
    find_bucket_limit: int = 1_000     # a band value shared by more texts is boilerplate, not a story
    find_max_texts: int = 100          # shingles in more texts than this are dropped (passim's max-df)

    def with_changes(self, **changes) -> "Params":
        """A copy with some fields changed."""
        return replace(self, **changes)
