"""Compile the shipped knowledge base from source files.

    python -m reliability.kb.build --shared /work/shared/kb

Reads the project's own source CSVs in ``reliability/kb/sources/`` (offices,
terms, countries, ranks, placeholder names, nicknames ...) and the public data
sets in the shared folder (congress-legislators, the Institute for
Government's UK ministers database, Wikidata extracts, US four-star officers),
and writes ``reliability/kb/data/kb.tsv``: one file, one row per line, the
same bytes for the same inputs. Every row carries the index of its source
(URL and licence) in the ``sources`` table. See ``reliability/kb/README.md``.

PyYAML is needed here (congress-legislators ships dated terms only as YAML),
never at run time.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .names import fold, name_keys, name_tokens, surname_keys
from .schema import FAMILY_NAME_FIRST, FORMAT, MULTI_SEAT_KINDS, SECTION_COLUMNS, end_date, start_date, title_key

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCES_DIR = PACKAGE_DIR / "sources"
DATA_FILE = PACKAGE_DIR / "data" / "kb.tsv"

CONGRESS = ("https://github.com/unitedstates/congress-legislators (main@dfa96222, 2026-06-15)", "CC0-1.0")
CONGRESS_COMPLETE = "2026-06-15"
IFG = ("https://github.com/instituteforgov/ifg-ministers-database-public (92e22702, 2026-06-19), "
       "Institute for Government Ministers Database", "CC BY 4.0")
IFG_COMPLETE = "2026-06-12"
EP_US = ("https://github.com/every-politician-scrapers/us-cabinet (0d5e73cb, 2022-08-03), Wikidata P39 extract", "CC0-1.0 (Wikidata)")
EP_US_COMPLETE = "2022-07-31"
EP_WORLD = ("https://github.com/every-politician-scrapers/world-leaders-2021 (be7039cf), Wikidata extract", "CC0-1.0 (Wikidata)")
EP_ORGS = ("https://github.com/every-politician-scrapers/world (4a3b394d, 2023-01-10), Wikidata extract", "CC0-1.0 (Wikidata)")
EP_ORGS_COMPLETE = "2023-01-10"
FOUR_STARS = ("https://github.com/rsnbrgr/US4starOfficers (3c2ebdb7, 2025-07-26)", "public domain dedication")


# -- dates -----------------------------------------------------------------------

def _days(iso: str) -> int:
    """Days since year 0, for comparing dates in the build."""
    y, m, d = (int(x) for x in iso[:10].split("-"))
    return y * 372 + m * 31 + d


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


# -- the compiled model ----------------------------------------------------------

@dataclass
class Office:
    id: str
    name: str
    aliases: set[str]
    jurisdiction: str
    kind: str
    complete_from: str
    complete_until: str
    src: int


@dataclass
class Person:
    name: str
    aliases: set[str]
    src: int
    family_name_first: bool = False
    keys: set[str] = field(default_factory=set)


class Compiler:
    """Accumulates sources, offices, persons and terms; writes the shipped JSON."""

    def __init__(self) -> None:
        self.sources: dict[tuple[str, str], int] = {}
        self.offices: dict[str, Office] = {}
        self.persons: list[Person] = []
        self.terms: set[tuple] = set()
        self.ext_ids: dict[str, int] = {}
        self.full_key_index: dict[str, set[int]] = defaultdict(set)
        self.ranks: list[list] = []
        self.placeholders: list[list] = []
        self.nicknames: dict[str, set[str]] = defaultdict(set)
        self.extra_given: set[str] = set()
        self.countries: list[list] = []
        self.organisations: list[list] = []
        self.subnational: list[list] = []
        self.inputs: list[str] = []

    # sources ---------------------------------------------------------------------
    def source(self, url: str, license: str) -> int:
        key = (url.strip() or "unknown", license.strip() or "unknown")
        if key not in self.sources:
            self.sources[key] = len(self.sources)
        return self.sources[key]

    # offices ---------------------------------------------------------------------
    def office(self, office_id: str, name: str, aliases: Iterable[str], jurisdiction: str, kind: str,
               complete_until: str, src: int, complete_from: str = "") -> Office:
        """Add an office, or merge aliases into one already known; the first
        source to describe an office keeps its name and kind, while coverage
        dates widen to the most complete source."""
        aliases = {a for a in aliases if a}
        existing = self.offices.get(office_id)
        if existing is None:
            existing = Office(office_id, name, set(aliases) | {name}, jurisdiction, kind,
                              complete_from, complete_until, src)
            self.offices[office_id] = existing
        else:
            existing.aliases |= aliases
            if complete_until and (not existing.complete_until or complete_until > existing.complete_until):
                existing.complete_until = complete_until
            if complete_from and (not existing.complete_from or complete_from < existing.complete_from):
                existing.complete_from = complete_from
        return existing

    # persons ---------------------------------------------------------------------
    def person(self, name: str, aliases: Iterable[str], src: int, *, ext_id: str | None = None,
               merge: bool = True, family_name_first: bool = False) -> int:
        """A person's index. ``ext_id`` (a bioguide or IfG id) identifies a person
        across files; otherwise a person merges into the one existing person
        whose name or alias has the same full key, if there is exactly one."""
        aliases = {a.strip() for a in aliases if a and a.strip() and a.strip() != name}
        pid = self.ext_ids.get(ext_id) if ext_id else None
        if pid is None and merge:
            candidates = self.full_key_index.get(" ".join(name_tokens(name)), set())
            if len(candidates) == 1:
                pid = next(iter(candidates))
        if pid is None:
            pid = len(self.persons)
            self.persons.append(Person(name, set(), src))
        person = self.persons[pid]
        person.aliases |= aliases - {person.name}
        if name != person.name:
            person.aliases.add(name)
        person.family_name_first = person.family_name_first or family_name_first
        for n in {name} | aliases:
            tokens = name_tokens(n)
            if tokens:
                self.full_key_index[" ".join(tokens)].add(pid)
        if ext_id:
            self.ext_ids[ext_id] = pid
        return pid

    def term(self, pid: int, office_id: str, start: str, end: str, src: int, note: str = "", flags: str = "") -> None:
        if office_id not in self.offices:
            raise KeyError(f"term for unknown office {office_id!r}")
        self.terms.add((pid, office_id, start_date(start), end_date(end), src, note.strip(), flags))

    # output ----------------------------------------------------------------------
    def compile(self) -> dict[str, list[list[str]]]:
        """The shipped sections: lists of rows of strings, deterministic."""
        self._reconcile_terms()
        sources = sorted(self.sources, key=lambda k: self.sources[k])
        office_ids = sorted(self.offices)
        office_index = {oid: i for i, oid in enumerate(office_ids)}
        # Persons sorted by name so that the file does not depend on read order.
        order = sorted(range(len(self.persons)), key=lambda p: (fold(self.persons[p].name), self.persons[p].name,
                                                                sorted(self.persons[p].aliases), p))
        new_pid = {old: new for new, old in enumerate(order)}
        persons = [self.persons[old] for old in order]
        # The same term from several sources is kept once, with the first source.
        unique: dict[tuple, tuple] = {}
        for (p, o, s, e, src, note, flags) in sorted(self.terms, key=lambda t: (t[4], t)):
            unique.setdefault((p, o, s, e), (office_index[o], s, new_pid[p], e, src, note, flags))
        terms = sorted(unique.values())
        office_ranges = [[0, 0] for _ in office_ids]
        for i, (oi, *_rest) in enumerate(terms):
            if office_ranges[oi][1] == 0:
                office_ranges[oi][0] = i
            office_ranges[oi][1] = i + 1
        person_terms: dict[int, list[int]] = defaultdict(list)
        for i, t in enumerate(terms):
            person_terms[t[2]].append(i)
        by_key: dict[str, set[int]] = defaultdict(set)
        by_surname: dict[str, set[int]] = defaultdict(set)
        given: set[str] = set(self.nicknames) | {n for nicks in self.nicknames.values() for n in nicks} | self.extra_given
        for pid, person in enumerate(persons):
            for n in sorted({person.name} | person.aliases):
                for key in name_keys(n):
                    by_key[key].add(pid)
                for key in surname_keys(n, person.family_name_first):
                    by_surname[key].add(pid)
                tokens = name_tokens(n)
                if len(tokens) >= 2:
                    given.update(t for t in tokens[:-1] if len(t) >= 2 and t.isalpha())
        titles: dict[str, set[str]] = defaultdict(set)
        for oi, oid in enumerate(office_ids):
            for alias in self.offices[oid].aliases:
                key = title_key(alias)
                if key:
                    titles[key].add(f"o{oi}")
        for ri, rank in enumerate(self.ranks):
            phrases = [rank[1]] + rank[2]
            if rank[5] != "current":
                # "GA", "FM": capitals that are also state codes and initials;
                # a rank that is reported must be written out.
                phrases = [p for p in phrases if not p.replace(".", "").isupper()]
            for phrase in phrases:
                key = title_key(phrase)
                if key:
                    titles[key].add(f"r{ri}")
        places: dict[str, set[str]] = defaultdict(set)
        for code, name, aliases, demonyms in self.countries:
            for phrase in [name] + aliases + demonyms:
                places[title_key(phrase)].add(code)
        for code, name, aliases in self.organisations:
            for phrase in [name] + aliases:
                places[title_key(phrase)].add(code)
        for country, code, name, aliases in self.subnational:
            for phrase in [name] + aliases:
                places[title_key(phrase)].add(f"{country}-{code}")
        places.pop("", None)
        nick_groups: dict[str, set[str]] = defaultdict(set)
        for canonical, nicks in self.nicknames.items():
            nick_groups[canonical].add(canonical)
            for nick in nicks:
                nick_groups[nick].add(canonical)
        j = "|".join
        ints = lambda values: ",".join(str(v) for v in sorted(values))  # noqa: E731
        return {
            "meta": [["format", FORMAT], ["inputs", j(sorted(self.inputs))]],
            "sources": [[url, lic] for url, lic in sources],
            "countries": [[c[0], c[1], j(c[2]), j(c[3])] for c in sorted(self.countries)],
            "organisations": [[o[0], o[1], j(o[2])] for o in sorted(self.organisations)],
            "subnational": [[s[0], s[1], s[2], j(s[3])] for s in sorted(self.subnational)],
            "places": [[k, j(sorted(v))] for k, v in sorted(places.items())],
            "offices": [
                [oid, o.name, j(sorted(o.aliases)), o.jurisdiction, o.kind,
                 "many" if o.kind in MULTI_SEAT_KINDS else "one", o.complete_from, o.complete_until, str(o.src),
                 str(office_ranges[i][0]), str(office_ranges[i][1])]
                for i, oid in enumerate(office_ids) for o in [self.offices[oid]]
            ],
            "ranks": [[r[0], r[1], j(r[2]), r[3], j(r[4]), r[5], j(r[6]), r[7], r[8], j(r[9]), r[10], str(r[11])]
                      for r in self.ranks],
            "placeholders": [[p[0], p[1], p[2], p[3], str(p[4])] for p in sorted(self.placeholders)],
            "nicknames": [[k, j(sorted(v))] for k, v in sorted(nick_groups.items())],
            "titles": [[k, j(sorted(v))] for k, v in sorted(titles.items())],
            "persons": [[p.name, j(sorted(p.aliases)), str(p.src), ints(person_terms.get(pid, ()))]
                        for pid, p in enumerate(persons)],
            "terms": [[str(pid), str(oi), s, e, str(src), flags, note] for (oi, s, pid, e, src, note, flags) in terms],
            "given_names": [[g] for g in sorted(given)],
            "name_keys": [[k, ints(v)] for k, v in sorted(by_key.items())],
            "surname_keys": [[k, ints(v)] for k, v in sorted(by_surname.items())],
        }

    def _reconcile_terms(self) -> None:
        """Drop a term left open by an older source when another source closes
        the same term (Wikidata in 2022 has Mark Milley as chairman with no
        end; the project's own list ends his term in 2023)."""
        groups: dict[tuple[int, str], list[tuple]] = defaultdict(list)
        for term in self.terms:
            groups[(term[0], term[1])].append(term)
        for group in groups.values():
            closed = [t for t in group if t[3]]
            for term in group:
                if term[3] or not term[2]:
                    continue
                if any(abs(_days(c[2]) - _days(term[2])) <= 400 for c in closed if c[2]):
                    self.terms.discard(term)


# -- readers: the project's own source CSVs ---------------------------------------

def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]


