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
    sources = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        sources.append(phrase[3:] if phrase.startswith("re:") else phrase_regex(phrase))
    if not sources:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w])(?:" + "|".join(sources) + r")(?![\w])", flags)


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
