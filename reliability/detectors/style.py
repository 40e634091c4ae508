"""RS6xx style: the writing habits that separate reporting from clickbait and fabrication.

Reporting is specific (numbers, dates, direct quotes) and detached (third
person, little emotive vocabulary); fabricated and hyper-partisan pages address
the reader, shout with sensational words, frame events as conspiracies and ask
rhetorical questions (Horne and Adali, ICWSM 2017; Rashkin et al., EMNLP 2017).
"""

from __future__ import annotations

import math
import re

from ..document import Document
from ..lexicons import PhraseMatcher, load_lexicon
from .base import Detector, DetectorOutput, DetectorSpec, FeatureSpec, RuleSpec, per_thousand, share

# Patterns open with a character class and test what precedes it afterwards: the
# engine then skips in C to candidate characters instead of trying every position.
# (?<![\w.])[$£€]?\d[\d,.]*%? : a currency sign must be followed by a digit.
_NUMBER_RE = re.compile(r"[$£€\d](?<![\w.].)(?:(?<=[$£€])\d)?(?<=\d)[\d,.]*%?")
# Dates, days and times: the phrases, and numbers (years, clock times).
_TIME_PHRASES = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight",
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "last week", "last month", "last year", "this week", "this month", "this year",
)
_TIME_NUMBERS = r"(?:19|20)\d\d|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?"
_TIME_SOURCE = r"\b(?=\w)(?:" + "|".join(p.replace(" ", r"\s+") for p in _TIME_PHRASES) + "|" + _TIME_NUMBERS + r")\b"
_TIME_RE = re.compile(_TIME_SOURCE, re.IGNORECASE)
# The same count on ``Document.lowered``, in pieces the engine can skip through
# (a pattern opening with ``\b`` is tried at every position). Each time phrase has
# a pattern that opens with its first word, so the engine jumps from one
# occurrence to the next ("monday(?<!\w.{6})\b" is "\bmonday\b"), and it is only
# searched for when its words are runs of letters of the text (``letter_runs``: a
# set lookup, as in ``PhraseMatcher.may_occur``). The numbers (_TIME_NUMBERS) have
# a pattern that opens with a digit ("\d(?<!\w.)(?<=1)9" is "\b19"). Phrases and
# numbers never overlap, so the counts add up to what _TIME_RE counts.


def _time_phrase_pattern(phrase: str) -> re.Pattern[str]:
    r"""``\blast\s+week\b`` for "last week", written ``last(?<!\w.{4})\s+week\b`` to open with its word."""
    first, *rest = phrase.split()
    boundary = r"(?<!\w.{%d})" % len(first)
    return re.compile(first + boundary + "".join(r"\s+" + word for word in rest) + r"\b")


_TIME_PHRASE_PATTERNS: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = tuple(
    (frozenset(phrase.split()), _time_phrase_pattern(phrase)) for phrase in _TIME_PHRASES
)
_TIME_NUMBER_RE = re.compile(r"\d(?<!\w.)(?:(?<=1)9\d\d|(?<=2)0\d\d|\d?(?::\d\d)?\s*[ap]\.?m\.?)\b")
# A clock time ends in "am" or "pm", or in "a.m."/"p.m." whose letters are runs of
# their own. Most texts have none of these runs: then only years can match, and a
# pattern per century that opens with its two digits is found faster than any digit.
_CLOCK_RUNS, _CLOCK_DOTTED_RUNS = frozenset(("am", "pm")), frozenset(("a", "p"))
_YEAR_RES = (re.compile(r"19(?<!\w..)\d\d\b"), re.compile(r"20(?<!\w..)\d\d\b"))  # \b(?:19|20)\d\d\b
_SECOND_PERSON = frozenset("you your yours yourself yourselves you're you've you'll".split())
_FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves i'm i've i'd we're we've".split())
_PERSON = PhraseMatcher(sorted(_SECOND_PERSON | _FIRST_PERSON))
_CAPITALISED_RE = re.compile(r"[A-Z](?<![\w'’\-][A-Z])")  # (?<![\w'’\-])[A-Z]
_DIVERSITY_MAX_WORDS = 2000
_QUESTION_RE = re.compile(r"\?+")
_DIVERSITY_WINDOW = 100
_STRONG_VALENCE = 2.0


