"""RS2xx unverifiable_names: titled people the knowledge base can check.

Fabricated news invents officials ("General of the Air Force Daniel L.
O'Connor, Chairman of the Joint Chiefs of Staff"), garbles real ones
("Defense Secretary Pete Hegses") and quotes experts with the names language
models default to ("Dr. Emily Carter, a defense policy expert"). This detector
finds people named with a title, rank or office (see :mod:`reliability.mentions`)
and checks each against the offline knowledge base (:mod:`reliability.kb`):
who held the office on the article's date (national offices, and state ones
such as governors when the title names the state), which ranks exist, who sat in
Congress. An ordinary person the knowledge base does not know is *unknown*,
never a finding: only a claim the knowledge base can refute is.

The article's date is ``published``, else its dateline, else unknown ("at any
time"); after the date up to which an office's holder list is complete, the
office cannot refute anyone. For a year after that date (US offices: not past
the next 1 January), a name that is not the holder the list last knew is
reported as unconfirmed (RS207, info), unless the article names that holder or
tells of an appointment or succession around the name.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Sequence

from ..document import Document
from ..kb.names import fold, given_and_surname, loose_key, name_tokens
from ..kb.schema import title_key
from ..kb.store import KnowledgeBase, Office, Rank, Term, shift
from ..lexicons import PhraseMatcher, load_lexicon
from ..mentions import CAPITALISED_RE, Mention, MentionFinder, Title, TitleSense, _word_key
from .base import Detector, DetectorOutput, DetectorSpec, FeatureSpec, RuleSpec, share

# Findings per article: past this the text is junk or a list, not news.
MAX_FINDINGS = 50
# Days of slack around a term's dates: articles written the day a holder
# changes, or published a little after they were written.
TERM_SLACK_DAYS = 7
# A holder named this long before their term began is "incoming", not wrong.
BEFORE_TERM_SLACK_DAYS = 45
# After the date up to which an office's holder list is complete, a name that is
# not the holder the list last knew is reported as unconfirmed (RS207) for this
# long: most offices keep their holder for years, and a feed scored today would
# otherwise get no holder checks at all until the knowledge base is rebuilt.
UNCONFIRMED_GRACE_DAYS = 365
# An undated article can only be checked against an office whose holder list
# is complete from this date (in practice: from the office's creation).
UNDATED_COMPLETE_FROM = "1960-01-01"
# "Sen. Susan Collins (R-Maine)", "Rep. Nancy Pelosi, D-Calif.": a US party-state tag.
_PARTY_TAG_RE = re.compile(r"\s*[(,]\s*(?:[RDI]|Rep|Dem|Ind)\.?\s*[-–,]\s*([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})")
# "U.S. Navy Gen.": the service written just before a rank.
_SERVICE_BEFORE_RE = re.compile(r"(U\.?S\.?\s+|American\s+)?\b(Army|Navy|Air\s+Force|Marine\s+Corps|Coast\s+Guard|"
                                r"Space\s+Force)['’]?s?\s+$")
_SERVICES = {"army": "Army", "navy": "Navy", "airforce": "Air Force", "marinecorps": "Marine Corps",
             "coastguard": "Coast Guard", "spaceforce": "Space Force"}
# "the new Army Secretary", "its newly appointed chief": lower case, right before the title.
_NEW_BEFORE_TITLE_RE = re.compile(r"\bnew(?:ly[ \t]+[a-z]+)?[ \t]+(?:[A-Z][\w.]*[ \t]+)?$")
# Words of the folded text, to find a known holder's surname ("O'Connor" folds to "oconnor").
_FOLDED_WORD_RE = re.compile(r"[a-z0-9]+")
# "Sen. Susan Collins of Maine"
_OF_STATE_RE = re.compile(r"[ \t]+of[ \t]+([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)")
# A dateline: the date alone on its line, or after a place or a marker ("Published").
_DATELINE_PREFIX_RE = re.compile(r"^(?:[A-Z][A-Za-z.,'’ ]{0,40}?[,—–-]\s*|(?:Published|Updated|Posted|Date|Last updated)"
                                 r"[: ]\s*(?:on\s+)?)?$", re.I)
_GENERIC_OFFICE_WORDS = frozenset(
    "of the for and to in on secretary minister director chief head deputy under assistant general office "
    "department united states us u s national federal state chair chairman chairwoman president vice adviser "
    "advisor commissioner administrator representative ambassador special senior staff".split()
)


@dataclass
class _Check:
    """What one mention's checks concluded (for the features)."""

    verified: int = 0
    checkable: int = 0


