"""Load the shipped knowledge base and answer the detector's questions.

Loading is lazy where it matters: the file is split into sections and lines
once (a few milliseconds); small sections (offices, titles, ranks) are parsed
at load, while persons and terms are parsed one row at a time when a lookup
needs them. Users add their own rows (a newsroom's local officials) from CSV
files in the source schema, see :meth:`KnowledgeBase.add_csv`.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from operator import methodcaller
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Sequence

from .names import fold, given_and_surname, loose_key, name_keys, name_tokens, surname_keys
from .schema import FAMILY_NAME_FIRST, FORMAT, MULTI_SEAT_KINDS, end_date, start_date, title_key

DATA_FILE = "kb.tsv"
# Extra CSV files to load with the shipped knowledge base, separated by os.pathsep.
EXTRA_ENV = "NEWS_RELIABILITY_KB_EXTRA"
_SPLIT_TAB = methodcaller("split", "\t", 1)


class Office(NamedTuple):
    index: int
    id: str
    name: str
    aliases: tuple[str, ...]
    jurisdiction: str
    kind: str
    seats: str  # "one" holder at a time, or "many" (a legislature)
    complete_from: str  # ISO date from which the holder list is complete, or ""
    complete_until: str  # ISO date up to which it is complete, or "" (never complete)
    source: int
    first_term: int
    end_term: int

    @property
    def single(self) -> bool:
        return self.seats == "one"


class Term(NamedTuple):
    index: int
    person: int
    office: int
    start: str  # ISO date, "" when the source gives none
    end: str  # ISO date, "" while in office (as of the office's complete_until)
    source: int
    flags: str  # "u": undated membership; "a": acting
    note: str

    @property
    def undated(self) -> bool:
        return "u" in self.flags

    @property
    def acting(self) -> bool:
        return "a" in self.flags

    def covers(self, day: str, slack: int = 0) -> bool:
        """Whether the term includes ``day`` (ISO), ``slack`` days either side."""
        if self.undated:
            return True
        start = shift(self.start, -slack) if self.start else ""
        end = shift(self.end, slack) if self.end else ""
        return (not start or start <= day) and (not end or day <= end)

    def years(self) -> str:
        """'2023-2025', 'since 2025', or '' for an undated membership."""
        if self.undated or not self.start:
            return ""
        if not self.end:
            return f"since {self.start}"
        return f"{self.start[:4]}-{self.end[:4]}" if self.start[:4] != self.end[:4] else self.start[:4]


class Person(NamedTuple):
    index: int
    name: str
    aliases: tuple[str, ...]
    source: int
    terms: tuple[int, ...]


class Rank(NamedTuple):
    index: int
    id: str
    phrase: str
    abbreviations: tuple[str, ...]
    country: str
    services: tuple[str, ...]
    status: str  # current | historical | foreign | nonexistent
    holders: tuple[str, ...]
    valid_from: str
    valid_until: str
    exists_in: frozenset[str]
    note: str
    source: int


class Placeholder(NamedTuple):
    name: str
    match_type: str  # full | first | last
    strength: str  # full | distinctive | common
    context: str
    source: int


def shift(day: str, days: int) -> str:
    """An ISO date moved by ``days`` (calendar-exact)."""
    import datetime as _dt

    if not days:
        return day
    return (_dt.date.fromisoformat(day) + _dt.timedelta(days=days)).isoformat()


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split("|")) if value else ()


def _ints(value: str) -> tuple[int, ...]:
    return tuple(int(v) for v in value.split(",")) if value else ()


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


class KnowledgeBase:
    """People, offices, dated terms, ranks and placeholder names."""

    def __init__(self, sections: dict[str, list[str]]) -> None:
        meta = dict(line.split("\t", 1) for line in sections["meta"])
        if meta.get("format") != FORMAT:
            raise ValueError(f"knowledge base format {meta.get('format')!r}, expected {FORMAT!r}")
        self.inputs = _split(meta.get("inputs", ""))
        self.sources: list[tuple[str, str]] = [tuple(line.split("\t", 1)) for line in sections["sources"]]  # type: ignore[misc]
        self.offices: list[Office] = []
        for i, line in enumerate(sections["offices"]):
            c = line.split("\t")
            self.offices.append(Office(i, c[0], c[1], _split(c[2]), c[3], c[4], c[5], c[6], c[7], int(c[8]),
                                       int(c[9]), int(c[10])))
        self.office_by_id = {o.id: o for o in self.offices}
        self._shipped_offices = len(self.offices)
        self.ranks: list[Rank] = []
        for i, line in enumerate(sections["ranks"]):
            c = line.split("\t")
            self.ranks.append(Rank(i, c[0], c[1], _split(c[2]), c[3], _split(c[4]), c[5], _split(c[6]), c[7], c[8],
                                   frozenset(_split(c[9])), c[10], int(c[11])))
        self.placeholders: list[Placeholder] = []
        for line in sections["placeholders"]:
            c = line.split("\t")
            self.placeholders.append(Placeholder(c[0], c[1], c[2], c[3], int(c[4])))
        self._place_lines = sections["places"]
        self.countries = [Country(c[0], c[1], _split(c[2]), _split(c[3]))
                          for c in (line.split("\t") for line in sections["countries"])]
        self.organisations = [(c[0], c[1], _split(c[2])) for c in (line.split("\t") for line in sections["organisations"])]
        self.subnational = [(c[0], c[1], c[2], _split(c[3])) for c in (line.split("\t") for line in sections["subnational"])]
        self.titles: dict[str, tuple[str, ...]] = {k: _split(v) for k, v in map(_SPLIT_TAB, sections["titles"])}
        self._nicknames: dict[str, str] = dict(map(_SPLIT_TAB, sections["nicknames"]))
        # Big sections stay as lines until a row is needed.
        self._person_lines: list[str] = sections["persons"]
        self._term_lines: list[str] = sections["terms"]
        self._name_keys: dict[str, str] = dict(map(_SPLIT_TAB, sections["name_keys"]))
        self.given_names: frozenset[str] = frozenset(sections.get("given_names", ()))
        self._given_cache: dict[int, set[str]] = {}
        self._surname_keys: dict[str, str] = dict(map(_SPLIT_TAB, sections["surname_keys"]))
        self._persons: dict[int, Person] = {}
        self._terms: dict[int, Term] = {}
        # Rows added from users' CSV files.
        self._extra_office_terms: dict[int, list[int]] = {}
        self._extra_name_keys: dict[str, set[int]] = {}
        self._extra_surname_keys: dict[str, set[int]] = {}
        self._extra_person_terms: dict[int, list[int]] = {}
        self._extra_titles: dict[str, list[str]] = {}

    # -- loading -------------------------------------------------------------------
    @classmethod
    def load(cls, path: "str | os.PathLike[str] | None" = None, extra: Sequence["str | os.PathLike[str]"] = (),
             use_env: bool = True) -> "KnowledgeBase":
        """The shipped knowledge base (or the file at ``path``), plus users'
        CSV files from ``extra`` and from the environment variable
        ``NEWS_RELIABILITY_KB_EXTRA`` (paths separated by ``os.pathsep``)."""
        if path is None:
            raw = resources.files("reliability.kb").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        kb = cls(_sections(raw))
        paths = list(extra)
        if use_env and os.environ.get(EXTRA_ENV):
            paths += [p for p in os.environ[EXTRA_ENV].split(os.pathsep) if p]
        for extra_path in paths:
            kb.add_csv(extra_path)
        return kb

    # -- rows ----------------------------------------------------------------------
    def person(self, pid: int) -> Person:
        person = self._persons.get(pid)
        if person is None:
            c = self._person_lines[pid].split("\t")
            terms = _ints(c[3]) + tuple(self._extra_person_terms.get(pid, ()))
            person = Person(pid, c[0], _split(c[1]), int(c[2]), terms)
            self._persons[pid] = person
        return person

    def term(self, tid: int) -> Term:
        term = self._terms.get(tid)
        if term is None:
            c = self._term_lines[tid].split("\t")
            term = Term(tid, int(c[0]), int(c[1]), c[2], c[3], int(c[4]), c[5], c[6])
            self._terms[tid] = term
        return term

    def office_terms(self, office: Office) -> list[Term]:
        ids = list(range(office.first_term, office.end_term)) + self._extra_office_terms.get(office.index, [])
        return [self.term(t) for t in ids]

    def person_terms(self, pid: int) -> list[Term]:
        return [self.term(t) for t in self.person(pid).terms]

    def is_user_office(self, office: Office) -> bool:
        """Whether the office came from a user's CSV rather than the shipped data."""
        return office.index >= self._shipped_offices

    def source(self, index: int) -> tuple[str, str]:
        """(url, licence) of a row's source."""
        return self.sources[index]

    def title_entries(self, key: str) -> tuple[str, ...]:
        """Offices ("o12") and ranks ("r3") that a title phrase key names."""
        found = self.titles.get(key, ())
        extra = self._extra_titles.get(key)
        return found + tuple(extra) if extra else found

    # -- names -----------------------------------------------------------------------
    def persons_named(self, name: "str | tuple[str, ...]") -> set[int]:
        """Persons whose name or alias matches exactly (middle names and
        initials may be left out: "Daniel O'Connor" matches "Daniel L. O'Connor")."""
        tokens = name if isinstance(name, tuple) else name_tokens(name)
        found: set[int] = set()
        if not tokens:
            return found
        keys = {" ".join(tokens)}
        if len(tokens) >= 2:
            keys.add(f"{tokens[0]} {tokens[-1]}")
            first, surname = given_and_surname(tokens)
            keys.add(f"{first} {surname}")
        for key in keys:
            value = self._name_keys.get(key)
            if value:
                found.update(_ints(value))
            extra = self._extra_name_keys.get(key)
            if extra:
                found |= extra
        return found

    def persons_with_surname(self, surname: str) -> set[int]:
        key = " ".join(name_tokens(surname)) if " " in surname or "-" in surname else fold(surname)
        found = set(_ints(self._surname_keys.get(key, "")))
        extra = self._extra_surname_keys.get(key)
        return found | extra if extra else found

    def persons_compatible(self, tokens: tuple[str, ...]) -> set[int]:
        """Persons with the same surname whose given name is compatible with the
        mention's: a nickname ("Pete" for "Peter"), an initial ("C." for
        "Charles") or a transliteration ("Sergey" for "Sergei")."""
        if len(tokens) < 2:
            return set()
        first, surname = given_and_surname(tokens)
        candidates = self.persons_with_surname(surname) | self.persons_with_surname(tokens[-1])
        found = set()
        for pid in candidates:
            if any(self.given_names_compatible(first, g) for g in self.given_names_of(pid)):
                found.add(pid)
        return found

    def given_names_of(self, pid: int) -> set[str]:
        """First (and middle) names a person is known by."""
        cached = self._given_cache.get(pid)
        if cached is not None:
            return cached
        person = self.person(pid)
        names = set()
        for n in (person.name,) + person.aliases:
            tokens = name_tokens(n)
            if len(tokens) >= 2:
                names.add(tokens[0])
                if len(tokens) >= 3 and len(tokens[1]) > 1:
                    # "J. Danforth Quayle", "John Daniel Caine"; a middle initial is
                    # no name anyone goes by ("Sarah" is not James S. Mitchell).
                    names.add(tokens[1])
        self._given_cache[pid] = names
        return names

    def given_names_compatible(self, a: str, b: str) -> bool:
        if a == b:
            return True
        if not a or not b:
            return False
        if len(a) == 1 or len(b) == 1:
            return a[0] == b[0]
        # Short forms the nickname table lacks: "Mel" for "Meldon", "Sandy" for "Sander".
        if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a) or a[:4] == b[:4]):
            return True
        if a in self._nicknames and b in self._nicknames:
            if set(self._nicknames[a].split("|")) & set(self._nicknames[b].split("|")):
                return True
        if a in self._nicknames and b in self._nicknames[a].split("|"):
            return True
        if b in self._nicknames and a in self._nicknames[b].split("|"):
            return True
        return loose_key(a) == loose_key(b)

    def same_name_loosely(self, tokens: tuple[str, ...], pid: int) -> bool:
        """Whether a mention's name is the person's name up to transliteration
        ("Zelenskyy"/"Zelensky"): a variant, never a misspelling to flag."""
        if not tokens:
            return False
        first, surname = given_and_surname(tokens)
        for n in (self.person(pid).name,) + self.person(pid).aliases:
            other = name_tokens(n)
            if not other:
                continue
            o_first, o_surname = given_and_surname(other)
            if loose_key(surname) == loose_key(o_surname) and (
                not first or not o_first or self.given_names_compatible(first, o_first)
            ):
                return True
        return False

    def is_family_name_first(self, pid: int) -> bool:
        return any(self.offices[t.office].jurisdiction in FAMILY_NAME_FIRST for t in self.person_terms(pid))

    # -- places --------------------------------------------------------------------------
    @cached_property
    def places(self) -> dict[str, frozenset[str]]:
        """Folded place or organisation words -> jurisdiction codes: countries
        ("FR"), organisations ("NATO") and sub-national units ("US-GA")."""
        return {k: frozenset(v.split("|")) for k, v in map(_SPLIT_TAB, self._place_lines)}

    # -- users' rows ---------------------------------------------------------------------
    def add_csv(self, path: "str | os.PathLike[str]") -> int:
        """Add rows from a CSV in one of the source schemas, told apart by
        their columns: offices (``office_id, name, aliases, jurisdiction,
        kind, complete_until``), terms (``person, aliases, office_id, start,
        end``) or persons (``person, aliases``). Returns the number of rows."""
        with open(path, newline="", encoding="utf-8") as handle:
            rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]
        if not rows:
            return 0
        columns = set(rows[0])
        label = str(path)
        if {"office_id", "name", "jurisdiction"} <= columns:
            for row in rows:
                self.add_office(row["office_id"], row["name"], _split(row.get("aliases", "")), row["jurisdiction"],
                                row.get("kind", "other"), row.get("complete_until", ""),
                                row.get("source_url") or label, row.get("license", "user-supplied"),
                                row.get("complete_from", ""))
        elif {"person", "office_id"} <= columns:
            for row in rows:
                pid = self.add_person(row["person"], _split(row.get("aliases", "")),
                                      row.get("source_url") or label, row.get("license", "user-supplied"))
                self.add_term(pid, row["office_id"], row.get("start", ""), row.get("end", ""),
                              row.get("source_url") or label, row.get("license", "user-supplied"), row.get("note", ""))
        elif "person" in columns:
            for row in rows:
                self.add_person(row["person"], _split(row.get("aliases", "")),
                                row.get("source_url") or label, row.get("license", "user-supplied"))
        else:
            raise ValueError(f"{path}: expected columns office_id/name/jurisdiction, person/office_id, or person")
        return len(rows)

    def _add_source(self, url: str, license: str) -> int:
        self.sources.append((url, license))
        return len(self.sources) - 1

    def add_office(self, office_id: str, name: str, aliases: Iterable[str], jurisdiction: str, kind: str = "other",
                   complete_until: str = "", source_url: str = "user-supplied", license: str = "user-supplied",
                   complete_from: str = "") -> Office:
        """Add an office (or more aliases to a known one)."""
        src = self._add_source(source_url, license)
        aliases = tuple(aliases)
        existing = self.office_by_id.get(office_id)
        if existing is not None:
            office = existing._replace(aliases=existing.aliases + aliases)
        else:
            seats = "many" if kind in MULTI_SEAT_KINDS else "one"
            office = Office(len(self.offices), office_id, name, (name,) + aliases, jurisdiction, kind, seats,
                            complete_from, complete_until, src, 0, 0)
            self.offices.append(office)
        self.offices[office.index] = office
        self.office_by_id[office_id] = office
        for alias in (name,) + aliases:
            key = title_key(alias)
            entry = f"o{office.index}"
            if key and entry not in self.title_entries(key):
                self._extra_titles.setdefault(key, []).append(entry)
        return office

    def add_person(self, name: str, aliases: Iterable[str] = (), source_url: str = "user-supplied",
                   license: str = "user-supplied") -> int:
        """Add a person; returns their index."""
        src = self._add_source(source_url, license)
        aliases = tuple(a for a in aliases if a)
        pid = len(self._person_lines)
        self._person_lines.append("\t".join([name, "|".join(aliases), str(src), ""]))
        for n in (name,) + aliases:
            for key in name_keys(n):
                self._extra_name_keys.setdefault(key, set()).add(pid)
            for key in surname_keys(n):
                self._extra_surname_keys.setdefault(key, set()).add(pid)
        return pid

    def add_term(self, pid: int, office_id: str, start: str = "", end: str = "", source_url: str = "user-supplied",
                 license: str = "user-supplied", note: str = "") -> Term:
        office = self.office_by_id.get(office_id)
        if office is None:
            raise KeyError(f"unknown office {office_id!r}: add it first (a CSV with office_id, name, jurisdiction)")
        src = self._add_source(source_url, license)
        tid = len(self._term_lines)
        flags = "" if start else "u"
        self._term_lines.append("\t".join([str(pid), str(office.index), start_date(start), end_date(end), str(src),
                                           flags, note]))
        self._extra_office_terms.setdefault(office.index, []).append(tid)
        self._extra_person_terms.setdefault(pid, []).append(tid)
        self._persons.pop(pid, None)
        return self.term(tid)

    def iter_persons(self) -> Iterator[Person]:
        for pid in range(len(self._person_lines)):
            yield self.person(pid)

    def __len__(self) -> int:
        return len(self._person_lines)


def _sections(raw: str) -> dict[str, list[str]]:
    """Split the file into its sections' lines (header lines dropped)."""
    sections: dict[str, list[str]] = {}
    for block in raw.split("\n@")[1:]:
        header, _, body = block.partition("\n")
        name = header.split("\t", 1)[0]
        sections[name] = body.split("\n")
        if sections[name] and sections[name][-1] == "":
            sections[name].pop()
    return sections
