"""Constants and key functions shared by the knowledge-base build and loader."""

from __future__ import annotations

import calendar
import re

from .names import fold

FORMAT = "news-reliability-kb/1"

# Offices many people hold at once: a claim of membership can be refuted, but
# "someone else held it on that date" means nothing.
MULTI_SEAT_KINDS = frozenset({"legislator", "military_rank", "judge"})

# Jurisdictions whose leaders' family name comes first ("Xi Jinping" -> "President Xi").
FAMILY_NAME_FIRST = frozenset({"CN", "TW", "HK", "MO", "KR", "KP", "VN", "KH", "MN", "JP", "SG"})

_TITLE_SPLIT_RE = re.compile(r"[\s\-‐‑–—/]+")


def title_key(phrase: str) -> str:
    """A title phrase as a lookup key: folded words, hyphens split, periods and
    apostrophes dropped ("Secretary-General" -> "secretary general", "U.S." -> "us")."""
    return " ".join(w for w in (fold(p) for p in _TITLE_SPLIT_RE.split(phrase.strip())) if w)

# The shipped file's sections and their columns (tab-separated; lists are
# '|'-separated; indexes are 0-based row numbers of another section).
SECTION_COLUMNS = {
    "meta": "key\tvalue",
    "sources": "url\tlicense",
    "countries": "code\tname\taliases\tdemonyms",
    "organisations": "code\tname\taliases",
    "subnational": "country\tcode\tname\taliases",
    "places": "place_key (folded name, alias or demonym)\tjurisdictions (country code, organisation, or country-subdivision)",
    "offices": "office_id\tname\taliases\tjurisdiction\tkind\tseats\tcomplete_from\tcomplete_until\tsource\tfirst_term\tend_term",
    "ranks": "rank_id\tphrase\tabbreviations\tcountry\tservices\tstatus\tholders\tvalid_from\tvalid_until\texists_in\tnote\tsource",
    "placeholders": "name\tmatch_type\tstrength\tcontext\tsource",
    "nicknames": "name\tcanonical_names",
    "titles": "title_key\tentries (o<office>|r<rank>)",
    "persons": "name\taliases\tsource\tterms",
    "terms": "person\toffice\tstart\tend\tsource\tflags (u undated, a acting)\tnote",
    "given_names": "given_name (first and middle names of known people, the nickname table's names, and common US first names)",
    "name_keys": "name_key\tpersons",
    "surname_keys": "surname_key\tpersons",
}


def start_date(value: str) -> str:
    """Earliest day a partial date can mean: '2017' -> '2017-01-01'."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{4}", value):
        return value + "-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01"
    return value[:10]


def end_date(value: str) -> str:
    """Latest day a partial date can mean: '2022' -> '2022-12-31'."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{4}", value):
        return value + "-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value[:10]