class UnverifiableNames(Detector):
    """Checks titled people against the offline knowledge base.

    ``extra_kb``: CSV files of your own rows (a newsroom's local officials),
    in the schemas of ``reliability/kb/sources/`` (offices, terms or persons);
    files named in the environment variable ``NEWS_RELIABILITY_KB_EXTRA``
    (separated by ``os.pathsep``) are loaded too unless ``use_env=False``.
    """

    spec = DetectorSpec(
        name="unverifiable_names",
        code_prefix="RS2",
        version="1.17",
        description=(
            "People named with a title, rank or office that the offline knowledge base refutes: "
            "an office someone else held on the article's date, a rank that does not exist or is "
            "historical, a near-miss spelling of a known official, a false claim of membership, and "
            "names language models are reported to invent for experts."
        ),
        features=(
            FeatureSpec("refuted_mentions", "People whose title the knowledge base refutes (RS202, RS204).",
                        "{value:.0f} named official{s} the knowledge base refutes"),
            FeatureSpec("near_miss_mentions", "Near-miss spellings of a known official in a matching role (RS203).",
                        "{value:.0f} misspelled name{s} of known officials"),
            FeatureSpec("invalid_rank_mentions", "Ranks that do not exist, are historical or foreign (RS201).",
                        "{value:.0f} invalid military rank{s}"),
            FeatureSpec("out_of_term_mentions", "Real holders named with an office outside their term (RS206).",
                        "{value:.0f} official{s} named outside their term"),
            FeatureSpec("unconfirmed_holder_mentions", "Unknown holders of an office after the knowledge base's "
                        "list ends, in an article that tells of no change of holder (RS207).",
                        "{value:.0f} official{s} the knowledge base cannot confirm"),
            FeatureSpec("placeholder_names", "Experts with names language models are reported to invent (RS205).",
                        "{value:.0f} expert name{s} typical of AI-written text"),
            FeatureSpec("verified_mentions", "Titled people the knowledge base confirms.",
                        "{value:.0f} named official{s} confirmed"),
            FeatureSpec("titled_mentions", "People named with a title, rank or office.",
                        "{value:.0f} name{s} with a title, rank or office"),
            FeatureSpec("verified_share", "Share of checkable titled people that check out (NaN if none).",
                        "{value:.0%} of checkable officials check out"),
        ),
        rules=(
            RuleSpec(
                "RS201", "invalid-rank", "A military rank that does not exist, is historical, or is foreign to the service.",
                severity="error", feature="invalid_rank_mentions",
                should=("General of the Air Force Daniel L. O'Connor said the shipments would continue.",
                        "U.S. Army Field Marshal John Smith toured the base."),
                should_not=("Gen. Charles Q. Brown Jr. spoke at the Pentagon.",
                            "General of the Air Force Henry H. Arnold led the air war.",
                            "Field Marshal Bernard Montgomery commanded British forces."),
                rationale="Invented officers get grand ranks: five-star ranks are historical in the US "
                          "(none since 1981) and Field Marshal is not a US rank.",
            ),
            RuleSpec(
                "RS202", "office-holder-refuted", "An office the knowledge base says someone else held on the article's date.",
                severity="warning", feature="refuted_mentions",
                should=("Daniel L. O'Connor, Chairman of the Joint Chiefs of Staff, said the aid would flow.",),
                should_not=("National Security Adviser Jake Sullivan said the package was ready.",
                            "U.N. Secretary-General Antonio Guterres called for peace."),
                rationale="A fabricated official holds a real office: the office's holder on that date is known.",
            ),
            RuleSpec(
                "RS203", "near-miss-name", "A near-miss spelling of a known official in a matching role.",
                severity="warning", feature="near_miss_mentions",
                should=("Defense Secretary Pete Hegses is said to hold the final authority.",
                        "Secretary of State Antony Blinkin met his counterpart."),
                should_not=("Defense Secretary Pete Hegseth met his counterpart.",
                            "Ukrainian President Volodymyr Zelenskyy spoke by phone."),
                rationale="Garbled names of real officials mark careless or machine-written copy; only "
                          "names in the official's own role are compared, since many real people share "
                          "near-identical names.",
            ),
            RuleSpec(
                "RS204", "membership-refuted", "A title claiming membership the knowledge base refutes ('Senator X' never in the Senate).",
                severity="warning", feature="refuted_mentions",
                should=("Senator Pete Hegseth (R-Minn.) opposed the bill.",),
                should_not=("Sen. Susan Collins of Maine voted for the bill.",),
                rationale="Every member of Congress is known by name.",
            ),
            RuleSpec(
                "RS205", "placeholder-expert-name", "An expert with a name language models are reported to invent.",
                severity="info", feature="placeholder_names",
                should=("'This is a significant escalation,' said Dr. Emily Carter, a defense policy expert.",),
                should_not=("'This is a significant escalation,' said Dr. Fiona Hill, a Russia expert.",),
                rationale="A weak signal only: real people share these names.",
            ),
            RuleSpec(
                "RS206", "out-of-term-title", "A real holder named with an office on a date outside their term.",
                severity="warning", feature="out_of_term_mentions",
                should=("WASHINGTON, May 1, 2023 - Defense Secretary Pete Hegseth said the drills would go ahead.",),
                should_not=("WASHINGTON, May 1, 2023 - Former Defense Secretary Mark Esper criticised the plan.",),
                rationale="Before the term began the title is wrong (warning); after it ended, newsrooms "
                          "often keep courtesy titles ('President Obama'), so that case is only info.",
            ),
            RuleSpec(
                "RS207", "holder-unconfirmed",
                "Within a year after the knowledge base's list of an office's holders ends, a name that is not the "
                "holder it last knew, in an article that tells of no change of holder.",
                severity="info", feature="unconfirmed_holder_mentions",
                should=("WASHINGTON, Nov. 20, 2026 - Chairman of the Joint Chiefs of Staff Gen. Harold Finch "
                        "visited U.S. troops in Poland.",),
                should_not=("WASHINGTON, Nov. 20, 2026 - Gen. Harold Finch, who was sworn in as Chairman of the "
                            "Joint Chiefs of Staff last month, visited U.S. troops in Poland.",
                            "WASHINGTON, Nov. 20, 2026 - Chairman of the Joint Chiefs of Staff Gen. Dan Caine "
                            "visited U.S. troops in Poland."),
                rationale="Fabricated stories about current events invent holders of real offices, and a feed "
                          "is scored after the knowledge base was built. The holder may have changed since, "
                          "so this is only doubtful: the message names the holder the list last knew and its "
                          "date, for a reader to check.",
            ),
        ),
    )

    def __init__(self, extra_kb: Sequence["str | os.PathLike[str]"] = (), kb_path: "str | os.PathLike[str] | None" = None,
                 use_env: bool = True) -> None:
        super().__init__()
        self.extra_kb = tuple(extra_kb)
        self.kb_path = kb_path
        self.use_env = use_env

    # -- loading -----------------------------------------------------------------------
    def _load(self) -> None:
        self.kb = kb = KnowledgeBase.load(self.kb_path, self.extra_kb, use_env=self.use_env)
        titles: dict[str, TitleSense] = {key: TitleSense(entries=entries) for key, entries in kb.titles.items()}
        for key, entries in kb._extra_titles.items():
            old = titles.get(key, TitleSense())
            titles[key] = replace(old, entries=tuple(dict.fromkeys(old.entries + tuple(entries))))
        for phrase, kind, *_ in load_lexicon("name_honorifics").entries:
            key = title_key(phrase)
            titles[key] = replace(titles.get(key, TitleSense()), honorific=kind)
        for phrase, kind, *_ in load_lexicon("name_roles").entries:
            key = title_key(phrase)
            titles[key] = replace(titles.get(key, TitleSense()), role=kind)
        places = {k: set(v) for k, v in kb.places.items()}
        for phrase, code, *_ in load_lexicon("name_place_cues").entries:
            places.setdefault(title_key(phrase), set()).add(code)
        self._places = places
        self._us_states = {c for codes in places.values() for c in codes if c.startswith("US-")}
        modifiers = {title_key(p): effect for p, effect, *_ in load_lexicon("name_modifiers").entries}
        not_names = {fold(p) for p in load_lexicon("name_not_names").phrases}
        abbreviations = {fold(p) for p in load_lexicon("name_abbreviations").phrases}
        openers = {fold(p) for p in load_lexicon("name_sentence_openers").phrases}
        heads = {fold(p) for p in load_lexicon("name_title_heads").phrases}
        self.finder = MentionFinder(titles, places, modifiers, not_names, abbreviations, openers, heads)
        self._shared_titles = {title_key(p) for p in load_lexicon("name_shared_titles").phrases}
        self._change_cues = PhraseMatcher(load_lexicon("name_office_change_cues").phrases)
        self._latin_script = frozenset(load_lexicon("name_latin_script_jurisdictions").phrases)
        self._latin_people = frozenset(fold(p) for p in load_lexicon("name_latin_script_people").phrases)
        self._holder_cache: dict[int, _HolderIndex] = {}
        # Placeholder names: full names, and distinctive first / last names.
        self._placeholder_full: dict[str, object] = {}
        self._placeholder_first: dict[str, object] = {}
        self._placeholder_last: dict[str, object] = {}
        for p in kb.placeholders:
            key = " ".join(name_tokens(p.name))
            if p.match_type == "full":
                self._placeholder_full.setdefault(key, p)
            elif p.strength == "distinctive":
                (self._placeholder_first if p.match_type == "first" else self._placeholder_last).setdefault(key, p)
    # -- detection -------------------------------------------------------------------------
    def detect(self, doc: Document) -> DetectorOutput:
        out = self.builder(doc)
        date = article_date(doc)
        state = _ArticleState(doc, date, self)
        mentions = self.finder.find(doc.spaced)
        owners: list[tuple[int, int, Mention]] = []  # findings [a, b) are about this person
        for mention in mentions:
            if len(state.counts) and sum(state.counts.values()) >= MAX_FINDINGS:
                break  # junk or a machine-made list: enough evidence
            before = len(out.findings)
            state.check(mention, out)
            if len(out.findings) > before:
                owners.append((before, len(out.findings), mention.first or mention))
        if owners:
            _add_references(out.findings, owners, mentions)
        counts = state.counts
        features = {
            "refuted_mentions": float(counts["RS202"] + counts["RS204"]),
            "near_miss_mentions": float(counts["RS203"]),
            "invalid_rank_mentions": float(counts["RS201"]),
            "out_of_term_mentions": float(counts["RS206"]),
            "unconfirmed_holder_mentions": float(counts["RS207"]),
            "placeholder_names": float(counts["RS205"]),
            "verified_mentions": float(state.verified),
            "titled_mentions": float(state.titled),
            "verified_share": share(state.verified, state.checkable),
        }
        return out.output(features)

    # -- shared helpers used by _ArticleState ---------------------------------------------------
    @cached_property
    def offices_by_word(self) -> dict[str, set[int]]:
        """Offices by the distinctive words of their names ("policy" -> Under
        Secretary of Defense for Policy), for generic roles ("Policy director")."""
        table: dict[str, set[int]] = {}
        for office in self.kb.offices:
            if office.kind == "military_rank" or not office.single:
                continue
            for phrase in (_label(office),) + office.aliases:
                for word in title_key(phrase).split():
                    if word not in _GENERIC_OFFICE_WORDS and len(word) > 2:
                        table.setdefault(word, set()).add(office.index)
        return table

    def holder_index(self, office: Office) -> "_HolderIndex":
        """Holders' names of one office, indexed for near-miss search (built
        once per office, on first use)."""
        index = self._holder_cache.get(office.index)
        if index is None:
            index = _HolderIndex(self.kb, office)
            self._holder_cache[office.index] = index
        return index

    def office_holders(self, office: Office, date: str | None) -> list[Term]:
        terms = self.kb.office_terms(office)
        if date is None:
            return terms
        return [t for t in terms if t.covers(date)]

    def describe_holders(self, terms: list[Term], limit: int = 3) -> str:
        """"Charles Q. Brown Jr. (2023-2025)": each person once, with the span
        of their consecutive terms."""
        spans: dict[str, list[str]] = {}
        for term in terms:
            label = self.kb.person(term.person).name
            span = spans.setdefault(label, [term.start, term.end])
            if term.start and (not span[0] or term.start < span[0]):
                span[0] = term.start
            if not term.end or (span[1] and term.end > span[1]):
                span[1] = term.end
        names = []
        for label, (start, end) in spans.items():
            if not start:
                names.append(label)
            elif not end:
                names.append(f"{label} (since {start})")
            else:
                names.append(f"{label} ({start[:4]}-{end[:4]})" if start[:4] != end[:4] else f"{label} ({start[:4]})")
        if len(names) > limit:
            names = names[-limit:]
        return _join(names)


