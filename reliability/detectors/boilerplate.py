"""RS3xx boilerplate: page furniture and template text inside an article body.

Scrapers and content farms leave the web page around an article in its text:
share and subscribe buttons, "Previous Article / Next Article" links with the
headlines of other stories, summary boxes ("No time to read? Get a summary"),
photo captions and credits, a "Sources:" heading over titles without links,
unfilled template placeholders ("[Insert Date]"), and the stock phrases of
generated prose ("only time will tell").

How it reads a text. The unit is a *block*: a line, or a part of a line set off
by a run of two or more spaces (scraped pages often lose their line breaks but
keep the wide gaps between page elements). Phrase lists live in
``lexicons/boilerplate_*.txt``; each entry says where it counts:

* ``line``: the whole block is the phrase ("Advertisement", "Related Articles");
* ``lead``: the block opens with the phrase and a separator ("Read more: ...");
* ``inline``: anywhere (phrases never used in reporting prose);
* ``caps``/``label``: anywhere, written exactly so ("ADVERTISEMENT", "READ MORE:");
* ``cue`` (captions): a picture word that makes a short stand-alone line a caption;
* ``agency`` (captions): a photo agency, credited as "Name Surname/AGENCY".

A phrase that is only furniture as a whole line ("Read more", "In Brief") is
therefore never flagged inside a sentence. Structural rules (RS301-RS307) look
at layout; RS308 counts filler phrases and is a style signal only.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable, Iterator, NamedTuple, Sequence

from ..document import WORD_RE, Document
from ..lexicons import Lexicon, load_lexicon
from ..lexicons.patterns import scan_to, split_top_level
from .base import Detector, DetectorOutput, DetectorSpec, FeatureSpec, RuleSpec, merge_spans, per_thousand, share

# -- rule codes ------------------------------------------------------------------
CHROME = "RS301"
NAVIGATION = "RS302"
SUMMARY = "RS303"
CAPTION = "RS304"
TRAILING_HEADLINE = "RS305"
UNLINKED_SOURCES = "RS306"
PLACEHOLDER = "RS307"
FILLER = "RS308"
STRUCTURAL_CODES = (CHROME, NAVIGATION, SUMMARY, CAPTION, TRAILING_HEADLINE, UNLINKED_SOURCES, PLACEHOLDER)

# Lexicon file -> the rule its entries feed (regex group names must be identifiers).
_CATEGORY_LEXICONS = {
    "chrome": ("boilerplate_chrome", CHROME),
    "navigation": ("boilerplate_navigation", NAVIGATION),
    "summary": ("boilerplate_summary", SUMMARY),
    "caption": ("boilerplate_captions", CAPTION),
    "placeholder": ("boilerplate_placeholders", PLACEHOLDER),
}
_SCOPES = ("line", "lead", "inline", "caps", "label", "cue", "agency")

# -- layout limits -------------------------------------------------------------------
_SHORT_BLOCK_WORDS = 16  # a furniture line is short; longer blocks are only searched inline
_SHORT_BLOCK_CHARS = 200
_LEAD_WHOLE_BLOCK_WORDS = 30  # "Read more: <headline>" is flagged whole up to this length
_CAPTION_BLOCK_WORDS = 60  # a credit at the edge of a block this short flags the whole caption
_DESCRIBED_CAPTION_WORDS = (3, 30)
_HEADLINE_WORDS = (4, 20)
_NAV_HEADLINE_WORDS = (2, 25)
_MAX_NAV_ITEMS = 12
# A contents box lists the article's own sections, not other stories: the label
# is furniture (RS302), the items under it are not headlines (RS305).
_CONTENTS_LABEL_RE = re.compile(r"\W*(?:table\s+of\s+)?contents\W*|\W*jump\s+to\W*", re.IGNORECASE)
_MAX_SOURCE_ITEMS = 40
_SOURCE_ITEM_WORDS = 60
_SOURCE_TITLE_WORDS = 5  # an entry of an inline "Sources: a; b" list that reads as a title
_UNRELATED_OVERLAP = 0.34  # a trailing headline sharing less than this with the body is unrelated
# A lone headline among the paragraphs: longer than a section heading ("What Comes
# Next"), and sharing almost nothing with the story.
_LONE_HEADLINE_WORDS = (6, 20)
_LONE_UNRELATED_OVERLAP = 0.2
_LONE_TITLE_CASE = 0.9  # "Ruth Bader Ginsburg is in the hospital" is a newsletter's sentence-case subhead
# A person and their title under a quotation or at the end ("Dom Paul Delatte, OSB,
# Abbot of Solesmes"), and a timeline's dated section heading, are not headlines.
_ATTRIBUTION_LINE_RE = re.compile(r"[A-Z][\w.'’\-]+(?:[ \t]+[A-Z][\w.'’\-]+){1,3},[ \t]")
_YEAR_HEADING_RE = re.compile(r"(?:[A-Z][a-z]+[ \t]+)?(?:1[89]|20)\d\d\b")
# Bounds that keep pathological inputs (a megabyte of "[" or of one-word lines)
# fast; real articles stay far below them.
_MAX_LINES_EACH_END = 2000
_MAX_CANDIDATES = 5000

# A block: a line, or a part of one between runs of two or more spaces. One
# white-space character per repetition, so matching is linear.
_BLOCK_RE = re.compile(r"\S+(?:[^\S\n]\S+)*")
_WIDE_GAP_RE = re.compile(r"[^\S\n]{2,}")
# Bullets and marks that may open a furniture line.
_LINE_OPEN = r"(?:[•·*_#>|»›→■▪◦●\-–—]|[^\S\n])*"  # single characters: no nested repetition
_LINE_CLOSE = r"[*_]*[^\S\n]*[:：.!…»›→|>\-–—]*[*_]*[^\S\n]*"  # markdown bold/italics allowed
_LEAD_SEPARATOR = r"[*_]*[^\S\n]*[:：»›|][*_]*[^\S\n]*(?=\S)"

_LINK_RE = re.compile(
    r"https?://|\bwww\.|\bdoi\b|\b10\.\d{4,}/|\barxiv\b|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|mil|info|io|co|us|uk|ca|au|de|fr|ru|ua|eu|news|tv|me|ly|gl)\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_BREADCRUMB_SPLIT_RE = re.compile(r"[^\S\n]*(?:[›»>]|[^\S\n][/|][^\S\n])[^\S\n]*")
_BYLINE_RE = re.compile(
    r"(?:by|written\s+by|reporting\s+by|editing\s+by|additional\s+reporting|contributing|compiled\s+by|"
    r"produced\s+by|source|sources|photo|image|credit|copyright|posted|published|updated|filed)\b",
    re.IGNORECASE,
)
_QUOTE_RE = re.compile("[\"“”„«»]")
# The name before "/AP" in a credit: up to four capitalised words ending at the slash.
# Up to four capitalised words or initials before "/AGENCY"; a word with a full stop
# after it ends a sentence ("... on Saturday. Ryan Pierse/Getty Images").
_CREDIT_NAME_RE = re.compile(r"(?<![\w.'’-])(?:(?:[A-Z]\.|[A-Z][\w'’-]*)[^\S\n]){0,3}(?:[A-Z]\.|[A-Z][\w'’-]*)[^\S\n]?$")
_NARRATION_RE = re.compile(
    r"\b(?:said|says|say|told|tells|according|was|were|has|have|had|will|would|could|should|can|"
    r"might|must|did|does|do|am|been|being|i|we|you|our|my|your|us|it['’]s|there['’]s|"
    r"however|interestingly|meanwhile|although|because|"
    r"went|came|took|made|gave|got|saw|found|became|began|left|kept|held|brought|ran|met|paid|sent|spent|stood|"
    r"won|lost|wrote|fell|rose|led|felt|drew|grew|knew|thought|showed|struck|broke|spoke|chose|drove|flew)\b|"
    r"\b(?:is|are)\b(?!\s+(?:seen|shown|pictured|depicted))|\b(?-i:may)\b",
    re.IGNORECASE,
)
# A past-tense or participle "-ed" word that narrates ("circulated online"), unless it
# opens a participle phrase ("fuelled by", "pictured in").
_PAST_TENSE_RE = re.compile(
    r"(?<=\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)[a-z]{2,}ed\b(?!\s+(?:by|in|with|at|on|from|during|near|as|outside|inside|after|before|under|over|for)\b)"
)
_CAPTION_PARTICIPLES = frozenset({"pictured", "silhouetted", "depicted", "illustrated"})

_TITLE_MINOR_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from as vs via into over after up is are be its it "
    "that this than out off per so yet if amid".split()
)
_STOPWORDS = _TITLE_MINOR_WORDS | frozenset(
    "about also been being could does from have here just more most much must only other said says some such "
    "than that their them then there these they this those what when where which while will with would your "
    "after against again because before between during into news over under where why how who".split()
)


# -- regex building ----------------------------------------------------------------
_REGEX_META = frozenset("()[]{}?*+|.^$\\")
_QUANTIFIERS = frozenset("?*+{")
_WHITESPACE_UNIT = r"\s+"
_MAX_EXPANSIONS = 256
_ENOUGH_PREFIX = 10


def _unit(char: str, fold: bool) -> str:
    """One character of a literal phrase as a regex: white space matches any run of
    white space (line breaks included), apostrophes match both styles, letters both
    cases when ``fold`` (explicit classes keep the engine's fast first-character
    test on every branch, which re.IGNORECASE loses)."""
    if char.isspace():
        return _WHITESPACE_UNIT
    if char in "'’":
        return "['’]"
    if fold:
        low, up = char.lower(), char.upper()
        if low != up and len(low) == 1 and len(up) == 1:
            return f"[{re.escape(low)}{re.escape(up)}]"
    return re.escape(char)


_APOSTROPHE_CLASSES = ("['’]", "[’']")


def _atom_at(source: str, i: int) -> tuple[str, int] | None:
    r"""The literal character a regex spells at ``i`` and the width of its spelling
    (``\s+`` reads as a space, ``['’]`` as an apostrophe), or None."""
    ch = source[i]
    if source.startswith(r"\s+", i):
        return " ", 3
    for spelling in _APOSTROPHE_CLASSES:
        if source.startswith(spelling, i):
            return "'", len(spelling)
    if ch == "\\" and i + 1 < len(source) and not source[i + 1].isalnum():
        return source[i + 1], 2
    if ch not in _REGEX_META and not ch.isspace():
        return ch, 1
    return None


def _literal_prefix(source: str) -> tuple[list[str], str]:
    r"""Split a regex into the literal text it must start with, as lower-case
    characters (a space for ``\s+``), and the rest."""
    units: list[str] = []
    i = 0
    while i < len(source):
        atom = _atom_at(source, i)
        if atom is None:
            break
        literal, width = atom
        if literal != " " and i + width < len(source) and source[i + width] in _QUANTIFIERS:
            break  # the character is quantified: it belongs to the rest
        units.append(literal.lower())
        i += width
    return units, source[i:]


def _expand_regex(source: str, budget: list[int] | None = None) -> list[str]:
    """Sources equivalent to ``source`` whose literal opening is as long as possible:
    top-level alternatives are split; after the literal opening, an ``(?:a|b)``
    group becomes one source per branch and an optional character or group
    (``s?``, ``(?:ing)?``) one source with it and one without (up to a budget)."""
    budget = budget if budget is not None else [_MAX_EXPANSIONS]
    out: list[str] = []
    for part in split_top_level(source):
        units, rest = _literal_prefix(part)
        head = part[: len(part) - len(rest)]
        choices: list[str] | None = None
        if len(units) >= _ENOUGH_PREFIX:
            pass  # distinctive enough: few positions will reach the regex
        elif rest.startswith("(?:"):
            close = scan_to(rest, 3, stop_at_bar=False)
            after = rest[close + 1:]
            branches = split_top_level(rest[3:close]) if close < len(rest) else []
            if branches and not (after and after[0] in _QUANTIFIERS):
                choices = [head + b + after for b in branches]
            elif branches and after.startswith("?") and not after.startswith(("??", "?+")):
                choices = [head + b + after[1:] for b in branches] + [head + after[1:]]
        elif rest:
            atom = _atom_at(rest, 0)
            if atom and atom[0] != " " and rest[atom[1]:].startswith("?") and not rest[atom[1]:].startswith(("??", "?+")):
                spelled, after = rest[: atom[1]], rest[atom[1] + 1:]
                choices = [head + spelled + after, head + after]
        if choices and budget[0] >= len(choices):
            budget[0] -= len(choices)
            for choice in choices:
                out.extend(_expand_regex(choice, budget))
        else:
            out.append(part)
    return out


# A regex entry with no literal opening is searched through the whole text. One
# that opens with a lookbehind is tried at every position; with the character
# class first and the lookbehind after it, the engine skips in C to the class's
# characters: "(?<!\d)\d{1,3}" becomes "\d(?<!\d\d)\d{0,2}" (the same matches).
_LOOKBEHIND_OPENING_RE = re.compile(
    r"\(\?<!(?P<before>\\[dwsDWS])\)(?P<atom>\\[dwsDWS])(?:\{(?P<low>[1-9]\d*),(?P<high>\d+)\})?(?![?*+{])"
)


def _class_first(source: str) -> str:
    """``source`` with an opening ``(?<!X)A`` or ``(?<!X)A{m,n}`` (one-character
    classes) written ``A(?<!XA)`` or ``A(?<!XA)A{m-1,n-1}``; else ``source``."""
    m = _LOOKBEHIND_OPENING_RE.match(source)
    if m is None:
        return source
    atom = m["atom"]
    opening = f"{atom}(?<!{m['before']}{atom})"
    if m["low"]:
        opening += f"{atom}{{{int(m['low']) - 1},{int(m['high']) - 1}}}"
    return opening + source[m.end():]


@dataclass(frozen=True)
class _Entry:
    """One lexicon entry: the rule family it feeds and where it counts."""

    category: str
    scope: str  # inline | caps | label | lead (a lead phrase after a sentence end)
    phrase: str


def _canonical(text: str) -> str:
    return " ".join(text.split()).lower().replace("’", "'")


_PREFIX, _LITERAL = "prefix", "literal"


class _PhraseScanner:
    """Every phrase that can stand anywhere in the text, found in one pass.

    Phase one runs a single prefix trie over a lower-cased copy of the text (same
    length, so offsets carry over): it holds the literal phrases and the literal
    openings of the regex entries. Phase two runs, at each hit only, the regex
    entries that open with that text, on the caller's text, and checks the entry's
    scope (exact capitals, a label's colon, a lead phrase's sentence start).
    """

    def __init__(self, entries: Sequence[_Entry]) -> None:
        self._literals: dict[str, list[_Entry]] = {}
        # Regex entries by literal opening, compiled on first use: most openings never
        # occur in a given text, and compiling them all would slow loading.
        self._regexes: dict[str, list[tuple[str, int, _Entry]]] = {}
        self._compiled: dict[tuple[str, int], re.Pattern[str]] = {}
        self._standalone: list[tuple[re.Pattern[str], _Entry]] = []
        trie: dict = {}
        for entry in entries:
            if not entry.phrase.startswith("re:"):
                key = _canonical(entry.phrase)
                self._literals.setdefault(key, []).append(entry)
                _trie_insert(trie, [_unit(c, False) for c in key], _LITERAL)
                continue
            flags = re.IGNORECASE if entry.scope in ("inline", "lead") else 0
            for source in _expand_regex(entry.phrase[3:]):
                units, _ = _literal_prefix(source)
                key = "".join(units).strip()
                if not key:
                    pattern = re.compile(f"(?:{_class_first(source)})(?!\\w)", flags)
                    self._standalone.append((pattern, entry))  # costs a pass of its own
                    continue
                self._regexes.setdefault(key, []).append((source, flags, entry))
                _trie_insert(trie, [_unit(c, False) for c in key], _PREFIX)
        source = _trie_emit(trie) or r"(?!x)x"
        self._source = r"(?<!\w)" + source
        self._search = re.compile(self._source).search
        # The folding twin is for the rare texts whose lower case is longer: compiled
        # on first use, since compiling the trie costs about 35 ms of loading.
        self._folding: re.Pattern[str] | None = None

    def scan(self, text: str, lowered: str | None = None) -> Iterator[tuple[int, int, _Entry]]:
        """(start, end, entry) for each phrase found, left to right, not overlapping.
        ``lowered`` is ``text.lower()`` when the caller has it (``Document.lowered``)."""
        low = text.lower() if lowered is None else lowered
        search = self._search
        if len(low) != len(text):  # rare letters whose lower case is longer: match the text itself
            if self._folding is None:
                self._folding = re.compile(self._source, re.IGNORECASE)
            low, search = text, self._folding.search
        pos = 0
        for _ in range(_MAX_CANDIDATES):  # a bound for pathological inputs ("[[[[...")
            hit = search(low, pos)
            if hit is None:
                break
            start = hit.start()
            found = self._resolve(text, start, hit.group())
            if found is None:
                pos = start + 1
                continue
            yield found
            pos = found[1]
        for pattern, entry in self._standalone:
            for match in pattern.finditer(text):
                if match.end() > match.start() and _scope_holds(text, match.start(), match.end(), entry):
                    yield match.start(), match.end(), entry

    def _resolve(self, text: str, start: int, matched: str) -> tuple[int, int, _Entry] | None:
        """The entry found at ``start``: the trie stopped at the longest opening it
        knows, so every shorter opening along the way is tried too, longest first."""
        for key, length in reversed(_key_prefixes(matched)):
            end = start + length
            for source, flags, entry in self._regexes.get(key, ()):
                pattern = self._compiled.get((source, flags))
                if pattern is None:
                    pattern = self._compiled[(source, flags)] = re.compile(f"(?:{source})(?!\\w)", flags)
                match = pattern.match(text, start)
                if match and match.end() > start and _scope_holds(text, start, match.end(), entry):
                    return start, match.end(), entry
            entries = self._literals.get(key)
            if entries and not (end < len(text) and (text[end].isalnum() or text[end] == "_")):
                for entry in entries:
                    if _scope_holds(text, start, end, entry):
                        return start, end, entry
        return None


def _key_prefixes(matched: str) -> tuple[tuple[str, int], ...]:
    """(canonical key, length in ``matched``) for each prefix of ``matched`` that
    ends a character, white space runs collapsed as :func:`_canonical` does."""
    # Cached: the same few openings ("in", "with the") are hit in every article.
    # Only short ones: white space inside a phrase may run for a megabyte.
    if len(matched) <= _CACHED_OPENING_CHARS:
        return _cached_key_prefixes(matched)
    return _compute_key_prefixes(matched)


_CACHED_OPENING_CHARS = 80


@lru_cache(maxsize=4096)
def _cached_key_prefixes(matched: str) -> tuple[tuple[str, int], ...]:
    return _compute_key_prefixes(matched)


def _compute_key_prefixes(matched: str) -> tuple[tuple[str, int], ...]:
    out: list[tuple[str, int]] = []
    key = ""
    for i, ch in enumerate(matched):
        if ch.isspace():
            continue
        if i > 0 and matched[i - 1].isspace():
            key += " "
        key += "'" if ch == "’" else ch.lower()
        out.append((key, i + 1))
    return tuple(out)


_LABEL_AFTER_RE = re.compile(r"[^\S\n]*[:：»›|]|[^\S\n]{2,}|[^\S\n]*\n|[^\S\n]*$")
_LEAD_AFTER_RE = re.compile(r"[^\S\n]*[:：»›|][^\S\n]*(?=\S)")


def _scope_holds(text: str, start: int, end: int, entry: _Entry) -> bool:
    if entry.scope == "inline":
        return True
    if entry.scope == "lead":  # "... she said. Related: ..." (at a line start the block pass finds it)
        return (
            start >= 2 and text[start - 1].isspace() and text[start - 2] in ".!?\"”’)"
            and text[start].isupper() and _LEAD_AFTER_RE.match(text, end) is not None
        )
    if not entry.phrase.startswith("re:") and " ".join(text[start:end].split()) != " ".join(entry.phrase.split()):
        return False  # caps and labels count only as written
    return entry.scope == "caps" or _LABEL_AFTER_RE.match(text, end) is not None


def _trie_insert(trie: dict, units: Sequence[str], kind: str) -> None:
    """Add a phrase, as regex units, to a prefix trie; ``kind`` marks its end."""
    node = trie
    for unit in units:
        node = node.setdefault(unit, {})
    node.setdefault("", set()).add(kind)


def _trie_emit(node: dict) -> str:
    """Regex source of a trie: shared prefixes written once, longest match first.
    A literal's end needs a word boundary; a regex opening's end does not (the
    regex itself decides)."""
    branches = [unit + _trie_emit(child) for unit, child in node.items() if unit]
    kinds = node.get("", set())
    if _PREFIX in kinds:
        branches.append("")
    elif _LITERAL in kinds:
        branches.append(r"(?!\w)")
    if not branches:
        return ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _trie_source(phrases: Iterable[str]) -> str:
    """A case-insensitive alternation of literal phrases factored by prefix."""
    root: dict = {}
    for phrase in phrases:
        _trie_insert(root, [_unit(c, True) for c in " ".join(phrase.split())], _LITERAL)
    return _trie_emit(root)


def _alternation(entries: Sequence[str]) -> str | None:
    """Regex source (case-insensitive) for lexicon entries: literals and ``re:`` regexes."""
    literals = [e for e in entries if not e.startswith("re:")]
    parts = [_trie_source(literals)] if literals else []
    parts.extend(f"(?i:{e[3:]})" for e in entries if e.startswith("re:"))
    return "|".join(parts) if parts else None


def _grouped(sources: dict[str, str | None]) -> str | None:
    """Named groups, one per category, so that ``match.lastgroup`` tells the category."""
    groups = [f"(?P<{name}>{src})" for name, src in sources.items() if src]
    return "(?:" + "|".join(groups) + ")" if groups else None


def _never() -> re.Pattern[str]:
    return re.compile(r"(?!x)x")


def _scoped_entries(lexicon: Lexicon) -> dict[str, list[str]]:
    by_scope: dict[str, list[str]] = {scope: [] for scope in _SCOPES}
    for entry in lexicon.entries:
        scope = entry[1] if len(entry) > 1 and entry[1] else "inline"
        if scope not in by_scope:
            raise ValueError(f"lexicon {lexicon.name!r}: unknown scope {scope!r} for {entry[0]!r}")
        by_scope[scope].append(entry[0])
    return by_scope


# -- layout ------------------------------------------------------------------------------
class _Block(NamedTuple):
    start: int
    end: int
    words: int
    whole_line: bool  # the block is a whole line (not part of a line split by a wide gap)


def _blocks(doc: Document) -> list[_Block]:
    """The blocks of the first and last ``_MAX_LINES_EACH_END`` lines: furniture sits
    at the top and bottom of a page, and no article is longer (a bound that keeps
    pathological inputs fast)."""
    text = doc.text
    word_starts = doc.word_starts
    lines = doc.lines
    if len(lines) > 2 * _MAX_LINES_EACH_END:
        lines = lines[:_MAX_LINES_EACH_END] + lines[-_MAX_LINES_EACH_END:]
    blocks = []
    for line_start, line_end in lines:
        if _WIDE_GAP_RE.search(text, line_start, line_end):
            found = _BLOCK_RE.finditer(text, line_start, line_end)
            pieces = [m.span() for m, _ in zip(found, range(_MAX_LINES_EACH_END))]
        else:
            pieces = [(line_start, line_end)]  # most lines have no wide gap
        whole = len(pieces) == 1
        for start, end in pieces:
            words = bisect.bisect_left(word_starts, end) - bisect.bisect_left(word_starts, start)
            blocks.append(_Block(start, end, words, whole))
    return blocks


def _content_words(text: str) -> set[str]:
    """Lower-case content words, plural -s stripped, for a rough topic overlap."""
    words = set()
    for word in map(str.lower, WORD_RE.findall(text)):  # findall: no Match object per word
        if len(word) < 4 or word in _STOPWORDS or not word.isalpha():
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return words


def _is_title_case(words: Sequence[str], share: float = 0.75) -> bool:
    significant = [w for w in words if w.lower() not in _TITLE_MINOR_WORDS and w[:1].isalpha()]
    if len(significant) < 3:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised >= share * len(significant)


@dataclass
class _Candidate:
    code: str
    start: int
    end: int
    message: str
    data: dict


class Boilerplate(Detector):
    spec = DetectorSpec(
        name="boilerplate",
        code_prefix="RS3",
        version="1.14",
        description=(
            "Page furniture and template text inside the article body: share/subscribe/cookie/ad text, "
            "navigation links and other stories' headlines, summary widgets, photo captions, link-less "
            "source lists, unfilled placeholders, and the stock phrases of generated prose."
        ),
        features=(
            FeatureSpec(
                "furniture_line_share",
                "Share of lines (or blocks set off by wide gaps) that are page furniture (RS301-RS307); NaN for an empty text.",
                "{value:.0%} of the lines are page furniture (buttons, links, captions, widgets) rather than article text",
            ),
            FeatureSpec(
                "call_to_action_count",
                "Share/subscribe/newsletter/cookie/advertisement/donate/click-here items (RS301).",
                "{value:.0f} share, subscribe, advertisement or other site-chrome item{s} in the text",
            ),
            FeatureSpec(
                "navigation_count",
                "Navigation labels such as 'Previous Article', 'Related Articles', 'Read more:' and breadcrumbs (RS302).",
                "{value:.0f} navigation label{s} ('Next Article', 'Related', 'Read more:') in the text",
            ),
            FeatureSpec(
                "summary_widget_count",
                "Template summary boxes and labels such as 'At a Glance', 'Key Takeaways', 'TL;DR' (RS303).",
                "{value:.0f} template summary widget{s} ('At a Glance', 'Key Takeaways', 'TL;DR')",
            ),
            FeatureSpec(
                "caption_count",
                "Photo captions and credits standing in the text (RS304).",
                "{value:.0f} photo caption{s} or picture credit{s} left in the text",
            ),
            FeatureSpec(
                "trailing_headline_count",
                "Headlines of other stories left in the text: after navigation labels, at the end, or alone among the paragraphs (RS305).",
                "{value:.0f} headline{s} of other stories left in the text",
            ),
            FeatureSpec(
                "unlinked_sources_lists",
                "'Sources:'/'References:' lists whose entries carry no link (RS306).",
                "{value:.0f} 'Sources' list{s} naming titles without any link a reader could follow",
            ),
            FeatureSpec(
                "placeholder_count",
                "Unfilled template placeholders, prompt labels, template code and assistant remarks (RS307).",
                "{value:.0f} unfilled template placeholder{s} or generator remark{s} ('[Insert Date]', 'Headline:')",
            ),
            FeatureSpec(
                "filler_per_1k",
                "Stock phrases typical of generated prose per 1,000 words, outside quotations (RS308); NaN for an empty text.",
                "{value:.1f} stock phrases of generated prose ('only time will tell', 'a testament to') per 1,000 words",
            ),
        ),
        rules=(
            RuleSpec(
                CHROME, "call-to-action",
                "Share, subscribe, newsletter, cookie, advertisement, sign-up, donate, follow-us or click-here text from the page around the article, or a press release's furniture ('For immediate release', 'Media contact').",
                severity="info", feature="call_to_action_count",
                should=(
                    "FOR IMMEDIATE RELEASE\n\nAcme Robotics today announced record revenue.\n\nMedia Contact:\nSarah Lin",
                    "Officials said the plan would cost $2 billion.\n\nShare this article\n\nThe vote is due Friday.",
                    "The council meets again in May. Sign up for our daily newsletter to get the latest headlines.",
                    "Visit our Re-post guidelines\n\nA new bill in the state senate would require schools to report outbreaks.",
                    "The minister resigned on Tuesday.\n\nAdvertisement\n\nHer deputy will act in her place.",
                    "If you value our reporting, please donate today. Click here to support us.",
                ),
                should_not=(
                    "Voters will be able to read more about the measure in a booklet mailed next week.",
                    "The company said it would share the data with regulators and subscribe to the new code.",
                    "The advertisement, which ran on local stations, drew complaints from both parties.",
                    "Twitter said it had removed the accounts after a review.",
                ),
                rationale="Site chrome inside a body shows the text was scraped or pasted without editing; content farms also insert their own calls to action.",
            ),
            RuleSpec(
                NAVIGATION, "navigation",
                "Navigation text: previous/next links, related-story and 'read next' boxes, trending lists, 'Read more:' refers, breadcrumbs.",
                severity="info", feature="navigation_count",
                should=(
                    "The talks resume on Monday.\n\nPrevious Article\n\nCity Council Approves New Budget\n\nNext Article\n\nLocal Team Wins Title",
                    "Prices rose 3% in March.\n\nRelated Articles\n\nFed Signals Pause in Rate Rises",
                    "Home » News » World\n\nThe summit opened in Geneva on Tuesday.",
                    "The ministry confirmed the figures. READ MORE: Ministry admits data errors",
                ),
                should_not=(
                    "In a previous article, the paper reported that the mayor had been warned.",
                    "The next article of the treaty deals with fishing rights.",
                    "Ministers will read more of the report before they decide.",
                    "Related research has found similar effects in mice.",
                ),
                rationale="Navigation copied with the body shows the text was lifted from a web page, often with other stories' headlines mixed in.",
            ),
            RuleSpec(
                SUMMARY, "summary-widget",
                "A summary box or label inserted by a template: 'No time to read? Get a summary', 'At a Glance', 'Key Takeaways', 'TL;DR', 'In Brief', 'Summary:'.",
                severity="info", feature="summary_widget_count",
                should=(
                    "Aid to Ukraine\n\nNo time to read?\nGet a summary\n\nOfficials are weighing new aid.",
                    "Missile decision\n\nAt a Glance\n\n• Biden approves strikes.\n• Russia responds.",
                    "Key Takeaways:\n- Rates are unchanged.\n- Inflation eased.",
                    "TL;DR: the council voted to close the library.",
                ),
                should_not=(
                    "In brief remarks to reporters, the governor said the state was ready.",
                    "At a glance, the plan looks generous; the details tell another story.",
                    "The judge asked for a summary of the evidence by Friday.",
                ),
                rationale="Summary widgets are template furniture; generated articles often carry 'Key Takeaways' or 'At a Glance' scaffolding.",
            ),
            RuleSpec(
                CAPTION, "image-caption",
                "A photo caption or credit standing in the text: a short stand-alone line describing a picture, 'Photo: Reuters', '(AP Photo/Evan Vucci)', 'FILE PHOTO: ...'.",
                severity="info", feature="caption_count",
                should=(
                    "Missile talks\n\nSilhouetted soldiers with Russian and Ukrainian flag backgrounds.\n\nThe decision came late on Sunday.",
                    "The president spoke on Monday. (AP Photo/Evan Vucci)",
                    "Photo: Reuters\n\nThe central bank held rates steady.",
                    "Image credit: Getty Images\n\nShares fell sharply in Tokyo.",
                    "FILE PHOTO: A trader works on the floor of the exchange.\n\nStocks fell on Friday.",
                ),
                should_not=(
                    "Photos of the crash were shared widely online, police said.",
                    "WASHINGTON (Reuters) - The Senate passed the bill on Thursday.",
                    "By Jane Smith, Reuters\n\nThe Senate passed the bill on Thursday.",
                    "The photographer said she had taken the picture in 2019.",
                ),
                rationale="Captions and credits are page furniture; on content farms a stock-photo caption often stands in for reporting.",
            ),
            RuleSpec(
                TRAILING_HEADLINE, "trailing-headlines",
                "Headlines of other stories left in the text: after a navigation label, a run of title-case lines at the end unrelated to the body, or one such line alone among the story's paragraphs.",
                severity="info", feature="trailing_headline_count",
                should=(
                    "Aid talks continue.\n\nPrevious Article\n\nEventful Youth Gathering Ends in Property Damage and Family Reassessment\n\nNext Article\n\nGlobal Football Standings, News, and Key Competitions",
                    "The minister is expected to decide next week on the missile transfer.\n\nCelebrity Chef Opens Third Restaurant in Miami\n\nTen Gardening Tips for a Rainy Spring Weekend",
                ),
                should_not=(
                    "Pentagon's Strategy With Ukraine\n\nThe Pentagon has spent months planning strikes, officials said.",
                    "The minister is expected to decide next week.\n\nBy Jane Smith and John Doe",
                ),
                rationale="Other stories' headlines mixed into the text show a careless copy of a web page; unrelated ones can mislead a reader about the topic.",
            ),
            RuleSpec(
                UNLINKED_SOURCES, "unlinked-sources",
                "A 'Sources:' or 'References:' list whose entries name titles but carry no link, URL or DOI.",
                severity="warning", feature="unlinked_sources_lists",
                should=(
                    "The U.S. continues to weigh its options.\n\nSources:\n\nBiden allows Ukraine to use US arms to strike inside Russia\n\nBiden authorizes longer-range missiles",
                    "References:\n1. Vaccine study shows strong results\n2. Experts weigh in on booster timing",
                ),
                should_not=(
                    "Sources:\nhttps://www.reuters.com/world/europe/aid-2024-11-17/\nhttps://apnews.com/article/ukraine",
                    "Two sources said the talks had stalled, and sources close to the minister confirmed it.",
                    "Sources: Reuters, AP",
                ),
                rationale="A reference list a reader cannot follow looks like sourcing without offering any; generated articles often end with one.",
            ),
            RuleSpec(
                PLACEHOLDER, "template-placeholder",
                "Template text left unfilled or unedited: '[Insert Date]', '[Your Name]', 'Headline:' labels, '{{message}}' template code, or the generator's own remarks ('As an AI language model').",
                severity="warning", feature="placeholder_count",
                should=(
                    "Title: Scientists Discover New Cure\n\nDate: [Insert Current Date]\n\nResearchers announced...",
                    "By [Your Name], Staff Writer",
                    "Note: This article is entirely fictional and was generated by an AI language model.",
                    "Please enter a valid email address {{#verifyErrors}} {{message}} {{/verifyErrors}}",
                ),
                should_not=(
                    "The senator said [the bill] would pass by June.",
                    "Title IX rules were rewritten last year.",
                    "The headline figure rose 2%, the agency said.",
                ),
                rationale="Unfilled placeholders and prompt labels are unmistakable signs of unedited generated or templated text.",
            ),
            RuleSpec(
                FILLER, "filler-phrase",
                "A stock phrase typical of generated prose ('the question remains', 'only time will tell', 'a testament to', 'plays a crucial role', 'navigating the complexities') in the article's own voice.",
                severity="info", feature="filler_per_1k",
                should=(
                    "As the U.S. moves forward, the question remains: will this bring peace?",
                    "Only time will tell whether the plan succeeds.",
                    "The deal stands as a testament to years of diplomacy.",
                    "Technology plays a crucial role in navigating the complexities of modern warfare.",
                    "In today's fast-paced world, the stakes could not be higher.",
                ),
                should_not=(
                    "The question of funding remains open, the committee said.",
                    "\"Only time will tell,\" the coach said after the game.",
                    "The ministry will publish the figures on Tuesday.",
                ),
                rationale="Padding phrases carry no information; a high rate of them is typical of generated and content-farm text. One phrase alone proves nothing.",
            ),
        ),
    )

    # -- loading --------------------------------------------------------------------
    def _load(self) -> None:
        scoped = {name: _scoped_entries(load_lexicon(file)) for name, (file, _) in _CATEGORY_LEXICONS.items()}
        self._category_code = {name: code for name, (_, code) in _CATEGORY_LEXICONS.items()}

        def block_pattern(scope: str, suffix: str) -> re.Pattern[str]:
            source = _grouped({name: _alternation(entries[scope]) for name, entries in scoped.items()})
            return re.compile(_LINE_OPEN + source + suffix) if source else _never()

        # Anchored on one block at a time, so a plain alternation is cheap here.
        self._line_re = block_pattern("line", _LINE_CLOSE)
        self._lead_re = block_pattern("lead", _LEAD_SEPARATOR)
        agencies = "|".join(re.escape(a) for a in sorted(scoped["caption"]["agency"], key=len, reverse=True))
        # Starts with a literal "/", so the engine jumps from slash to slash.
        self._slash_credit_re = re.compile(r"/[^\S\n]?(?:" + agencies + r")(?![\w/])") if agencies else _never()
        sources = _alternation(load_lexicon("boilerplate_sources").phrases) or r"(?!x)x"
        self._sources_header_re = re.compile(_LINE_OPEN + "(?:" + sources + r")[^\S\n]*[:：]?[^\S\n]*")
        self._sources_lead_re = re.compile(_LINE_OPEN + "(?:" + sources + r")[^\S\n]*[:：][^\S\n]*(?=\S)")

        # Everything that may stand anywhere, filler phrases included: one pass.
        entries = [
            _Entry(name, scope, phrase)
            for name, by_scope in scoped.items()
            for scope in ("inline", "caps", "label", "lead")
            for phrase in by_scope[scope]
        ]
        entries += [_Entry("filler", "inline", phrase) for phrase in load_lexicon("boilerplate_filler").phrases]
        entries += [_Entry("cue", "inline", phrase) for phrase in scoped["caption"]["cue"]]
        self._scanner = _PhraseScanner(entries)

    # -- detection ------------------------------------------------------------------
    def detect(self, doc: Document) -> DetectorOutput:
        out = self.builder(doc)
        text = doc.spaced
        blocks = _blocks(doc)
        candidates: list[_Candidate] = []
        fillers: list[tuple[int, int]] = []
        cues: list[int] = []
        for start, end, entry in self._scanner.scan(text, doc.lowered):
            if entry.category == "cue":
                cues.append(start)
            elif entry.category == "filler":
                # A quoted speaker's cliché is theirs, not the writer's; a capital inside a
                # sentence is a name or a headline ("Tapestry", the company).
                if not doc.in_quote(start, end) and (text[start].islower() or _opens_sentence(text, start)):
                    fillers.append((start, end))
            elif entry.category == "placeholder" and text[start] == "[" and doc.in_quote(start, end):
                continue  # an editor's insertion in a quotation: "go back quite some [time]"
            elif entry.scope == "lead":
                end = _rstrip_separator(text, start, end)
                candidates.append(self._candidate(entry.category, start, end, text, whole_line=False))
            else:
                candidates.append(self._candidate(entry.category, start, end, text, whole_line=False))
        candidates += self._block_furniture(text, blocks)
        candidates += self._slash_credits(text)
        candidates += _described_captions(text, blocks, cues)
        candidates = _extend_captions(text, blocks, candidates)
        sources, source_items = self._unlinked_sources(text, blocks, candidates)
        candidates += sources
        candidates = _dedupe(candidates)
        candidates += _headlines(text, blocks, candidates, source_items)
        candidates = _merge_adjacent(text, _dedupe(candidates))

        for c in candidates:
            out.add(c.code, c.start, c.end, c.message, data=c.data)
        for start, end in fillers:
            phrase = " ".join(text[start:end].split())
            out.add(FILLER, start, end, f"Stock phrase of generated prose: '{phrase}'.", data={"phrase": phrase.lower()})

        counts = {code: 0 for code in STRUCTURAL_CODES}
        for c in candidates:
            counts[c.code] += 1
        furniture_blocks = _covered_blocks(blocks, merge_spans([(c.start, c.end) for c in candidates]))
        features = {
            "furniture_line_share": share(furniture_blocks, len(blocks)),
            "call_to_action_count": float(counts[CHROME]),
            "navigation_count": float(counts[NAVIGATION]),
            "summary_widget_count": float(counts[SUMMARY]),
            "caption_count": float(counts[CAPTION]),
            "trailing_headline_count": float(counts[TRAILING_HEADLINE]),
            "unlinked_sources_lists": float(counts[UNLINKED_SOURCES]),
            "placeholder_count": float(counts[PLACEHOLDER]),
            "filler_per_1k": per_thousand(len(fillers), doc.word_count),
        }
        return out.output(features)

    # -- furniture found by layout ----------------------------------------------------
    def _block_furniture(self, text: str, blocks: Sequence[_Block]) -> list[_Candidate]:
        found = []
        for block in blocks:
            s, e = block.start, block.end
            short = block.words <= _SHORT_BLOCK_WORDS and e - s <= _SHORT_BLOCK_CHARS
            if short:
                m = self._line_re.fullmatch(text, s, e)
                if m:
                    found.append(self._candidate(m.lastgroup, s, e, text, whole_line=True))
                    continue
                crumb = _breadcrumb(text, s, e)
                if crumb:
                    found.append(_Candidate(NAVIGATION, s, e, "Breadcrumb navigation trail copied from the page.", {"kind": "breadcrumb"}))
                    continue
            m = self._lead_re.match(text, s, e)
            if m:
                end = e if block.words <= _LEAD_WHOLE_BLOCK_WORDS else _rstrip_separator(text, m.start(), m.end())
                found.append(self._candidate(m.lastgroup, s, end, text, whole_line=False))
                continue
        return found

    def _candidate(self, category: str | None, start: int, end: int, text: str, *, whole_line: bool) -> _Candidate:
        code = self._category_code[category or "chrome"]
        return _Candidate(code, start, end, _furniture_message(code, text, start, end), {"category": category, "whole_line": whole_line})

    def _slash_credits(self, text: str) -> list[_Candidate]:
        """'Evan Vucci/AP': up to four capitalised words, a slash, a photo agency."""
        found = []
        for m, _ in zip(self._slash_credit_re.finditer(text), range(_MAX_CANDIDATES // 10)):
            name = _CREDIT_NAME_RE.search(text, max(0, m.start() - 60), m.start())
            if name:
                found.append(self._candidate("caption", name.start(), m.end(), text, whole_line=False))
        return found

    def _unlinked_sources(
        self, text: str, blocks: Sequence[_Block], furniture: Sequence[_Candidate]
    ) -> tuple[list[_Candidate], set[int]]:
        """'Sources:' headings over entries that give a reader nothing to follow: no
        link, and no dated citation either ("..., CNN, May 4, 2020" can be looked
        up; a bare title cannot). Returns the findings and the indices of blocks
        that are list entries (they are not stray headlines)."""
        furniture_starts = {c.start for c in furniture}
        found: list[_Candidate] = []
        items_taken: set[int] = set()
        index = -1
        while index + 1 < len(blocks):
            index += 1
            block = blocks[index]
            s, e = block.start, block.end
            if block.words <= 6 and self._sources_header_re.fullmatch(text, s, e):
                items = []
                for j in range(index + 1, min(len(blocks), index + 1 + _MAX_SOURCE_ITEMS)):
                    item = blocks[j]
                    if item.words > _SOURCE_ITEM_WORDS or item.start in furniture_starts:
                        break
                    if text[item.end - 1] in ".!?" and not (
                        _YEAR_RE.search(text, item.start, item.end) or _LINK_RE.search(text, item.start, item.end)
                    ):
                        break  # a sentence, not a title or a citation: the list (if any) has ended
                    items.append(j)
                following = index + 1 + len(items)
                if not items and following < len(blocks) and blocks[following].start not in furniture_starts:
                    continue  # a heading followed by prose is a subhead, not a list
                items_taken.update(items)
                index += len(items)  # entries are not headings: go on after the list
                if any(_LINK_RE.search(text, blocks[j].start, blocks[j].end) for j in items):
                    continue
                dated = sum(1 for j in items if _YEAR_RE.search(text, blocks[j].start, blocks[j].end))
                if items and dated * 2 >= len(items):
                    continue  # dated citations: checkable without a link
                what = f"{len(items)} entr{'y' if len(items) == 1 else 'ies'} and no link" if items else "nothing under it"
                found.append(_Candidate(
                    UNLINKED_SOURCES, s, _rstrip_separator(text, s, e),
                    f"A sources list with {what}: the titles cannot be followed or checked.",
                    {"items": len(items)},
                ))
                continue
            m = self._sources_lead_re.match(text, s, e)
            if m:
                entries = [p for p in re.split(r"[;|]|,\s", text[m.end():e]) if len(p.split()) >= _SOURCE_TITLE_WORDS]
                if len(entries) >= 2 and not _LINK_RE.search(text, m.end(), e) and not _YEAR_RE.search(text, m.end(), e):
                    found.append(_Candidate(
                        UNLINKED_SOURCES, s, e,
                        f"A sources list with {len(entries)} titles and no link: the titles cannot be followed or checked.",
                        {"items": len(entries)},
                    ))
        return found, items_taken


# -- helpers that need no lexicon ------------------------------------------------------
_FURNITURE_MESSAGES = {
    CHROME: "Site chrome (share/subscribe/advertising/sign-up text) in the article body: '{}'.",
    NAVIGATION: "Navigation text copied from the web page: '{}'.",
    SUMMARY: "Template summary widget or label: '{}'.",
    CAPTION: "Photo caption or picture credit left in the text: '{}'.",
    PLACEHOLDER: "Unedited template text: '{}'.",
}


def _furniture_message(code: str, text: str, start: int, end: int) -> str:
    # Only the opening is shown, so only the opening is read: merging a long run of
    # widgets rewrites this message once per widget.
    snippet = " ".join(text[start:min(end, start + 240)].split())
    if len(snippet) > 60:
        snippet = snippet[:59] + "…"
    return _FURNITURE_MESSAGES[code].format(snippet)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence: nothing but white space and opening
    quotes since the last full stop, line break or the start of the text."""
    i = start - 1
    while i >= 0 and (text[i] in " \t\u00a0\"“‘'(" ):
        i -= 1
    return i < 0 or text[i] in ".!?:;\n—–-…"


def _rstrip_separator(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in "»›|-–—"):
        end -= 1
    return end


def _breadcrumb(text: str, start: int, end: int) -> bool:
    """'Home » News » World', 'News > Politics > Congress', 'Home / Politics'."""
    block = text[start:end]
    if not any(mark in block for mark in "›»>/|"):
        return False
    segments = _BREADCRUMB_SPLIT_RE.split(block)
    if len(segments) < 2:
        return False
    from_home = segments[0].strip().lower() == "home"
    if not from_home and (len(segments) < 3 or not any(mark in block for mark in "›»>")):
        return False  # slashes and bars also separate bylines and credits
    for segment in segments:
        words = segment.split()
        if not 1 <= len(words) <= 5 or segment.rstrip().endswith((".", ",", ";")):
            return False
        if not segment.strip()[0].isupper() or any(ch.isdigit() for ch in segment):
            return False
    return True


def _described_captions(text: str, blocks: Sequence[_Block], cues: Sequence[int]) -> list[_Candidate]:
    """Short stand-alone lines that describe a picture and narrate nothing
    ("Silhouetted soldiers with Russian and Ukrainian flag backgrounds.")."""
    found = []
    low, high = _DESCRIBED_CAPTION_WORDS
    for index, block in enumerate(blocks):
        if index == 0 or not block.whole_line or not low <= block.words <= high:
            continue
        s, e = block.start, block.end
        c = bisect.bisect_left(cues, s)
        if c >= len(cues) or cues[c] >= e:
            continue  # no picture word in the line
        if text[e - 1] in "?:;,!" or not (text[s].isupper() or text[s].isdigit()):
            continue
        if _QUOTE_RE.search(text, s, e) or _NARRATION_RE.search(text, s, e):
            continue
        if any(m.group().lower() not in _CAPTION_PARTICIPLES for m in _PAST_TENSE_RE.finditer(text, s, e)):
            continue
        if _is_title_case(WORD_RE.findall(text, s, e)):
            continue  # a subhead, not a caption
        found.append(_Candidate(
            CAPTION, s, e,
            f"Stand-alone line describing a picture (an image caption): '{' '.join(text[s:e].split())[:60]}'.",
            {"category": "caption", "kind": "described"},
        ))
    return found


def _extend_captions(text: str, blocks: Sequence[_Block], candidates: list[_Candidate]) -> list[_Candidate]:
    """A credit at the start or end of a short block flags the whole caption."""
    starts = [b.start for b in blocks]
    for c in candidates:
        if c.code != CAPTION:
            continue
        i = bisect.bisect_right(starts, c.start) - 1
        if i < 0:
            continue
        block = blocks[i]
        if block.end < c.end or block.words > _CAPTION_BLOCK_WORDS:
            continue
        at_start = c.start == block.start
        at_end = not text[c.end:block.end].strip(" .,;:)\t\u00a0")
        if at_start or at_end:
            c.start, c.end = block.start, block.end
    return candidates


def _dedupe(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop candidates inside another (the longer, or the first found, wins), in text order."""
    kept: list[_Candidate] = []
    max_end = -1
    # On equal spans the whole-line reading wins: it is what lets a navigation label
    # claim the headlines listed under it.
    for c in sorted(candidates, key=lambda c: (c.start, -c.end, not c.data.get("whole_line"))):
        if c.end <= max_end:
            continue
        kept.append(c)
        max_end = c.end
    return kept


def _merge_adjacent(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Furniture of one kind on consecutive lines or words ("No time to read?" /
    "Get a summary", "Facebook" / "Twitter", "{{#verifyErrors}} {{message}}") is one
    widget. Headlines and source lists stay separate."""
    merged: list[_Candidate] = []
    for c in candidates:
        if merged:
            last = merged[-1]
            gap = text[last.end:c.start]
            if (
                c.code == last.code
                and c.code not in (TRAILING_HEADLINE, UNLINKED_SOURCES)
                and not gap.strip() and gap.count("\n") <= 1
            ):
                last.end = c.end
                last.data["whole_line"] = bool(last.data.get("whole_line") and c.data.get("whole_line"))
                if last.code in _FURNITURE_MESSAGES:
                    last.message = _furniture_message(last.code, text, last.start, last.end)
                continue
        merged.append(c)
    return merged


def _covered_blocks(blocks: Sequence[_Block], spans: Sequence[tuple[int, int]]) -> int:
    """Blocks at least half covered by furniture findings."""
    count, j = 0, 0
    for block in blocks:
        while j < len(spans) and spans[j][1] <= block.start:
            j += 1
        covered, k = 0, j
        while k < len(spans) and spans[k][0] < block.end:
            covered += min(block.end, spans[k][1]) - max(block.start, spans[k][0])
            k += 1
        if covered * 2 >= block.end - block.start:
            count += 1
    return count


def _headline_words(text: str, block: _Block, low: int, high: int) -> list[str] | None:
    """The words of a block that reads as a headline (short, no closing full stop,
    not a byline or credit), else None."""
    if not low <= block.words <= high:
        return None
    s, e = block.start, block.end
    first, last = text[s], text[e - 1]
    if last in ".,;:" or not (first.isupper() or first.isdigit() or first in "\"'“‘"):
        return None
    if _BYLINE_RE.match(text, s, e) or "@" in text[s:e] or _LINK_RE.search(text, s, e):
        return None
    return WORD_RE.findall(text, s, e)


def _headlines(
    text: str, blocks: Sequence[_Block], furniture: Sequence[_Candidate], source_items: set[int]
) -> list[_Candidate]:
    """Other stories' headlines: those listed under a navigation label, and a run
    of title-case lines at the very end that have little to do with the body."""
    starts = [b.start for b in blocks]
    furniture_of: dict[int, _Candidate] = {}
    for c in furniture:
        i = bisect.bisect_right(starts, c.start) - 1
        if i >= 0 and blocks[i].start == c.start and c.end >= blocks[i].end:
            furniture_of[i] = c
    found: list[_Candidate] = []
    flagged: set[int] = set()

    # 1. Headlines listed under a navigation label ("Previous Article", "Related Articles").
    for i, c in furniture_of.items():
        if c.code != NAVIGATION or not c.data.get("whole_line") or c.data.get("kind") == "breadcrumb":
            continue
        if _CONTENTS_LABEL_RE.fullmatch(text, c.start, c.end):
            continue
        j = i + 1
        while j < len(blocks) and j - i <= _MAX_NAV_ITEMS and j not in source_items:
            if j in furniture_of:
                if furniture_of[j].code == NAVIGATION:
                    j += 1
                    continue
                break
            if j not in flagged and _headline_words(text, blocks[j], *_NAV_HEADLINE_WORDS) is None:
                break
            if j not in flagged:
                flagged.add(j)
                found.append(_headline_candidate(text, blocks[j], "listed under a navigation label", None))
            j += 1

    # 2. A run of title-case lines closing the text, unrelated to the body.
    run: list[int] = []
    body_index = None
    for i in range(len(blocks) - 1, -1, -1):
        if i in furniture_of or i in source_items or i in flagged:
            continue
        words = _headline_words(text, blocks[i], *_HEADLINE_WORDS)
        if words is None or not _is_title_case(words):
            body_index = i
            break
        if i > 0:
            run.append(i)  # block 0 reads as a headline: it is the title, and there is no body
    first_words = [text[blocks[j].start:blocks[j].end].split()[0].lower() for j in run]
    if run and max(first_words.count(w) for w in set(first_words)) * 2 > len(run) and len(run) >= 3:
        run = []  # "Best Team -- ...", "Best Fighter -- ...": a list of parallel items, not headlines
    if len(run) >= 2 and body_index is not None:
        body = _content_words(text[blocks[0].start:blocks[body_index].end])
        unrelated = []
        for j in run:
            words = _content_words(text[blocks[j].start:blocks[j].end])
            overlap = len(words & body) / len(words) if words else 1.0
            if overlap < _UNRELATED_OVERLAP:
                unrelated.append((j, overlap))
        if len(unrelated) >= 2:
            for j, overlap in reversed(unrelated):
                found.append(_headline_candidate(text, blocks[j], "at the end of the text, unrelated to the story", overlap))
                flagged.add(j)

    # 3. A lone title-case line among the body's paragraphs, or closing it, about
    # something else entirely: a teaser for another story that a scrape or a
    # careless paste left in ("Local Teen Wins National Spelling Bee in Dramatic Final Round").
    def is_prose(j: int) -> bool:
        return j not in furniture_of and _is_prose(text, blocks[j])

    low, high = _LONE_HEADLINE_WORDS
    prose: list[int] | None = None  # the story's paragraphs, listed once a candidate needs them
    body: set[str] = set()  # their words, read only as far as a candidate needs
    unread: Iterator[int] = iter(())
    for i in range(2, len(blocks)):  # not the title, nor a subtitle under it
        # Cheap tests first: most blocks are paragraphs, and most articles have no candidate.
        if not low <= blocks[i].words <= high or i in furniture_of or i in source_items or i in flagged:
            continue
        if is_prose(i) or not is_prose(i - 1) or not (i + 1 == len(blocks) or is_prose(i + 1)):
            continue
        words = _headline_words(text, blocks[i], low, high)
        if words is None or not _is_title_case(words, _LONE_TITLE_CASE):
            continue
        if _ATTRIBUTION_LINE_RE.match(text, blocks[i].start) or _YEAR_HEADING_RE.match(text, blocks[i].start):
            continue  # "Jennifer Bard, Visiting Professor of Law", "2015—Are They or Aren't They?"
        if prose is None:
            prose = [j for j in range(len(blocks)) if is_prose(j)]
            unread = iter(prose)
        if len(prose) < 3:
            continue  # too few paragraphs to call anything unrelated to them
        own = _content_words(text[blocks[i].start:blocks[i].end])
        if not own:
            continue
        overlap = len(own & body) / len(own)
        while overlap < _LONE_UNRELATED_OVERLAP:
            j = next(unread, None)
            if j is None:
                break  # every paragraph read: the overlap is final
            body |= _content_words(text[blocks[j].start:blocks[j].end])
            overlap = len(own & body) / len(own)
        if overlap < _LONE_UNRELATED_OVERLAP:
            flagged.add(i)
            where = "closing the text" if i + 1 == len(blocks) else "among the story's paragraphs"
            found.append(_headline_candidate(text, blocks[i], f"{where}, unrelated to the story", overlap, "lone"))
    return found


def _is_prose(text: str, block: _Block) -> bool:
    """A paragraph of the story: several words, ending as a sentence does."""
    return block.words >= 8 and text[block.end - 1] in ".!?\"”’'"


def _headline_candidate(text: str, block: _Block, where: str, overlap: float | None,
                        kind: str | None = None) -> _Candidate:
    title = " ".join(text[block.start:block.end].split())
    data: dict = {"where": kind or ("navigation" if overlap is None else "trailing")}
    if overlap is not None:
        data["body_overlap"] = round(overlap, 2)
    return _Candidate(TRAILING_HEADLINE, block.start, block.end, f"Headline of another story {where}: '{title[:80]}'.", data)
