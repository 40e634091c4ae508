"""RS5xx readability: sentence and word length, a grade level, shouting.

Computed here rather than with textstat: textstat 0.7 downloads NLTK's cmudict
on first use (network at run time) and costs milliseconds per article, while
these few figures take microseconds with a syllable heuristic.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache

from ..document import Document
from .base import Detector, DetectorOutput, DetectorSpec, FeatureSpec, RuleSpec, per_thousand

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Patterns open with a character class and test the word boundary after it
# ("[A-Z](?<!\w[A-Z])" is "\b[A-Z]"): the engine then skips in C to the next
# capital instead of trying the pattern at every position (3 to 5 times faster).
_ALL_CAPS_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{3,}\b")  # \b[A-Z]{4,}\b
_EXCLAMATION = re.compile(r"!+")
# One character class per word, so a long run of capitals cannot backtrack. The
# same as (?:\b[A-Z][A-Z'’!?,.\-]+[ \t]+){4,}[A-Z][A-Z'’!?,.\-]+ with its first word written out.
_SHOUTING_RUN = re.compile(
    r"[A-Z](?<!\w[A-Z])[A-Z'’!?,.\-]+[ \t]+(?:\b[A-Z][A-Z'’!?,.\-]+[ \t]+){3,}[A-Z][A-Z'’!?,.\-]+"
)
_LONG_SENTENCE_WORDS = 60
_MIN_WORDS = 50


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """English syllables by vowel groups, with the silent final e; at least 1."""
    w = word.lower()
    groups = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups)


class _SyllableCounts(dict[str, int]):
    """:func:`count_syllables` of each word seen, as a plain dict: ``map`` over its
    ``__getitem__`` runs in C, and a hit costs half as much as an lru_cache hit."""

    def __missing__(self, word: str) -> int:
        if len(self) >= _SYLLABLE_CACHE_WORDS:
            self.clear()  # bounded, as the lru_cache is
        count = self[word] = count_syllables(word)
        return count


_SYLLABLE_CACHE_WORDS = 65536
_syllables = _SyllableCounts()


class Readability(Detector):
    spec = DetectorSpec(
        name="readability",
        code_prefix="RS5",
        version="1.1",
        description="Sentence and word length, Flesch-Kincaid grade, exclamation and capitals rates.",
        features=(
            FeatureSpec("words", "Number of words in the article.", "{value:.0f} word{s} long"),
            FeatureSpec("log_words", "Natural log of 1 + the number of words.", "article length {value:.0f} word{s}",
                        shown_as="exp"),
            FeatureSpec("mean_sentence_words", "Mean words per sentence.", "{value:.1f} words per sentence on average"),
            FeatureSpec("mean_word_chars", "Mean characters per word.", "{value:.2f} characters per word on average"),
            FeatureSpec("grade_level", "Flesch-Kincaid grade level.", "reading grade level {value:.1f}"),
            FeatureSpec("exclamations_per_1k", "Exclamation marks per 1,000 words.", "{value:.1f} exclamation marks per 1,000 words"),
            FeatureSpec("all_caps_per_1k", "Words of 4+ capital letters per 1,000 words.", "{value:.1f} all-capitals words per 1,000 words"),
            FeatureSpec("long_sentence_share", f"Share of sentences over {_LONG_SENTENCE_WORDS} words.", "{value:.0%} of sentences are very long"),
        ),
        rules=(
            RuleSpec(
                "RS501", "shouting", "A run of five or more words in capital letters.",
                severity="info", feature="all_caps_per_1k",
                should=("THIS IS THE TRUTH THEY DON'T WANT YOU TO KNOW about the vaccine.",),
                should_not=("The NATO and FBI officials met at the UN.",),
                rationale="Sensational pages shout; news copy uses capitals only for acronyms.",
            ),
            RuleSpec(
                "RS502", "exclamation", "Exclamation marks in the article's own voice.",
                severity="info", feature="exclamations_per_1k",
                should=("You won't believe what happened next!!!",),
                should_not=("The minister said the plan would be ready by June.",),
                rationale="Exclamation marks are rare in news reporting outside quotes.",
            ),
            RuleSpec(
                "RS503", "long-sentence", f"A sentence of more than {_LONG_SENTENCE_WORDS} words.",
                severity="info", feature="long_sentence_share",
                should=(" ".join(["word"] * 70) + ".",),
                should_not=("A short sentence.",),
                rationale="Run-on sentences are common in scraped or machine-written text.",
            ),
        ),
    )

    def detect(self, doc: Document) -> DetectorOutput:
        out = self.builder(doc)
        text = doc.spaced
        spans = doc.word_spans
        n_words = len(spans)
        sentences = doc.sentences
        sentence_word_counts = []
        if sentences:
            starts = doc.word_starts
            for s_start, s_end in sentences:
                count = bisect.bisect_left(starts, s_end) - bisect.bisect_left(starts, s_start)
                if count:
                    sentence_word_counts.append(count)
                if count > _LONG_SENTENCE_WORDS:
                    out.add("RS503", s_start, s_end, f"A sentence of {count} words.")
        words = doc.word_texts
        chars = sum(map(len, words))
        # count_syllables lowers the word itself; its results are kept in a dict
        # whose lookups map and sum run in C.
        syllables = sum(map(_syllables.__getitem__, words))
        n_sent = max(1, len(sentence_word_counts))
        if n_words >= _MIN_WORDS:
            grade = 0.39 * (n_words / n_sent) + 11.8 * (syllables / n_words) - 15.59
        else:
            grade = math.nan  # too short for a grade level to mean anything
        exclamations = 0
        # Most articles have no "!" at all: a substring test (in C) then spares
        # searching each stretch between quotations.
        if "!" in text:
            for match in doc.outside_quotes(_EXCLAMATION):
                exclamations += 1
                out.add("RS502", match.start(), match.end(), "Exclamation mark in the article's own voice.")
        caps = len(_ALL_CAPS_WORD.findall(text))
        for match in _SHOUTING_RUN.finditer(text):
            out.add("RS501", match.start(), match.end(), "A run of words in capital letters.")
        features = {
            "words": float(n_words),
            "log_words": math.log1p(n_words),
            "mean_sentence_words": (sum(sentence_word_counts) / len(sentence_word_counts)) if sentence_word_counts else math.nan,
            "mean_word_chars": chars / n_words if n_words else math.nan,
            "grade_level": grade,
            "exclamations_per_1k": per_thousand(exclamations, n_words),
            "all_caps_per_1k": per_thousand(caps, n_words),
            "long_sentence_share": (
                sum(c > _LONG_SENTENCE_WORDS for c in sentence_word_counts) / len(sentence_word_counts)
                if sentence_word_counts else math.nan
            ),
        }
        return out.output(features)