class _ArticleState:
    """Per-article bookkeeping: findings made, people counted, country cues."""

    def __init__(self, doc: Document, date: str | None, detector: UnverifiableNames) -> None:
        self.doc = doc
        self.text = doc.spaced
        self.date = date
        self.d = detector
        self.kb = detector.kb
        self.counts: Counter[str] = Counter()
        self.verified = 0
        self.checkable = 0
        self.titled = 0
        self._reported: set[tuple] = set()
        self._cues: Counter[str] | None = None

    # -- one mention -------------------------------------------------------------------------
    def check(self, mention: Mention, out) -> None:
        person = mention.first or mention
        tokens = person.tokens
        if mention.titles:
            self.titled += 1 if mention.first is None else 0
        pids: set[int] = set()
        if len(tokens) >= 2 and any(t.sense.entries or t.sense.honorific == "expert" or t.sense.role
                                    for t in mention.titles):
            pids = self.kb.persons_named(tokens) or self.kb.persons_compatible(tokens)
            if not pids and len(tokens) >= 4:
                # "Kevin Hassett Alex Wong": a name run into a photo credit.
                pids = self.kb.persons_named(tokens[:2]) or self.kb.persons_named(tokens[:3])
        verified = False
        checkable = False
        seen_titles: set[str] = set()
        for title in mention.titles:
            if "other" in title.modifiers or title.key in seen_titles:
                continue
            seen_titles.add(title.key)
            offices = [self.kb.offices[int(e[1:])] for e in title.sense.entries if e[0] == "o"]
            ranks = [self.kb.ranks[int(e[1:])] for e in title.sense.entries if e[0] == "r"]
            if ranks and not offices:
                self._check_rank(mention, person, title, ranks, out)
            if offices:
                result = self._check_office(mention, person, pids, title, offices, out)
                if result is not None:
                    checkable = True
                    verified = verified or result
            elif title.sense.role == "role" and title.topic and not pids and person.is_full_name:
                if self._check_role_near_miss(mention, person, title, out):
                    checkable = True
        if mention.first is None:
            self._check_placeholder(mention, pids, out)
            if checkable:
                self.checkable += 1
                self.verified += 1 if verified else 0

    # -- ranks -------------------------------------------------------------------------------
    def _check_rank(self, mention: Mention, person: Mention, title: Title, ranks: list[Rank], out) -> None:
        rank = next((r for r in ranks if r.status != "current"), None)
        if rank is None:
            self._check_service(mention, person, title, ranks, out)
            return
        if rank.country != "US":
            return
        explicit = self._explicit_places(mention)
        if explicit & rank.exists_in:
            return
        if explicit and not _has_country(explicit, "US"):
            return  # another country's rank system
        us_context = _has_country(explicit, "US") or self._has_us_office(mention)
        if rank.status in ("foreign", "nonexistent") or rank.exists_in:
            if not us_context:
                cues = self.cues()
                if not (cues and cues.most_common(1)[0][0] == "US" and not any(c in cues for c in rank.exists_in)):
                    return
        if rank.holders and self._matches_any(person.tokens, rank.holders):
            return
        key = ("RS201", rank.id, person.start)
        if key in self._reported:
            return
        self._reported.add(key)
        start, end = min(title.start, mention.start), max(title.end, mention.end)
        name = self.text[person.start:person.end]
        if rank.status == "historical":
            years = f"{rank.valid_from[:4]}-{rank.valid_until[:4]}"
            if len(rank.holders) == 1:
                message = (f"'{rank.phrase}' is a historical U.S. rank held only by {rank.holders[0]} ({years}); "
                           f"{_one_line(name)} cannot hold it.")
            else:
                message = (f"'{rank.phrase}' is a historical U.S. five-star rank, held only by "
                           f"{_join(list(rank.holders))} and by no one since {rank.valid_until[:4]}.")
            severity = "error"
        elif rank.status == "nonexistent":
            message = f"'{rank.phrase}' is not a rank in any U.S. service."
            severity = "error"
        else:
            message = f"'{rank.phrase}' is not a U.S. military rank ({rank.note})."
            severity = "warning"
        url, lic = self.kb.source(rank.source)
        self.counts["RS201"] += 1
        out.add("RS201", start, end, message, severity=severity,
                data={"rank": rank.phrase, "status": rank.status, "holders": list(rank.holders),
                      "source": url, "license": lic})

    def _check_service(self, mention: Mention, person: Mention, title: Title, ranks: list[Rank], out) -> None:
        """"U.S. Navy Gen. John Smith": a rank the named US service does not have."""
        match = _SERVICE_BEFORE_RE.search(self.text, max(0, title.start - 40), title.start)
        if not match:
            return
        service = _SERVICES[fold(match.group(2)).replace(" ", "")]
        ranks = [r for r in ranks if r.services and r.country == "US"]
        if not ranks or any(service in r.services for r in ranks):
            return
        if not (match.group(1) or self._has_us_office(mention) or (self.cues() and self.cues().most_common(1)[0][0] == "US")):
            return  # "Navy" of another country
        rank = ranks[0]
        key = ("RS201", rank.id, person.start)
        if key in self._reported:
            return
        self._reported.add(key)
        name = _one_line(self.text[person.start:person.end])
        message = (f"The U.S. {service} has no rank '{rank.phrase}' (it is a rank of the "
                   f"{_join(list(rank.services))}); {name}'s title mixes services.")
        url, lic = self.kb.source(rank.source)
        self.counts["RS201"] += 1
        out.add("RS201", match.start(2), max(title.end, mention.end), message, severity="warning",
                data={"rank": rank.phrase, "status": "wrong service", "service": service,
                      "source": url, "license": lic})

    # -- offices -------------------------------------------------------------------------------
    def _check_office(self, mention: Mention, person: Mention, pids: set[int], title: Title,
                      offices: list[Office], out) -> bool | None:
        """True if verified, False if refuted or doubtful, None if unknown."""
        explicit = _state_over_country(title.places) | self._places_in(title.key)
        if title.apposition is False:
            explicit |= self._party_tag_places(person)
        if not explicit and mention.first is not None:
            # "Indiana Secretary of State Connie Lawson ... Secretary of State Connie Lawson"
            for earlier in mention.first.titles:
                if set(earlier.sense.entries) & set(title.sense.entries):
                    explicit |= earlier.places
        candidates = self._filter_jurisdiction(offices, explicit)
        if not candidates:
            return None
        office_ids = {o.index for o in candidates}
        held = [t for pid in pids for t in self.kb.person_terms(pid) if t.office in office_ids]
        if held:
            return self._check_term_dates(mention, person, title, held, out)
        if not explicit and not pids and person.is_full_name:
            candidates = self._country_of_the_story(candidates, person)
        if not person.is_full_name:
            return self._check_surname_only(mention, person, title, candidates, out)
        if "acting" in title.modifiers or "future" in title.modifiers:
            return None
        if any(not o.single for o in candidates) and title.key in self.d._shared_titles and "US" not in explicit:
            # "Senator", "Rep.": also state, Australian or Philippine legislators, so
            # only a name one typo from a sitting member ("Senator Chuck Grasley") tells.
            near = None if pids else self._near_miss(person.tokens, candidates, one_typo=True)
            if near is None or near[2]:
                return None
            self._report_near_miss(mention, person, title, near[0], near[1], out)
            return False
        # A known person's transliteration variant ("Volodymyr Zelensky") is them.
        near = self._near_miss(person.tokens, candidates)
        if near is not None:
            pid, term, loose = near
            if loose:
                return self._check_term_dates(mention, person, title, [term], out)
            if not pids:
                self._report_near_miss(mention, person, title, pid, term, out)
                return False
        multi = [o for o in candidates if not o.single]
        single = [o for o in candidates if o.single]
        if single and not multi:
            return self._refute_holder(mention, person, title, single, explicit, pids, out)
        if multi and not single:
            return self._refute_membership(mention, person, title, multi, explicit, pids, out)
        return None

    def _check_term_dates(self, mention: Mention, person: Mention, title: Title, held: list[Term], out) -> bool:
        date = self.date
        if date is None or any(t.covers(date, TERM_SLACK_DAYS) for t in held):
            return True
        if "future" in title.modifiers or "acting" in title.modifiers:
            return True
        office = self.kb.offices[held[0].office]
        if office.complete_until and date > office.complete_until:
            if any(not t.end or t.undated for t in held):
                return True  # in office when the list was last complete
        started = [t for t in held if t.start]
        if "former" in title.modifiers:
            if any(t.start <= date for t in started) or not started:
                return True
            first = min(started, key=lambda t: t.start)
            self._report_out_of_term(mention, person, title, office, first, before=True, out=out)
            return False
        if started and all(t.start > shift(date, BEFORE_TERM_SLACK_DAYS) for t in started):
            first = min(started, key=lambda t: t.start)
            self._report_out_of_term(mention, person, title, office, first, before=True, out=out)
            return False
        if not started:
            return True
        last = max(started, key=lambda t: t.end or "9999")
        if last.end and last.end < date:
            if self._dated_within(mention, started):
                return True  # "In 2019, Prime Minister Theresa May said": the title of the time
            self._report_out_of_term(mention, person, title, office, last, before=False, out=out)
            return True  # a courtesy title for a real former holder: doubtful, not wrong
        return True

    def _dated_within(self, mention: Mention, terms: list[Term]) -> bool:
        """Whether the mention's sentence names a year of one of ``terms``."""
        doc = self.doc
        start, end = doc.sentences[doc.sentence_index(mention.start)]
        dateline = _accepted_dateline(doc)
        if dateline and start <= dateline[1][0] < end:
            # "WASHINGTON, Oct. 2, 2025 - Defense Secretary ...": the dateline shares the
            # first sentence, and its year is the article's date, not a time the story tells of.
            start = max(start, dateline[1][1])
        years = {int(y) for y in _YEAR_RE.findall(self.text, start, max(end, mention.end))}
        return any(int(t.start[:4]) <= year <= int((t.end or "9999")[:4]) for t in terms for year in years)

    def _check_surname_only(self, mention: Mention, person: Mention, title: Title, offices: list[Office], out) -> bool | None:
        """"President Biden": a holder with that surname, ideally on the date."""
        surname = person.surname
        office_ids = {o.index for o in offices}
        held = [t for pid in self.kb.persons_with_surname(surname) for t in self.kb.person_terms(pid)
                if t.office in office_ids]
        if not held:
            for office in offices:
                for h_first, h_surname, pid, tid in self.d.holder_index(office).near(surname, exact=True):
                    held.append(self.kb.term(tid))
        if not held:
            return None
        return True  # a holder with that surname: lenient, a surname alone is weak evidence

    def _refute_holder(self, mention: Mention, person: Mention, title: Title, offices: list[Office],
                       explicit: set[str], pids: set[int], out) -> bool | None:
        if title.qualified:
            return None  # "Microsoft President Brad Smith": another body's office
        if not self._looks_like_person(person.tokens):
            return None  # "Mission Control, the president of ...": not a personal name
        if self._generic(title) and (not title.capitalized or (title.apposition and not explicit)):
            return None  # "Jane Doe, vice president" / "company vice president Jane Doe": a job
        if title.key in self.d._shared_titles and not _has_country(explicit, "US") and self._us_state_named():
            return None  # "Secretary of State Connie Lawson" in a story about Indiana
        if not self._jurisdiction_settled(offices, explicit, mention, self._generic(title),
                                          shared_with_states=title.key in self.d._shared_titles):
            return None
        for office in offices:
            start = self._coverage_start(office)
            if (not start or start > UNDATED_COMPLETE_FROM) and not title.capitalized:
                # Lower case ("Chinese premier Zhou Enlai") is how a story names a
                # past holder; the list does not reach back to every past holder.
                return None
        if self._same_surname_holder(person.tokens, offices):
            return None
        date = self.date
        checkable: list[Office] = []
        stale: list[Office] = []  # the article is dated after the list ends
        for office in offices:
            if not office.complete_until:
                continue
            start = self._coverage_start(office)
            if date is None:
                if start and start <= UNDATED_COMPLETE_FROM:
                    checkable.append(office)
            elif "former" in title.modifiers:
                if start and start <= UNDATED_COMPLETE_FROM and date <= office.complete_until:
                    checkable.append(office)
            elif start and start <= date <= office.complete_until:
                checkable.append(office)
            elif start and start <= office.complete_until < date <= _unconfirmed_until(office):
                stale.append(office)
        if stale and len(stale) == len(offices):
            return self._report_unconfirmed(mention, person, title, stale, pids, out)
        if not checkable or len(checkable) < len(offices):
            return None
        if date is not None and "former" not in title.modifiers and not any(
                self.d.office_holders(o, date) for o in checkable):
            return None  # nobody known in office then: the list has a gap, not a fabrication
        if date is not None and self._official_there(pids, {o.jurisdiction for o in offices}, date):
            return None  # a real official of that country, loosely titled ("Health Minister Matt Hancock")
        key = ("RS202", tuple(o.index for o in checkable), person.start)
        if key in self._reported:
            return False
        self._reported.add(key)
        office = checkable[0]
        name = _one_line(self.text[person.start:person.end])
        if date is not None and "former" not in title.modifiers:
            holders = self.d.office_holders(office, date)
            message = (f"No {name} held the office of {_label(office)} on {date}: the knowledge base lists "
                       f"{self.d.describe_holders(holders) or 'no holder'} then.")
        else:
            start = self._coverage_start(office)
            recent = [t for t in self.kb.office_terms(office) if t.start and not t.acting][-2:]
            message = (f"No {name} has ever been {_label(office)}: the knowledge base lists every holder from "
                       f"{start[:4]} to {office.complete_until[:4]}, most recently {self.d.describe_holders(recent)}.")
        if pids:
            other = sorted({self.kb.offices[t.office].name for pid in pids for t in self.kb.person_terms(pid)})[:3]
            if other:
                message += f" (A {name} is known as: {'; '.join(other)}.)"
        url, lic = self.kb.source(office.source)
        start, end = mention.span_with(title)
        self.counts["RS202"] += 1
        out.add("RS202", start, end, message,
                data={"office": office.id, "date": date, "holders": [self.kb.person(t.person).name for t in
                                                                      self.d.office_holders(office, date)][-5:],
                      "source": url, "license": lic})
        return False

    def _report_unconfirmed(self, mention: Mention, person: Mention, title: Title, offices: list[Office],
                            pids: set[int], out) -> bool | None:
        """An article dated after the office's list ends names a holder it does not know."""
        date = self.date
        if date is None:
            return None
        last = [t for office in offices for t in self.d.office_holders(office, date)]
        if not last or self._tells_of_a_change(mention, title, last):
            return None
        if self._official_there(pids, {o.jurisdiction for o in offices}, date):
            return None
        name = _one_line(self.text[person.start:person.end])
        office = offices[0]
        message = (f"{name} is not the {_label(office)} the knowledge base knows: its list ends on "
                   f"{office.complete_until}, when the holder was {self.d.describe_holders(last)}. The office may "
                   f"have changed hands since; check before trusting the name.")
        holders = [self.kb.person(t.person).name for t in last][-5:]
        return self._add_unconfirmed(mention, person, title, offices, message, {"holders": holders}, out)

    def _report_unconfirmed_member(self, mention: Mention, person: Mention, title: Title, office: Office,
                                   out) -> bool:
        name = _one_line(self.text[person.start:person.end])
        message = (f"{name} is not a {_label(office)} the knowledge base knows: its list of members ends on "
                   f"{office.complete_until}. A special election or appointment since may have seated "
                   f"{name}; check before trusting the name.")
        return self._add_unconfirmed(mention, person, title, [office], message, {}, out)

    def _add_unconfirmed(self, mention: Mention, person: Mention, title: Title, offices: list[Office],
                         message: str, data: dict, out) -> bool:
        """One RS207 finding per person and offices."""
        key = ("RS207", tuple(o.index for o in offices), person.start)
        if key in self._reported:
            return False
        self._reported.add(key)
        office = offices[0]
        url, lic = self.kb.source(office.source)
        start, end = mention.span_with(title)
        self.counts["RS207"] += 1
        out.add("RS207", start, end, message,
                data={"office": office.id, "date": self.date, "complete_until": office.complete_until, **data,
                      "source": url, "license": lic})
        return False

    def _tells_of_a_change(self, mention: Mention, title: Title, last: list[Term]) -> bool:
        """Whether the article names the last known holder, or tells of an appointment,
        a succession or an election around the name: then a new name is news, not a doubt."""
        doc = self.doc
        if _NEW_BEFORE_TITLE_RE.search(self.text, max(0, title.start - 20), title.start):
            return True  # "the new Army Secretary, Michael Brennan"
        cues = self.d._change_cues
        if doc.letter_runs is None or cues.may_occur(doc.letter_runs):
            # Near the name: "Gen. Harold Finch, who was sworn in last month" (a story may
            # tell of the change a sentence before or after); further away, "replaced"
            # and "new" are about other things.
            haystack, pattern = cues.haystack(doc)
            sentences = doc.sentences
            index = doc.sentence_index(mention.start)
            start = sentences[max(0, index - 1)][0]
            end = sentences[min(len(sentences) - 1, doc.sentence_index(mention.end) + 1)][1]
            if pattern.search(haystack, start, end):
                return True
        words = set(_FOLDED_WORD_RE.findall(fold(self.text)))
        surnames = {tokens[-1] for t in last if (tokens := name_tokens(self.kb.person(t.person).name))}
        return not surnames.isdisjoint(words)

    def _refute_membership(self, mention: Mention, person: Mention, title: Title, offices: list[Office],
                           explicit: set[str], pids: set[int], out) -> bool | None:
        """'Senator X' who never sat in the Senate."""
        # "Senator" alone is also a state, Australian or Philippine senator: only
        # a federal marker ("U.S. Sen.", "(R-Maine)") makes the claim checkable.
        if "US" not in explicit or title.qualified or not self._looks_like_person(person.tokens):
            return None
        if not pids and self._same_surname_holder(person.tokens, offices):
            return None  # "Rep. Jerry Huckaby": Thomas Jerald Huckaby, known by a nickname
        date = self.date
        unconfirmed = False  # dated after the list of members ends
        for office in offices:
            if date is not None and office.complete_until and date > office.complete_until:
                if date > _unconfirmed_until(office) or self._tells_of_a_change(mention, title, []):
                    return None
                unconfirmed = True
        # A historical member whose chamber the source does not date may have sat in either.
        congress = {o.index for o in self.kb.offices if o.kind == "legislator" and o.jurisdiction == "US"}
        for pid in pids:
            if any(t.office in congress and t.undated for t in self.kb.person_terms(pid)):
                return None
        office = offices[0]
        if unconfirmed:
            return self._report_unconfirmed_member(mention, person, title, office, out)
        key = ("RS204", office.index, person.start)
        if key in self._reported:
            return False
        self._reported.add(key)
        name = _one_line(self.text[person.start:person.end])
        message = (f"No {name} has ever been a {_label(office)}: the knowledge base lists every member to "
                   f"{office.complete_until}.")
        if pids:
            other = sorted({self.kb.offices[t.office].name for pid in pids for t in self.kb.person_terms(pid)})[:3]
            if other:
                message += f" {name} is known as: {'; '.join(other)}."
        url, lic = self.kb.source(office.source)
        start, end = mention.span_with(title)
        self.counts["RS204"] += 1
        out.add("RS204", start, end, message, data={"office": office.id, "source": url, "license": lic})
        return False

    # -- near misses ---------------------------------------------------------------------------------
    def _near_miss(self, tokens: tuple[str, ...], offices: list[Office],
                   one_typo: bool = False) -> tuple[int, Term, bool] | None:
        """The holder of one of ``offices`` whose name is a near-miss of
        ``tokens``: (person, term, loose) where ``loose`` means a mere
        transliteration variant (not a misspelling). With ``one_typo`` only a
        holder within four years of the article's date whose whole name is one
        edit away counts."""
        from rapidfuzz.distance import OSA, JaroWinkler

        first, surname = given_and_surname(tokens)
        if not surname or len(surname) < 3:
            return None
        best: tuple[float, int, Term, bool] | None = None
        date = self.date
        if one_typo and (date is None or len(first) < 3 or len(surname) < 5):
            return None  # "Senator Mike Leo" may well be a state senator, not Mike Lee misspelt
        for office in offices:
            transliterated = office.jurisdiction.split("-", 1)[0] not in self.d._latin_script
            for entry in self.d.holder_index(office).near(surname):
                h_first, h_surname, pid, tid = entry
                term = self.kb.term(tid)
                if one_typo:
                    # A legislator's terms are many: any dated one near the article's date.
                    near_date = [t for t in self.kb.person_terms(pid)
                                 if t.office == office.index and t.start and t.covers(date, 365 * 4)]
                    if not near_date:
                        continue
                    term = near_date[-1]
                elif date is not None and office.single and not term.covers(date, 365 * 4):
                    continue
                if (transliterated and loose_key(surname) == loose_key(h_surname)
                        and self.kb.given_names_compatible(first, h_first)
                        and fold(self.kb.person(pid).name) not in self.d._latin_people):
                    return pid, term, True
                if one_typo and OSA.distance(f"{first} {surname}", f"{h_first} {h_surname}") > 1:
                    continue
                f_same = self.kb.given_names_compatible(first, h_first)
                if f_same and surname.replace(" ", "") == h_surname.replace(" ", ""):
                    # The same name (a nickname or initial; "De Santis" spaced or not).
                    return pid, term, True
                if not f_same and not _close(first, h_first, 0.85):
                    continue
                score = JaroWinkler.similarity(f"{first} {surname}", f"{h_first} {h_surname}")
                if best is None or score > best[0]:
                    best = (score, pid, term, False)
        return None if best is None else (best[1], best[2], best[3])

    def _report_near_miss(self, mention: Mention, person: Mention, title: Title, pid: int, term: Term, out) -> None:
        key = ("RS203", pid, person.start)
        if key in self._reported:
            return
        self._reported.add(key)
        office = self.kb.offices[term.office]
        real = self.kb.person(pid).name
        name = _one_line(self.text[person.start:person.end])
        years = term.years()
        called = ""
        if not title.sense.entries:
            called = f" (called '{_one_line(self.text[title.start:title.end])}')"
        message = (f"'{name}'{called} is not a known {_label(office)}; the knowledge base knows {real}"
                   f"{f' ({_label(office)}, {years})' if years else ''}: a misspelling or an invented variant.")
        url, lic = self.kb.source(term.source)
        start, end = mention.span_with(title)
        self.counts["RS203"] += 1
        out.add("RS203", start, end, message,
                data={"office": office.id, "known_as": real, "source": url, "license": lic})

    def _check_role_near_miss(self, mention: Mention, person: Mention, title: Title, out) -> bool:
        """"Policy director Eldridge Colby": a generic role whose topic words
        match a known office ("policy"), held by a near-identical name."""
        office_ids: set[int] | None = None
        for word in title.topic:
            found = self.d.offices_by_word.get(word)
            if found:
                office_ids = set(found) if office_ids is None else office_ids & found
        if not office_ids:
            return False
        offices = [self.kb.offices[i] for i in sorted(office_ids)]
        near = self._near_miss(person.tokens, offices)
        if near is None or near[2]:
            return False
        pid, term, _ = near
        self._report_near_miss(mention, person, title, pid, term, out)
        return True

    # -- placeholders ----------------------------------------------------------------------------------
    def _check_placeholder(self, mention: Mention, pids: set[int], out) -> None:
        if not mention.is_full_name or pids:
            return
        expert = any(t.sense.honorific == "expert" or t.sense.role == "expert" for t in mention.titles)
        if not expert:
            return
        tokens = mention.tokens
        key = f"{tokens[0]} {tokens[-1]}"
        entry = self.d._placeholder_full.get(key) or self.d._placeholder_full.get(" ".join(tokens))
        if entry is None and tokens[0] in self.d._placeholder_first and tokens[-1] in self.d._placeholder_last:
            entry = self.d._placeholder_last[tokens[-1]]
        if entry is None:
            return
        start, end = mention.span
        appos = [t for t in mention.titles if t.apposition]
        if appos:
            end = max(end, appos[0].end)
        name = _one_line(self.text[mention.start:mention.end])
        vague = "" if mention.institution else " with no named institution"
        message = (f"'{name}' is a name language models are reported to give invented experts ({entry.context}); "
                   f"quoted here as an expert{vague}. A weak signal: real people share the name.")
        url, lic = self.kb.source(entry.source)
        self.counts["RS205"] += 1
        out.add("RS205", start, end, message,
                data={"name": name, "institution": mention.institution, "source": url, "license": lic})

    def _report_out_of_term(self, mention: Mention, person: Mention, title: Title, office: Office, term: Term,
                            before: bool, out) -> None:
        key = ("RS206", office.index, person.start)
        if key in self._reported:
            return
        self._reported.add(key)
        name = self.kb.person(term.person).name
        date = self.date
        if before:
            message = f"{name} became {_label(office)} on {term.start}, after this article's date ({date})"
            if office.single:
                message += (f"; on {date} the office was held by "
                            f"{self.d.describe_holders(self.d.office_holders(office, date)) or 'someone else'}")
            message += "."
            severity = "warning"
        else:
            message = f"{name} left the office of {_label(office)} on {term.end}"
            if office.single:
                holders = self.d.office_holders(office, date)
                message += f"; on {date} it was held by {self.d.describe_holders(holders) or 'someone else'}"
            message += " (a courtesy title is common; 'former' is clearer)."
            severity = "info"
        url, lic = self.kb.source(term.source)
        start, end = mention.span_with(title)
        self.counts["RS206"] += 1
        out.add("RS206", start, end, message, severity=severity,
                data={"office": office.id, "date": date, "term_start": term.start, "term_end": term.end,
                      "source": url, "license": lic})

    def _official_there(self, pids: set[int], jurisdictions: set[str], date: str) -> bool:
        """Whether a person of this name held some office of these countries around the date."""
        for pid in pids:
            for term in self.kb.person_terms(pid):
                office = self.kb.offices[term.office]
                if office.jurisdiction in jurisdictions and office.single and term.covers(date, 365):
                    return True
        return False

    def _coverage_start(self, office: Office) -> str:
        """The date from which the office's holder list is complete: declared,
        else its earliest known term."""
        if office.complete_from:
            return office.complete_from
        starts = [t.start for t in self.kb.office_terms(office) if t.start]
        return min(starts) if starts else ""

    def _places_in(self, key: str) -> set[str]:
        """Jurisdictions a title names itself: "British Foreign Secretary", "U.S. Sen.",
        "Georgia Gov." (both the country and the state: the office decides)."""
        places = self.d._places
        words = key.split()
        found: set[str] = set()
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                codes = places.get(" ".join(words[i:i + n]))
                if codes:
                    found |= _state_over_country(codes)
        return found

    def _looks_like_person(self, tokens: tuple[str, ...]) -> bool:
        """A personal name: a known given name first (or second, after an initial)."""
        given = self.kb.given_names
        return bool(tokens) and (tokens[0] in given or (len(tokens) >= 3 and len(tokens[0]) <= 2 and tokens[1] in given))

    def _same_surname_holder(self, tokens: tuple[str, ...], offices: list[Office]) -> bool:
        """Whether someone with this surname and first initial held one of
        the offices: a nickname or a middle name, not a fabrication."""
        first, surname = given_and_surname(tokens)
        ids = {o.index for o in offices}
        for pid in self.kb.persons_with_surname(surname) | self.kb.persons_with_surname(tokens[-1]):
            if any(t.office in ids for t in self.kb.person_terms(pid)):
                given = self.kb.given_names_of(pid)
                # "Lord Hermer", "Baroness Amos": a peer listed by title alone is
                # whoever has that surname ("Attorney General Richard Hermer").
                if not given or any(g[:1] == first[:1] for g in given):
                    return True
        return False

    def _us_state_named(self) -> bool:
        """Whether the article names a US state (it may be about state offices)."""
        return any(code.startswith("US-") for code in self.cues(subnational=True))

    def _generic(self, title: Title) -> bool:
        """A title many bodies use ("president", "chairman"), as opposed to one
        that names its office ("national security adviser")."""
        jurisdictions = {self.kb.offices[int(e[1:])].jurisdiction for e in title.sense.entries if e[0] == "o"}
        return len(jurisdictions) > 1 or len(title.key.split()) == 1 or bool(title.sense.role)

    # -- jurisdiction ------------------------------------------------------------------------------------
    def _filter_jurisdiction(self, offices: list[Office], explicit: set[str]) -> list[Office]:
        if not explicit:
            return offices
        exact = [o for o in offices if o.jurisdiction in explicit]
        if exact:
            return exact  # "Texas Gov. Greg Abbott": the state's own office
        national = {p for p in explicit if "-" not in p}
        sub = {p.split("-", 1)[0] for p in explicit if "-" in p}
        chosen = [o for o in offices if o.jurisdiction in national]
        if chosen:
            return chosen
        if sub:
            return []  # "Georgia Secretary of State": a state office the KB does not hold
        return []

    def _country_of_the_story(self, offices: list[Office], person: Mention) -> list[Office]:
        """"WASHINGTON - Attorney General Mark Whitcomb": a title several countries
        use (the UK has one too) means the office of the country the story is
        plainly about, when the article names that country at least twice as
        often as any other. Only a title two countries share: "President" or
        "Prime Minister" names a foreign leader as often as the story's own."""
        if len({o.jurisdiction for o in offices}) != 2 or self._same_surname_holder(person.tokens, offices):
            return offices  # the surname test only for the dozen such titles: it looks up persons
        ranked = self.cues().most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return offices
        top = ranked[0][0]
        return [o for o in offices if o.jurisdiction == top] or offices

    def _jurisdiction_settled(self, offices: list[Office], explicit: set[str], mention: Mention,
                              generic: bool = False, shared_with_states: bool = False) -> bool:
        """Whether the article plainly means these offices' country: written
        with the title, or the only country with such an office in the KB and
        one the article is about."""
        jurisdictions = {o.jurisdiction for o in offices}
        if explicit & jurisdictions:
            return True
        if all(self.kb.is_user_office(o) for o in offices):
            return True  # a newsroom's own office: its aliases name it
        if len(jurisdictions) != 1:
            return False
        (j,) = jurisdictions
        cues = self.cues()
        if not cues:
            # The story names no country: a title only one country uses settles it,
            # a title many bodies use ("Vice President") does not, nor one US states
            # share ("ALBANY - Senate Majority Leader Andrea Stewart-Cousins").
            return not generic and not shared_with_states
        if cues.get(j, 0) < 1:
            return False
        ranked = cues.most_common()
        top, top_count = ranked[0]
        if top != j and top_count >= 2 * cues[j]:
            return False
        if generic:
            # "Vice President U Myint Swe" in a story about Myanmar and the US:
            # a title many countries use settles only when one country dominates.
            second = ranked[1][1] if len(ranked) > 1 else 0
            return top == j and cues[j] >= 2 * second
        return True

    def cues(self, subnational: bool = False) -> Counter[str]:
        """How often the article names each country (names, demonyms,
        capitals); with ``subnational``, US states and provinces ("US-GA")."""
        if subnational:
            self.cues()
            return self._sub_cues
        if self._cues is None:
            counter: Counter[str] = Counter()
            sub: Counter[str] = Counter()
            places = self.d._places
            # Capitalised words in order; place names of up to three words.
            keys = [_word_key(m.group()) for m in CAPITALISED_RE.finditer(self.text)]
            i = 0
            while i < len(keys):
                for n in (3, 2, 1):
                    key = " ".join(keys[i:i + n]) if n > 1 else keys[i]
                    if len(keys) - i >= n and key in places:
                        codes = places[key]
                        for code in codes:
                            if "-" not in code:
                                counter[code] += 1
                            elif code.split("-", 1)[0] not in codes:
                                # "Washington" alone is the US capital, not the state:
                                # a word that also names the country is no state cue.
                                sub[code] += 1
                        i += n
                        break
                else:
                    i += 1
            self._cues = counter
            self._sub_cues = sub
        return self._cues

    def _explicit_places(self, mention: Mention) -> set[str]:
        places: set[str] = set()
        for t in mention.titles:
            places |= t.places
        return places

    def _has_us_office(self, mention: Mention) -> bool:
        for t in mention.titles:
            for e in t.sense.entries:
                if e[0] == "o":
                    office = self.kb.offices[int(e[1:])]
                    if office.jurisdiction == "US" and office.single:
                        jurisdictions = {self.kb.offices[int(x[1:])].jurisdiction for x in t.sense.entries if x[0] == "o"}
                        if jurisdictions == {"US"}:
                            return True
        return False

    def _party_tag_places(self, person: Mention) -> set[str]:
        """{"US", "US-ME"} for "(R-Maine)" after the name; state legislators'
        tags name a town ("D-Las Cruces") and give nothing."""
        match = _PARTY_TAG_RE.match(self.text, person.end) or _OF_STATE_RE.match(self.text, person.end)
        if not match:
            return set()
        key = title_key(match.group(1))
        codes = {c for c in self.d._places.get(key, ()) if c.startswith("US-")}
        if not codes and len(key) == 2:
            codes = {f"US-{key.upper()}"} if any(c.endswith("-" + key.upper()) for c in self.d._us_states) else set()
        return codes | {"US"} if codes else set()

    def _matches_any(self, tokens: tuple[str, ...], names: Sequence[str]) -> bool:
        first, surname = given_and_surname(tokens)
        for n in names:
            other = name_tokens(n)
            if not other:
                continue
            o_first, o_surname = given_and_surname(other)
            if surname == o_surname and (not first or self.kb.given_names_compatible(first, o_first)):
                return True
            for pid in self.kb.persons_named(n):
                if self.kb.same_name_loosely(tokens, pid):
                    return True
        return False


