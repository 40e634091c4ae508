"""Find the people an article names, with the titles it gives them.

News names people in a few forms, all handled here:

* title before the name: "Defense Secretary Pete Hegseth", "Gen. Charles Q.
  Brown Jr.", "Russia's President Vladimir Putin", "the defence secretary,
  John Healey," (lower-case titles too);
* apposition: "Jake Sullivan, the national security adviser", "Daniel L.
  O'Connor, Chairman of the Joint Chiefs of Staff", "Dr. Emily Carter, a
  defense policy expert at Georgetown University";
* later short references ("Mr. Starmer", "O'Connor stated"), linked to the
  first mention with that surname.

Names may be broken across lines ("Dr.\\nEmily Carter"), carry initials
("Daniel L. O'Connor", "J.D. Vance"), particles ("von der Leyen"), suffixes
("Jr.") and honorifics. One regex pass finds runs of capitalised words; titles
are then found by dictionary look-ups on the few words around each run, so the
cost grows with the number of capitalised runs, not with the size of the title
vocabulary. Spans always index the caller's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Mapping

from .kb.names import PARTICLES, fold, name_tokens
from .kb.schema import title_key

# Latin capitals (incl. accented), built once: `re` has no \p{Lu}.
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper() and ch.isalpha())
_UP = f"[{re.escape(_UPPER)}]"
_CONNECTORS = ("of", "the", "for", "de", "da", "das", "do", "dos", "di", "del", "della", "van", "von", "der",
               "den", "du", "la", "le", "bin", "ibn", "al", "el", "y", "ter", "zu")
# One capitalised token: letters with inner apostrophes, hyphens and dotted
# abbreviations ("U.S.", "O'Connor", "Secretary-General", "Gen."). Each
# character is consumed by exactly one branch, so matching is linear.
_CAP = rf"{_UP}(?:[^\W_]|['’](?=[^\W\d_])|-(?=[^\W_])|\.(?={_UP}))*\.?"
# Separator: spaces or tabs, at most one line break (a blank line ends a run);
# written so that each white-space character has one way to match.
_SEP = r"(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)"
_CONN = r"(?:" + "|".join(_CONNECTORS) + r")"
_LOOSE_CAP = rf"{_UP}[\w’'.\-]*"
# Two or more capitalised words ("Pete Hegseth", "Gen. Milley", "Chairman of
# the Joint Chiefs"): a lone capitalised word is rarely a person with a title,
# and skipping them keeps the scan cheap. Token details are read afterwards.
# A run starts only at a word's start, so a megabyte of capitals stays linear.
# The pattern opens with the capital itself and tests the word start after it
# (the same as (?<![\w’'.\-]){_LOOSE_CAP}...): the engine then skips in C to the
# next capital instead of trying every position, twice as fast. The first word
# is matched atomically (a look-ahead captures the rest of the word, the
# back-reference consumes it), so a failed match never retries shorter prefixes.
RUN_RE = re.compile(
    rf"{_UP}(?<![\w’'.\-]{_UP})(?=([\w’'.\-]*))\1(?:{_SEP}(?:{_CONN}[ \t]+){{0,2}}{_LOOSE_CAP})+"
)
MAX_RUN_TOKENS = 40
# Every capitalised word, for counting place names.
CAPITALISED_RE = re.compile(_LOOSE_CAP)
# Inside a run, hyphens split words: "President-elect" is a title and a
# modifier, "Secretary-General" two title words.
_CAP_WORD = rf"{_UP}(?:[^\W_]|['’](?=[^\W\d_])|\.(?={_UP}))*\.?"
_TOKEN_RE = re.compile(rf"{_CAP_WORD}|[^\W\d_]+(?:['’][^\W\d_]+)*\.?")
# Words and the punctuation that ends a title's context.
_WORD_RE = re.compile(r"[^\W_](?:[^\W_]|['’](?=\w)|\.(?=\w))*\.?|[,;:()\[\]\"“”‘’!?—–•·|]|(?<!\S)-(?!\S)")
_POSSESSIVE_RE = re.compile(r"['’]s?$", re.I)
_ALLCAPS_RE = re.compile(rf"^{_UP}{{3,}}$")

MAX_TITLE_WORDS = 9
# Words that end a search for a role in an apposition ("critics argue that the ... leader").
_NOT_TOPIC = frozenset("that which who whom whose to and or but has have had is was were are be been said says "
                       "say argue argued told tells will would could should may might not also".split())
LOOKBACK_CHARS = 140
APPOSITION_CHARS = 160


@dataclass(frozen=True)
class TitleSense:
    """What a title phrase may mean: KB offices/ranks ("o12", "r3"), an
    honorific ("courtesy", "expert") or a generic role ("role", "expert")."""

    entries: tuple[str, ...] = ()
    honorific: str = ""
    role: str = ""


@dataclass
class Title:
    """A title found next to a name."""

    key: str  # normalised phrase, e.g. "defense secretary"
    start: int
    end: int
    sense: TitleSense
    topic: tuple[str, ...] = ()  # words before a generic role: ("policy",) in "Policy director"
    places: frozenset[str] = frozenset()  # jurisdictions written with this title ("Russian", "of Russia")
    modifiers: frozenset[str] = frozenset()  # former / acting / future / other
    apposition: bool = False
    capitalized: bool = True  # written with a capital ("Vice President"), not "vice president"
    # Another word narrows the title to a different body: "Microsoft President",
    # "vice president of the Trump Organization".
    qualified: bool = False


@dataclass
class Mention:
    """One person mention: the name as written and the titles around it."""

    start: int  # name span
    end: int
    tokens: tuple[str, ...]  # name keys ("daniel", "l", "oconnor")
    titles: list[Title] = field(default_factory=list)
    first: "Mention | None" = None  # the fuller earlier mention this one refers back to
    institution: str = ""  # "Georgetown University" in "an expert at Georgetown University"
    context_end: int = 0  # end of the apposition, if any

    @property
    def surname(self) -> str:
        return self.tokens[-1] if self.tokens else ""

    @property
    def is_full_name(self) -> bool:
        return len(self.tokens) >= 2

    @property
    def span(self) -> tuple[int, int]:
        """The phrase a journalist would highlight: nearest title before the
        name (if any) through the name."""
        before = [t.start for t in self.titles if not t.apposition and t.end <= self.start]
        return (min(before) if before else self.start), self.end

    def span_with(self, title: Title) -> tuple[int, int]:
        """Name plus one title, whichever side it stands."""
        return min(self.start, title.start), max(self.end, title.end)


class MentionFinder:
    """Finds person mentions with one regex pass and dictionary look-ups.

    ``titles`` maps title keys (see :func:`reliability.kb.schema.title_key`)
    to their senses; ``places`` maps place keys to jurisdiction codes;
    ``modifiers`` maps modifier keys to their effect; ``not_names`` are folded
    words that never belong to a person's name; ``abbreviations`` are folded
    abbreviations whose period does not end a sentence ("gen", "sen");
    ``openers`` are folded words capitalised only at a sentence start.
    """

    def __init__(self, titles: Mapping[str, TitleSense], places: Mapping[str, set[str]],
                 modifiers: Mapping[str, str], not_names: Iterable[str], abbreviations: Iterable[str] = (),
                 openers: Iterable[str] = (), heads: Iterable[str] = ()) -> None:
        self.titles = dict(titles)
        self.places = {k: frozenset(v) for k, v in places.items()}
        self.modifiers = dict(modifiers)
        self.not_names = frozenset(not_names)
        self.abbreviations = frozenset(abbreviations)
        self.openers = frozenset(openers)
        self._roles = frozenset(k for k, v in self.titles.items() if v.role)
        # Words that can make a run hold a title: head nouns, and every one-word
        # honorific, rank abbreviation or role ("Dr", "Gen", "expert").
        self._heads = frozenset(heads) | frozenset(k for k in self.titles if " " not in k and (
            self.titles[k].honorific or self.titles[k].role or any(e[0] == "r" for e in self.titles[k].entries)))
        self._title_last = frozenset(k.split()[-1] for k in self.titles)
        self._title_first = frozenset(k.split()[0] for k in self.titles) - {"the", "a", "an"}
        # Longest phrase (in words) ending with / starting with each word, so
        # that look-ups try only lengths that can match.
        self._max_by_last: dict[str, int] = {}
        self._max_by_first: dict[str, int] = {}
        for table in (self.titles, self.places, self.modifiers):
            for key in table:
                words = key.split()
                n = len(words)
                if n > self._max_by_last.get(words[-1], 0):
                    self._max_by_last[words[-1]] = n
                if n > self._max_by_first.get(words[0], 0):
                    self._max_by_first[words[0]] = n

    # -- public ----------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        """Every person mention in ``text``, in order; short references carry
        ``first`` (the earlier full mention with the same surname)."""
        mentions: list[Mention] = []
        by_surname: dict[str, Mention] = {}
        for start, end in self._segments(text):
            mention = self._mention_in_run(text, start, end, by_surname)
            if mention is None or (mention.titles and _clock_time(text, mention.titles[0])):
                continue
            if mention.is_full_name:
                earlier = by_surname.get(mention.surname)
                if earlier is not None and earlier.tokens[0][:1] == mention.tokens[0][:1]:
                    mention.first = earlier  # the same person named again in full
                else:
                    by_surname.setdefault(mention.surname, mention)
            else:
                mention.first = by_surname.get(mention.surname)
                if mention.first is None and not any(
                    not t.apposition and (t.sense.entries or t.sense.honorific) for t in mention.titles
                ):
                    continue  # a lone capitalised word: not a person mention
            mentions.append(mention)
        if by_surname:
            mentions = self._bare_surnames(text, mentions, by_surname)
        return mentions

    def _bare_surnames(self, text: str, mentions: list[Mention], by_surname: Mapping[str, Mention]) -> list[Mention]:
        """Later references by surname alone ("O'Connor stated"), linked to the
        first full mention: one regex pass over the few surnames seen."""
        written: dict[str, Mention] = {}
        for key, first in by_surname.items():
            raw = text[first.start:first.end].split()[-1]
            if len(key) >= 3 and raw[:1].isupper():
                written[raw] = first
        if not written:
            return mentions
        taken = [(m.start, m.end) for m in mentions]
        extra = []
        n = len(text)
        for raw, first in written.items():
            for variant in {raw, raw.replace("’", "'"), raw.replace("'", "’")}:
                pos = text.find(variant, first.end)
                while pos >= 0:
                    end = pos + len(variant)
                    before = text[pos - 1] if pos else " "
                    after = text[end] if end < n else " "
                    if not (before.isalnum() or before in "’'") and not after.isalnum() and not any(
                            s <= pos < e for s, e in taken):
                        extra.append(Mention(pos, end, first.tokens[-1:], first=first))
                    pos = text.find(variant, end)
        return sorted(mentions + extra, key=lambda m: m.start)

    def _segments(self, text: str) -> Iterable[tuple[int, int]]:
        """Runs of capitalised words, cut where a sentence ends inside a run
        ("... of Staff.\nO'Connor's role"): a word with a final period that is
        not an abbreviation or an initial."""
        for run in RUN_RE.finditer(text):
            start, end = run.span()
            if run.group().count(" ") > MAX_RUN_TOKENS:
                continue  # a title-case headline or junk, not prose
            if "." not in run.group():
                yield start, end
                continue
            for m in _TOKEN_RE.finditer(text, start, end):
                raw = m.group()
                if raw.endswith(".") and m.end() < end and not _abbreviation(raw, self):
                    yield start, m.end()
                    start = m.end()
                    while start < end and text[start].isspace():
                        start += 1
            if start < end:
                yield start, end

    # -- one run of capitalised words -------------------------------------------------
    def _relevant(self, text: str, start: int, end: int, run: str) -> bool:
        """Cheap test before any parsing: can this run hold a titled person?
        A title word inside it, a title just before it, or a comma after it
        followed by a title ("Jake Sullivan, the national security adviser")."""
        heads = self._heads
        for word in run.replace("-", " ").split():
            if _word_key(word) in heads:
                return True
        if self._title_may_end_before(text, start):
            return True
        tail = text[end:end + 60]
        comma = tail.find(",")
        if 0 <= comma <= 3:
            title_first = self._title_first
            topic_words = 0
            for word in tail[comma + 1:].split()[:6]:
                key = _word_key(word.strip("\"'“”‘’()"))
                if key in ("the", "a", "an"):
                    continue
                if key in title_first or key in self._roles or key in self.modifiers:
                    return True
                if word.isalpha() and word.islower() and key not in _NOT_TOPIC and topic_words < 3:
                    topic_words += 1  # "a blockchain analyst": field words before the role
                    continue
                if not _POSSESSIVE_RE.search(word) and key not in self.places:
                    break  # "Russia's foreign minister" may follow; other words end the search
        return False

    def _mention_in_run(self, text: str, start: int, end: int, known: Mapping[str, Mention]) -> Mention | None:
        run = text[start:end]
        if run.count(" ") > MAX_RUN_TOKENS or not self._relevant(text, start, end, run):
            return None  # a title-case headline or junk, not prose
        if " " not in run and "\n" not in run and "-" not in run:
            key = _word_key(run)
            if key not in self._max_by_first:
                # One capitalised word, most often a place or a sentence's first
                # word: a person only as a short reference or after a title.
                if key in self.not_names or key in self.openers or key in self.places:
                    return None
                e = _strip_possessive_end(text, start, end)
                surname = _name_key(text[start:e])
                if surname and surname[-1] in known:
                    return Mention(start, e, surname)
                if not self._title_may_end_before(text, start):
                    return None
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]
        if not tokens:
            return None
        keys = [_word_key(t[2]) for t in tokens]
        if len(tokens) == 1 and keys[0] not in self._max_by_first:
            # One capitalised word, most often a place or a sentence's first
            # word: a person only as a short reference or after a title.
            if keys[0] in self.not_names or keys[0] in self.openers or keys[0] in self.places:
                return None
            if not self._title_may_end_before(text, start):
                surname = _name_key(text[start:_strip_possessive_end(text, start, end)])
                if surname and surname[-1] in known:
                    e = _strip_possessive_end(text, start, end)
                    return Mention(start, e, surname)
                return None
        # Titles inside the run, left to right, longest first ("Defense Secretary").
        in_run: list[tuple[int, int, str]] = []  # (first token, end token, key)
        i = 0
        while i < len(tokens):
            n = self._longest_from(keys, i, self.titles)
            if n:
                in_run.append((i, i + n, " ".join(keys[i:i + n])))
                i += n
            else:
                i += 1
        name_from = in_run[-1][1] if in_run else 0
        if in_run and name_from < len(tokens) and _POSSESSIVE_RE.search(tokens[name_from - 1][2]):
            return None  # "the Queen's Sovereign Grant": an owner, not a title
        if in_run and name_from == len(tokens):
            # A run ending in a title. A one-word title right after a name is
            # part of the name ("John Major"); otherwise there is no name here.
            last = in_run[-1]
            before = in_run[-2][1] if len(in_run) > 1 else 0
            if last[1] - last[0] == 1 and last[0] > before and self._name_like(keys[before:last[0]], tokens[before:last[0]]):
                in_run.pop()
                name_from = before
            else:
                return None
        run_places: frozenset[str] = frozenset()
        if in_run and name_from < len(tokens) and keys[name_from] in ("of", "for"):
            # "President of Russia Vladimir Putin"; "Vice President of NYC Health" is no person.
            n = self._longest_from(keys, name_from + 1, self.places)
            if not n:
                return None
            run_places = self.places[" ".join(keys[name_from + 1:name_from + 1 + n])]
            name_from += 1 + n
        name_tokens_ = tokens[name_from:]
        name_keys_ = keys[name_from:]
        # Drop lower-case connectors at the left edge ("of", "the") and words
        # capitalised only because they open a sentence ("While", "With").
        while name_tokens_ and (name_tokens_[0][2][:1].islower() or name_keys_[0] in self.openers):
            name_tokens_, name_keys_ = name_tokens_[1:], name_keys_[1:]
            name_from += 1
        # "Susan Collins of Maine", "Joe Smith of the University of Iowa": a
        # name ends before "of"; what follows is read by _of_after_name.
        for i, (_, _, raw) in enumerate(name_tokens_):
            if i and raw in ("of", "for"):
                name_tokens_, name_keys_ = name_tokens_[:i], name_keys_[:i]
                break
        if not name_tokens_ or not self._name_like(name_keys_, name_tokens_):
            return None
        name_start = name_tokens_[0][0]
        name_end = _strip_possessive_end(text, name_tokens_[-1][0], name_tokens_[-1][1])
        tokens_key = _name_key(text[name_start:name_end])
        if not tokens_key:
            return None
        mention = Mention(name_start, name_end, tokens_key)
        # Titles before the name: inside the run and in the words before it.
        if in_run:
            first_tok = in_run[-1][0]
            left_words = self._words_before(text, tokens[first_tok][0])
            for j, (a, b, key) in enumerate(reversed(in_run[-3:])):
                title_start, title_end = tokens[a][0], _strip_dot(text, tokens[b - 1][0], tokens[b - 1][1])
                mention.titles.append(Title(key, title_start, title_end, self.titles[key],
                                            places=run_places if j == 0 else frozenset()))
            # Words inside the run between an earlier title and the nearest one
            # ("Joint Chiefs Chairman Gen."), then the words before the run.
            self._decorate_before(mention, left_words, text)
        elif self._title_may_end_before(text, name_start):
            self._titles_before(mention, text, name_start)
        self._of_after_name(mention, text)
        self._apposition(mention, text, end)
        return mention

    def _of_after_name(self, mention: Mention, text: str) -> None:
        """"Sen. Susan Collins of Maine" names the seat's place; "President Joe
        Smith of the University of Iowa" names another body: the title is qualified."""
        if not mention.titles or mention.titles[0].apposition:
            return
        match = _OF_AFTER_RE.match(text, mention.end)
        if not match:
            return
        words = [_word_key(w) for w in match.group(1).split()]
        n = self._longest_from(words, 0, self.places)
        nearest = mention.titles[0]
        if n and n == len(words):
            mention.titles[0] = replace(nearest, places=nearest.places | self.places[" ".join(words)])
        elif not (n and words[0] in self.places):
            mention.titles[0] = replace(nearest, qualified=True)

    def _title_may_end_before(self, text: str, pos: int) -> bool:
        """Whether the word before ``pos`` can end a title or a title's
        modifier ("secretary", "Gen.", "nominee", "the defence secretary,")."""
        window = text[max(0, pos - 40):pos].rstrip()
        if not window:
            return False
        comma = window[-1] == ","
        if comma:
            window = window[:-1].rstrip()  # "the defence secretary, John Healey"
            if not window:
                return False
        word = window.rsplit(None, 1)[-1].lstrip("(\"'“‘[")
        if not word:
            return False
        key = _word_key(word)
        if comma:
            return key in self._title_last
        return key in self._title_last or self.modifiers.get(key) == "future"

    def _name_like(self, keys: list[str], tokens: list[tuple[int, int, str]]) -> bool:
        """A plausible personal name: 1-5 words, no organisation or date words,
        no all-capital acronyms, at least one word longer than an initial."""
        words = [k for k, t in zip(keys, tokens) if not t[2][:1].islower() and len(k) > 1]
        if not words or len(words) > 4:
            return False
        longest = 0
        for key, (_, _, raw) in zip(keys, tokens):
            if raw[:1].islower():
                if key not in PARTICLES and key not in _CONNECTORS:
                    return False
                continue
            if key in self.not_names or key in self.places:
                return False
            bare = raw.rstrip(".")
            if _ALLCAPS_RE.match(bare) and len(bare) > 3:
                return False
            if key not in ("jr", "sr", "ii", "iii", "iv"):
                longest = max(longest, len(key.replace(" ", "")))
        return longest >= 2

    # -- titles before a name ---------------------------------------------------------
    def _words_before(self, text: str, pos: int) -> list[tuple[int, int, str]]:
        """Up to a dozen words before ``pos`` in the same sentence, as (start, end, key)."""
        lo = max(0, pos - LOOKBACK_CHARS)
        window = text[lo:pos]
        cut = window.rfind("\n\n")
        if cut >= 0:
            lo, window = lo + cut + 2, window[cut + 2:]
        words = []
        for m in _WORD_RE.finditer(window):
            words.append((m.start() + lo, m.end() + lo, m.group()))
        out: list[tuple[int, int, str]] = []
        for s, e, raw in reversed(words):
            if len(raw) == 1 and not raw.isalnum():
                if raw == "," and not out:
                    # "the defence secretary, John Healey": a title may stand before a comma.
                    out.append((s, e, ","))
                    continue
                break
            if raw.endswith(".") and not _abbreviation(raw, self):
                break  # the previous sentence ended here
            out.append((s, e, _word_key(raw)))
            if len(out) >= 12:
                break
        out.reverse()
        return out

    def _titles_before(self, mention: Mention, text: str, name_start: int) -> None:
        words = self._words_before(text, name_start)
        comma = bool(words) and words[-1][2] == ","
        if comma:
            words = words[:-1]
        keys = [w[2] for w in words]
        end = len(keys)
        if end and _POSSESSIVE_RE.search(text[words[-1][0]:words[-1][1]]) and len(keys[-1]) > 1:
            return  # "the president's Jake Sullivan": an owner, not a title
        # "Defense Secretary nominee Pete Hegseth": the word before the name may modify the title.
        future = set()
        while end and self.modifiers.get(keys[end - 1]) == "future" and end > 1:
            future.add("future")
            end -= 1
        n = self._longest_to(keys, end, self.titles)
        topic: tuple[str, ...] = ()
        if n:
            key = " ".join(keys[end - n:end])
            sense = self.titles[key]
            if not sense.entries and not sense.honorific:
                # A generic role ("director"): keep the topic words before it ("Policy director").
                n = max(n, self._role_to(keys, end))
                topic = tuple(keys[end - n:end - len(key.split())])
                key = " ".join(keys[end - n:end])
        else:
            return
        if comma:
            # "..., Chairman, John Smith" is a list, not a title; "the defence
            # secretary, John Healey," and "Trump's defense secretary, Pete Hegseth," are.
            before = end - n - 1
            owner = before >= 0 and (keys[before] in ("the", "s") or keys[before] in self.places or bool(
                _POSSESSIVE_RE.search(text[words[before][0]:words[before][1]])))
            if not owner:
                return
        title = Title(key, words[end - n][0], _strip_dot(text, words[end - 1][0], words[end - 1][1]), sense, topic,
                      modifiers=frozenset(future), capitalized=text[words[end - n][0]].isupper())
        mention.titles.append(title)
        # Further titles to the left ("Joint Chiefs Chairman Gen. Mark Milley").
        rest = words[:end - n]
        self._decorate_before(mention, rest, text)

    def _decorate_before(self, mention: Mention, words: list[tuple[int, int, str]], text: str) -> None:
        """Read places, modifiers and further titles to the left of the nearest
        title, and attach them to it."""
        if not mention.titles:
            return
        keys = [w[2] for w in words]
        end = len(keys)
        places: set[str] = set()
        modifiers: set[str] = set(mention.titles[0].modifiers)
        qualified = False
        steps = 0
        chained = True  # another title counts only right next to the last one ("Joint Chiefs Chairman Gen.")
        while end > 0 and steps < 8:
            steps += 1
            n = self._longest_to(keys, end, self.places)
            if n and not text[words[end - n][0]].isupper():
                n = 0  # "us", "georgia" in lower case are not places
            if n:
                places |= self.places[" ".join(keys[end - n:end])]
                end -= n
                chained = False
                continue
            n = self._longest_to(keys, end, self.modifiers)
            if n:
                modifiers.add(self.modifiers[" ".join(keys[end - n:end])])
                end -= n
                chained = False
                continue
            n = self._longest_to(keys, end, self.titles) if chained else 0
            if n:
                key = " ".join(keys[end - n:end])
                if not _POSSESSIVE_RE.search(text[words[end - 1][0]:words[end - 1][1]]):
                    mention.titles.append(Title(key, words[end - n][0], words[end - 1][1], self.titles[key],
                                                capitalized=text[words[end - n][0]].isupper()))
                end -= n
                continue
            if keys[end - 1] in ("the", "s", "a", "an", "its", "their", "his", "her", "country", "nation", "nations"):
                end -= 1
                continue
            raw = text[words[end - 1][0]:words[end - 1][1]]
            if raw[:1].isupper() and _POSSESSIVE_RE.search(raw):
                end -= 1  # "Trump's defense secretary": a possessive owner, not a title
                continue
            if steps == 1 and raw[:1].isupper() and keys[end - 1] not in self.openers and keys[end - 1].isalpha():
                qualified = True  # "Microsoft President Brad Smith": another body's title
            break
        nearest = mention.titles[0]
        mention.titles[0] = Title(nearest.key, nearest.start, nearest.end, nearest.sense, nearest.topic,
                                  frozenset(places) | nearest.places, frozenset(modifiers), nearest.apposition,
                                  nearest.capitalized, nearest.qualified or qualified)

    # -- apposition ---------------------------------------------------------------------
    def _apposition(self, mention: Mention, text: str, run_end: int) -> None:
        """"Name, the national security adviser," / "Name, Chairman of the Joint
        Chiefs of Staff" / "Name, a defense policy expert at X"."""
        pos = mention.end
        n = len(text)
        while pos < n and text[pos] in "’'s" and pos < mention.end + 2:
            pos += 1
        if pos >= n or text[pos] != ",":
            return
        window = text[pos + 1:pos + 1 + APPOSITION_CHARS]
        words = []
        for m in _WORD_RE.finditer(window):
            raw = m.group()
            if len(raw) == 1 and not raw.isalnum():
                break
            if raw.endswith(".") and not _abbreviation(raw, self):
                words.append((m.start() + pos + 1, m.end() + pos + 1 - 1, _word_key(raw)))
                break
            words.append((m.start() + pos + 1, m.end() + pos + 1, _word_key(raw)))
        keys = [w[2] for w in words]
        i = 0
        places: set[str] = set()
        modifiers: set[str] = set()
        determiner = False
        steps = 0
        while i < len(keys) and steps < 8:
            steps += 1
            if keys[i] in ("the", "a", "an", "who", "is", "was", "as", "s", "its", "their", "his", "her", "currently",
                           "now", "also", "serving", "served", "country", "nation", "then"):
                if keys[i] == "then":
                    modifiers.add("former")
                if keys[i] == "the":
                    determiner = True
                i += 1
                continue
            k = self._longest_from(keys, i, self.titles)
            if k:
                break
            k = self._longest_from(keys, i, self.places)
            if k and text[words[i][0]].isupper():
                places |= self.places[" ".join(keys[i:i + k])]
                i += k
                continue
            k = self._longest_from(keys, i, self.modifiers)
            if k:
                modifiers.add(self.modifiers[" ".join(keys[i:i + k])])
                i += k
                continue
            raw = text[words[i][0]:words[i][1]]
            if raw[:1].isupper() and _POSSESSIVE_RE.search(raw):
                i += 1
                continue
            break
        if i >= len(keys):
            return
        k = self._longest_from(keys, i, self.titles)
        topic: tuple[str, ...] = ()
        if k:
            key = " ".join(keys[i:i + k])
            sense = self.titles[key]
            j = i + k
        else:
            # A generic role after at most three topic words: "a defense policy expert".
            j = i
            while j < len(keys) and j < i + 4 and not self._role_kind(keys[j]):
                if keys[j] in _NOT_TOPIC or not keys[j].isalpha():
                    return
                j += 1
            if j >= len(keys) or not self._role_kind(keys[j]):
                return
            key = keys[j]
            topic = tuple(keys[i:j])
            sense = self.titles.get(key) or TitleSense(role=self._role_kind(key))
            j += 1
        if j < len(words) and text[words[j][0]:words[j][0] + 1].isupper() and keys[j] not in ("of", "at"):
            # "Moreover, President Biden said": the title belongs to the next name.
            if text[words[j][0]:words[j][1]][:1].isupper() and keys[j] not in self.places:
                return
        title_start = words[i][0]
        title_end = words[j - 1][1]
        qualified = False
        # "of Russia" / "at Georgetown University" after the title.
        if j < len(keys) and keys[j] in ("of", "for"):
            k2 = j + 1
            while k2 < len(keys) and keys[k2] in ("the",):
                k2 += 1
            m = self._longest_from(keys, k2, self.places)
            continued = k2 + m < len(words) and text[words[k2 + m][0]].isupper()
            if m and text[words[k2][0]].isupper() and not continued:
                places |= self.places[" ".join(keys[k2:k2 + m])]
                title_end = words[k2 + m - 1][1]
            elif k2 < len(keys):
                qualified = True  # "vice president of the Trump Organization", "vice president for policy"
        elif j < len(keys) and keys[j] in ("at", "with", "from"):
            qualified = True
            inst = [w for w in words[j + 1:j + 7]]
            caps = []
            for s, e, _k in inst:
                raw = text[s:e]
                if raw[:1].isupper() or raw in ("of", "for", "the", "and"):
                    caps.append((s, e))
                else:
                    break
            if caps:
                mention.institution = text[caps[0][0]:caps[-1][1]].rstrip(".")
        if not determiner and not places:
            qualified = qualified or sense.role != ""  # "Jane Doe, vice president": a job, not the office
        mention.titles.append(Title(key, title_start, title_end, sense, topic, frozenset(places),
                                    frozenset(modifiers), apposition=True,
                                    capitalized=text[title_start].isupper(), qualified=qualified))
        mention.context_end = title_end

    # -- helpers ------------------------------------------------------------------------
    def _longest_from(self, keys: list[str], i: int, table: Mapping[str, object]) -> int:
        if i >= len(keys):
            return 0
        limit = min(self._max_by_first.get(keys[i], 0), len(keys) - i)
        for n in range(limit, 0, -1):
            if " ".join(keys[i:i + n]) in table:
                return n
        return 0

    def _longest_to(self, keys: list[str], end: int, table: Mapping[str, object]) -> int:
        if end <= 0:
            return 0
        limit = min(self._max_by_last.get(keys[end - 1], 0), end)
        for n in range(limit, 0, -1):
            if " ".join(keys[end - n:end]) in table:
                return n
        return 0

    def _role_kind(self, key: str) -> str:
        sense = self.titles.get(key)
        return sense.role if sense else ""

    def _role_to(self, keys: list[str], end: int) -> int:
        """A generic role ending at ``end`` with up to three topic words before
        it ("Policy director", "senior defense official")."""
        if end <= 0 or not self._role_kind(keys[end - 1]):
            return 0
        n = 1
        while n < 4 and end - n - 1 >= 0:
            word = keys[end - n - 1]
            if word in ("the", "a", "an", "s", ",") or word in self.modifiers or word in self.places:
                break
            if not word.isalpha():
                break
            n += 1
        return n


