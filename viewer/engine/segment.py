"""Split a version's text into paragraphs and sentences with character spans.

Line breaks split first (headlines, bylines and datelines are sentences of their own); each line
is then split into sentences by syntok, and spans are sliced from the original text. Blocks of
hard-wrapped lines are joined before splitting. Page furniture is flagged here too.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from viewer.engine.model import Sentence

SPLIT_MODES = ("sentences", "lines")

# Bullets, pipes and markdown marks that open a line but belong to no sentence.
_LEADING_MARKS = re.compile(r"[\s|•·▪►*#>\-–]+")
_TERMINAL = re.compile(r"""[.!?:;]["'”’)\]]*$""")
# A scraper's date stamp glued to the start of a line ("date 2023-03-20 Skip to main menu").
_DATE_STAMP = re.compile(r"\s*date \d{4}-\d{2}-\d{2}\b\s*")

# Lines that are page furniture whatever follows them.
_NAVIGATION = re.compile(
    r"""^(?:skip\ to\b|follow\ us\b|subscribe\b|sign\ (?:up|in)\b|log\ ?in\b|share\ (?:this|on)\b
        |advertisement$|click\ here\b|download\ (?:the|our)\b|©|copyright\ (?:©\ )?\d{4}|all\ rights\ reserved
        |(?:we\ use\ )?cookies?\ (?:policy|settings|preferences)\b|photo:|image:|\(?photo\b.*\bcredit
        |watch:|listen:|back\ to\ top|menu$|search$)""",
    re.IGNORECASE | re.VERBOSE,
)
# Words glued by a scraper from a navigation bar: "HomeNewsSport" (case matters here).
_GLUED_NAVIGATION = re.compile(r"^Home(?=[A-Z])")
# Headers of link lists. Only a heading counts (a few words, no full stop): "Related charges were
# filed on Tuesday." is news. The short lines that follow a header are furniture too.
_LINK_LIST_HEADER = re.compile(
    r"^(?:next in\b|others? also read\b|also read\b|read more\b|related\b|more from\b|recommended\b"
    r"|trending\b|most read\b)",
    re.IGNORECASE,
)
_HEADING_MAX_WORDS = 6
# "Sergei Karpukhin/Sputnik/AP": names and agencies joined by slashes, no sentence punctuation.
_PHOTO_CREDIT = re.compile(r"^[A-Z][\w.'’\- ]{1,40}(?:/[A-Z][\w.'’\- ]{1,30}){1,3}$")
# "Saltmere Gazette | Local News | Weather | Sport": a navigation bar of short items.
_NAV_BAR = re.compile(r"^[^.!?|]{1,40}(?:\s[|·•]\s[^.!?|]{1,30}){2,}$")
_LINK_ITEM_MAX_WORDS = 30