def _add_references(findings: list, owners: list[tuple[int, int, Mention]], mentions: list[Mention]) -> None:
    """Tell each finding how often the article names its person, and where
    ("O'Connor stated" later in the story)."""
    later: dict[int, list[list[int]]] = {}
    for m in mentions:
        if m.first is not None:
            later.setdefault(id(m.first), []).append([m.start, m.end])
    for a, b, person in owners:
        refs = later.get(id(person), [])
        for f in findings[a:b]:
            f.data["mentions"] = 1 + len(refs)
            f.data["later_mentions"] = refs[:20]


class _HolderIndex:
    """(given name, surname, person, term) of an office's holders, bucketed
    by the surname's first letter, so that a near-miss search compares a
    name with a few hundred surnames in C (rapidfuzz), not all holders."""

    def __init__(self, kb: KnowledgeBase, office: Office) -> None:
        buckets: dict[str, list[tuple[str, str, int, int]]] = {}
        seen: set[tuple[str, str, int]] = set()
        by_loose: dict[str, list[tuple[str, str, int, int]]] = {}
        for term in kb.office_terms(office):
            person = kb.person(term.person)
            for variant in (person.name,) + person.aliases:
                tokens = name_tokens(variant)
                if len(tokens) < 2:
                    continue
                first, surname = given_and_surname(tokens)
                for s in {surname, tokens[-1]}:
                    key = (first, s, term.person)
                    if key in seen:
                        continue
                    seen.add(key)
                    entry = (first, s, term.person, term.index)
                    buckets.setdefault(s[:1], []).append(entry)
                    by_loose.setdefault(loose_key(s), []).append(entry)
        self._buckets = {k: (v, [e[1] for e in v]) for k, v in buckets.items()}
        self._by_loose = by_loose

    def near(self, surname: str, exact: bool = False) -> list[tuple[str, str, int, int]]:
        """Entries whose surname is the same up to transliteration, or (unless
        ``exact``) within two edits with the same first letter."""
        found = list(self._by_loose.get(loose_key(surname), ()))
        if exact:
            return found
        bucket = self._buckets.get(surname[:1])
        if bucket is None:
            return found
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        entries, surnames = bucket
        limit = 1 if len(surname) <= 5 else 2
        for _match, _dist, i in process.extract(surname, surnames, scorer=OSA.distance,
                                                score_cutoff=limit, limit=None):
            entry = entries[i]
            if entry not in found and _close(surname, entry[1], 0.88):
                found.append(entry)
        return found


