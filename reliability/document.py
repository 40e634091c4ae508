"""The pre-processed article every detector reads.

A ``Document`` never copies or normalises the caller's text: every span it
exposes (words, sentences, lines, paragraphs, quotes) indexes ``doc.text``
directly, so a finding built from it is valid in the caller's string.
Line breaks inside sentences and names ("Dr.\\nEmily Carter", "the U.S.\\nState
Department") are handled by the sentence splitter and by matching phrases with
``\\s+`` between words (see :func:`phrase_regex`).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from functools import cached_property
from typing import Iterator

Span = tuple[int, int]

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_WORD_SPLIT_RE = re.compile("(" + WORD_RE.pattern + ")")
# Words of letters only, inner apostrophes kept (digits and hyphens split them).
_LETTER_TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE_RE = re.compile(r"[^\n]+")

# Abbreviations after which a period never ends a sentence (titles, initials).
_NEVER_FINAL = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov atty supt "
    "insp det st jr sr rev hon pres vs etc fig no nos vol inc corp co ltd ft mt gov't "
    "jan feb mar apr aug sept sep oct nov dec messrs mme mlle sr sra brig".split()
)
# Dotted acronyms (U.S., U.N.) end a sentence only when a typical sentence opener follows.
_SENTENCE_OPENERS = frozenset(
    "the a an it he she they we i in on at but and however this that these those there "
    "his her their its our as after before when while meanwhile still yet so if for "
    "according officials some many most one two three no not".split()
)
_DOTTED_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.){2,}$")
# The lookbehind starts a match only at the beginning of a run of marks, so a
# long run ("......") is scanned once instead of once per position. Written as
# (?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s)|\n\s* with the first character read
# first: a pattern that opens with a character class lets the engine skip in C
# to the next mark or line break (four times faster than trying every position).
_CANDIDATE_BOUNDARY_RE = re.compile(r"[.!?…\n](?:(?<=\n)\s*|(?<![.!?…].)(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s))")
# No-break, narrow, thin, figure and other fixed-width spaces, and the zero-width
# space some CMSs put after a space: each one character, read as " ".
_UNICODE_SPACES = {cp: " " for cp in (0x00A0, 0x1680, *range(0x2000, 0x200C), 0x202F, 0x205F, 0x3000)}
_UNICODE_SPACE_RE = re.compile("[" + "".join(map(chr, _UNICODE_SPACES)) + "]")
_LOOKAHEAD_CHARS = 200
# Bounded, so that a megabyte of white space costs no more than a short article.
_NEXT_WORD_RE = re.compile(r"\s{0,200}(\S{0,40})")

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(rf"\b(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_ALT})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
)
_DATELINE_WINDOW = 400

# Letters whose lower case does not tell how re.IGNORECASE compares them: 'ı' and
# 'ſ' lower to themselves yet match 'i' and 's' (see ``Document.lowered``).
_CASE_TRAPS = ("ı", "ſ")


def phrase_regex(phrase: str) -> str:
    """A regex source for ``phrase`` that tolerates any run of white space
    (line breaks included) between its words and both apostrophe styles."""
    parts = []
    for word in phrase.split():
        escaped = re.escape(word).replace("'", "['’]").replace("’", "['’]")
        parts.append(escaped)
    return r"\s+".join(parts)


def parse_date(value: "str | _dt.date | _dt.datetime | None") -> _dt.date | None:
    """Accept a date, a datetime or a string (ISO or 'August 28, 2024')."""
    if value is None or (isinstance(value, float) and value != value):
        return None  # NaN from a data frame: no date
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    found = find_date(text)
    if found is None:
        raise ValueError(f"cannot read a date from {value!r}; use ISO format YYYY-MM-DD")
    return found[0]


def find_date(text: str) -> tuple[_dt.date, Span] | None:
    """The first full date written in ``text`` and where it stands."""
    best: tuple[_dt.date, Span] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mon"].lower().rstrip(".")]
            try:
                date = _dt.date(int(groups["y"]), month, int(groups["d"]))
            except ValueError:
                continue
            if best is None or match.start() < best[1][0]:
                best = (date, match.span())
            break
    return best


@dataclass(frozen=True)
class Document:
    """One article, read once and shared by all detectors."""

    text: str
    title: str | None = None
    published: _dt.date | None = None
    url: str | None = None

    @classmethod
    def build(
        cls,
        text: str,
        *,
        title: str | None = None,
        published: "str | _dt.date | None" = None,
        url: str | None = None,
    ) -> "Document":
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        # Titles and URLs from data frames may be NaN or numbers: only text counts.
        title = title if isinstance(title, str) and title.strip() else None
        url = url if isinstance(url, str) and url.strip() else None
        return cls(text=text, title=title, published=parse_date(published), url=url)

    # -- words -------------------------------------------------------------
    @cached_property
    def _word_layout(self) -> tuple[list[Span], list[str], list[int]]:
        # One re.split gives the words and the gaps between them; running sums
        # of their lengths give the offsets. Split and sums run in C, where a
        # Match object per word would cost as much again.
        parts = _WORD_SPLIT_RE.split(self.text)  # gap, word, gap, word, ..., gap
        offsets = list(accumulate(map(len, parts)))
        words = parts[1::2]
        ends = offsets[1::2]
        starts = offsets[0:2 * len(words):2]
        return list(zip(starts, ends)), words, starts

    @property
    def word_spans(self) -> list[Span]:
        """(start, end) of every word (``WORD_RE``), in text order."""
        return self._word_layout[0]

    @property
    def word_texts(self) -> list[str]:
        """The words themselves, as written (``text[start:end]`` of ``word_spans``)."""
        return self._word_layout[1]

    @property
    def word_starts(self) -> list[int]:
        """Start offset of every word, for bisecting."""
        return self._word_layout[2]

    @property
    def word_count(self) -> int:
        return len(self.word_spans)

    def words(self) -> Iterator[str]:
        return iter(self.word_texts)

    # -- white space -----------------------------------------------------------
    @cached_property
    def spaced(self) -> str:
        """``text`` with no-break, zero-width and other Unicode spaces written as " "
        (same length, same offsets): web pages put "&nbsp;" between a title and a
        name ("Gen.&nbsp;Mark Milley"), and patterns written with [ \t] must read it."""
        text = self.text
        if _UNICODE_SPACE_RE.search(text):
            return text.translate(_UNICODE_SPACES)
        return text

    # -- lower case ----------------------------------------------------------
    @cached_property
    def lowered(self) -> str | None:
        """``spaced.lower()``, when a case-sensitive pattern of lower-case phrases
        finds in it exactly what the same pattern with re.IGNORECASE finds in
        ``spaced`` (same offsets); else None, and callers match ``spaced`` itself.

        Matching lower-case text case-sensitively is faster: the engine tries
        one character, not a case-folded pair, at each position. It fails when
        a letter lowers to two characters ('İ' -> 'i̇', offsets would shift) or
        when IGNORECASE pairs letters that lower() keeps apart: 'ı' and 'i',
        'ſ' and 's' for Latin patterns (checked over all of Unicode for Python
        3.11; Greek and Cyrillic have more pairs, so patterns with such letters
        must match ``spaced``).
        """
        low = self.spaced.lower()
        if len(low) != len(self.text) or any(trap in low for trap in _CASE_TRAPS):
            return None
        return low

    @cached_property
    def letter_tokens(self) -> list[str]:
        """The lower-cased words of letters, in order, with '’' written "'"
        ("don't", "o'connor"; digits and hyphens split words): what the style
        and reporting detectors count. Shared, so the text is tokenised once."""
        low = self.text.lower() if self.lowered is None else self.lowered
        return _LETTER_TOKEN_RE.findall(low.replace("’", "'"))

    @cached_property
    def letter_counts(self) -> "Counter[str]":
        """How often each of ``letter_tokens`` occurs (read only)."""
        return Counter(self.letter_tokens)

    @cached_property
    def letter_runs(self) -> frozenset[str] | None:
        """The runs of letters of ``lowered`` (``letter_tokens`` split at their
        apostrophes), or None when ``lowered`` is None: a phrase with a run of
        letters not in here cannot occur (``PhraseMatcher.may_occur``)."""
        if self.lowered is None:
            return None
        counts = self.letter_counts
        runs = set(counts)
        for token in [t for t in counts if "'" in t]:
            runs.update(token.split("'"))
        return frozenset(runs)

    # -- layout ------------------------------------------------------------
    @cached_property
    def lines(self) -> list[Span]:
        """Non-empty lines, stripped of surrounding white space."""
        spans = []
        for match in _LINE_RE.finditer(self.text):
            span = _strip_span(self.text, *match.span())
            if span[0] < span[1]:
                spans.append(span)
        return spans

    @cached_property
    def paragraphs(self) -> list[Span]:
        spans, start = [], 0
        for match in _PARAGRAPH_BREAK_RE.finditer(self.text):
            spans.append(_strip_span(self.text, start, match.start()))
            start = match.end()
        spans.append(_strip_span(self.text, start, len(self.text)))
        return [s for s in spans if s[0] < s[1]]

    @cached_property
    def sentences(self) -> list[Span]:
        return list(_split_sentences(self.text))

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that contains ``offset`` (or precedes it)."""
        starts = self.sentence_starts
        return max(0, bisect.bisect_right(starts, offset) - 1)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    # -- quotations --------------------------------------------------------
    @cached_property
    def quote_spans(self) -> list[Span]:
        """Direct quotations, marks included, in text order."""
        return _find_quotes(self.text)

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [s for s, _ in self.quote_spans]

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """Whether ``[start, end)`` lies inside a direct quotation."""
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self._quote_starts, start) - 1
        return i >= 0 and self.quote_spans[i][1] >= end

    def outside_quotes(self, pattern: "re.Pattern[str]", haystack: str | None = None) -> Iterator["re.Match[str]"]:
        """Matches of ``pattern`` in the article's own voice (between quotations).

        Cheaper than testing ``in_quote`` per match: each gap between
        quotations is searched once. ``haystack`` is the string searched
        instead of ``text``, with the same offsets (``lowered``).
        """
        pos = 0
        text = self.text if haystack is None else haystack
        for start, end in self.quote_spans:
            if start > pos:
                yield from pattern.finditer(text, pos, start)
            pos = max(pos, end)
        if pos < len(text):
            yield from pattern.finditer(text, pos)

    # -- dates ---------------------------------------------------------------
    @cached_property
    def dateline(self) -> tuple[_dt.date, Span] | None:
        """A date written near the top of the article (a dateline or byline)."""
        return find_date(self.spaced[:_DATELINE_WINDOW])

    @property
    def effective_date(self) -> _dt.date | None:
        """``published`` if the caller gave it, else the dateline, else None."""
        if self.published is not None:
            return self.published
        return self.dateline[0] if self.dateline else None


