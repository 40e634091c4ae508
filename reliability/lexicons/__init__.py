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
from importlib import resources

from ..document import phrase_regex


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
        sources.append(_trie_regex([_units(p.lower() if flags & re.IGNORECASE else p) for p in plain]))
    sources.extend(sorted(raw, key=len, reverse=True))
    if not sources:
        return re.compile(r"(?!x)x")
    # When every phrase starts with a word character, a cheap lookahead lets the
    # engine skip punctuation and spaces without trying the alternatives there.
    starts_with_word = all(re.match(r"\w", p) for p in list(raw) + plain)
    guard = r"(?<![\w])(?=\w)" if starts_with_word else r"(?<![\w])"
    return re.compile(guard + "(?:" + "|".join(sources) + r")(?![\w])", flags)


def _units(phrase: str) -> tuple[str, ...]:
    """A phrase as regex units: words' characters, flexible white space, either apostrophe."""
    units: list[str] = []
    for i, word in enumerate(phrase.split()):
        if i:
            units.append(r"\s+")
        for char in word:
            units.append("['’]" if char in "'’" else re.escape(char))
    return tuple(units)


def _trie_regex(sequences: list[tuple[str, ...]]) -> str:
    """A regex matching exactly the given unit sequences, longest first at each branch."""
    trie: dict = {}
    for seq in sequences:
        node = trie
        for unit in seq:
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends_here = "" in node
        branches = [unit + emit(child) for unit, child in sorted(node.items()) if unit != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            # Greedy optional: the longer phrase wins, the shorter one still matches.
            return "(?:" + body + ")?"
        return body

    return emit(trie)


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