def segment(text: str, mode: str = "sentences", fast_above: int = 250_000) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with spans, paragraph numbers and furniture flags.

    Texts longer than ``fast_above`` characters use sentencex instead of syntok: about a hundred
    times faster, a little less careful with abbreviations.
    """
    if mode not in SPLIT_MODES:
        raise ValueError(f"unknown split mode {mode!r}; use one of {SPLIT_MODES}")
    splitter = _sentencex_spans if len(text) > fast_above else _syntok_spans
    sentences: list[Sentence] = []
    for paragraph, block in enumerate(_blocks(text)):
        lines = _lines(text, *block)
        joined = mode == "sentences" and _is_hard_wrapped(text, lines)
        units = [block] if joined else lines
        for start, end in units:
            for s, e in _split_unit(text, start, end, mode, splitter):
                sentences.append(Sentence(s, e, paragraph))
    return _mark_furniture(text, sentences)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of paragraphs: runs of non-blank lines (a text without blank lines: one per line)."""
    has_blank_lines = re.search(r"\n[ \t\u00a0]*\n", text.strip()) is not None
    separator = r"\n(?:[ \t\u00a0]*\n)+" if has_blank_lines else r"\n"
    pos = 0
    for match in re.finditer(separator, text):
        if text[pos:match.start()].strip():
            yield pos, match.start()
        pos = match.end()
    if text[pos:].strip():
        yield pos, len(text)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        if text[pos:stop].strip():
            spans.append((pos, stop))
        pos = stop + 1
    return spans


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True for a block whose line breaks fall mid-sentence (text wrapped at a fixed width)."""
    if len(lines) < 3:  # two lines are too little evidence; a wrong join is worse than a split
        return False
    inner = lines[:-1]
    open_ends = sum(1 for s, e in inner if not _TERMINAL.search(text[s:e].rstrip()))
    # Wrapped lines fill the width: a list of short headlines is not wrapped prose.
    widths = [len(text[s:e].rstrip()) for s, e in inner]
    full = sum(1 for w in widths if w >= 0.75 * max(widths))
    return open_ends / len(inner) >= 0.7 and full / len(inner) >= 0.7 and max(widths) >= 40


def _split_unit(text: str, start: int, end: int, mode: str, splitter) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    stamp = _DATE_STAMP.match(chunk)
    if stamp:
        yield _trim(text, start, start + stamp.end())
        start += stamp.end()
        chunk = text[start:end]
    if mode == "lines" or not chunk.strip():
        if chunk.strip():
            yield _trim(text, start, end)
        return
    for s, e in splitter(chunk):
        span = _trim(text, start + s, start + e)
        if span[0] < span[1]:
            yield span


def _syntok_spans(chunk: str) -> Iterator[tuple[int, int]]:
    import syntok.segmenter  # here: --split lines never needs it (30 ms of start-up with regex)

    for paragraph in syntok.segmenter.analyze(chunk):
        for tokens in paragraph:
            yield tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)


def _sentencex_spans(chunk: str) -> Iterator[tuple[int, int]]:
    import sentencex

    pos = 0
    for piece in sentencex.segment("en", chunk):
        piece = piece.strip()
        if not piece:
            continue
        found = chunk.find(piece, pos)
        if found == -1:  # never expected: sentencex returns slices of its input
            continue
        yield found, found + len(piece)
        pos = found + len(piece)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and leading bullets or pipes from a span."""
    marks = _LEADING_MARKS.match(text, start, end)
    if marks and marks.end() < end:
        start = marks.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mark_furniture(text: str, sentences: list[Sentence]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    in_link_list = False
    for sentence in sentences:
        body = text[sentence.start:sentence.end].strip()
        furniture = bool(
            _DATE_STAMP.fullmatch(body) or _NAVIGATION.match(body) or _GLUED_NAVIGATION.match(body)
            or _PHOTO_CREDIT.match(body) or _NAV_BAR.match(body)
        )
        if _LINK_LIST_HEADER.match(body) and _is_heading(body):
            in_link_list = furniture = True
        elif _LINK_LIST_HEADER.match(body) and _alone_on_line(text, sentence) and not body.rstrip()[-1:] in ".!?":
            # "Read more: Xi arrives in Moscow" – a link with its header on one line.
            furniture = True
        elif in_link_list:
            # A link list is a run of short headline lines; a line of real prose ends it.
            if _alone_on_line(text, sentence) and len(body.split()) <= _LINK_ITEM_MAX_WORDS:
                furniture = True
            else:
                in_link_list = False
        out.append(Sentence(sentence.start, sentence.end, sentence.paragraph, furniture))
    return tuple(out)


def _is_heading(body: str) -> bool:
    """A few words without a full stop: a section or list header, not a sentence.

    "Read more: Xi arrives in Moscow" is a link with its header, not a header: text after a colon.
    """
    _, _, rest = body.partition(":")
    return len(body.split()) <= _HEADING_MAX_WORDS and body.rstrip()[-1:] not in ".!?" and not rest.strip()


def _alone_on_line(text: str, sentence: Sentence) -> bool:
    """True when nothing but bullets and spaces shares the sentence's line."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    before = text[line_start:sentence.start]
    after = text[sentence.end:line_end if line_end != -1 else len(text)]
    return not after.strip() and not before.strip(" \t|•·▪►*#>-–")
