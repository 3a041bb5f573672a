"""Word-level differences inside a link, with diff-match-patch in word mode.

Each distinct token (word, run of spaces, punctuation mark) becomes one character, the two
character strings are diffed and semantically cleaned up, and the result is mapped back to
character offsets of the versions' texts. Very long links are first cut at words found once on
each side (``anchored_diff``), so the time stays near-linear.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from diff_match_patch import diff_match_patch

try:  # The C++ port of the same algorithm: the same diffs (a test compares the two), ~5-10x faster.
    import fast_diff_match_patch as _fast_dmp
except ImportError:  # no wheel for this Python: the pure-Python original
    _fast_dmp = None

from viewer.engine.model import Op
from viewer.engine.params import Params

TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")
_SPACE = re.compile(r"\s*")
_WORD = re.compile(r"\w")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})

_TAG = {diff_match_patch.DIFF_EQUAL: "=", diff_match_patch.DIFF_DELETE: "-", diff_match_patch.DIFF_INSERT: "+"}


def token_key(token: str, params: Params) -> str:
    """The form of a token that equality is decided on (whitespace is all alike)."""
    if token.isspace():
        return " "
    if params.ignore_quotes and not token.isascii():  # curly quotes and dashes are never ASCII
        token = token.translate(_QUOTES).translate(_DASHES)
    if params.ignore_case:
        token = token.casefold()
    return token


def tokens(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans (absolute offsets) of the given sentence spans, read in order.

    Between two sentences comes one token for the whitespace after the first: what else lies
    between them (page furniture, a bullet, a sentence of another link) is no part of the link.
    """
    out: list[tuple[int, int]] = []
    previous_end = None
    for start, end in spans:
        if previous_end is not None:
            out.append((previous_end, _SPACE.match(text, previous_end, max(start, previous_end)).end()))
        out.extend(m.span() for m in TOKEN.finditer(text, start, end))
        previous_end = end
    return out


def _code(index: int) -> str:
    """A private-use character for the index-th distinct token (never special to the diff)."""
    return chr(0xE000 + index) if index < 6400 else chr(0xF0000 + index)


class Ops(tuple):
    """The word ops of a link (a tuple of ``Op``); ``coarse`` is true where a long stretch with no
    word in common order was shown as replaced whole (``anchored_diff``)."""

    coarse = False


def word_diff(
    text_a: str,
    spans_a: Sequence[tuple[int, int]],
    text_b: str,
    spans_b: Sequence[tuple[int, int]],
    params: Params = Params(),
) -> Ops:
    """Word ops turning the a sentences into the b sentences; '=' and '-' rebuild a, '=' and '+' rebuild b."""
    if len(spans_a) == len(spans_b) == 1:
        (sa, ea), (sb, eb) = spans_a[0], spans_b[0]
        if text_a[sa:ea] == text_b[sb:eb]:
            return Ops((Op("=", sa, ea, sb, eb),))
    tokens_a, tokens_b = tokens(text_a, spans_a), tokens(text_b, spans_b)
    codes: dict[str, str] = {}  # token key -> code
    code_of: dict[str, str] = {}  # token as written -> code (most tokens repeat)

    def encode(text: str, token_spans: list[tuple[int, int]]) -> str:
        out = []
        for s, e in token_spans:
            token = text[s:e]
            code = code_of.get(token)
            if code is None:
                key = token_key(token, params) if token else " "
                code = codes.get(key)
                if code is None:
                    code = codes[key] = _code(len(codes))
                code_of[token] = code
            out.append(code)
        return "".join(out)

    chars_a, chars_b = encode(text_a, tokens_a), encode(text_b, tokens_b)
    coarse = False
    if len(chars_a) + len(chars_b) <= params.word_diff_tokens:
        diffs = _dmp_diff(chars_a, chars_b)
    else:
        # Spaces and punctuation in common do not make a piece replaced whole a coarse one.
        words = {code for key, code in codes.items() if _WORD.search(key)}
        diffs, coarse = anchored_diff(chars_a, chars_b, params.word_diff_tokens // 4, words)
    ops = Ops(_ops(diffs, tokens_a, spans_a, tokens_b, spans_b))
    ops.coarse = coarse
    return ops


_FAST_OPS = {"=": diff_match_patch.DIFF_EQUAL, "-": diff_match_patch.DIFF_DELETE, "+": diff_match_patch.DIFF_INSERT}


def _dmp_diff(a: str, b: str, fast: bool = True) -> list[tuple[int, str]]:
    """diff-match-patch's diff of two code strings, without a time limit, semantically cleaned up."""
    if fast and _fast_dmp is not None:
        return [(_FAST_OPS[op], text) for op, text in
                _fast_dmp.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False)]
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # the default 1 s timeout silently gives up on long texts
    diffs = engine.diff_main(a, b, False)
    engine.diff_cleanupSemantic(diffs)
    return diffs


