"""RS4xx hedging: hedge cues, hearsay and weasel words, in the reporter's voice or in quotes.

A hedge is a word that presents a claim as possible rather than established:
"may", "could reshape", "reportedly", "is said to", "some experts believe".
Reliable reporting hedges too, so no single cue is damning; what carries signal
is how densely the *reporter's own* voice hedges, how much of it is hearsay or
pinned on nobody ("many people say"), against hedges inside direct quotes, which
are the speaker's and are counted apart (RS404).

Cue lists live in ``reliability/lexicons/hedge_*.txt``; one case-insensitive
regex pass finds every candidate, then a few neighbouring-word checks
(``hedge_context.txt``) drop the non-hedges: "May" the month or "Theresa May",
"military might", "as soon as possible", "the accused". Decisions documented
in the lexicons: negated "could" ("could not be reached for comment") is past
(in)ability, not a guess; "would", "will", "can", "should" and "if" mark
conditions or obligations rather than doubt about a fact and are not cues.

Measured against the Szeged Uncertainty Corpus (news and Wikipedia) by
``benchmarks/gold_hedging.py``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from ..document import Document
from ..document import phrase_regex
from ..lexicons import load_lexicon
from ..lexicons.patterns import closing_paren, split_top_level, trie_regex
from .base import Detector, DetectorOutput, DetectorSpec, FeatureSpec, RuleSpec, per_thousand, share

# Category -> (rule code, lexicon). Order is priority: where two cues start at
# the same place the earlier category wins ("it could be argued" is a weasel
# phrase, not the modal "could").
_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("weasel", "RS403", "hedge_weasel"),
    ("hearsay", "RS402", "hedge_hearsay"),
    ("belief", "RS405", "hedge_belief"),
    ("modal", "RS401", "hedge_modal"),
)
_QUOTED_CODE = "RS404"
_MODAL_VERBS = frozenset({"may", "might", "could"})

# The verb a modal governs, so the evidence reads "could reshape" or "may have
# been", not a bare "could". Bounded: at most an adverb, an auxiliary and a word.
_MODAL_TAIL = re.compile(
    r"(?:\s+(?:not|also|well|soon|still|even|eventually|ultimately|never|yet|already|only|just|now|"
    r"possibly|potentially|actually|further|one\s+day|someday|"
    # an -ly adverb, but not a verb that ends in -ly ("could apply")
    r"(?!(?:apply|rely|supply|reply|multiply|comply|imply|ally|rally|tally|bully|fly)\b)[a-z]{2,}ly))?"
    r"(?:\s+(?:be|have(?:\s+been)?))?"
    # the governed verb; a question's subject ("Could this be...?") is not one
    r"\s+(?!(?:this|that|these|those|the|a|an|it|he|she|they|we|you|i|there)\b)[a-z][a-z'’\-]*"
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w]{0,3}$")
_WORD_AFTER = re.compile(r"[^\w]{0,3}(\w+)")
_BEFORE_WINDOW = 40
_TRANSPARENT_ADVERBS = frozenset(("once", "first", "long"))

_MESSAGES = {
    "modal": "Hedge {text!r}: the reporter presents this as a possibility, not an established fact.",
    "hearsay": "Hearsay marker {text!r}: the claim is passed on without the reporter vouching for it.",
    "weasel": "Weasel wording {text!r}: a belief or claim attributed to nobody in particular.",
    "belief": "Belief or expectation {text!r}: someone's view or forecast, not a verified fact.",
}
_QUOTED_MESSAGE = "Hedge {text!r} inside a direct quote: the speaker's uncertainty, not the reporter's."


@dataclass(frozen=True)
class HedgeCue:
    """One hedge cue found in the text."""

    category: str
    start: int
    end: int
    quoted: bool


class Hedging(Detector):
    spec = DetectorSpec(
        name="hedging",
        code_prefix="RS4",
        version="1.5",
        description=(
            "Hedge cues (may, could, likely, appears to), hearsay (reportedly, allegedly, is said to), "
            "weasel wording (some experts believe, it is thought) and attributed beliefs, in the "
            "reporter's voice; hedges inside direct quotes are counted apart."
        ),
        features=(
            FeatureSpec(
                "hedges_per_1k",
                "Hedge cues of every kind in the reporter's own voice (outside quotes) per 1,000 words.",
                "{value:.1f} hedges (may, could, reportedly, some say...) per 1,000 words in the reporter's own voice",
            ),
            FeatureSpec(
                "modal_hedges_per_1k",
                "Modal hedges (may, might, could, likely, appears to, suggests) outside quotes per 1,000 words.",
                "{value:.1f} possibility words (may, could, likely...) per 1,000 words in the reporter's voice",
            ),
            FeatureSpec(
                "hearsay_per_1k",
                "Hearsay markers (reportedly, allegedly, is said to, rumored) outside quotes per 1,000 words.",
                "{value:.1f} hearsay markers (reportedly, allegedly, is said to) per 1,000 words",
            ),
            FeatureSpec(
                "weasel_per_1k",
                "Weasel phrases (some experts believe, many say, it is thought) outside quotes per 1,000 words.",
                "{value:.1f} claims pinned on nobody in particular (\"some experts believe\") per 1,000 words",
            ),
            FeatureSpec(
                "belief_per_1k",
                "Attributed beliefs and expectations (believe, is expected to, considered) outside quotes per 1,000 words.",
                "{value:.1f} reported beliefs or forecasts (believe, is expected to) per 1,000 words",
            ),
            FeatureSpec(
                "quoted_hedges_per_1k",
                "Hedge cues inside direct quotes (the speaker's, not the reporter's) per 1,000 words.",
                "{value:.1f} hedges per 1,000 words inside direct quotes (the speakers' own caution)",
            ),
            FeatureSpec(
                "hedged_sentence_share",
                "Share of sentences with at least one hedge in the reporter's voice (NaN without sentences).",
                "{value:.0%} of sentences hedge in the reporter's own voice",
            ),
        ),
        rules=(
            RuleSpec(
                "RS401", "hedge-cue",
                "A modal hedge in the reporter's voice: may, might, could, likely, possibly, appears to, suggests.",
                severity="info", feature="modal_hedges_per_1k",
                should=(
                    "The decision could reshape the region's balance of power.",
                    "Prices may rise again next month, the figures suggest.",
                    "The outage appears to have started in a data centre in Ohio.",
                    "The minister is likely to resign before the summer.",
                    "The strikes might\nescalate tensions with neighbouring states.",
                ),
                should_not=(
                    "The summit was held in May 2023 in Geneva.",
                    "Theresa May said the vote would go ahead.",
                    "The defendant appeared in court on Tuesday.",
                    "She could not be reached for comment.",
                    "The country used its military might to end the siege.",
                ),
                rationale=(
                    "A reporter who states events as possibilities rather than facts has not confirmed them; "
                    "fabricated and machine-written news leans on 'could' and 'may' to speculate about "
                    "consequences it cannot report."
                ),
            ),
            RuleSpec(
                "RS402", "hearsay",
                "A hearsay marker: reportedly, allegedly, is said to, rumored, according to reports.",
                severity="info", feature="hearsay_per_1k",
                should=(
                    "The official reportedly met the envoy twice in March.",
                    "The adviser allegedly drafted the plan himself.",
                    "The secretary is said to hold the final authority.",
                    "Rumors swirled that the club was for sale.",
                    "The footage could not be independently verified.",
                ),
                should_not=(
                    "The official met the envoy twice in March, the ministry said.",
                    "He said to reporters that the plan was final.",
                ),
                rationale=(
                    "Hearsay markers pass on a claim without saying who made it or how it was checked; "
                    "reliable outlets use them sparingly and name the report they rely on."
                ),
            ),
            RuleSpec(
                "RS403", "weasel-words",
                "A claim pinned on nobody in particular: some experts believe, many say, it is thought, widely regarded.",
                severity="warning", feature="weasel_per_1k",
                should=(
                    "Some experts believe the request is tied to the offensive.",
                    "Many people say the vote was rigged.",
                    "It is widely thought that the talks have failed.",
                    "Critics argue the law goes too far.",
                    "There are growing fears that the ceasefire will collapse.",
                ),
                should_not=(
                    "Dr. Ana Ruiz, an economist at the central bank, believes the rate will fall.",
                    "Three economists at the bank said rates would fall.",
                ),
                rationale=(
                    "Unnamed crowds ('some experts', 'many people') and agentless passives ('it is believed') "
                    "lend a claim authority that nobody can be held to; Wikipedia bans them as weasel words."
                ),
            ),
            RuleSpec(
                "RS404", "hedge-in-quote",
                "A hedge inside a direct quotation: the speaker's caution, counted apart from the reporter's.",
                severity="info", feature="quoted_hedges_per_1k",
                should=(
                    "“The inclusion of this technology suggests they are preparing for a long war,” she said.",
                    "\"We may never know what happened,\" the chief said.",
                ),
                should_not=(
                    "The inclusion of this technology suggests they are preparing for a long war.",
                    "“We will rebuild,” the mayor said.",
                ),
                rationale=(
                    "A source who hedges is being careful, which is not a weakness of the reporting; keeping "
                    "quoted hedges apart stops careful quotes from looking like speculative copy."
                ),
            ),
            RuleSpec(
                "RS405", "belief-attribution",
                "A belief or forecast reported for someone: police believe, is expected to, is considered, is seen as.",
                severity="info", feature="belief_per_1k",
                should=(
                    "Police believe the fire was set deliberately.",
                    "The bill is expected to pass the Senate next week.",
                    "He is considered one of the favourites for the post.",
                ),
                should_not=(
                    "Police said the fire was set deliberately.",
                    "The committee considered the proposal on Tuesday.",
                    "Researchers at a think tank in Washington published the data.",
                ),
                rationale=(
                    "A belief or expectation is weaker evidence than an observed fact; articles built on what "
                    "people think or expect deserve a closer look at what was actually established."
                ),
            ),
        ),
    )

    def _load(self) -> None:
        entries: list[tuple[str, str]] = []  # (category, regex source), priority order
        for category, _code, lexicon_name in _CATEGORIES:
            lexicon = load_lexicon(lexicon_name)
            for phrase in sorted(set(lexicon.phrases), key=len, reverse=True):
                entries.append((category, phrase[3:] if phrase.startswith("re:") else phrase_regex(phrase)))
        self._trigger_re, self._trigger_at_start, self._by_first_word = _compile_two_stage(entries)
        # The same triggers for Document.lowered: plain lower-case letters, which the
        # engine tests faster than [aA] classes. Only for ASCII words: then a letter
        # of the text lowers to the trigger's letter exactly when the class holds it,
        # but for the Kelvin sign (lowers to 'k'), which is checked per article.
        self._lowered_triggers = None
        if all(word.isascii() for word in self._by_first_word):
            trie = _lower_trie_regex(sorted(self._by_first_word))
            self._lowered_triggers = (re.compile(r"\W(" + trie + r")(?!\w)"), re.compile("(" + trie + r")(?!\w)"))
        self._codes = {category: code for category, code, _ in _CATEGORIES}
        relations: dict[str, dict[str, set[str]]] = {"not_after": {}, "not_before": {}, "only_after": {}}
        may_followers: set[str] = set()
        for cue, relation, word in load_lexicon("hedge_context").entries:
            if relation == "only_before" and cue == "May":
                may_followers.add(word.lower())
            elif relation in relations:
                relations[relation].setdefault(cue.lower(), set()).add(word.lower())
            else:
                raise ValueError(f"hedge_context: unknown relation {relation!r} for {cue!r}")
        self._not_after = {k: frozenset(v) for k, v in relations["not_after"].items()}
        self._not_before = {k: frozenset(v) for k, v in relations["not_before"].items()}
        self._only_after = {k: frozenset(v) for k, v in relations["only_after"].items()}
        self._may_followers = frozenset(may_followers)

    # -- finding cues ---------------------------------------------------------
    def cues(self, doc: Document) -> list[HedgeCue]:
        """Every hedge cue in ``doc``, in text order, without overlaps."""
        text = doc.spaced
        found: list[HedgeCue] = []
        last_end = -1
        haystack, trigger_re, at_start = text, self._trigger_re, self._trigger_at_start
        if self._lowered_triggers is not None and doc.lowered is not None and _KELVIN not in text:
            haystack, (trigger_re, at_start) = doc.lowered, self._lowered_triggers
        first = at_start.match(haystack)
        triggers = itertools.chain((first,) if first else (), trigger_re.finditer(haystack))
        for trigger in triggers:
            if trigger.start(1) < last_end:
                continue  # inside the previous cue ("may" in "may or may not")
            pattern = self._by_first_word[_fold(trigger.group(1))]
            match = pattern.match(text, trigger.start(1))
            if match is None:
                continue
            category = match.lastgroup or "modal"
            start, end = match.span()
            head = _first_word(match.group())
            if not self._keeps(text, start, end, head, bare=end - start == len(head)):
                continue
            if category == "modal" and head.lower() in _MODAL_VERBS and end - start == len(head):
                tail = _MODAL_TAIL.match(text, end)
                if tail:
                    end = tail.end()
            found.append(HedgeCue(category, start, end, doc.in_quote(start, end)))
            last_end = end
        return found

    def _keeps(self, text: str, start: int, end: int, head: str, bare: bool) -> bool:
        """False when the neighbouring words show the cue is not a hedge."""
        key = head.lower()
        required_before = self._only_after.get(key)
        if bare and required_before and _word_before(text, start).lower() not in required_before:
            return False
        if key == "may" and head != "may":
            # Capitalised "May" is a month or a name unless a modal's verb follows.
            return _word_after(text, end).lower() in self._may_followers
        banned_before = self._not_after.get(key)
        if banned_before:
            previous = _word_before_match(text, start)
            before = previous.group(1).lower() if previous else ""
            if before in banned_before:
                return False
            if before.endswith("ly") or before in _TRANSPARENT_ADVERBS:
                # "than previously thought", "as originally expected": the adverb is transparent.
                if _word_before(text, previous.start(1)).lower() in banned_before:
                    return False
        banned_after = self._not_before.get(key)
        if banned_after and _word_after(text, end).lower() in banned_after:
            return False
        return True

    # -- detector contract ------------------------------------------------------
    def detect(self, doc: Document) -> DetectorOutput:
        out = self.builder(doc)
        text = doc.spaced
        reporter = {category: 0 for category, _, _ in _CATEGORIES}
        quoted = 0
        hedged_sentences: set[int] = set()
        for cue in self.cues(doc):
            snippet = text[cue.start:cue.end]
            if cue.quoted:
                quoted += 1
                out.add(_QUOTED_CODE, cue.start, cue.end, _QUOTED_MESSAGE.format(text=snippet),
                        data={"kind": cue.category})
                continue
            reporter[cue.category] += 1
            hedged_sentences.add(doc.sentence_index(cue.start))
            out.add(self._codes[cue.category], cue.start, cue.end,
                    _MESSAGES[cue.category].format(text=snippet), data={"kind": cue.category})
        words = doc.word_count
        # Sentences are only split when needed: without a hedge the share is 0
        # for any text with words (and NaN without), whatever the sentence count.
        sentences = _sentences_with_words(doc) if hedged_sentences else (1 if words else 0)
        features = {
            "hedges_per_1k": per_thousand(sum(reporter.values()), words),
            "modal_hedges_per_1k": per_thousand(reporter["modal"], words),
            "hearsay_per_1k": per_thousand(reporter["hearsay"], words),
            "weasel_per_1k": per_thousand(reporter["weasel"], words),
            "belief_per_1k": per_thousand(reporter["belief"], words),
            "quoted_hedges_per_1k": per_thousand(quoted, words),
            "hedged_sentence_share": share(len(hedged_sentences), sentences),
        }
        return out.output(features)


def _sentences_with_words(doc: Document) -> int:
    """Sentences holding at least one word (a lone dash or quote mark is no sentence)."""
    starts = doc.word_starts
    return sum(
        bisect.bisect_left(starts, end) > bisect.bisect_left(starts, start) for start, end in doc.sentences
    )


def _first_word(phrase: str) -> str:
    for i, ch in enumerate(phrase):
        if not (ch.isalnum() or ch in "'’-"):
            return phrase[:i]
    return phrase


def _word_before_match(text: str, start: int) -> "re.Match[str] | None":
    return _WORD_BEFORE.search(text, max(0, start - _BEFORE_WINDOW), start)


def _word_before(text: str, start: int) -> str:
    match = _word_before_match(text, start)
    return match.group(1) if match else ""


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text, end)
    return match.group(1) if match else ""


def _compile_two_stage(
    entries: list[tuple[str, str]],
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, re.Pattern[str]]]:
    """A trigger regex for the first words of all cue entries, and per first word
    one pattern of the entries that can start with it.

    A flat case-insensitive alternation of a few hundred phrases makes the
    engine try every phrase at every word start (about 2 microseconds a word).
    The trigger is a letter trie written with explicit case classes, which the
    engine rejects in a character or two; only at a trigger word does the small
    pattern for that word run.
    """
    categories = [c for c, _, _ in _CATEGORIES]
    by_word: dict[str, dict[str, list[str]]] = {}
    for category, source in entries:
        words = _first_words(source)
        if not words:
            raise ValueError(f"hedging lexicon entry must start with a word or a group of words: {source!r}")
        for word in words:
            by_word.setdefault(word, {}).setdefault(category, []).append(source)
    patterns = {}
    for word, sources in by_word.items():
        groups = [f"(?P<{c}>{'|'.join(sources[c])})" for c in categories if c in sources]
        patterns[word] = re.compile(r"(?:" + "|".join(groups) + r")(?!\w)", re.IGNORECASE)
    trie = _trie_regex(sorted(by_word))
    # Matching from the non-word character before a word lets the engine jump
    # straight to word starts (a pattern that begins with a character class is
    # searched for by that class); the text's first word is checked on its own.
    trigger = re.compile(r"\W(" + trie + r")(?!\w)")
    at_start = re.compile("(" + trie + r")(?!\w)")
    return trigger, at_start, patterns


_KELVIN = "\u212a"


def _lower_trie_regex(words: list[str]) -> str:
    """:func:`_trie_regex` for lower-cased text: letters as plain characters."""
    return trie_regex([tuple("['’]" if ch == "'" else re.escape(ch) for ch in word) for word in words])


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def _trie_regex(words: list[str]) -> str:
    """A regex matching exactly ``words`` in any letter case, as a trie, at a word start.

    The first letter is written as a plain literal per case (``m...|M...``),
    later letters as ``[aA]`` classes: the engine then rejects a wrong letter
    without entering the alternative.
    """

    def char_class(ch: str) -> str:
        if ch == "'":
            return "['’]"
        if ch.isalpha() and ch.upper() != ch:
            return f"[{ch}{ch.upper()}]"
        return re.escape(ch)

    return "(?:" + trie_regex(
        (re.escape(first),) + tuple(char_class(ch) for ch in word[1:])
        for word in words for first in sorted({word[0], word[0].upper()})
    ) + ")"


def _first_words(source: str) -> set[str] | None:
    """The lowercase words a match of ``source`` can start with; None if unknown.

    Reads what the hedge lexicons use: letters, ``x?``, ``(?:a|b)`` groups
    (optional ones too), lookarounds and white space (which ends the word).
    """
    expanded = _expand_first_word(source)
    if expanded is None:
        return None
    words = {text for text, _ in expanded}  # a word still open at the end ends there
    return None if "" in words else words


def _expand_first_word(source: str) -> set[tuple[str, bool]] | None:
    states: set[tuple[str, bool]] = {("", False)}  # (first word so far, word ended)
    i = 0
    while i < len(source) and not all(done for _, done in states):
        ch = source[i]
        optional = i + 1 < len(source) and source[i + 1] in "?*"
        if ch.isalpha() or ch in "'’-":
            grown = {(text, True) if done else (text + _fold(ch), False) for text, done in states}
            states = grown | ({s for s in states if not s[1]} if optional else set())
            i += 2 if optional else 1
        elif source.startswith(("\\s", "\\b", "(?=", "(?!", "(?<=", "(?<!", "\\W"), i):
            states = {(text, True) for text, _ in states}
        elif source.startswith("(?:", i) or (ch == "(" and not source.startswith("(?", i)):
            close = closing_paren(source, i)
            inner = source[i + (3 if source.startswith("(?:", i) else 1):close]
            optional = close + 1 < len(source) and source[close + 1] in "?*"
            sub: set[tuple[str, bool]] = set()
            for alternative in split_top_level(inner):
                part = _expand_first_word(alternative)
                if part is None:
                    return None
                sub |= part
            grown = set()
            for text, done in states:
                if done:
                    grown.add((text, True))
                    continue
                grown |= {(text + more, ended) for more, ended in sub}
                if optional:
                    grown.add((text, False))
            states = grown
            i = close + (2 if optional else 1)
        else:
            return None
    return states