_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")


def _close(a: str, b: str, jaro: float) -> bool:
    """Two name words a typo apart: same first letter, at most one edit (two
    for words over five letters; swapping two neighbours is one edit, as in
    "Kier" for "Keir"), Jaro-Winkler at least ``jaro``."""
    from rapidfuzz.distance import OSA, JaroWinkler

    if not a or not b or a[0] != b[0]:
        return False
    limit = 1 if min(len(a), len(b)) <= 5 else 2
    return OSA.distance(a, b) <= limit and JaroWinkler.similarity(a, b) >= jaro


def article_date(doc: Document) -> str | None:
    """ISO date of the article: ``published``, else a dateline, else None.

    A date near the top counts as a dateline only when it stands alone on its
    line or after a place or marker ("WASHINGTON, Aug. 28, 2024 -",
    "Published: ..."); "On September 25, 1991, the president ..." is history
    told in the story, not the article's date.
    """
    if doc.published is not None:
        return doc.published.isoformat()
    found = _accepted_dateline(doc)
    return found[0].isoformat() if found else None


def _accepted_dateline(doc: Document) -> tuple[_dt.date, tuple[int, int]] | None:
    """``doc.dateline`` when it reads as the article's own date (see ``article_date``)."""
    found = doc.dateline
    if not found:
        return None
    date, (start, end) = found
    text = doc.spaced
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start:start]
    after = text[end:line_end].strip()
    if _DATELINE_PREFIX_RE.match(before) and (not after or after[:1] in "-—–|(/" or len(after.split()) <= 4
                                               or before.strip()):
        if before.strip().lower() in ("on", "in", "since", "by", "until", "from") or before.rstrip().endswith(" on"):
            return None
        return found
    return None


def _state_over_country(codes: "set[str] | frozenset[str]") -> set[str]:
    """The codes one place word gives a title, a state preferred to its own country:
    "Washington Attorney General" is the state's ("Washington" is also the US capital)."""
    return {c for c in codes if "-" in c or not any(s.startswith(c + "-") for s in codes)}


def _unconfirmed_until(office: Office) -> str:
    """The last day RS207 applies: ``UNCONFIRMED_GRACE_DAYS`` after the list ends, and
    for a US office never past the next 1 January, when terms won in November begin
    (governors, Congress, a new administration's appointees)."""
    until = shift(office.complete_until, UNCONFIRMED_GRACE_DAYS)
    if office.jurisdiction == "US" or office.jurisdiction.startswith("US-"):
        until = min(until, f"{int(office.complete_until[:4]) + 1}-01-01")
    return until


def _label(office: Office) -> str:
    """An office's name without the sources' parenthetical notes."""
    return re.sub(r"\s*\([^)]*\)", "", office.name).strip() or office.name


def _has_country(places: set[str], code: str) -> bool:
    return any(p == code or p.startswith(code + "-") for p in places)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _one_line(text: str) -> str:
    return " ".join(text.split())