def anchored_diff(
    a: str, b: str, piece: int, words: set[str] | None = None, depth: int = 32
) -> tuple[list[tuple[int, str]], bool]:
    """A near-linear diff of two long code strings, and whether some of it is coarse.

    diff-match-patch takes time in proportion to length times differences: a long sentence
    against a reordering of its words takes minutes. Here, as in patience diff, the codes that
    occur once on each side, in order on both, cut the strings into pieces; diff-match-patch
    diffs the pieces of at most ``piece`` codes, larger ones are cut again within themselves
    (at most ``depth`` times), and a large piece with no such code is replaced whole: coarse
    when the two sides of it have a code of ``words`` in common (None: any code).
    """
    out: list[tuple[int, str]] = []
    coarse = False
    tasks: list[tuple[str, str, int] | str] = [(a, b, 0)]  # a string: an equal stretch
    while tasks:
        task = tasks.pop()
        if isinstance(task, str):
            out.append((diff_match_patch.DIFF_EQUAL, task))
            continue
        x, y, level = task
        prefix = _common_prefix(x, y)
        if prefix:
            out.append((diff_match_patch.DIFF_EQUAL, x[:prefix]))
            x, y = x[prefix:], y[prefix:]
        suffix = _common_prefix(x[::-1], y[::-1])
        if suffix:
            tasks.append(x[len(x) - suffix:])
            x, y = x[:len(x) - suffix], y[:len(y) - suffix]
        if not x or not y or len(x) + len(y) <= piece:
            out += _dmp_diff(x, y) if x and y else [(diff_match_patch.DIFF_DELETE, x)] if x else \
                [(diff_match_patch.DIFF_INSERT, y)] if y else []
            continue
        anchors, shared = _unique_in_order(x, y)
        if not anchors or level >= depth:
            out += [(diff_match_patch.DIFF_DELETE, x), (diff_match_patch.DIFF_INSERT, y)]
            # With no word in common, replaced whole is the diff anyway.
            coarse = coarse or bool(shared if words is None else shared & words)
            continue
        pieces: list[tuple[str, str, int] | str] = []
        i0 = j0 = 0
        for i, j in anchors:
            pieces += [(x[i0:i], y[j0:j], level + 1), x[i]]
            i0, j0 = i + 1, j + 1
        pieces.append((x[i0:], y[j0:], level + 1))
        tasks += reversed(pieces)
    merged: list[tuple[int, str]] = []
    for operation, text in out:
        if not text:
            continue
        if merged and merged[-1][0] == operation:
            merged[-1] = (operation, merged[-1][1] + text)
        else:
            merged.append((operation, text))
    return merged, coarse


def _common_prefix(x: str, y: str) -> int:
    """Length of the common prefix (by halves: C-speed comparisons, as diff-match-patch does)."""
    low, high = 0, min(len(x), len(y))
    while low < high:
        middle = (low + high + 1) // 2
        if x[low:middle] == y[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _unique_in_order(x: str, y: str) -> tuple[list[tuple[int, int]], set[str]]:
    """Positions (i, j) of the codes that occur once in x and once in y, the longest run in order
    on both; and the codes x and y have in common."""
    count_x, count_y = Counter(x), Counter(y)
    at_y = {code: j for j, code in enumerate(y) if count_y[code] == 1 and count_x[code] == 1}
    pairs = [(i, at_y[code]) for i, code in enumerate(x) if code in at_y]
    return longest_increasing(pairs), count_x.keys() & count_y.keys()


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of pairs increasing in both coordinates (pairs sorted by the first)."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        parent[k] = tail_index[pos - 1] if pos else -1
    out = []
    k = tail_index[-1] if tail_index else -1
    while k != -1:
        out.append(pairs[k])
        k = parent[k]
    return out[::-1]


def _ops(diffs, tokens_a, spans_a, tokens_b, spans_b) -> list[Op]:
    """Diffs of token codes as ops over character offsets, one op per stretch of adjacent tokens:
    text between two sentences that is no part of the link (``tokens``) is in no op."""
    ops: list[Op] = []
    ia = ib = 0
    end_a, end_b = _end(tokens_a, spans_a), _end(tokens_b, spans_b)
    for operation, chunk in diffs:
        n = len(chunk)
        tag = _TAG[operation]
        if tag == "=":
            for (a0, a1), (b0, b1) in zip(_runs(tokens_a, ia, ia + n, tokens_b, ib), _runs(tokens_b, ib, ib + n, tokens_a, ia)):
                ops.append(Op("=", a0, a1, b0, b1))
            ia += n
            ib += n
        elif tag == "-":
            b_at = tokens_b[ib][0] if ib < len(tokens_b) else end_b
            ops += [Op("-", a0, a1, b_at, b_at) for a0, a1 in _runs(tokens_a, ia, ia + n)]
            ia += n
        else:
            a_at = tokens_a[ia][0] if ia < len(tokens_a) else end_a
            ops += [Op("+", a_at, a_at, b0, b1) for b0, b1 in _runs(tokens_b, ib, ib + n)]
            ib += n
    return [op for op in ops if op.a_end > op.a_start or op.b_end > op.b_start]


def _runs(token_spans, start: int, stop: int, other=None, other_start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each stretch of adjacent tokens in token_spans[start:stop]; with ``other``,
    a stretch also ends where the tokens of ``other`` read in step are not adjacent."""
    out = []
    first = start
    for k in range(start, stop - 1):
        if token_spans[k][1] != token_spans[k + 1][0] or (
                other is not None and other[other_start + k - start][1] != other[other_start + k - start + 1][0]):
            out.append((token_spans[first][0], token_spans[k][1]))
            first = k + 1
    if stop > start:
        out.append((token_spans[first][0], token_spans[stop - 1][1]))
    return out


def _end(token_spans: list[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> int:
    return token_spans[-1][1] if token_spans else (spans[-1][1] if spans else 0)


def is_coarse(ops: Sequence[Op]) -> bool:
    """Whether a link's word ops show part of it replaced whole (see ``Ops``)."""
    return bool(getattr(ops, "coarse", False))


def rebuild(text_a: str, text_b: str, ops: Sequence[Op]) -> tuple[str, str]:
    """The a and b texts that the ops read (for checks and reports)."""
    a = "".join(text_a[op.a_start:op.a_end] for op in ops if op.tag in "=-")
    b = "".join(text_b[op.b_start:op.b_end] for op in ops if op.tag in "=+")
    return a, b