class Style(Detector):
    spec = DetectorSpec(
        name="style",
        code_prefix="RS6",
        version="1.4",
        description="Specificity (numbers, dates, quotes), reader address, emotive, sensational, conspiracy and pseudo-science language.",
        features=(
            FeatureSpec("quote_share", "Share of the text inside direct quotations.", "{value:.0%} of the text is direct quotation"),
            FeatureSpec("numbers_per_1k", "Numbers per 1,000 words.", "{value:.1f} numbers per 1,000 words"),
            FeatureSpec("time_refs_per_1k", "Dates, days and times per 1,000 words.", "{value:.1f} dates or times per 1,000 words"),
            FeatureSpec("second_person_per_1k", "'You'/'your' outside quotes per 1,000 words.", "{value:.1f} uses of 'you' addressing the reader per 1,000 words"),
            FeatureSpec("first_person_per_1k", "'I'/'we' outside quotes per 1,000 words.", "{value:.1f} first-person words outside quotes per 1,000 words"),
            FeatureSpec("sensational_per_1k", "Sensational words per 1,000 words.", "{value:.1f} sensational words per 1,000 words"),
            FeatureSpec("conspiracy_per_1k", "Conspiracy, anti-media and pseudo-science framing cues per 1,000 words.", "{value:.1f} conspiracy, anti-media or pseudo-science phrases per 1,000 words"),
            FeatureSpec("emotive_per_1k", "Strongly emotive words (|VADER valence| >= 2) per 1,000 words.", "{value:.1f} strongly emotive words per 1,000 words"),
            FeatureSpec("negativity", "Share of sentiment-bearing words that are negative.", "{value:.0%} of the emotive words are negative"),
            FeatureSpec("questions_per_1k", "Question marks outside quotes per 1,000 words.", "{value:.1f} questions in the article's own voice per 1,000 words"),
            FeatureSpec("lexical_diversity", "Moving-average type-token ratio over 100-word windows.", "lexical diversity {value:.2f}"),
            FeatureSpec("capitalised_share", "Share of words capitalised mid-sentence (names, places, organisations).", "{value:.0%} of words are names or proper nouns"),
            FeatureSpec("title_caps_share", "Share of title words in all capitals.", "{value:.0%} of the title is in capitals"),
        ),
        rules=(
            RuleSpec(
                "RS601", "sensational-language", "A sensational or clickbait word in the article's own voice.",
                severity="info", feature="sensational_per_1k",
                should=("This shocking video will blow your mind, and the bombshell report is jaw-dropping.",),
                should_not=("The ministry published its annual report on Tuesday.",),
                rationale="News reports describe; clickbait and fabricated pages tell the reader how to feel.",
            ),
            RuleSpec(
                "RS602", "conspiracy-framing", "A phrase that frames events as hidden truth, attacks the media or sells pseudo-science.",
                severity="info", feature="conspiracy_per_1k",
                should=(
                    "The mainstream media won't report it, but the deep state is behind the plandemic.",
                    "Health freedom groups say the corporate media buries every vaccine-injured child.",
                ),
                should_not=(
                    "The committee released the report to the media on Friday.",
                    "He died suddenly at his home on Sunday; residents wake up to sirens most nights.",
                ),
                rationale="Conspiracy framing ('what they don't want you to know'), attacks on 'the corporate media' and anti-vaccine tropes ('medical freedom') are marks of fabricated content.",
            ),
            RuleSpec(
                "RS603", "reader-address", "The article addresses the reader as 'you' outside quotes.",
                severity="info", feature="second_person_per_1k",
                should=("You need to see this before it is deleted. Share it with your friends.",),
                should_not=("'You have to act now,' the minister told reporters.",),
                rationale="News copy is written in the third person; persuasion pages speak to the reader.",
            ),
            RuleSpec(
                "RS604", "rhetorical-question", "A question in the article's own voice.",
                severity="info", feature="questions_per_1k",
                should=("Is this the end of democracy as we know it?",),
                should_not=("'Why now?' asked the senator.",),
                rationale="Rhetorical questions insinuate what the article cannot state.",
            ),
        ),
    )

    def _load(self) -> None:
        self._sensational = PhraseMatcher(load_lexicon("style_sensational").phrases)
        self._conspiracy = PhraseMatcher(load_lexicon("style_conspiracy").phrases)
        self._distancing = PhraseMatcher(load_lexicon("style_conspiracy_distancing").phrases)
        self._valence = {entry[0]: float(entry[1]) for entry in load_lexicon("vader_valence").entries}

    def detect(self, doc: Document) -> DetectorOutput:
        out = self.builder(doc)
        text = doc.spaced
        n = doc.word_count
        quoted_chars = sum(e - s for s, e in doc.quote_spans)
        # Counting unique words (Counter runs in C) keeps the cost per article
        # small and linear; only the rare pronouns need their positions.
        tokens = doc.letter_tokens  # shared with the reporting detector
        counts = doc.letter_counts
        # Lexicons none of whose phrases can occur are not searched at all.
        letter_runs = doc.letter_runs
        strong = negative = sentiment = 0
        valences = self._valence
        # Only the few words with a valence are visited: the key intersection runs in C.
        for word in counts.keys() & valences.keys():
            count = counts[word]
            valence = valences[word]
            sentiment += count
            negative += count if valence < 0 else 0
            strong += count if abs(valence) >= _STRONG_VALENCE else 0

        second = first = 0
        haystack, pattern = _PERSON.haystack(doc)
        for match in doc.outside_quotes(pattern, haystack):
            word = text[match.start():match.end()]
            if word == "US":
                continue  # the country
            if word.lower().replace("’", "'") in _SECOND_PERSON:
                second += 1
                out.add("RS603", match.start(), match.end(), "The article addresses the reader directly.")
            else:
                first += 1
        capitalised = max(0, len(_CAPITALISED_RE.findall(text)) - len(doc.sentences))

        sensational = out.add_phrases_in_voice(self._sensational, letter_runs, "RS601", "Sensational word: '{}'.")
        conspiracy = out.add_phrases_in_voice(self._conspiracy, letter_runs, "RS602",
                                              "Conspiracy, anti-media or pseudo-science framing: '{}'.",
                                              distancing=self._distancing)
        questions = 0
        last_sentence = -1
        # Many articles have no "?" at all: a substring test (in C) then spares
        # searching each stretch between quotations.
        if "?" in text:
            for match in doc.outside_quotes(_QUESTION_RE):
                questions += 1
                i = doc.sentence_index(match.start())
                if i == last_sentence or not doc.sentences:
                    continue  # one finding per sentence
                last_sentence = i
                s_start, s_end = doc.sentences[i]
                if s_start <= match.start() < s_end:
                    out.add("RS604", s_start, min(s_end, match.end()), "A question in the article's own voice.")

        title_caps = math.nan
        if doc.title:
            title_words = re.findall(r"[^\W\d_]+", doc.title)
            if title_words:
                title_caps = sum(w.isupper() and len(w) > 1 for w in title_words) / len(title_words)

        features = {
            "quote_share": share(quoted_chars, len(text)),
            "numbers_per_1k": per_thousand(len(_NUMBER_RE.findall(text)), n),
            "time_refs_per_1k": per_thousand(_count_time_refs(doc), n),
            "second_person_per_1k": per_thousand(second, n),
            "first_person_per_1k": per_thousand(first, n),
            "sensational_per_1k": per_thousand(sensational, n),
            "conspiracy_per_1k": per_thousand(conspiracy, n),
            "emotive_per_1k": per_thousand(strong, n),
            "negativity": share(negative, sentiment),
            "questions_per_1k": per_thousand(questions, n),
            "lexical_diversity": _moving_ttr(tokens[:_DIVERSITY_MAX_WORDS]),
            "capitalised_share": share(capitalised, n),
            "title_caps_share": title_caps,
        }
        return out.output(features)


