"""Word-level differences inside a link, with diff-match-patch in word mode.

Each distinct token (word, run of spaces, punctuation mark) becomes one character, the two
character strings are diffed and semantically cleaned up, and the result is mapped back to
character offsets of the versions' texts.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from diff_match_patch import diff_match_patch

from viewer.engine.model import Op
from viewer.engine.params import Params

TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")
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
    """Token spans (absolute offsets) of the given sentence spans, read in order."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            out.append((out[-1][1], start))  # the gap between two sentences reads as one space
        out.extend(m.span() for m in TOKEN.finditer(text, start, end))
    return out


def _code(index: int) -> str:
    """A private-use character for the index-th distinct token (never special to the diff)."""
    return chr(0xE000 + index) if index < 6400 else chr(0xF0000 + index)


def word_diff(
    text_a: str,
    spans_a: Sequence[tuple[int, int]],
    text_b: str,
    spans_b: Sequence[tuple[int, int]],
    params: Params = Params(),
) -> tuple[Op, ...]:
    """Word ops turning the a sentences into the b sentences; '=' and '-' rebuild a, '=' and '+' rebuild b."""
    if len(spans_a) == len(spans_b) == 1:
        (sa, ea), (sb, eb) = spans_a[0], spans_b[0]
        if text_a[sa:ea] == text_b[sb:eb]:
            return (Op("=", sa, ea, sb, eb),)
    tokens_a, tokens_b = tokens(text_a, spans_a), tokens(text_b, spans_b)
    codes: dict[str, str] = {}

    def encode(text: str, token_spans: list[tuple[int, int]]) -> str:
        out = []
        for s, e in token_spans:
            key = token_key(text[s:e], params) if e > s else " "
            code = codes.get(key)
            if code is None:
                code = codes[key] = _code(len(codes))
            out.append(code)
        return "".join(out)

    chars_a, chars_b = encode(text_a, tokens_a), encode(text_b, tokens_b)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # the default 1 s timeout silently gives up on long texts
    diffs = engine.diff_main(chars_a, chars_b, False)
    engine.diff_cleanupSemantic(diffs)

    ops: list[Op] = []
    ia = ib = 0
    for operation, chunk in diffs:
        n = len(chunk)
        tag = _TAG[operation]
        a_start = tokens_a[ia][0] if ia < len(tokens_a) else _end(tokens_a, spans_a)
        b_start = tokens_b[ib][0] if ib < len(tokens_b) else _end(tokens_b, spans_b)
        if tag == "=":
            ops.append(Op("=", a_start, tokens_a[ia + n - 1][1], b_start, tokens_b[ib + n - 1][1]))
            ia += n
            ib += n
        elif tag == "-":
            ops.append(Op("-", a_start, tokens_a[ia + n - 1][1], b_start, b_start))
            ia += n
        else:
            ops.append(Op("+", a_start, a_start, b_start, tokens_b[ib + n - 1][1]))
            ib += n
    return tuple(ops)


def _end(token_spans: list[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> int:
    return token_spans[-1][1] if token_spans else (spans[-1][1] if spans else 0)


def rebuild(text_a: str, text_b: str, ops: Sequence[Op]) -> tuple[str, str]:
    """The a and b texts that the ops read (for checks and reports)."""
    a = "".join(text_a[op.a_start:op.a_end] for op in ops if op.tag in "=-")
    b = "".join(text_b[op.b_start:op.b_end] for op in ops if op.tag in "=+")
    return a, b
