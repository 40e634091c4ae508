"""Word and phrase lists shipped as data files.

Each file is UTF-8 text. Lines starting with ``#`` are the header (``# source:``
and ``# license:`` are required) or comments; every other non-blank line is an
entry, with optional tab-separated fields after the phrase. A phrase starting
with ``re:`` is a regular expression; any other phrase matches its words with any
white space between them (line breaks included), case-insensitively, at word
boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import AbstractSet
from importlib import resources

from ..document import Document
from .patterns import trie_regex

_LETTERS_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Lexicon:
    name: str
    source: str
    license: str
    entries: tuple[tuple[str, ...], ...]

    @property
    def phrases(self) -> tuple[str, ...]:
        return tuple(e[0] for e in self.entries)

    def compile(self, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        """One alternation of all phrases, longest first, at word boundaries."""
        return compile_phrases(self.phrases, flags)


def compile_phrases(phrases: "tuple[str, ...] | list[str]", flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern for all phrases, at word boundaries.

    Plain phrases are merged into a prefix tree ("according to sources|according
    to officials" -> "according\\s+to\\s+(?:officials|sources)"), so the engine
    tries each character once instead of once per phrase: large lexicons cost
    about as much as small ones.
    """
    raw = [p[3:] for p in phrases if p.startswith("re:")]
    plain = sorted({p for p in phrases if not p.startswith("re:")})
    sources = []
    if plain:
        sources.append(trie_regex([_units(p.lower() if flags & re.IGNORECASE else p) for p in plain]))
    sources.extend(sorted(raw, key=len, reverse=True))
    if not sources:
        return re.compile(r"(?!x)x")
    # When every phrase starts with a word character, a cheap lookahead lets the
    # engine skip punctuation and spaces without trying the alternatives there.
    starts_with_word = all(re.match(r"\w", p) for p in list(raw) + plain)
    guard = r"(?<![\w])(?=\w)" if starts_with_word else r"(?<![\w])"
    return re.compile(guard + "(?:" + "|".join(sources) + r")(?![\w])", flags)


class PhraseMatcher:
    """:func:`compile_phrases` for plain phrases (case-insensitive), with two
    shortcuts per article that never change what is found.

    ``may_occur(words)``: a match covers whole runs of letters of the text (the
    pattern's word boundaries, and the spaces, hyphens or apostrophes between a
    phrase's words, see to it), so a phrase cannot match unless each of its
    runs of letters is a run of letters of ``doc.lowered``; when no phrase can,
    the caller skips the search. ``haystack(doc)``: the lower-cased text and a
    case-sensitive twin of the pattern, when ``doc.lowered`` allows it (a
    case-sensitive search is faster); else the text and the pattern itself.
    Both fall back to a plain search when a lexicon has ``re:`` entries.
    """

    def __init__(self, phrases: "tuple[str, ...] | list[str]") -> None:
        self.pattern = compile_phrases(phrases, re.IGNORECASE)
        plain = [p.lower() for p in phrases if not p.startswith("re:")]
        exact = len(plain) == len(phrases) and all(p.lower() == p and all(map(_latin_or_uncased, p)) for p in plain)
        # Lower-case Latin phrases only: the twin then matches what the pattern does.
        self._lowered_pattern = re.compile(_lowered_source(plain, self.pattern.pattern)) if exact else None
        by_key: dict[str, list[frozenset[str]]] | None = {}
        for phrase in plain:
            # Runs of letters only: a run with digits ('9/11') would need digits in the words.
            runs = frozenset(_LETTERS_RE.findall(phrase))
            if not exact or not runs:
                by_key = None  # cannot tell from the words: always search
                break
            key = max(sorted(runs), key=len)  # the longest run, likely the rarest
            by_key.setdefault(key, []).append(runs)
        self._by_key = by_key
        self._keys = frozenset(by_key) if by_key is not None else frozenset()

    def may_occur(self, words: "AbstractSet[str]") -> bool:
        """False only when no phrase can occur in a text whose lower-cased runs
        of letters (``[^\\W\\d_]+`` of ``doc.lowered``) are all in ``words``."""
        if self._by_key is None:
            return True
        by_key = self._by_key
        return any(runs <= words for key in self._keys.intersection(words) for runs in by_key[key])

    def haystack(self, doc: Document) -> tuple[str, re.Pattern[str]]:
        """(string, pattern) to search: same offsets as ``doc.text``, same matches
        (``doc.lowered`` or ``doc.spaced``: no-break spaces read as spaces)."""
        if self._lowered_pattern is not None and doc.lowered is not None:
            return doc.lowered, self._lowered_pattern
        return doc.spaced, self.pattern


# Up to this many different first letters, a pattern that opens with them is faster.
_FEW_FIRST_LETTERS = 8


def _lowered_source(plain: list[str], source: str) -> str:
    """The case-sensitive twin of ``source`` (:func:`compile_phrases` of the lower-case
    ``plain`` phrases): the same regex, or, when the phrases start with few different
    letters ('i', 'me', 'we', 'you'), one branch per first letter, which tests the
    word boundary after it: ``y(?<!\\w.)ou`` is ``(?<!\\w)you``. A pattern that opens
    with literal characters lets the engine skip in C to the next such character
    instead of trying every position (three times faster for the pronouns)."""
    firsts = sorted({p[0] for p in plain})
    if not plain or len(firsts) > _FEW_FIRST_LETTERS or not all(c.isalnum() and re.escape(c) == c for c in firsts):
        return source
    rests: dict[str, list[tuple[str, ...]]] = {c: [] for c in firsts}
    for phrase in sorted(set(plain)):
        units = _units(phrase)
        rests[units[0]].append(units[1:])
    branches = [c + r"(?<!\w.)" + trie_regex(rests[c]) for c in firsts]
    return "(?:" + "|".join(branches) + r")(?![\w])"


def _latin_or_uncased(char: str) -> bool:
    """A phrase character for which re.IGNORECASE matches just the text characters
    that lower to it, once 'ı' and 'ſ' are ruled out (``Document.lowered``);
    Greek and Cyrillic have more such pairs ('ς' and 'σ')."""
    return char.isascii() or char.lower() == char.upper() or ("\u00c0" <= char <= "\u024f" and char not in "ıſ")


def _units(phrase: str) -> tuple[str, ...]:
    """A phrase as regex units: words' characters, flexible white space, either apostrophe."""
    units: list[str] = []
    for i, word in enumerate(phrase.split()):
        if i:
            units.append(r"\s+")
        for char in word:
            units.append("['’]" if char in "'’" else re.escape(char))
    return tuple(units)


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> Lexicon:
    """Read ``reliability/lexicons/<name>.txt``; fails if the header lacks a source or license."""
    raw = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    header: dict[str, str] = {}
    entries = []
    for line in raw.splitlines():
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and key.strip().lower() in {"source", "license"}:
                header[key.strip().lower()] = value.strip()
            continue
        if not line.strip():
            continue
        entries.append(tuple(field.strip() for field in line.split("\t")))
    for key in ("source", "license"):
        if key not in header:
            raise ValueError(f"lexicon {name!r} has no '# {key}:' header line")
    return Lexicon(name=name, source=header["source"], license=header["license"], entries=tuple(entries))


def available_lexicons() -> list[str]:
    return sorted(p.name[:-4] for p in resources.files(__name__).iterdir() if p.name.endswith(".txt"))
