"""Name normalisation shared by the knowledge-base build and the detector.

The build and the run time must turn "Daniel L. O’Connor", "DANIEL O'CONNOR"
and "Daniel O'Connor" into the same keys, so both import these functions.
Keys are lower-case ASCII words: accents folded ("António" -> "antonio"),
apostrophes dropped ("O’Connor" -> "oconnor"), hyphens split
("Ocasio-Cortez" -> "ocasio cortez"), periods dropped ("J.D." -> "jd"),
runs of single initials joined ("J. D." -> "jd") and generational suffixes
removed ("Jr.", "III").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Generational suffixes are not part of the name a reader matches on.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Honorifics some sources put inside a name ("Sir Keir Starmer", "Lord Mandelson").
HONORIFICS = frozenset({
    "sir", "dame", "lord", "lady", "baroness", "baron", "dr", "mr", "mrs", "ms", "rt", "hon",
    "prof", "professor", "sheikh", "shaikh", "the",
})
# Burmese honorifics ("U Myint Swe", "Daw Aung San Suu Kyi"), dropped only
# before a full word so that the initial in "U. S. Grant" stays.
_SHORT_HONORIFICS = frozenset({"u", "daw"})
# Lower-case particles that belong to a surname ("von der Leyen", "da Silva").
PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "da", "das", "do", "dos", "di", "del", "della", "du",
    "la", "le", "bin", "ibn", "al", "el", "ter", "ten", "zu", "y",
})

_SPLIT_RE = re.compile(r"[\s\-‐‑–—/]+")
_DROP_RE = re.compile(r"[.'’‘`´\"“”(),]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII: accents removed, apostrophes and periods dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_only = ascii_only.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
    ascii_only = ascii_only.replace("đ", "d").replace("Đ", "d").replace("ı", "i")
    return _DROP_RE.sub("", ascii_only.lower())


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a person's name as keys: folded, suffixes and honorifics dropped,
    adjacent single initials joined ("J. D. Vance" -> ("jd", "vance"))."""
    raw = [fold(part) for part in _SPLIT_RE.split(name.strip())]
    words = [w for w in raw if w and w not in SUFFIXES]
    while len(words) > 1 and (words[0] in HONORIFICS or (words[0] in _SHORT_HONORIFICS and len(words[1]) > 1)):
        words.pop(0)
    joined: list[str] = []
    initials = False  # whether joined[-1] is made of initials only
    for word in words:
        if len(word) == 1 and initials:
            joined[-1] += word
        else:
            joined.append(word)
            initials = len(word) == 1
    return tuple(joined)


def given_and_surname(tokens: tuple[str, ...]) -> tuple[str, str]:
    """(first word, surname) where the surname keeps its particles ("von der leyen")."""
    if not tokens:
        return "", ""
    if len(tokens) == 1:
        return "", tokens[0]
    i = len(tokens) - 1
    while i - 1 > 0 and tokens[i - 1] in PARTICLES:
        i -= 1
    return tokens[0], " ".join(tokens[i:])


def name_keys(name: str) -> set[str]:
    """Every key under which a person's name (or alias) is indexed: the full
    form and first + last word (middle names and initials dropped)."""
    tokens = name_tokens(name)
    keys: set[str] = set()
    if not tokens:
        return keys
    keys.add(" ".join(tokens))
    if len(tokens) >= 2:
        keys.add(f"{tokens[0]} {tokens[-1]}")
        first, surname = given_and_surname(tokens)
        keys.add(f"{first} {surname}")
        # A leading initial with a used middle name: "J. Danforth Quayle" -> "danforth quayle".
        if len(tokens) >= 3 and len(tokens[0]) == 1:
            keys.add(f"{tokens[1]} {tokens[-1]}")
    return keys


def surname_keys(name: str, family_name_first: bool = False) -> set[str]:
    """Keys for a short reference by surname ("Biden", "von der Leyen", "O'Connor");
    with ``family_name_first`` ("Xi Jinping") the first word is a surname too."""
    tokens = name_tokens(name)
    if not tokens:
        return set()
    keys = {tokens[-1]}
    _, surname = given_and_surname(tokens)
    keys.add(surname)
    if family_name_first and len(tokens) >= 2:
        keys.add(tokens[0])
    return keys


_TRANSLIT_RULES = (
    ("kh", "h"), ("zh", "j"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"),
    ("yy", "i"), ("iy", "i"), ("ij", "i"), ("ii", "i"), ("y", "i"), ("j", "i"), ("dh", "d"),
    ("ou", "u"), ("ks", "x"), ("tch", "ch"), ("sch", "sh"),
)
_DOUBLE_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def loose_key(word: str) -> str:
    """A spelling-tolerant key for transliterated names: "Zelenskyy", "Zelensky"
    and "Zelenskiy" share one. Used to accept variants, never to flag them."""
    w = fold(word).replace(" ", "")
    for a, b in _TRANSLIT_RULES:
        w = w.replace(a, b)
    return _DOUBLE_RE.sub(r"\1", w)