def load_offices_csv(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        src = kb.source(row.get("source_url", ""), row.get("license", ""))
        kb.office(row["office_id"], row["name"], split_list(row.get("aliases")), row.get("jurisdiction", ""),
                  row.get("kind", "other"), row.get("complete_until", ""), src, row.get("complete_from", ""))


def load_terms_csv(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        office_id = row["office_id"]
        if office_id not in kb.offices:
            print(f"warning: {path.name}: term of {row['person']!r} for unknown office {office_id}", file=sys.stderr)
            continue
        src = kb.source(row.get("source_url", ""), row.get("license", ""))
        jurisdiction = kb.offices[office_id].jurisdiction
        pid = kb.person(row["person"], split_list(row.get("aliases")), src,
                        family_name_first=jurisdiction in FAMILY_NAME_FIRST)
        note = row.get("note", "")
        flags = "a" if re.search(r"\b(acting|interim|caretaker)\b", note, re.I) else ""
        kb.term(pid, office_id, row.get("start", ""), row.get("end", ""), src, note, flags)


def load_person_aliases(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        src = kb.source(row.get("source_url", ""), row.get("license", ""))
        kb.person(row["person"], split_list(row.get("aliases")), src)


def load_countries(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        kb.countries.append([row["code"], row["name"], split_list(row.get("aliases")), split_list(row.get("demonyms"))])


def load_organisations(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        kb.organisations.append([row["code"], row["name"], split_list(row.get("aliases"))])


def load_subnational(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        kb.subnational.append([row["country"], row["code"], row["name"], split_list(row.get("aliases"))])


def load_ranks(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        src = kb.source(row["source_url"], row["license"])
        kb.ranks.append([
            row["rank_id"], row["phrase"], split_list(row["abbreviations"]), row["country"],
            split_list(row["services"]), row["status"], split_list(row["holders"]),
            row["valid_from"], row["valid_until"], split_list(row["exists_in"]), row["note"], src,
        ])


def load_placeholders(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        src = kb.source(row["source_url"], row["license"])
        kb.placeholders.append([row["name"], row["match_type"], row["strength"], row["context"], src])


def load_given_names(kb: Compiler, path: Path) -> None:
    """Common first names (one column, ``name``): to tell a personal name from
    "Mission Control" when nobody known has that first name."""
    kb.inputs.append(path.name)
    kb.extra_given.update(fold(row["name"]) for row in read_csv(path) if row["name"].strip())


def load_nicknames(kb: Compiler, path: Path) -> None:
    kb.inputs.append(path.name)
    for row in read_csv(path):
        kb.nicknames[fold(row["name"])].update(fold(n) for n in split_list(row["nicknames"]))


# -- readers: the shared public data sets -----------------------------------------

def load_congress(kb: Compiler, folder: Path) -> None:
    """Every member of Congress: current members with dated terms (YAML),
    historical members by name with the chamber of their last term (CSV)."""
    import yaml  # build-time only

    src = kb.source(*CONGRESS)
    kb.inputs += ["congress-legislators/legislators-current.yaml", "congress-legislators/legislators-historical.csv",
                  "congress-legislators/executive.yaml"]
    offices = {"sen": "US.senate", "rep": "US.house"}
    with open(folder / "legislators-current.yaml", encoding="utf-8") as handle:
        current = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for member in current:
        name = member["name"]
        pid = kb.person(_display_name(name), _name_variants(name), src, ext_id="bioguide:" + member["id"]["bioguide"],
                        merge=False)
        for term in member["terms"]:
            where = term.get("state", "")
            if term["type"] == "rep" and term.get("district") not in (None, ""):
                where = f"{where}-{term['district']}"
            kb.term(pid, offices[term["type"]], term["start"], term["end"], src, where)
    for row in read_csv(folder / "legislators-historical.csv"):
        name = {"first": row["first_name"], "middle": row["middle_name"], "last": row["last_name"],
                "suffix": row["suffix"], "nickname": row["nickname"], "official_full": row["full_name"]}
        pid = kb.person(_display_name(name), _name_variants(name), src, ext_id="bioguide:" + row["bioguide_id"],
                        merge=False)
        # Only the chamber of the last term is known: an undated membership.
        kb.term(pid, offices[row["type"]], "", "", src, row["state"], "u")
    with open(folder / "executive.yaml", encoding="utf-8") as handle:
        executive = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    exec_offices = {"prez": "US.president", "viceprez": "US.vice_president"}
    for person in executive:
        name = person["name"]
        bioguide = person["id"].get("bioguide")
        pid = kb.person(_display_name(name), _name_variants(name), src,
                        ext_id=("bioguide:" + bioguide) if bioguide else None)
        for term in person["terms"]:
            office_id = exec_offices[term["type"]]
            # The source lists a term's scheduled end; a term still running on
            # the day the source was taken is open.
            end = term["end"] if term["end"] <= CONGRESS_COMPLETE else ""
            kb.term(pid, office_id, term["start"], end, src, term.get("how", ""))


def _display_name(name: dict) -> str:
    if name.get("official_full"):
        return name["official_full"]
    parts = [name.get("first", ""), name.get("middle", ""), name.get("last", "")]
    text = " ".join(p for p in parts if p)
    if name.get("suffix"):
        text += f" {name['suffix']}"
    return text


def _name_variants(name: dict) -> set[str]:
    first, middle, last = name.get("first", ""), name.get("middle", ""), name.get("last", "")
    variants = {f"{first} {last}", f"{first} {middle} {last}".replace("  ", " ")}
    if name.get("nickname"):
        variants.add(f"{name['nickname']} {last}")
    return {v.strip() for v in variants if v.strip()}


def load_ifg(kb: Compiler, folder: Path, post_map_path: Path) -> None:
    """UK ministers since 1979 (Institute for Government, CC BY 4.0)."""
    src = kb.source(*IFG)
    kb.inputs += ["ifg-ministers-uk/appointment.csv", "ifg-ministers-uk/person.csv", "ifg-ministers-uk/post.csv",
                  "ifg-ministers-uk/organisation.csv", post_map_path.name]
    post_map = {row["ifg_post"]: row for row in read_csv(post_map_path)}
    posts = {row["id"]: row for row in read_csv(folder / "post.csv")}
    orgs = {row["id"]: row for row in read_csv(folder / "organisation.csv")}
    names: dict[str, list[dict]] = defaultdict(list)
    for row in read_csv(folder / "person.csv"):
        names[row["id"]].append(row)
    acting = {row["appointment_id"] for row in read_csv(folder / "appointment_characteristics.csv")
              if row["is_acting"] == "True"}
    for row in sorted(read_csv(folder / "appointment.csv"), key=lambda r: (r["start_date"], r["id"])):
        post = posts[row["post_id"]]
        mapped = post_map.get(post["name"])
        if mapped:
            office_id = mapped["office_id"]
            kb.office(office_id, mapped["name"], split_list(mapped["aliases"]), "GB", mapped["kind"],
                      IFG_COMPLETE, src, "1979-05-04")
        else:
            org = orgs[post["organisation_id"]]
            office_id = f"GB.{_slug(org['short_name'])}.{_slug(post['name'])}"
            kb.office(office_id, f"{post['name']} ({org['name']})", _junior_aliases(post["name"]), "GB",
                      "minister", IFG_COMPLETE, src, "1979-05-04")
        records = sorted(names[row["person_id"]], key=lambda r: r["start_date"] or "")
        latest = [r for r in records if not r["end_date"]] or records
        primary = latest[-1]["name"]
        aliases = {r["name"] for r in records} | {r["display_name"] for r in records}
        pid = kb.person(primary, aliases, src, ext_id="ifg:" + row["person_id"])
        flags = "a" if row["id"] in acting else ""
        kb.term(pid, office_id, row["start_date"], row["end_date"], src, post["name"], flags)


_GENERIC_JUNIOR_POSTS = re.compile(
    r"^(Minister of State|Parliamentary Under[- ]Secretary of State|Parliamentary Secretary|"
    r".*Whip.*|Lord in Waiting|Baroness in Waiting|Minister without Portfolio|Parliamentary Private Secretary)$",
    re.I,
)


def _junior_aliases(post_name: str) -> list[str]:
    """A junior post's own name as a title, unless many people hold a post of
    that name at once ("Minister of State"); "Minister for Pensions" is also
    written "Pensions Minister"."""
    if _GENERIC_JUNIOR_POSTS.match(post_name):
        return []
    aliases = [post_name]
    match = re.fullmatch(r"Minister (?:for|of) (?:the )?([A-Z][a-z]+(?: [A-Z][a-z]+)?)", post_name)
    if match:
        aliases.append(f"{match.group(1)} Minister")
    return aliases


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def load_ep_us(kb: Compiler, folder: Path, map_path: Path) -> None:
    """Dated holders of US offices from Wikidata, for the offices the map names."""
    src = kb.source(*EP_US)
    kb.inputs += ["ep-us-cabinet-wikidata/us_offices_wikidata_p39.csv", map_path.name]
    mapping = {row["office_key"]: row for row in read_csv(map_path)}
    for row in read_csv(folder / "us_offices_wikidata_p39.csv"):
        mapped = mapping.get(row["office_key"])
        if not mapped:
            continue
        office_id = mapped["office_id"]
        kb.office(office_id, mapped["name"], split_list(mapped["aliases"]), "US", mapped["kind"],
                  mapped.get("complete_until") or EP_US_COMPLETE, src, mapped.get("complete_from", ""))
        pid = kb.person(row["person_label"], [], src, ext_id="wd:" + row["person_qid"])
        end = row["end"]
        if not end and not mapped.get("complete_until"):
            # Open in July 2022; later holders come from the project's own files.
            end = ""
        kb.term(pid, office_id, row["start"], end, src)


def load_ep_world(kb: Compiler, folder: Path, countries: list[list]) -> None:
    """Heads of state and government 2021-22 for countries the project's own
    files do not cover: a list of real people, never complete enough to refute."""
    src = kb.source(*EP_WORLD)
    kb.inputs.append("ep-world-leaders-2021/wikidata.csv")
    covered = {o.jurisdiction for o in kb.offices.values() if o.kind in {"head_of_state", "head_of_government"}}
    by_name = {}
    for code, name, aliases, _demonyms in countries:
        for n in [name] + aliases:
            by_name[fold(n)] = code
    for row in read_csv(folder / "wikidata.csv"):
        code = by_name.get(fold(row["country"]))
        if not code or code in covered:
            continue
        label = row["positionLabel"]
        short = re.sub(r"\s+of\s+(the\s+)?.*$", "", label).strip() or label
        office_id = f"{code}.{_slug(short)}"
        kind = "head_of_government" if re.search(r"minister|premier|chancellor", short, re.I) else "head_of_state"
        kb.office(office_id, label, [label], code, kind, "", src)
        pid = kb.person(row["officeholderLabel"], [], src, ext_id="wd:" + row["officeholder"],
                        family_name_first=code in FAMILY_NAME_FIRST)
        kb.term(pid, office_id, row["start_year"], row["end_year"], src, "", "")


def load_ep_orgs(kb: Compiler, folder: Path, map_path: Path) -> None:
    """International offices from Wikidata, for the positions the map names."""
    src = kb.source(*EP_ORGS)
    kb.inputs += ["ep-world-intl-orgs/holders21.csv", map_path.name]
    mapping = {row["position"]: row for row in read_csv(map_path)}
    for row in read_csv(folder / "holders21.csv"):
        mapped = mapping.get(row["position"])
        if not mapped:
            continue
        office_id = mapped["office_id"]
        kb.office(office_id, mapped["name"], split_list(mapped["aliases"]), mapped["jurisdiction"], mapped["kind"],
                  EP_ORGS_COMPLETE, src, mapped.get("complete_from", ""))
        pid = kb.person(row["person"], [], src, ext_id="wd:" + row["personID"])
        kb.term(pid, office_id, row["start"], row["end"], src)


def load_four_stars(kb: Compiler, folder: Path) -> None:
    """US four-star officers: real people with the dates of their four-star rank.
    The list is not complete, so it verifies names and never refutes them."""
    src = kb.source(*FOUR_STARS)
    kb.inputs += ["us4starofficers/US4starOfficers.csv", "us4starofficers/Retired_USAF_O10s.csv"]
    kb.office("US.four_star_officer", "US four-star general or admiral (O-10)", [], "US", "military_rank", "", src)
    for filename in ("US4starOfficers.csv", "Retired_USAF_O10s.csv"):
        for row in read_csv(folder / filename):
            first, middle, last = row["first_name"], row.get("middle_initial", ""), row["last_name"]
            suffix = row.get("suffix_name", "")
            full = " ".join(p for p in (first, middle, last, suffix) if p)
            pid = kb.person(full, {f"{first} {last}"}, src)
            start = row.get("o10_date") or ""
            end = row.get("retire_date") or ""
            kb.term(pid, "US.four_star_officer", start, end, src, row.get("position_abbreviation", ""),
                    "" if start else "u")


# -- the build -------------------------------------------------------------------

def build(shared: Path | None, sources: Path = SOURCES_DIR) -> dict:
    kb = Compiler()
    # Offices first, from every offices_*.csv (the project's own and its helpers').
    for path in sorted(sources.glob("offices_*.csv")):
        load_offices_csv(kb, path)
    countries_path = sources / "countries.csv"
    if countries_path.exists():
        load_countries(kb, countries_path)
    load_organisations(kb, sources / "organisations.csv")
    load_subnational(kb, sources / "subnational.csv")
    # Congress first: its persons carry stable ids that later files merge into.
    if shared:
        load_congress(kb, shared / "congress-legislators")
    for path in sorted(sources.glob("terms_*.csv")):
        load_terms_csv(kb, path)
    if (sources / "person_aliases.csv").exists():
        load_person_aliases(kb, sources / "person_aliases.csv")
    if shared:
        load_ifg(kb, shared / "ifg-ministers-uk", sources / "uk_posts.csv")
        load_ep_us(kb, shared / "ep-us-cabinet-wikidata", sources / "ep_us_offices.csv")
        load_ep_orgs(kb, shared / "ep-world-intl-orgs", sources / "ep_intl_offices.csv")
        load_ep_world(kb, shared / "ep-world-leaders-2021", kb.countries)
        load_four_stars(kb, shared / "us4starofficers")
    load_ranks(kb, sources / "ranks.csv")
    load_placeholders(kb, sources / "placeholders.csv")
    load_nicknames(kb, sources / "nicknames.csv")
    for path in sorted(sources.glob("given_names_*.csv")):
        load_given_names(kb, path)
    return kb.compile()


def write(data: dict[str, list[list[str]]], path: Path = DATA_FILE) -> None:
    """Sections of tab-separated rows, one row per line: fast to load (big
    sections are split into lines and parsed only when a row is needed) and a
    readable diff when the knowledge base changes. Format in README.md."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out = [f"# {FORMAT}: built by `python -m reliability.kb.build`; do not edit (see reliability/kb/README.md)"]
    for section, rows in data.items():
        out.append(f"@{section}\t{SECTION_COLUMNS[section]}")
        for row in rows:
            cells = [_clean(c) for c in row]
            out.append("\t".join(cells))
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _clean(cell: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", cell)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reliability.kb.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None,
                        help="folder with the public data sets (congress-legislators/, ifg-ministers-uk/, ...)")
    parser.add_argument("--sources", type=Path, default=SOURCES_DIR, help="the project's source CSVs")
    parser.add_argument("--out", type=Path, default=DATA_FILE, help="where to write kb.tsv")
    args = parser.parse_args(argv)
    if args.shared is None:
        print("warning: no --shared folder: building from the project's own sources only", file=sys.stderr)
    data = build(args.shared, args.sources)
    write(data, args.out)
    print(f"{args.out}: " + ", ".join(f"{len(rows)} {name}" for name, rows in data.items() if name != "meta"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
