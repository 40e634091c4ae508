"""RS1xx anonymous_sourcing: who the article says its information comes from.

Anonymous attributions ("a senior official, who spoke on condition of
anonymity", "people familiar with the matter said", "experts warn",
"according to reports") are counted against named ones ("National Security
Adviser Jake Sullivan stated", "the Pentagon said in a statement").

How a source phrase is found:

1. One pass over the document's words looks up every word in a table built
   from the lexicons: source heads (official, aides, sources, experts,
   people...), anchor words of the regex lexicons (anonymity, reports...) and
   reporting verbs for named sources. Everything else runs only near a hit.
2. Around a head, the phrase is read outwards: back over modifiers to the
   determiner ("a senior U.S. government official"), forward over a
   post-modifier ("familiar with the talks", "for the Department of Defense").
3. The phrase is a source only when it is cited as one: subject of a
   reporting verb or a state of mind ("officials have signaled", "aides are
   confident"), inverted ("..., said a congressional aide."), after
   "according to" / "citing", the agent of a passive or a noun of opinion
   ("criticized by opponents", "concerns among experts"), marked "unnamed", or
   given an anonymity clause ("who requested anonymity"). "Officials arrested
   three men" is therefore not a finding.
4. It is anonymous unless a name stands next to it ("spokesman Josh
   Earnest", "Maria Lopez, a nurse,"). Definite phrases ("the official said")
   count only when they point back to an anonymous source already found.
5. Phrases inside direct quotations are the speaker's words, not the
   reporter's, and are skipped.

All word lists live in ``reliability/lexicons/anonymous_*.txt``; the grammar
words below are closed classes (determiners, auxiliaries), not data.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable

from ..document import Document
from ..lexicons import load_lexicon
from .base import ADDING_VERBS, BETWEEN_SPEAKER_AND_VERB, CLAUSE_AUXILIARIES, NOUN_LIKE_VERBS, PREDICATE_AHEAD, TALLY_AFTER_RE, Detector, DetectorOutput, DetectorSpec, FeatureSpec, RuleSpec, per_thousand, share, without_contraction

# -- closed grammar classes ---------------------------------------------------
_INDEFINITE = frozenset(
    "a an one another two three four five six seven eight nine ten several some many multiple "
    "numerous few various other more most dozens dozen half both all".split()
)
_SINGULAR_INDEFINITE = frozenset("a an one another".split())
# Determiners that pick out some members of a plural group ("many reporters"); "some" also
# stands for "a number of" / "a group of".
_QUANTIFIERS = frozenset(
    "two three four five six seven eight nine ten several some many multiple numerous few various dozens".split()
)
_DEFINITE = frozenset("the this these those such".split())
_POSSESSIVE = frozenset("his her their its our my your whose".split())
# Determiners that point back at people already cited ("the people said", "another person
# said"), unlike a quantifier ("many people want"), which starts a new group.
_BACK_REFERENCE = _DEFINITE | frozenset({"another", "one", "both", "the-number"})
_QUANTIFIER_NOUNS = frozenset("number group handful couple pair dozen dozens host chorus team few majority".split())
# Capitalised words that are not part of a source's description or a name.
_CAP_STOP = frozenset(
    "the a an and but or so yet in on at by for from to of with as if when while after before since "
    "he she they we i it you this that these those there here then now still also meanwhile however "
    "moreover yesterday today tonight tomorrow earlier later separately privately publicly instead "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december last next according said says told even".split()
)
# "Another added", "Police said": a determiner and a service, capitalised only by the sentence.
# "One, a State Department employee, said", "One Malaysian Muslim said": a count of
# people, not a name; what follows it describes them.
_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten each neither either several".split())
_NOT_A_NAME = _CAP_STOP | frozenset("mr mrs ms dr another police both".split()) | _COUNT_WORDS
_PREPOSITIONS = frozenset("in on at from by for to with after before during since across".split())
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Words that may sit between a source and its verb ("officials have long said").
_BETWEEN = (
    r"(?:have|has|had|also|privately|publicly|repeatedly|reportedly|previously|earlier|later|recently|"
    r"long|now|still|already|further|separately|too|both|all|themselves|widely|often|frequently|"
    r"generally|largely|openly|quietly|increasingly|initially|subsequently|then|first|last|"
    r"would|will|could|might|may|did|do|does|are|were|is|was|been|being|even|only|just|not|never|"
    r"[a-z]+ly|(?:on|late|early)\s+" + _WEEKDAY + r"|" + _WEEKDAY + r"|yesterday|today|tonight|"
    r"(?:last|this|earlier\s+this|late\s+last)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter)|"
    r"in\s+(?:an?\s+)?(?:interview|statement|e-?mail|briefing|call|phone\s+call|conference\s+call|text\s+message|meeting)s?"
    r"(?:\s+with\s+[\w.'’\-]+(?:\s+[\w.'’\-]+){0,2}?)?)"
)
_INTERRUPTER = (
    r"\s*[,—–]\s*(?:however|though|meanwhile|too|also|in\s+turn|for\s+(?:their|his|her|its)\s+part|"
    r"for\s+(?:instance|example)|in\s+particular|moreover|likewise|similarly|nonetheless|nevertheless|instead|"
    r"in\s+(?:an?\s+)?(?:interview|statement|e-?mail|briefing)|(?:on|late|early)\s+" + _WEEKDAY + r"|"
    r"privately|publicly|speaking\s+(?:privately|anonymously|off\s+the\s+record|on\s+background))\s*[,—–]"
)
# A relative clause between a source and its verb: "officials, who met on Monday, said".
_RELATIVE = r"\s*,\s*(?:who|whose|speaking|including|many\s+of\s+whom)\b[^,.;:!?\"“”‘’]{1,160},"
_BE = r"(?:are|were|is|was|remain|remained|remains|seem|seemed|seems|appear|appeared|appears|be|been|aren['’]t|weren['’]t|isn['’]t|wasn['’]t)"
_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’\-][^\W_]+)*|\S")
_WORD_TOKEN = re.compile(r"[^\W_]")
_POSSESSIVE_TOKEN = re.compile(r"[^\W_].*['’]s?$")
_NAME = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Col|Lt|Adm|Maj|Capt|Gov|Prof|Sgt|Amb)\.?\s+)?"
    r"(?:(?:[A-Z]\.){2,6}|[A-Z][\w'’\-]*)"  # "U.S. Census Bureau": dotted initials are one word
    r"(?:(?:[ \t]+\n?|\n)[ \t]*(?:(?:[A-Z]\.){2,6}|[A-Z]\.|[A-Z][\w'’\-]+|(?:de|da|van|von|bin|al|le|del|di)\s+[A-Z][\w'’\-]+)){0,3}"
)
# A name after a blank line starts a new paragraph (a dateline), it does not name the source.
_ONE_LINE_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)(?![ \t\n])"
_NAME_AFTER_RE = re.compile(_ONE_LINE_GAP + r"(" + _NAME + r")(?=\s*(?:[,.;:)]|$|\s+[a-z]))")
_NAME_APPOSITIVE_AFTER_RE = re.compile(r"[ \t]*,(?:" + _ONE_LINE_GAP + r")?(" + _NAME + r")\s*(?:[,.;:)]|$)")
# What may stand just before a source phrase to make it one (read as words, not regexes).
_INVERTED_WORDS = frozenset(
    "said says say added adds explained explains noted notes wrote writes warned warns argued argues insisted "
    "insists acknowledged confirmed cautioned stressed continued recalled complained predicted conceded citing "
    "cites cited quoting quotes quoted".split()
)
_CITING_WORDS = frozenset("citing cites cited quoting quotes quoted".split())
# Words that may stand before an inverted verb: "..., and said an aide", "Also warning was a senior official".
_INVERSION_OPENERS = frozenset("and but also then later as so".split())
_TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today on late early".split())
# "the remark worried some analysts", "this leads many experts to suspect"
_EXPERIENCER_VERBS = frozenset(
    "worried upset alarmed angered surprised frustrated concerned troubled unnerved rattled disappointed "
    "infuriated pleased delighted baffled puzzled stunned shocked dismayed irritated annoyed impressed "
    "convinced persuaded led leads prompted".split()
)
# "criticized by opponents", "concerns among experts", "criticism from aides"
_AGENT_TRIGGERS = frozenset(
    "criticized criticised rebuked condemned praised blasted denounced questioned disputed challenged slammed seen "
    "viewed regarded described characterized dismissed hailed welcomed cited quoted echoed confirmed denied noted "
    "estimated projected considered deemed criticism praise pushback warning warnings complaint complaints "
    "condemnation scrutiny calls questions concern concerns fear fears worries alarm consensus speculation "
    "skepticism scepticism frustration anger outrage agreement disagreement doubts "
    # positions taken by the agent: "a plan backed by party leaders", "opposed by critics"
    "backed supported opposed endorsed urged favored favoured championed proposed recommended rejected "
    "disputed contested guided shaped informed".split()
)
_AGENT_PREPOSITIONS = frozenset("by among from".split())
_CLAUSE_END_RE = re.compile(
    r"\s*(?:[,.;:!?)\]—–\"”’'\n]|$|\s*(?:who|whose|which|that|speaking|in\s+(?:an?\s+)?interview|on\s+condition)\b)"
)
_PREPOSITION_RE = re.compile(
    r"\s+(?:for|at|in|from|of|with|inside|within|on|across|under|to|representing|"
    r"(?:working|speaking|talking|writing)\s+(?:for|on|in|at|to|with)|"
    r"(?:based|stationed|posted|serving|living)\s+(?:in|at|on|with))\s+",
    re.IGNORECASE,
)
_LOWER_OBJECT_RE = re.compile(r"\s+of\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+)?[a-z]")
# "analysts at Goldman Sachs", "researchers from Stanford University": experts
# placed at a named institution are a checkable source; "critics of the Pentagon"
# are not (the name is their target).
_NAMED_AFFILIATION_RE = re.compile(r"\s+(?:at|from|with)\s+(?:the\s+)?[A-Z]")
_POSSESSIVE_CLAIM_RE = re.compile(
    r"(?:['’]s?)\s+(?:[a-z\-]+\s+)?(?:claims?|warnings?|statements?|assessments?|concerns?|fears?|views?|"
    r"accounts?|estimates?|arguments?|predictions?|comments?|remarks?|criticism|objections?|advice|analysis|"
    r"beliefs?|testimony|allegations?|version)\b"
)
_UNNAMED_MARKERS = frozenset("unnamed anonymous unidentified nameless".split())
_SENTENCE_END_RE = re.compile(r"[.!?](?=[\s\"”’'])|\n\s*\n")
_CLAUSE_START_CHARS = ".!?:;\"“”'‘’([—–\n"
# Heads often used generically with "the" ("the authorities said").
_GENERIC_DEFINITE = frozenset("authorities".split())
_NEXT_LOWER_WORD_RE = re.compile(r"[ \t]+([a-z]{3,})\b(?![’'\-])")
# Words that may follow a source head without making it a modifier.
_FUNCTION_AFTER_HEAD = frozenset(
    "who whom whose which that and but nor yet with without from for about into onto upon over under "
    "near among between within across inside outside throughout here there now then too also still even "
    "all both each alone themselves himself herself itself say says said the this these those than was were "
    "are have has had will would could should may might must can cannot did does not".split()
)
_VERB_ENDINGS = ("ed", "ing", "ly", "en")
_IRREGULAR_PAST = frozenset(
    "told said knew thought wrote spoke gave took made felt found kept left met put ran saw sent set sat stood "
    "understood went came became began brought bought caught chose drew drove fell forgot got grew heard held hid "
    "hit hurt led lost meant paid read rose sold shot shut stole struck swore taught threw won let quit".split()
)
# "described him as a stellar attorney", "served as an adviser": what someone is, not a source.
_DESCRIBED_AS = frozenset(
    "him her them himself herself themselves me us described describes describe describing served serves "
    "serve serving worked works work working known regarded seen viewed hired named appointed identified "
    "labelled labeled characterized characterised portrayed cast doubled posed posing masquerading".split()
)
_ADVERBS_AFTER_HEAD = frozenset("just later soon once again already often long never ever first last".split())
_LOOKAHEAD_ONLY_RE = re.compile(r"\(\?!.*\)", re.DOTALL)  # a follower field that only forbids
_NEGATION_RE = re.compile(r"\b(?:not|never)\b", re.IGNORECASE)
# A future or possible statement is not a citation ("would" stays: "officials would say
# only that ..." reports what was said).
_MODAL_RE = re.compile(r"\b(?:will|shall|could|might|may|should|must|can)\b", re.IGNORECASE)
# ... except an appeal to a whole group: "most experts will tell you".
_GENERIC_YOU_RE = re.compile(r"\s+you\b", re.IGNORECASE)
_GRANT_JOIN_CHARS = 12  # "..., who asked not to be named, because he was not authorized to ..."
_INDEFINITE_PRONOUNS = frozenset("someone somebody anyone anybody".split())
_CLASSIC_ANONYMOUS = frozenset(
    "official source aide adviser advisor insider diplomat member operative strategist confidant confidante ally "
    "staffer person individual spokesman spokeswoman spokesperson pal".split()
)
_TITLE_WORDS = frozenset(
    "coach president secretary adviser advisor director chairman chairwoman chair governor senator sen "
    "representative rep congressman congresswoman mayor minister chancellor general gen admiral adm "
    "colonel col commander judge justice attorney ambassador speaker leader chief mr mrs ms dr prof "
    "professor candidate nominee hopeful manager deputy press vice former gov lt maj capt sgt amb".split()
)
# What follows "Secretary of" or "Minister for" before the holder's name: "Secretary of
# State Marco Rubio", "Minister for Foreign Affairs Penny Wong".
_OFFICE_DOMAINS = frozenset(
    "state defense defence war homeland security health human services energy commerce labor labour "
    "education agriculture transportation transport treasury interior veterans affairs housing urban "
    "development justice foreign home economy finance trade industry environment climate culture "
    "communications science technology infrastructure immigration internal external public safety "
    "navy army air force national staff general intelligence house commons representatives "
    "the and of for".split()
)
# Lower-case words that join the parts of an organisation's name.
_NAME_CONNECTORS = frozenset("of for and".split())
_BETWEEN_WORDS = frozenset(
    "have has had also privately publicly repeatedly reportedly previously earlier later recently now still "
    "already would will could might may did do does are were is was been being".split()
)
# Marker in the set of heads seen so far: some unnamed official or insider has been cited.
_ANY_OFFICIAL = "\x00official"
_BE_FORMS = frozenset("is are was were be been being am".split())
# A relative clause without commas between a source and its verb ("a diplomat who was
# briefed on the talks told"): its words, each with any punctuation that ends the clause.
_RESTRICTIVE_START_RE = re.compile(r"[ \t]+who[ \t]+")
_CLAUSE_WORD_RE = re.compile(r"([A-Za-z][\w'’-]*)[ \t]*([,.;:!?\"“”()—–]|\n)?[ \t]*")
_MAX_RELATIVE_WORDS = 12
# Only the plain verbs of saying end such a clause: "notes", "claims", "states" are nouns as often.
_PLAIN_SAYING = frozenset("say says said tell tells told".split())
# A speech verb after one of these belongs to a clause inside the relative clause
# ("who said he told police"), not to the source.
_CLAUSE_SUBJECTS = frozenset("i you he she it we they who which that and or but not never to".split())
_IRREGULAR_PARTICIPLES = frozenset("told thought seen known understood felt found held written spoken said".split())
_INTENT_VERBS = frozenset(
    "want wants wanted plan plans planned intend intends intended seek seeks sought prefer prefers preferred "
    "oppose opposes opposed favor favors favored hope hopes hoped tell".split()
)
_NAMED_VERBS = frozenset(
    "said says say told tells stated states added adds wrote writes argued argues noted notes explained "
    "explains warned warns claimed claims insisted insists acknowledged confirmed announced tweeted "
    "testified remarked recalled emphasized emphasised stressed asserted contended suggested predicted "
    "conceded admitted countered responded replied declared maintained cautioned according reported".split()
)
# A person or an organisation: "Marco Rubio", "the Department of Justice", "the Centers
# for Disease Control and Prevention".
_NAME_OR_BODY = _NAME + r"(?:\s+(?:of|for|and)\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}){0,2}"
# Any "-ly" word may stand there too ("Smith quietly said"): a possessive head before
# it ("Biden's ally said") is taken by the anonymous-head pass first.
_BETWEEN_SUBJECT_AND_VERB = r"(?:" + BETWEEN_SPEAKER_AND_VERB + r"|[a-z]+ly)"
_NAMED_SUBJECT_RE = re.compile(
    r"(?<![\w.'’])((?:[Tt]he\s+)?" + _NAME_OR_BODY + r")(?:\s*,(?!" + PREDICATE_AHEAD + r")\s*[^,.;:!?\"“”]{1,130},)?"
    r"(?:\s+" + _BETWEEN_SUBJECT_AND_VERB + r"){0,2}\s+$"
)
# A job description may stand between the verb and the name ("said lead author Anna
# Crawford", "said the study's co-author, Tom Lee"), but not a place or a time ("said
# in London", "said on Tuesday"): no description opens with a preposition.
# "the" belongs to the name ("the CDC"); a verb or "to" ends the description ("said the
# employee was Abid", "reported to have ties to Russian President Vladimir Putin").
_NOT_IN_DESCRIPTION = r"(?:the|to|was|were|is|are|be|been|has|have|had|will|would|could|should|may|might|can)\s"
_DESCRIPTION_BEFORE_NAME = (
    r"(?:(?:the\s+)?(?!(?:in|on|at|to|from|for|with|by|after|before|during|last|this|that|of|it|he|she|they|we|"
    r"you|there|then|when|while|as|and|but|so|if|because|since|earlier|later|today|yesterday|recently|not|no|via|"
    r"about|against|toward|towards|into|through|under|over|amid|among|near|outside|inside|without|within|ahead|"
    r"despite|referring|citing|speaking|adding|noting|told|following|according|per|upon|up|down|off|out|back)\b)"
    r"(?:(?!" + _NOT_IN_DESCRIPTION + r")[a-z][\w\-]*(?:['’]s)?\s+){0,2}(?!" + _NOT_IN_DESCRIPTION + r")[a-z][\w\-]*,?\s+)?"
)
# "Police said the man, Derek Maddox, allegedly poured gasoline": a name set off by
# commas after a description is the reported clause's subject, not the speaker
# (unlike "X, according to Bridle, was a mistake", where no description comes first).
_CLAUSE_AFTER_APPOSITIVE_RE = re.compile(
    r",\s+(?:[a-z]+ly\s+)?(?:" + CLAUSE_AUXILIARIES + r"|allegedly|reportedly|[a-z]+ed)\b(?!\s+(?:that|to)\b)"
)
_NAMED_INVERTED_RE = re.compile(
    r"(?:\s+to)?\s+" + _DESCRIPTION_BEFORE_NAME + r"((?:[Tt]he\s+)?" + _NAME_OR_BODY + r")(?=\s*(?:[,.;:!?)\]—–]|$))"
)
# How far before its verb a named subject may start: a name and an appositive such
# as ", a geneticist at the Francis Crick Institute in London who was not involved
# in the research," (about 90 characters).
_NAMED_SUBJECT_WINDOW = 170
# "an interview with CNN" names the interviewer, not the source, so interviews are left out.
_NAMED_DOCUMENTS = frozenset("report reporting article story statement editorial op-ed".split())
_NAMED_REPORT_RE = re.compile(
    r"(?i:report|reporting|article|story|statement|editorial|op-ed)\s+(?:from|by|in)\s+((?:[Tt]he\s+)?" + _NAME + r")"
)

# Bit flags of the one word table.
_HEAD, _GRANT, _REPORT, _VAGUE, _NAMED = 1, 2, 4, 8, 16
_WINDOW_BEFORE = 90
_WINDOW_AFTER = 150
_GRANT_BEFORE_WINDOW = 80
_GRANT_AFTER_WINDOW = 260
_LEFT_WINDOW = 110
_MAX_MODIFIERS = 6
_MAX_COORDINATED = 4  # heads in one list: "aides, advisers, donors and friends"
_MAX_OBJECT_TOKENS = 7

# A real article has a few hundred candidate words at most; past this many, the
# text is machine junk and the rest is not read (keeps a 1 MB adversarial string fast).
_MAX_HITS = 3000

_ANONYMOUS_CODES = ("RS101", "RS102", "RS103", "RS104")
_PRIORITY = {"RS102": 0, "RS101": 1, "RS104": 2, "RS103": 3}


@dataclass
class _Candidate:
    code: str
    start: int
    end: int
    message: str
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class _AnchoredLexicon:
    """Regex entries, each tried only in a window around one of its anchor words."""

    patterns: tuple[re.Pattern[str], ...]
    by_anchor: dict[str, tuple[int, ...]]

    @classmethod
    def load(cls, name: str) -> "_AnchoredLexicon":
        lexicon = load_lexicon(name)
        patterns = []
        by_anchor: dict[str, list[int]] = {}
        for i, entry in enumerate(lexicon.entries):
            phrase = entry[0]
            source = phrase[3:] if phrase.startswith("re:") else re.escape(phrase)
            patterns.append(re.compile(r"(?<![\w])(?:" + source + r")(?![\w])", re.IGNORECASE))
            if len(entry) < 2 or not entry[1].split():
                raise ValueError(f"{name}: entry {phrase!r} has no anchor words")
            for anchor in entry[1].lower().split():
                by_anchor.setdefault(anchor, []).append(i)
        return cls(tuple(patterns), {k: tuple(v) for k, v in by_anchor.items()})

    def find(self, text: str, anchors: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
        found: set[tuple[int, int]] = set()
        n = len(text)
        for word, start, end in anchors:
            lo, hi = max(0, start - _WINDOW_BEFORE), min(n, end + _WINDOW_AFTER)
            for i in self.by_anchor.get(word, ()):
                for m in self.patterns[i].finditer(text, lo, hi):
                    if m.start() <= start and m.end() >= end:
                        found.add(m.span())
        return sorted(found)


class AnonymousSourcing(Detector):
    spec = DetectorSpec(
        name="anonymous_sourcing",
        code_prefix="RS1",
        version="1.27",
        description=(
            "Attributions to unnamed officials, insiders, experts and reports, against named sources."
        ),
        features=(
            FeatureSpec(
                "anonymous_per_1k",
                "Attributions to unnamed sources (officials, insiders, experts, reports) per 1,000 words.",
                "{value:.1f} attributions to unnamed sources per 1,000 words",
            ),
            FeatureSpec(
                "anonymous_share",
                "Share of all attributions (named and unnamed) that go to unnamed sources; NaN with no attribution.",
                "{value:.0%} of the article's attributions go to unnamed sources",
            ),
            FeatureSpec(
                "named_sources",
                "Number of attributions to named people or named organisations.",
                "{value:.0f} attribution{s} to named sources",
            ),
            FeatureSpec(
                "anonymous_officials_per_1k",
                "Unnamed officials, aides, insiders or spokespeople cited as sources, per 1,000 words.",
                "{value:.1f} unnamed officials or insiders cited per 1,000 words",
            ),
            FeatureSpec(
                "anonymity_grants_per_1k",
                "Explicit anonymity clauses ('spoke on condition of anonymity') per 1,000 words.",
                "{value:.1f} explicit grants of anonymity per 1,000 words",
            ),
            FeatureSpec(
                "vague_authority_per_1k",
                "Vague authorities ('experts say', 'critics argue', 'some believe') per 1,000 words.",
                "{value:.1f} vague appeals to unnamed experts or critics per 1,000 words",
            ),
            FeatureSpec(
                "unnamed_reports_per_1k",
                "Reports cited without naming the outlet ('according to reports') per 1,000 words.",
                "{value:.1f} reports cited without naming the outlet per 1,000 words",
            ),
        ),
        rules=(
            RuleSpec(
                "RS101", "anonymous-official",
                "An unnamed official, insider, aide, spokesperson or 'source' is cited for information.",
                severity="warning", feature="anonymous_officials_per_1k",
                should=(
                    "The request, according to Pentagon sources, includes up to 3,350 missiles.",
                    "White House officials have emphasized that the aid is crucial.",
                    "People familiar with the matter said the deal could close this week.",
                    "'We are pouring billions into this,' said a congressional aide.",
                    "A source close to the minister told the BBC the plan was dead.",
                    "The Journal cites an unnamed US official.",
                    "A spokesperson for the Department of Defense indicated openness to the idea.",
                ),
                should_not=(
                    "Officials arrested three men on Tuesday.",
                    "National Security Adviser Jake Sullivan stated that deliveries would continue.",
                    "The Pentagon said in a statement that the strike was lawful.",
                    "White House spokesman Josh Earnest said the talks would continue.",
                    "The president told aides that he would veto the bill.",
                    "General Smith has warned senior lawmakers that troops are moving.",
                ),
                rationale=(
                    "Unnamed officials cannot be checked or held to account; fabricated and low-quality "
                    "stories lean on them, while careful reporting names sources or explains the anonymity."
                ),
            ),
            RuleSpec(
                "RS102", "anonymity-granted",
                "The reporter states that a source spoke on condition of anonymity or was not authorized to speak.",
                severity="warning", feature="anonymity_grants_per_1k",
                should=(
                    "'This is about survival,' said a senior defense official, who spoke on condition of anonymity.",
                    "A former NATO official, who requested anonymity, said the plan would fail.",
                    "The officials spoke on the condition that they not be identified.",
                    "An aide, who was not authorized to speak publicly, said the bill was dead.",
                ),
                should_not=(
                    "Maria Lopez, a nurse at the clinic, said the wait had doubled.",
                    "The group campaigns for anonymity online.",
                ),
                rationale=(
                    "An explicit grant marks the source as anonymous; it is the honest form of anonymous "
                    "sourcing but still leaves the claim unverifiable to readers."
                ),
            ),
            RuleSpec(
                "RS103", "vague-authority",
                "Unnamed experts, critics, observers or 'some' are invoked as an authority.",
                severity="info", feature="vague_authority_per_1k",
                should=(
                    "Experts warn that this could test NATO's unity.",
                    "Some experts believe the request is tied to a broader push.",
                    "However, critics argue that the rhetoric masks a deeper agenda.",
                    "Observers note that the decision is unlikely to be unilateral.",
                    "It is widely believed that the talks have stalled.",
                ),
                should_not=(
                    "Analysts at Goldman Sachs wrote in a note that prices could rise.",
                    "Researchers from Stanford University say the drug works.",
                    "Experts from the agency inspected the site on Monday.",
                    "Critics of the plan gathered outside the hall.",
                    "Some of the missiles were delivered in May.",
                ),
                rationale=(
                    "Weasel attributions lend authority to a claim without a checkable source; they are a "
                    "staple of machine-written and opinion-laundering copy."
                ),
            ),
            RuleSpec(
                "RS104", "unnamed-report",
                "A report or media coverage is cited without naming the outlet.",
                severity="info", feature="unnamed_reports_per_1k",
                should=(
                    "Recent reporting in major international outlets indicates that talks are advanced.",
                    "According to media reports, the convoy was turned back.",
                    "It has been reported that the minister will resign.",
                ),
                should_not=(
                    "According to a report by The Wall Street Journal, the plan was approved.",
                    "The committee will report its findings in June.",
                ),
                rationale="Citing 'reports' without an outlet makes a claim look sourced while hiding where it came from.",
            ),
            RuleSpec(
                "RS105", "named-source",
                "A named person or organisation is cited as a source (shown for contrast).",
                severity="info", feature="named_sources",
                should=(
                    "National Security Adviser Jake Sullivan stated that deliveries would continue.",
                    "'The wait has doubled,' said Maria Lopez, a nurse.",
                    "Smith told Reuters the factory would close.",
                    "The Pentagon said in a statement that the strike was lawful.",
                    "The Department of Justice said it would appeal.",
                ),
                should_not=("Officials said the talks would resume.",),
                rationale="Named sources let readers check a claim; their share is the counterweight to anonymous ones.",
            ),
        ),
    )


    def _load(self) -> None:
        heads = load_lexicon("anonymous_heads")
        self._head_class = {e[0].lower(): e[1] for e in heads.entries}
        self._head_number = {e[0].lower(): e[2] for e in heads.entries}
        self._modifiers = frozenset(p.lower() for p in load_lexicon("anonymous_modifiers").phrases)
        verbs = load_lexicon("anonymous_verbs")
        self._verb_class = {e[0].lower(): e[1] for e in verbs.entries}
        self._verb_needs = {
            # \s* and (?!\w): a required word ("pointed out") or a mark ("asked:", "asked?").
            # A negative look-ahead alone ("argued", not before "with") matches nothing,
            # so the verb's span ends at the verb.
            e[0].lower(): re.compile(e[2] if _LOOKAHEAD_ONLY_RE.fullmatch(e[2]) else r"\s*(?:" + e[2] + r")(?!\w)",
                                     re.IGNORECASE)
            for e in verbs.entries if len(e) > 2
        }
        states = "|".join(re.escape(p) for p in load_lexicon("anonymous_states").phrases)
        # After a source: optional (relative clause | interrupter), helper words, then one word to look up.
        self._verb_after_res = (
            re.compile(
                r"(?:" + _RELATIVE + r"|" + _INTERRUPTER + r")?(?:\s+" + _BETWEEN + r"){0,4}\s*,?\s+(?:to\s+)?([A-Za-z]+)\b"
            ),
            # "analysts, who say ...": the relative clause is the attribution.
            re.compile(r"\s*,?\s+(?:who|that)(?:\s+" + _BETWEEN + r"){0,2}\s+([A-Za-z]+)\b"),
        )
        self._state_after_re = re.compile(
            r"(?:\s*,\s*(?:who|however|though)\s*,?)?(?:\s+(?:have|has|had|also|still|now|not|never|all|both|[a-z]+ly)){0,2}"
            r"(?:\s+" + _BE + r"(?:\s+(?:not|still|also|all|both|now|[a-z]+ly|very|well|deeply|increasingly|more|less|quite|so)){0,2}\s+(?:" + states + r")\b"
            r"|\s+(?:" + states + r")\s+(?:about|that|over|by|with|at|of)\b)",
            re.IGNORECASE,
        )
        informant = load_lexicon("anonymous_informant_clauses")
        self._informant_re = re.compile(
            r"\s*,?\s+(?:" + "|".join(p[3:] if p.startswith("re:") else re.escape(p) for p in informant.phrases) + r")\b",
            re.IGNORECASE,
        )
        self._not_sources = load_lexicon("anonymous_not_sources").compile()
        self._grants = _AnchoredLexicon.load("anonymous_grants")
        self._reports = _AnchoredLexicon.load("anonymous_reports")
        self._vague = _AnchoredLexicon.load("anonymous_vague")
        table: dict[str, int] = {}
        for word in self._head_class:
            table[word] = table.get(word, 0) | _HEAD
        for flag, lexicon in ((_GRANT, self._grants), (_REPORT, self._reports), (_VAGUE, self._vague)):
            for word in lexicon.by_anchor:
                table[word] = table.get(word, 0) | flag
        for word in _NAMED_VERBS | _NAMED_DOCUMENTS:
            table[word] = table.get(word, 0) | _NAMED
        self._table = table
        # "an official's account": a head word with its possessive ending, looked up
        # whole so that the scan over every word is one set test in C.
        self._possessive_heads = {
            word + ending: word for word, flags in table.items() if flags & _HEAD for ending in ("'s", "’s")
            if word + ending not in table
        }
        self._lookup = table.keys() | self._possessive_heads.keys()

    # -- public ----------------------------------------------------------------
    def detect(self, doc: Document) -> DetectorOutput:
        out = self.builder(doc)
        text = doc.spaced  # same offsets; no-break spaces read as spaces
        table = self._table
        heads: list[tuple[str, int, int]] = []
        anchors: dict[int, list[tuple[str, int, int]]] = {_GRANT: [], _REPORT: [], _VAGUE: [], _NAMED: []}
        lookup = self._lookup
        lowered_words = [word.lower() for word in doc.word_texts]
        spans = doc.word_spans
        for i in [i for i, word in enumerate(lowered_words) if word in lookup]:
            word = lowered_words[i]
            start, end = spans[i]
            flags = table.get(word)
            if flags is None:
                # "an official's account": the head without its possessive ending
                word = self._possessive_heads[word]
                end -= 2
                flags = _HEAD
            if flags & _HEAD and len(heads) < _MAX_HITS:
                heads.append((word, start, end))
            for flag, bucket in anchors.items():
                if flags & flag and len(bucket) < _MAX_HITS:
                    bucket.append((word, start, end))
        grants = [g for g in self._grants.find(text, anchors[_GRANT]) if not doc.in_quote(g[0])]
        grant_starts = [g[0] for g in grants]
        used_grants: set[int] = set()
        candidates: list[_Candidate] = []
        seen: set[str] = set()
        for head in heads:
            cand = self._source_phrase(doc, head, grants, grant_starts, used_grants, seen)
            if cand is not None:
                candidates.append(cand)
        granted = [c for c in candidates if c.code == "RS102"]
        for i, (start, end) in enumerate(grants):
            if i in used_grants:
                continue
            # "who requested not to be named as he was not authorised to speak": one
            # source given two reasons is one grant.
            host = next((c for c in granted if 0 <= start - c.end <= _GRANT_JOIN_CHARS
                         and not _SENTENCE_END_RE.search(text, c.end, start)), None)
            if host is not None:
                host.end = max(host.end, end)
                continue
            orphan = _Candidate("RS102", start, end, "The reporter grants a source anonymity.")
            candidates.append(orphan)
            granted.append(orphan)
        for start, end in self._reports.find(text, anchors[_REPORT]):
            if not doc.in_quote(start, end):
                candidates.append(_Candidate("RS104", start, end, "A report is cited without naming the outlet."))
        for start, end in self._vague.find(text, anchors[_VAGUE]):
            if not doc.in_quote(start, end):
                candidates.append(_Candidate("RS103", start, end, "An unnamed authority is invoked."))
        anonymous = _resolve_overlaps(candidates)
        for cand in anonymous:
            out.add(cand.code, cand.start, cand.end, cand.message, data=cand.data)
        named = self._named_sources(doc, anchors[_NAMED], anonymous)
        for start, end in named:
            out.add("RS105", start, end, "A named source is cited.")
        n_words = doc.word_count
        counts = {code: sum(1 for c in anonymous if c.code == code) for code in _ANONYMOUS_CODES}
        n_anonymous = len(anonymous)
        grants_total = sum(1 for c in anonymous if c.data.get("granted") or c.code == "RS102")
        features = {
            "anonymous_per_1k": per_thousand(n_anonymous, n_words),
            "anonymous_share": share(n_anonymous, n_anonymous + len(named)),
            "named_sources": float(len(named)),
            "anonymous_officials_per_1k": per_thousand(counts["RS101"] + counts["RS102"], n_words),
            "anonymity_grants_per_1k": per_thousand(grants_total, n_words),
            "vague_authority_per_1k": per_thousand(counts["RS103"], n_words),
            "unnamed_reports_per_1k": per_thousand(counts["RS104"], n_words),
        }
        return out.output(features)

    # -- one candidate head ------------------------------------------------------
    def _source_phrase(
        self,
        doc: Document,
        head_hit: tuple[str, int, int],
        grants: list[tuple[int, int]],
        grant_starts: list[int],
        used_grants: set[int],
        seen: set[str],
    ) -> _Candidate | None:
        text = doc.spaced  # same offsets; no-break spaces read as spaces
        head, head_start, head_end = head_hit
        if doc.in_quote(head_start, head_end):
            return None
        if self._not_sources.match(text, head_start):
            return None  # "members of the public": the public, not an informant
        head_class = self._head_class.get(head, "role")
        plural = self._head_number.get(head) == "pl"
        lemma = _singular(head)

        start, determiner, modifiers, prev = self._left_edge(text, head_start)
        if (text[head_start].isupper() and len(prev) >= 2 and prev[-1][0].lower() in ("of", "for")
                and prev[-2][0][:1].isupper()):
            return None  # "the Union of Concerned Scientists": the end of an organisation's name
        if determiner is None and head in _INDEFINITE_PRONOUNS:
            determiner = "a"  # "according to someone close to the talks": indefinite by itself
        if _NAME_AFTER_RE.match(text, head_end) and not _next_is_lower_name(text, head_end):
            return None  # "spokesman Josh Earnest": a named source
        if _NAME_APPOSITIVE_AFTER_RE.match(text, head_end):
            return None  # "a spokesman, Josh Earnest, said"
        if head in _TITLE_WORDS and _holder_after_office(text, head_end):
            return None  # "Minister for Foreign Affairs Penny Wong said"

        end = head_end
        informant = self._informant_re.match(text, end)
        if informant:
            end = self._object_end(text, informant.end())
        else:
            if self._modifies_a_noun(text, head_end, plural):
                return None  # "a citizen scientist project": the head describes a thing
            if head_class != "informant":
                end = self._prepositional_end(text, end)
        if _predicate_after_as([token.lower() for token, _ in prev[-2:]]):
            return None  # "described him as a stellar attorney who knew the city"

        unnamed = any(m in _UNNAMED_MARKERS for m in modifiers)
        grant_index = self._nearby_grant(text, head_start, end, grants, grant_starts, used_grants)
        granted = grant_index is not None

        verb_end, verb_class = self._verb_after(text, end)
        words = [t.lower() for t, _ in prev[-5:]]
        according_start = _according_start(prev, words)
        according = according_start is not None
        inverted = (according or _after_inverting_verb(words)) and bool(_CLAUSE_END_RE.match(text, end))
        agent = _after_agent_trigger(words)
        if verb_class == "led-to" and not agent:
            verb_end, verb_class = None, None  # "the responsibility of lawmakers to understand"
        # "a source familiar with the investigation did so": the informant clause itself
        # says the phrase is someone's source, whatever verb follows.
        cited = verb_class is not None or inverted or bool(according) or agent or bool(informant)

        if head_class == "informant" and not (informant or granted):
            # "..., another person said" / "one of the people said": back to people
            # already cited as familiar with the matter.
            if not (cited and lemma in seen and determiner in _BACK_REFERENCE):
                return None
        if head_class == "person" and not (
            granted
            or (cited and determiner in _SINGULAR_INDEFINITE)
            or (cited and plural and determiner in _QUANTIFIERS)  # "many reporters noted", "several residents said"
        ):
            return None
        if head_class == "vague" and _NAMED_AFFILIATION_RE.match(text, head_end):
            return None
        if head_class == "advocacy" and not (
                _LOWER_OBJECT_RE.match(text, head_end) or (start == head_start and _at_clause_start(text, head_start))):
            return None  # "supporters of the bill" or "Supporters claim", not "Sanders supporters"
        if head_class == "entourage" and determiner != "possessive" and determiner not in _POSSESSIVE:
            return None
        if not (cited or granted or unnamed):
            return None
        if determiner is None and not plural and not _at_clause_start(text, start):
            return None  # a bare singular is a title ("Senate minority leader"), not a source
        if _appositive_of_name(text, prev, end):
            return None
        if determiner == "the-number" and not (unnamed or granted):
            return None
        if determiner in _DEFINITE and not (unnamed or granted or informant or lemma in seen or head in _GENERIC_DEFINITE):
            if not (lemma in _CLASSIC_ANONYMOUS and not plural and _ANY_OFFICIAL in seen):
                return None  # "the minister said": most likely someone named earlier

        start = self._coordinated_start(text, prev, start)
        span_start = start
        if according_start is not None:
            span_start = according_start
        span_end = end
        if granted:
            grant_start, grant_end = grants[grant_index]
            if grant_start >= end:
                span_end = grant_end
            else:
                span_start = min(span_start, grant_start)
            used_grants.add(grant_index)
        elif verb_end is not None and not (according or inverted) and verb_end - end <= 45:
            span_end = verb_end
        seen.add(lemma)
        if granted:
            code, message = "RS102", "A source quoted on condition of anonymity."
        elif head_class in ("vague", "advocacy"):
            code, message = "RS103", "Unnamed experts or critics are invoked as an authority."
        else:
            code, message = "RS101", "An unnamed source is cited."
        if code in ("RS101", "RS102"):
            seen.add(_ANY_OFFICIAL)
        how = verb_class or ("according" if according else "inverted" if inverted else "agent" if agent else None)
        return _Candidate(code, span_start, span_end, message, {"head": head, "granted": granted, "cited_by": how})

    def _coordinated_start(self, text: str, prev: list[tuple[str, int]], start: int) -> int:
        """'Officials and experts say', 'Aides, advisers and donors said': widen the phrase
        over the coordinated source heads before it."""
        if len(prev) < 2 or prev[-1][0].lower() not in ("and", "or"):
            return start
        for _ in range(_MAX_COORDINATED):
            word, pos = prev[-2]
            if self._head_class.get(word.lower()) not in ("role", "vague"):
                return start
            start, _, _, prev = self._left_edge(text, pos)
            if len(prev) < 2 or prev[-1][0] != ",":
                return start
        return start

    def _verb_after(self, text: str, pos: int) -> tuple[int | None, str | None]:
        """End and class of a reporting verb or state of mind that follows the source."""
        for k, regex in enumerate(self._verb_after_res):
            m = regex.match(text, pos)
            if not m:
                continue
            word = m.group(1).lower()
            verb_class = self._verb_class.get(word)
            if verb_class is None:
                continue
            between = text[pos:m.start(1)]
            last = between.split()[-1].lower().strip(",") if between.split() else ""
            if last in _BE_FORMS and word not in ("quoted", "cited") and (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES):
                continue  # "employees were told", "a man is believed to": passive, not a source
            if verb_class == "speech" and _NEGATION_RE.search(between):
                continue  # "officials have not said when": nothing was said
            if verb_class == "speech" and _MODAL_RE.search(between) and not _GENERIC_YOU_RE.match(text, m.end(1)):
                # "whether Western leaders will respond": nothing said yet. "Most experts
                # will tell you" is an appeal to them all the same.
                continue
            if (k == 1 or last == "to") and word in _INTENT_VERBS:
                continue  # "a staff member who wanted to...", "pay consultants to tell": not a statement
            if last == "to":
                if verb_class != "cognition":
                    continue
                verb_class = "led-to"  # "leads experts to suspect": a source only after such a verb
            if k == 0 and between.strip() == ",":
                continue  # "..., and an expert on Y, says": the close of an appositive, not a subject
            needs = self._verb_needs.get(word)
            if needs is None:
                return m.end(1), verb_class
            follow = needs.match(text, m.end(1))
            if follow:
                return follow.end(), verb_class
        relative = self._verb_after_restrictive_clause(text, pos)
        if relative is not None:
            return relative, "speech"
        s = self._state_after_re.match(text, pos)
        if s:
            return s.end(), "state"
        p = _POSSESSIVE_CLAIM_RE.match(text, pos)
        if p:
            return p.end(), "speech"  # "critics' claims", "an official's account"
        return None, None

    def _verb_after_restrictive_clause(self, text: str, pos: int) -> int | None:
        """End of the speech verb after a relative clause without commas: "a
        diplomat who was briefed on the talks told Reuters", "officials who
        reviewed the plan say"."""
        m = _RESTRICTIVE_START_RE.match(text, pos)
        if not m:
            return None
        previous = ""
        for count, word in enumerate(_CLAUSE_WORD_RE.finditer(text, m.end(), min(len(text), m.end() + 120))):
            token = word.group(1)
            low = token.lower()
            if count >= 2 and low in _PLAIN_SAYING and (
                previous not in _CLAUSE_SUBJECTS and previous not in _BE_FORMS and previous != "to"
            ):
                return word.end(1)
            if count >= _MAX_RELATIVE_WORDS or word.group(2):
                return None  # punctuation or too long: the clause did not end in a reporting verb
            previous = low
        return None

    def _left_edge(
        self, text: str, head_start: int
    ) -> tuple[int, str | None, list[str], list[tuple[str, int]]]:
        """Walk back over modifiers to the determiner: 'a senior U.S. government official'.
        Also returns the tokens before the phrase, which tell how it is cited."""
        window_start = max(0, head_start - _LEFT_WINDOW)
        tokens = [(m.group(0), m.start()) for m in _TOKEN_RE.finditer(text, window_start, head_start)]
        start = head_start
        modifiers: list[str] = []
        determiner = None
        i = len(tokens) - 1
        while i >= 0 and len(modifiers) < _MAX_MODIFIERS:
            token, pos = tokens[i]
            low = token.lower()
            if low in _INDEFINITE or low in _DEFINITE or low in _POSSESSIVE:
                determiner = low
                start = pos
                if i > 0 and tokens[i - 1][0].lower() in ("the", "these", "those", "a") and low not in ("a", "an", "the"):
                    # "the two lawmakers" points at people already named; "a few analysts" stays indefinite.
                    if tokens[i - 1][0].lower() != "a":
                        determiner = "the-number"
                    start = tokens[i - 1][1]
                break
            if low == "of" and i > 0 and tokens[i - 1][0].lower() in _QUANTIFIER_NOUNS:
                j = i - 1
                while j > 0 and tokens[j - 1][0].lower() in ("a", "an", "the", "large", "small", "growing"):
                    j -= 1
                determiner = "some"
                start = tokens[j][1]
                break
            if _POSSESSIVE_TOKEN.match(token):
                determiner = "possessive"  # "Trump's senior aides", "the campaign's spokesman"
                start = pos
                if i > 0 and tokens[i - 1][0].lower() in ("the", "a", "an"):
                    start = tokens[i - 1][1]
                break
            if self._is_modifier(token):
                modifiers.append(low)
                start = pos
                i -= 1
                continue
            # "his childhood friend", "a veteran party strategist": unlisted nouns count
            # as modifiers only when a determiner closes the phrase right before them.
            j = i
            while j >= 0 and i - j < 2 and tokens[j][0].isalpha() and tokens[j][0].islower() and tokens[j][0] not in _CAP_STOP and tokens[j][0] not in self._verb_class and not _is_determiner(tokens[j][0]):
                j -= 1
            if j >= 0 and j < i and _is_determiner(tokens[j][0]):
                modifiers.extend(t.lower() for t, _ in tokens[j + 1:i + 1])
                determiner = tokens[j][0].lower()
                start = tokens[j][1]
            break
        first = bisect.bisect_left([pos for _, pos in tokens], start)
        return start, determiner, modifiers, tokens[:first]

    def _modifies_a_noun(self, text: str, pos: int, plural: bool) -> bool:
        """'scientist project', 'official language': a plain lower-case word that is no
        verb, participle, adverb or function word follows the head, so the head is
        a modifier of that noun. A verb that is also a noun counts as the noun after a
        singular head it does not agree with ('a scientist project')."""
        if plural:
            return False  # plural nouns rarely modify another noun: "officials remain", "experts worry"
        m = _NEXT_LOWER_WORD_RE.match(text, pos)
        if not m:
            return False
        word = m.group(1)
        if word.endswith(_VERB_ENDINGS) or word in _FUNCTION_AFTER_HEAD or word in _ADVERBS_AFTER_HEAD:
            return False
        if word in self._verb_class:
            # A verb that is also a noun, in the form a singular subject cannot take.
            return word in NOUN_LIKE_VERBS and not word.endswith("s")
        # A singular subject's own verb ends in -s or is past tense.
        return not word.endswith("s") and word not in _IRREGULAR_PAST

    def _is_clear_verb(self, token: str) -> bool:
        """A reporting verb that cannot be read as a noun ('said', 'warned', 'believe')."""
        low = token.lower()
        if low not in self._verb_class or not token.islower():
            return False
        return low not in NOUN_LIKE_VERBS

    def _is_modifier(self, token: str) -> bool:
        if not _WORD_TOKEN.match(token):
            return False
        low = token.lower()
        if low in self._modifiers:
            return True
        if low in _CAP_STOP:
            return False
        if token[0].isupper():
            return True  # Pentagon, U.S., GOP, Kremlin
        if "-" in token and not token.endswith("-"):
            return True  # high-level, well-placed
        if token.isdigit() and len(token) <= 2:
            return True  # "a No 10 source"
        return False

    def _prepositional_end(self, text: str, pos: int) -> int:
        """Extend over 'for the Department of Defense', 'at the Pentagon', 'in Kyiv'."""
        m = _PREPOSITION_RE.match(text, pos)
        if not m:
            return pos
        end = self._object_end(text, m.end())
        return pos if end == m.end() else end  # "experts to suspect": no object, no post-modifier

    def _object_end(self, text: str, pos: int) -> int:
        """End of a short noun phrase object: stops at punctuation or a reporting verb."""
        end = pos
        count = 0
        for m in _TOKEN_RE.finditer(text, pos, min(len(text), pos + 120)):
            token = m.group(0)
            if token == "+" and m.start() == end and end > pos:
                end = m.end()  # "sources at OPEC+ said", "Disney+": part of the name
                continue
            if not _WORD_TOKEN.match(token) and token != "&":
                break
            low = token.lower()
            if low in ("who", "whose", "which", "that", "and", "but") or low in _BETWEEN_WORDS:
                break
            if self._is_clear_verb(token):
                needs = self._verb_needs.get(low)
                if needs is None or needs.match(text, m.end()):
                    break  # "plan to" is a verb, "the plan" is not
            count += 1
            if count > _MAX_OBJECT_TOKENS:
                return pos
            end = m.end()
        return end

    def _nearby_grant(
        self,
        text: str,
        start: int,
        end: int,
        grants: list[tuple[int, int]],
        grant_starts: list[int],
        used: set[int],
    ) -> int | None:
        """An anonymity clause in the same sentence, just after (or just before) the source."""
        if not grants:
            return None
        i = bisect.bisect_left(grant_starts, end)
        if i < len(grants) and i not in used and grants[i][0] <= end + _GRANT_AFTER_WINDOW:
            between = text[end:grants[i][0]]
            if not _SENTENCE_END_RE.search(between) and not self._has_head(between):
                return i
        j = bisect.bisect_left(grant_starts, start) - 1
        if j >= 0 and j not in used and start - _GRANT_BEFORE_WINDOW <= grants[j][1] <= start:
            between = text[grants[j][1]:start]
            if not _SENTENCE_END_RE.search(between) and "," in between:
                return j
        return None

    def _has_head(self, fragment: str) -> bool:
        return any(self._head_class.get(w.lower()) in ("role", "vague") for w in re.findall(r"[A-Za-z]+", fragment))

    # -- named sources -----------------------------------------------------------
    def _named_sources(
        self, doc: Document, verbs: list[tuple[str, int, int]], anonymous: list[_Candidate]
    ) -> list[tuple[int, int]]:
        """Named people or organisations next to a reporting verb: 'Smith told Reuters',
        'said Maria Lopez, a nurse', 'according to The Wall Street Journal'."""
        text = doc.spaced  # same offsets; no-break spaces read as spaces
        taken = _SpanSet((c.start, c.end) for c in anonymous)
        found = _SpanSet()
        for word, start, end in verbs:
            if doc.in_quote(start, end) or (text[start].isupper() and word != "according"):
                continue  # "the United States", "Reports of": a name or heading, not a verb
            if word in ADDING_VERBS and TALLY_AFTER_RE.match(text, end):
                continue  # "Jaylen Brown added 24 points": a tally, not a statement
            needs = self._verb_needs.get(word)
            if needs is not None and not needs.match(text, end):
                continue  # "Firefighters responded to a call": not a statement
            spans = []
            if word in _NAMED_DOCUMENTS:
                m = _NAMED_REPORT_RE.match(text, start)
                if m:
                    spans.append(m.span(1))  # "a report from The Wall Street Journal"
                continue_with_verbs = False
            else:
                continue_with_verbs = True
            if continue_with_verbs and word != "according" and word != "reported" and _capital_or_comma_before(text, start):
                m = _NAMED_SUBJECT_RE.search(text, max(0, start - _NAMED_SUBJECT_WINDOW), start)
                if m:
                    spans.append(m.span(1))
            if continue_with_verbs and word in ("said", "says", "added", "wrote", "explained", "noted", "according", "reported"):
                after = text[end:end + 4]
                if word in ("according", "reported") and not after.lower().startswith((" to", " by")):
                    continue
                m = _NAMED_INVERTED_RE.match(text, end + (3 if word == "reported" else 0))
                if m and not ("," in text[m.start():m.start(1)] and _CLAUSE_AFTER_APPOSITIVE_RE.match(text, m.end(1))):
                    spans.append(m.span(1))
            for span in spans:
                trimmed = self._trim_name(text, *span)
                if trimmed is None:
                    continue
                s, e = trimmed
                if taken.overlaps(s, e) or found.overlaps(s, e) or doc.in_quote(s, e):
                    continue
                found.add(s, e)
        return found.spans

    def _trim_name(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Drop sentence words and titles before a name: 'But Smith' -> 'Smith',
        'Security Adviser Jake Sullivan' -> 'Jake Sullivan'; None if no name is left."""
        tokens = [(m.group(0), start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
        lows = [token.lower().rstrip(".") for token, _, _ in tokens]
        keep = 0
        k = 0
        while k < len(tokens):
            low = lows[k]
            if k and (lows[k - 1] in _NAME_CONNECTORS or (lows[k - 1] == "the" and k > 1 and lows[k - 2] in _NAME_CONNECTORS)):
                k += 1  # "Department of Justice": a body's field, not a title
                continue
            if (low in self._head_class or _singular(low) in self._head_class or low in _TITLE_WORDS) and not (
                    self._head_number.get(low) == "pl" and k + 1 < len(tokens) and tokens[k + 1][0][:1].isupper()):
                # ("Sports Dietitians Association", "Concerned Scientists": a plural is part of a
                # body's name; a title before a holder's name is singular.)
                if k + 1 < len(tokens) and lows[k + 1] in ("of", "for"):
                    # "Secretary of State Marco Rubio": the holder's name follows the office;
                    # "the Minister of Defence" alone names the office as the source.
                    j = k + 2
                    while j < len(tokens) and lows[j] in _OFFICE_DOMAINS:
                        j += 1
                    if j < len(tokens):
                        keep = j
                    k = j
                    continue
                keep = k + 1  # everything up to a title or source word is a description
            k += 1
        while keep < len(tokens) and tokens[keep][0].lower().rstrip(".") in _NOT_A_NAME and tokens[keep][0].lower() != "the":
            if tokens[keep][0].lower() in _COUNT_WORDS:
                return None  # "One Malaysian Muslim": people counted, not named
            keep += 1
        if keep >= len(tokens):
            return None
        if tokens[keep][0].lower() == "the" and keep > 0:
            keep += 1
        if keep >= len(tokens):
            return None
        first = without_contraction(tokens[keep][0].lower().rstrip("."))
        if first in _NOT_A_NAME and first != "the":
            return None
        named = [token for token, _, _ in tokens[keep:] if token.lower() != "the"]
        if len(named) == 1 and len(named[0].rstrip(".")) == 1:
            return None  # "said the U.N. envoy" read as "the U": a lone initial is no name
        if first == "the" and keep + 1 >= len(tokens):
            return None
        return tokens[keep][1], tokens[-1][2]


_WORD_BEFORE_RE = re.compile(r"(\S+)\s+(?:" + _BETWEEN_SUBJECT_AND_VERB + r"\s+){0,2}$")


def _capital_or_comma_before(text: str, verb_start: int) -> bool:
    """Cheap test before the named-subject regex: 'Smith said', 'Smith, a nurse, said'."""
    m = _WORD_BEFORE_RE.search(text, max(0, verb_start - 40), verb_start)
    return bool(m) and (m.group(1)[:1].isupper() or m.group(1).endswith(","))


_OFFICE_THEN_NAME_RE = re.compile(r"\s+(?:of|for)\s+((?:[A-Z][\w'’\-]*\.?\s+){2,6})")


def _holder_after_office(text: str, pos: int) -> bool:
    """'[Minister] for Foreign Affairs Penny Wong': an office's field, then its holder's name."""
    m = _OFFICE_THEN_NAME_RE.match(text, pos)
    if not m:
        return False
    words = m.group(1).split()
    k = 0
    while k < len(words) and words[k].lower() in _OFFICE_DOMAINS:
        k += 1
    return 0 < k < len(words)


def _predicate_after_as(tokens: list[str]) -> bool:
    """'him as a stellar attorney', 'served as an adviser': a description, not a source.
    'As a senior official said' and ', as one official put it' stay sources."""
    return len(tokens) == 2 and tokens[1] == "as" and tokens[0] in _DESCRIBED_AS


def _is_determiner(token: str) -> bool:
    low = token.lower()
    return low in _INDEFINITE or low in _DEFINITE or low in _POSSESSIVE


def _at_clause_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _CLAUSE_START_CHARS


def _next_is_lower_name(text: str, pos: int) -> bool:
    """The capitalised words after the head are a weekday or sentence word, not a name."""
    m = _NAME_AFTER_RE.match(text, pos)
    first = m.group(1).split()[0].lower().rstrip(".")
    return first in _NOT_A_NAME


def _appositive_of_name(text: str, prev: list[tuple[str, int]], end: int) -> bool:
    """'Maria Lopez, a nurse at the clinic, said': the phrase describes a named person."""
    if not prev or prev[-1][0] != ",":
        return False
    words: list[str] = []
    k = len(prev) - 2
    while k >= 0 and len(words) < 4 and prev[k][0][:1].isupper() and _WORD_TOKEN.match(prev[k][0]):
        words.insert(0, prev[k][0])
        k -= 1
    if not words:
        return False
    if words[0].lower().rstrip(".") in _NOT_A_NAME:
        # "In Washington, officials said": a place after a preposition, not a name.
        if len(words) == 1 or words[0].lower() in _PREPOSITIONS:
            return False
        words = words[1:]
    if all(w.lower().rstrip(".") in _NOT_A_NAME for w in words):
        return False
    # An appositive closes with punctuation; "Kyiv, officials said" goes straight to a verb.
    return bool(re.match(r"\s*(?:[,.;:)]|$)", text[end:end + 3]))


def _according_start(prev: list[tuple[str, int]], words: list[str]) -> int | None:
    """Where 'according to' / 'citing' / 'per' / 'in the words of' starts, if it introduces the phrase."""
    if words[-2:] == ["according", "to"]:
        return prev[-2][1]
    if words[-1:] and words[-1] in ("citing", "quoting", "per"):
        # "per league sources" (sports and wire shorthand); "$500 per official" has no
        # determiner and a bare singular is never a source.
        return prev[-1][1]
    if len(words) >= 4 and words[-4:-2] == ["in", "the"] and words[-2] in ("words", "view", "eyes") and words[-1] == "of":
        return prev[-4][1]
    return None


def _after_inverting_verb(words: list[str]) -> bool:
    """'..., said a congressional aide': a reporting verb right before the phrase."""
    k = len(words)
    while k > 0 and len(words) - k < 2 and words[k - 1] in _TIME_WORDS:
        k -= 1
    if k and words[k - 1] in _INVERTED_WORDS:
        # Inversion needs the verb to open its clause ('", said an aide'); after a
        # subject or auxiliary ("Smith has warned senior lawmakers") the phrase is
        # the listener. Citing verbs take their object either way.
        before = words[k - 2] if k >= 2 else ""
        return not (before[:1].isalnum() and before not in _INVERSION_OPENERS) or words[k - 1] in _CITING_WORDS
    return k >= 2 and words[k - 1] == "by" and words[k - 2] in ("reported", "told")


def _after_agent_trigger(words: list[str]) -> bool:
    """'criticized by opponents', 'concerns among experts', 'worried some analysts'."""
    w = words[:-1] if words and words[-1] == "even" else words
    if not w:
        return False
    if w[-1] in _EXPERIENCER_VERBS:
        return True
    return w[-1] in _AGENT_PREPOSITIONS and any(t in _AGENT_TRIGGERS for t in w[-4:-1])


def _singular(word: str) -> str:
    w = word.lower()
    if w.endswith("people"):
        return w[:-6] + "person"
    if w.endswith("men"):
        return w[:-3] + "man"
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


class _SpanSet:
    """Non-overlapping spans kept sorted, with a logarithmic overlap test."""

    def __init__(self, spans: "Iterable[tuple[int, int]]" = ()) -> None:
        self.spans: list[tuple[int, int]] = sorted(spans)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.spans, (start, start))
        for j in (i - 1, i):
            if 0 <= j < len(self.spans) and self.spans[j][0] < end and start < self.spans[j][1]:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """One finding per anonymous attribution: overlapping candidates merge into
    the union span under the most specific code."""
    merged: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if merged and cand.start < merged[-1].end:
            last = merged[-1]
            keep = last if _PRIORITY[last.code] <= _PRIORITY[cand.code] else cand
            granted = bool(last.data.get("granted") or cand.data.get("granted") or "RS102" in (last.code, cand.code))
            merged[-1] = _Candidate(
                keep.code, min(last.start, cand.start), max(last.end, cand.end), keep.message,
                {**cand.data, **last.data, "granted": granted},
            )
        else:
            merged.append(cand)
    return merged
