"""What a detector is: a name, a rule-code family, declared features and rules,
and a pure ``detect(doc) -> DetectorOutput``.

A detector is built in two steps, as scikit-learn estimators are: the
constructor only stores parameters; :meth:`Detector.load` reads its data files
(lexicons, knowledge base) once and returns a ready detector. The registry
loads each detector once and reuses it for every article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..document import Document
from ..report import SEVERITIES, Finding

# A negation within two words before a phrase: "not proven", "doesn't prove", "has never been".
_NEGATED_BEFORE_RE = re.compile(r"(?:\b(?:not|never|no|cannot|without)|n['’]t)\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
# Verb forms that are also common nouns ("the State Department", "a report", "Media
# reports said"): they do not end a source's post-modifier, and as plurals they may be
# the subject rather than a speaker's verb.
NOUN_LIKE_VERBS = frozenset(
    "state states note notes report reports question questions view views fear fears hope hopes doubt doubts "
    "signal signals estimate estimates counter comment comments voice brief add concern claim claims warning "
    "stress see remark mention dispute praise blame project forecast forecasts promise pledge vow demand echo "
    "object protest trust feel credit thank welcome fault joke tweet record call calls charge charges "
    "express point points raise speaking reported announced issue issues quote share favor want support".split()
)
# Words a report puts between a speaker and the verb: "Smith has also said",
# "Acme Robotics today announced", "the Health Ministry on Tuesday said". A list, not any
# "-ly" word: "Biden's ally said" is an unnamed ally, not a statement by Biden.
BETWEEN_SPEAKER_AND_VERB = (
    r"(?:has|had|have|also|later|then|now|today|yesterday|tonight|again|previously|recently|earlier|once|"
    r"repeatedly|reportedly|publicly|privately|separately|subsequently|initially|originally|further|similarly|"
    r"often|frequently|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
)
# What follows a name between commas describes it (", a geneticist at the Crick,"); a
# verb there makes it the name's own predicate (", was arrested on Sunday, said a ...").
PREDICATE_AHEAD = r"\s*(?:was|were|is|are|has|had|have|will|would|did|does)\b"
# Auxiliaries that open a reported clause's predicate: right after a name ("He said
# Washington would respond", "said the man, Derek Maddox, had ..."), they make the
# name the clause's subject, not the speaker.
CLAUSE_AUXILIARIES = r"(?:was|were|is|are|has|had|have|will|would|did|does|do|could|should|can|may|might|must)"
# Shared by the detectors that find speakers: a pronoun's contraction ("We're told" is
# no one named We're; "O'Connor" keeps its apostrophe), and a number after "added"
# ("Brown added 24 points": a tally, not a statement).
_CONTRACTION_RE = re.compile(r"['’](?:re|ve|ll|d|m)$")
TALLY_AFTER_RE = re.compile(
    r"\s+(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+(?:career|season|game)[-\s]high)\b)",
    re.IGNORECASE,
)
ADDING_VERBS = frozenset(("add", "adds", "added"))  # the verbs TALLY_AFTER_RE is tested after


def without_contraction(word: str) -> str:
    """'we're' -> 'we', 'they've' -> 'they'; names with an apostrophe ("O'Connor") stay."""
    return _CONTRACTION_RE.sub("", word)

if TYPE_CHECKING:
    from ..lexicons import PhraseMatcher


@dataclass(frozen=True)
class FeatureSpec:
    """A number a detector produces for every article (NaN when undefined)."""

    name: str
    description: str
    # How a journalist reads the value; ``{value}`` is filled in, and ``{s}`` with
    # "s" unless the value is 1 ("{value:.0f} invalid military rank{s}").
    message: str = ""
    # The message shows the value in plainer units: "exp" undoes a log1p feature
    # (the model reads log(1 + words); a reader wants the words).
    shown_as: str = ""

    def shown(self, value: float) -> float:
        """``value`` in the units the message uses."""
        if self.shown_as == "exp" and not math.isnan(value):
            return math.expm1(value)
        return value

    def read(self, value: float) -> str:
        """The message for ``value``: "1 invalid military rank", "2 invalid military ranks"."""
        value = self.shown(value)
        plural = "" if not math.isnan(value) and round(value) == 1 else "s"
        return self.message.format(value=value, s=plural)


@dataclass(frozen=True)
class RuleSpec:
    """A rule: one kind of finding, with its stable code and documentation."""

    code: str
    name: str
    summary: str
    severity: str = "info"
    feature: str | None = None
    should: tuple[str, ...] = ()
    should_not: tuple[str, ...] = ()
    rationale: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: unknown severity {self.severity!r}")


@dataclass(frozen=True)
class DetectorSpec:
    name: str
    code_prefix: str
    version: str
    description: str
    features: tuple[FeatureSpec, ...]
    rules: tuple[RuleSpec, ...]

    def qualified(self, feature: str) -> str:
        return f"{self.name}.{feature}"

    @property
    def feature_names(self) -> tuple[str, ...]:
        return tuple(self.qualified(f.name) for f in self.features)

    def rule(self, code: str) -> RuleSpec:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(code)


@dataclass(frozen=True)
class DetectorOutput:
    """Findings and features (unqualified names) from one article."""

    findings: tuple[Finding, ...]
    features: Mapping[str, float]


# Evidence beyond this many findings of one rule in one article adds nothing a
# reader can use, and would let adversarial input (a megabyte of "?!") exhaust
# memory. Features still count every occurrence.
MAX_FINDINGS_PER_RULE = 200


@dataclass
class FindingBuilder:
    """Helps a detector emit findings whose spans index the caller's text."""

    spec: DetectorSpec
    doc: Document
    findings: list[Finding] = field(default_factory=list)
    _per_rule: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        code: str,
        start: int | None,
        end: int | None,
        message: str,
        *,
        severity: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Finding | None:
        """Record a finding; returns None once the rule has ``MAX_FINDINGS_PER_RULE``."""
        seen = self._per_rule.get(code, 0)
        if seen >= MAX_FINDINGS_PER_RULE:
            return None
        self._per_rule[code] = seen + 1
        rule = self.spec.rule(code)
        text = "" if start is None else self.doc.text[start:end]
        finding = Finding(
            code=code,
            detector=self.spec.name,
            start=start,
            end=end,
            text=text,
            message=message,
            severity=severity or rule.severity,
            feature=self.spec.qualified(rule.feature) if rule.feature else None,
            data=dict(data or {}),
        )
        self.findings.append(finding)
        return finding

    def add_phrases_in_voice(self, phrases: "PhraseMatcher", letter_runs: "frozenset[str] | None",
                             code: str, message: str, skip_negated: bool = False,
                             distancing: "PhraseMatcher | None" = None) -> int:
        """One finding per lexicon phrase in the article's own voice (outside quotes);
        ``message`` gets the phrase as written. Returns how many occur.

        ``skip_negated`` drops a phrase negated just before it ("does not prove",
        "has never been proven"): a denial is not the claim.

        ``distancing`` drops a phrase whose sentence also holds one of its cues
        ("the baseless Great Reset conspiracy theory", "a group that calls itself
        a medical freedom coalition"): the writer reports the framing, not uses it.

        ``letter_runs`` (``Document.letter_runs``) lets most articles skip the search:
        when none of the lexicon's words is in the article, no phrase can match.
        """
        if letter_runs is not None and not phrases.may_occur(letter_runs):
            return 0
        doc = self.doc
        text = doc.spaced
        haystack, pattern = phrases.haystack(doc)
        count = 0
        distanced: dict[int, bool] = {}
        for match in doc.outside_quotes(pattern, haystack):
            if skip_negated and _NEGATED_BEFORE_RE.search(text, max(0, match.start() - 30), match.start()):
                continue
            if distancing is not None and doc.sentences:
                index = doc.sentence_index(match.start())
                if index not in distanced:
                    start, end = doc.sentences[index]
                    distanced[index] = distancing.pattern.search(text, start, end) is not None
                if distanced[index]:
                    continue
            count += 1
            self.add(code, match.start(), match.end(), message.format(" ".join(text[match.start():match.end()].split())))
        return count

    def output(self, features: Mapping[str, float]) -> DetectorOutput:
        ordered = sorted(self.findings, key=lambda f: (f.start is None, f.start or 0, f.code))
        return DetectorOutput(findings=tuple(ordered), features=dict(features))


class Detector:
    """Base class. Subclasses set ``spec`` and implement ``_load`` and ``detect``."""

    spec: DetectorSpec

    def __init__(self) -> None:
        self._loaded = False

    def load(self) -> "Detector":
        """Read data files once; returns ``self`` ready to ``detect``."""
        if not self._loaded:
            self._load()
            self._loaded = True
        return self

    def _load(self) -> None:
        """Read lexicons or other data; the default has none."""

    def detect(self, doc: Document) -> DetectorOutput:  # pragma: no cover - abstract
        raise NotImplementedError

    def builder(self, doc: Document) -> FindingBuilder:
        return FindingBuilder(self.spec, doc)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.spec.name} {self.spec.version}>"


def per_thousand(count: float, words: int) -> float:
    """A rate per 1,000 words; NaN for an article with no words."""
    return 1000.0 * count / words if words else math.nan


def share(part: float, whole: float) -> float:
    """``part / whole``, NaN when the whole is zero (undefined, not zero)."""
    return part / whole if whole else math.nan


def merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged, sorted."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