def _strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_sentences(text: str) -> Iterator[Span]:
    start = 0
    n = len(text)
    for match in _CANDIDATE_BOUNDARY_RE.finditer(text):
        end = match.end()
        if end <= start:
            continue
        if _is_boundary(text, match.start(), end):
            span = _strip_span(text, start, end)
            if span[0] < span[1]:
                yield span
            start = end
    span = _strip_span(text, start, n)
    if span[0] < span[1]:
        yield span


def _next_word(text: str, pos: int) -> str:
    match = _NEXT_WORD_RE.match(text, pos)
    return match.group(1) if match else ""


def _is_boundary(text: str, mark_start: int, mark_end: int) -> bool:
    if text[mark_start] == "\n":
        # A blank line always ends a sentence; a bare line break ends one unless
        # the next line plainly continues it.
        if text.count("\n", mark_start, mark_end) > 1:
            return True
        previous = text[max(0, mark_start - 1)]
        if previous in ".!?…\"'”’)]":
            return False  # the punctuation before the break already decided
        following = _next_word(text, mark_end)
        if not following:
            return True
        return not (following[0].islower() or previous in ",;:-–—(")
    following = _next_word(text, mark_end)
    if not following:
        return True
    if text[mark_start] != ".":
        return following[0].isupper() or following[0] in "\"'“‘(" or following[0].isdigit()
    # Period: look at the token it closes.
    token_start = mark_start
    while token_start > 0 and mark_start - token_start < _LOOKAHEAD_CHARS and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start:mark_start + 1].lstrip("(\"'“‘")
    bare = token.rstrip(".").lower()
    first = following[0]
    if first.islower() or first in ",;:":
        return False
    if bare in _NEVER_FINAL:
        return False
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "Daniel L. O'Connor"
    if _DOTTED_ACRONYM_RE.search(token):
        return following.strip("\"'“‘").lower() in _SENTENCE_OPENERS
    return True