# "of Maine", "of the University of Iowa" right after a name.
_OF_AFTER_RE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?([A-Z][\w’'.\-]*(?:[ \t]+(?:of[ \t]+|for[ \t]+|and[ \t]+)?[A-Z][\w’'.\-]*){0,4})")


@lru_cache(maxsize=65536)
def _name_key(written: str) -> tuple[str, ...]:
    return name_tokens(written)


@lru_cache(maxsize=65536)
def _word_key(raw: str) -> str:
    """A word as a title/place key: possessive and final period dropped, folded."""
    word = _POSSESSIVE_RE.sub("", raw) if len(raw) > 2 else raw
    return title_key(word.rstrip("."))


def _abbreviation(raw: str, finder: MentionFinder) -> bool:
    """Whether a word ending in a period is an abbreviation ("Gen.", "U.S.",
    "L.") rather than the end of a sentence."""
    bare = raw.rstrip(".")
    if len(bare) == 1 and bare.isupper():
        return True
    if "." in bare:
        return True  # U.S., D.C.
    return fold(bare) in finder.abbreviations


def _strip_possessive_end(text: str, start: int, end: int) -> int:
    token = text[start:end]
    m = re.search(r"['’]s?$", token)
    if m and len(token) - len(m.group()) >= 2:
        return start + m.start()
    if token.endswith(".") and len(token) > 2 and not token[-3:-1].isupper() and token[-2].islower():
        # "Putin." at a sentence end: the period is not part of the name.
        if not re.search(r"(?:^|\s)(?:Jr|Sr|St)\.$", token):
            return end - 1
    return end


def _strip_dot(text: str, start: int, end: int) -> int:
    """Keep an abbreviation's period ("Gen."), so the span reads as written."""
    return end


def _clock_time(text: str, title: Title) -> bool:
    """"9 PM ET": a clock time and a time zone, not the prime minister and a name."""
    return (text[title.start:title.end].replace(".", "").upper() == "PM"
            and text[max(0, title.start - 3):title.start].rstrip()[-1:].isdigit())
