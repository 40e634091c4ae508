"""The shipped knowledge base: coverage, provenance, name matching, users'
rows and a deterministic build (from the project's own sources only: tests
never need the shared data sets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability.kb import build as kb_build
from reliability.kb.names import loose_key, name_keys, name_tokens
from reliability.kb.schema import FORMAT, title_key
from reliability.kb.store import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(use_env=False)


def holders(kb: KnowledgeBase, office_id: str, day: str) -> set[str]:
    office = kb.office_by_id[office_id]
    return {kb.person(t.person).name for t in kb.office_terms(office) if t.covers(day)}


def persons(kb: KnowledgeBase, name: str) -> set[str]:
    return {kb.person(p).name for p in kb.persons_named(name)}


# -- coverage ----------------------------------------------------------------------------

@pytest.mark.parametrize("office_id,day,expected", [
    ("US.president", "2010-06-01", "Barack Obama"),
    ("US.president", "2022-06-01", "Biden"),
    ("US.president", "2025-06-01", "Trump"),
    ("US.vice_president", "2023-06-01", "Harris"),
    ("US.secretary_of_defense", "2012-06-01", "Panetta"),
    ("US.secretary_of_defense", "2025-06-01", "Hegseth"),
    ("US.secretary_of_defense", "1963-06-01", "McNamara"),
    ("US.secretary_of_state", "2014-06-01", "Kerry"),
    ("US.national_security_adviser", "2022-06-01", "Sullivan"),
    ("US.cjcs", "2024-08-28", "Charles Q. Brown Jr."),
    ("US.cjcs", "1990-06-01", "Powell"),
    ("US.fed_chair", "2020-06-01", "Powell"),
    ("US.usd_policy", "2025-06-01", "Colby"),
    ("UN.secretary_general", "2012-06-01", "Ban Ki-moon"),
    ("UN.secretary_general", "2023-06-01", "Guterres"),
    ("NATO.secretary_general", "2020-06-01", "Stoltenberg"),
    ("EU.commission_president", "2021-06-01", "von der Leyen"),
    ("GB.prime_minister", "1985-06-01", "Thatcher"),
    ("GB.prime_minister", "2023-06-01", "Sunak"),
    ("GB.foreign_secretary", "2023-06-01", "Cleverly"),
    ("GB.chancellor_of_the_exchequer", "2010-06-01", "Osborne"),
    ("FR.president", "2019-06-01", "Macron"),
    ("DE.chancellor", "2015-06-01", "Merkel"),
    ("RU.president", "2010-06-01", "Medvedev"),
    ("UA.president", "2016-06-01", "Poroshenko"),
    ("IN.prime_minister", "2020-06-01", "Modi"),
])
def test_holders_on_a_date(kb, office_id, day, expected):
    names = holders(kb, office_id, day)
    assert any(expected in n for n in names), names


def test_every_member_of_congress_is_known(kb):
    collins = kb.persons_named("Susan Collins")
    terms = [t for p in collins for t in kb.person_terms(p) if kb.offices[t.office].id == "US.senate"]
    assert terms and all(t.start for t in terms)  # current members: dated terms
    clay = kb.persons_named("Henry Clay")
    assert any(kb.offices[t.office].id in ("US.senate", "US.house") for p in clay for t in kb.person_terms(p))


def test_offices_record_how_far_their_lists_are_complete(kb):
    for office_id in ("US.president", "US.cjcs", "US.secretary_of_defense", "GB.prime_minister",
                      "UN.secretary_general", "US.senate"):
        office = kb.office_by_id[office_id]
        assert office.complete_until >= "2025-01-01", office
        assert office.complete_from, office
    # Lists that are not complete (a 2021 snapshot of the world's leaders) refute nobody.
    partial = [o for o in kb.offices if o.kind == "military_rank"]
    assert partial and all(not o.complete_until for o in partial)


def test_ranks(kb):
    by_phrase = {r.phrase: r for r in kb.ranks}
    assert by_phrase["General of the Air Force"].holders == ("Henry H. Arnold",)
    assert by_phrase["General of the Air Force"].status == "historical"
    assert by_phrase["Field Marshal"].status == "foreign" and "GB" in by_phrase["Field Marshal"].exists_in
    assert by_phrase["General"].status == "current"
    assert "r" in "".join(kb.title_entries(title_key("Gen.")))


def test_placeholders_and_nicknames(kb):
    names = {p.name for p in kb.placeholders}
    assert {"Emily Carter", "Sarah Chen", "Elara Voss"} <= names
    assert kb.given_names_compatible("pete", "peter")
    assert kb.given_names_compatible("dan", "daniel")
    assert not kb.given_names_compatible("eldridge", "elbridge")


# -- provenance --------------------------------------------------------------------------

def test_every_row_names_its_source_and_licence(kb):
    for url, licence in kb.sources:
        assert url and licence
    for office in kb.offices:
        assert 0 <= office.source < len(kb.sources)
    for rank in kb.ranks:
        assert 0 <= rank.source < len(kb.sources)
    for pid in range(0, len(kb), 97):
        person = kb.person(pid)
        assert 0 <= person.source < len(kb.sources)
        for term in kb.person_terms(pid):
            assert 0 <= term.source < len(kb.sources)
    licences = " ".join(lic for _, lic in kb.sources)
    assert "CC BY 4.0" in licences  # the Institute for Government's data: attribution in README.md
    assert "CC0" in licences


def test_attribution_notes_ship_with_the_data():
    readme = Path(kb_build.PACKAGE_DIR / "README.md").read_text(encoding="utf-8")
    assert "Institute for Government" in readme and "CC BY 4.0" in readme
    assert "NEWS_RELIABILITY_KB_EXTRA" in readme


# -- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written,known", [
    ("Daniel L. O’Connor", "daniel oconnor"),
    ("J. D. Vance", "jd vance"),
    ("Charles Q. Brown Jr.", "charles brown"),
    ("António Guterres", "antonio guterres"),
])
def test_name_keys(written, known):
    assert known in name_keys(written)


def test_name_matching(kb):
    assert persons(kb, "Charles Q. Brown Jr.") & persons(kb, "Charles Q. Brown")
    assert any("Hegseth" in kb.person(p).name for p in kb.persons_compatible(name_tokens("Peter Hegseth")))
    assert any("Caine" in kb.person(p).name for p in kb.persons_named("Dan Caine"))
    assert loose_key("Zelenskyy") == loose_key("Zelensky") == loose_key("Zelenskiy")
    assert not kb.persons_named("Pete Hegses")


# -- users' rows ------------------------------------------------------------------------------

def test_add_csv_offices_terms_and_persons(tmp_path):
    kb = KnowledgeBase.load(use_env=False)
    (tmp_path / "o.csv").write_text("office_id,name,aliases,jurisdiction,kind,complete_until\n"
                                    "US-OH.dayton_mayor,Mayor of Dayton,Dayton Mayor,US,other,2026-01-01\n",
                                    encoding="utf-8")
    (tmp_path / "t.csv").write_text("person,aliases,office_id,start,end,note\n"
                                    "Jeffrey Mims Jr.,Jeff Mims,US-OH.dayton_mayor,2022-01-01,,\n", encoding="utf-8")
    (tmp_path / "p.csv").write_text("person,aliases\nAmelia Stone,Dr. Amelia Stone\n", encoding="utf-8")
    assert kb.add_csv(tmp_path / "o.csv") == 1
    assert kb.add_csv(tmp_path / "t.csv") == 1
    assert kb.add_csv(tmp_path / "p.csv") == 1
    office = kb.office_by_id["US-OH.dayton_mayor"]
    assert kb.is_user_office(office)
    assert holders(kb, "US-OH.dayton_mayor", "2024-01-01") == {"Jeffrey Mims Jr."}
    assert kb.persons_named("Jeff Mims") and kb.persons_named("Amelia Stone")
    assert "o%d" % office.index in kb.title_entries("dayton mayor")
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError):
        kb.add_csv(tmp_path / "bad.csv")


# -- the build ---------------------------------------------------------------------------------

def test_build_from_project_sources_is_deterministic(tmp_path):
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    kb_build.write(kb_build.build(None), first)
    kb_build.write(kb_build.build(None), second)
    assert first.read_bytes() == second.read_bytes()
    small = KnowledgeBase.load(first, use_env=False)
    assert "US.cjcs" in small.office_by_id and small.ranks
    assert first.read_text(encoding="utf-8").startswith(f"# {FORMAT}")


def test_shipped_file_has_every_section():
    text = (kb_build.DATA_FILE).read_text(encoding="utf-8")
    for section in kb_build.SECTION_COLUMNS:
        assert f"\n@{section}\t" in text, section