_MAX_QUOTE = 3000


# For each opening mark, what ends its quotation: its closing mark (a straight
# mark also closes a curly one: “…" happens in scraped text), a paragraph break,
# or, for curly marks, a new opening mark (the previous quote was never closed).
# Apostrophe-like closers close only when no letter follows.
_QUOTE_OPENING_RE = re.compile(r"[“\"‘«']")
_QUOTE_END_RE = {
    "“": re.compile(r"[”\"]|\n\n|“"),
    '"': re.compile(r'"|\n\n'),
    "‘": re.compile(r"’(?![^\W\d_])|\n\n|‘"),
    "'": re.compile(r"'(?![^\W\d_])|\n\n"),
    "«": re.compile(r"»|\n\n"),
}


def _find_quotes(text: str) -> list[Span]:
    # Regex searches instead of a loop over characters: the scan runs in C.
    spans: list[Span] = []
    n = len(text)
    i = 0
    while True:
        opening = _QUOTE_OPENING_RE.search(text, i)
        if opening is None:
            return spans
        i = opening.start()
        ch = text[i]
        if ch in "‘'" and i > 0 and text[i - 1].isalnum():
            i += 1
            continue
        if ch in "\"'" and (i + 1 >= n or text[i + 1].isspace()):
            i += 1  # a stray closing mark, not an opening one
            continue
        limit = min(n, i + _MAX_QUOTE)
        # Two characters past the limit, so a look at the next character sees the text.
        closing = _QUOTE_END_RE[ch].search(text, i + 1, min(n, limit + 2))
        if closing is None or closing.start() >= limit or closing.group() == ch and ch in "“‘":
            i += 1
            continue
        end = closing.start() if closing.group() == "\n\n" else closing.end()
        spans.append((i, end))
        i = end