def _count_time_refs(doc: Document) -> int:
    low, runs = doc.lowered, doc.letter_runs
    if low is None or runs is None:
        return len(_TIME_RE.findall(doc.spaced))
    if not runs.isdisjoint(_CLOCK_RUNS) or ("m" in runs and not runs.isdisjoint(_CLOCK_DOTTED_RUNS)):
        count = len(_TIME_NUMBER_RE.findall(low))
    else:
        count = sum(len(pattern.findall(low)) for pattern in _YEAR_RES)
    for words, pattern in _TIME_PHRASE_PATTERNS:
        if words <= runs:
            count += len(pattern.findall(low))
    return count


def _moving_ttr(words: list[str], window: int = _DIVERSITY_WINDOW) -> float:
    """Mean type-token ratio over sliding windows (length-independent); NaN when too short."""
    n = len(words)
    if n < window:
        return math.nan
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    total = len(counts)
    steps = 1
    # Stride 10 keeps the cost linear and small on long articles.
    stride = 10
    for i in range(stride, n - window + 1, stride):
        for w in words[i - stride:i]:
            c = counts[w] - 1
            if c:
                counts[w] = c
            else:
                del counts[w]
        for w in words[i + window - stride:i + window]:
            counts[w] = counts.get(w, 0) + 1
        total += len(counts)
        steps += 1
    return total / (steps * window)
