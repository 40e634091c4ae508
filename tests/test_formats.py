"""Renderers: every format parses back, escapes what it must, and streams."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest

from reliability.formats import CHECK_FORMATS, SCORE_FORMATS, Summary, writer_class
from reliability.formats.output import open_output
from reliability.formats.rows import ArticleCheck, LineIndex, Violation, source_path
from reliability.registry import all_specs

SCORE_ROWS = [
    {"id": "news/a.txt", "score": 81.5, "band": "reliable", "findings": 2,
     "top_signals": [{"feature": "hedging.rate", "points": 4.25, "message": "Few hedges; raises the score"},
                     {"feature": "readability.words", "points": -1.0, "message": "Short"}], "error": None},
    {"id": "news/b.txt", "score": None, "band": None, "findings": None, "top_signals": [],
     "error": "binary file (a PNG image), not text"},
    {"id": "feed.jsonl#3", "score": 12.0, "band": "unreliable", "findings": 0, "top_signals": [], "error": None},
]


def _violation(code="RS101", severity="warning", line=2, col=5, text="officials said", message="Unnamed officials"):
    return Violation(code, "anonymous-official", severity, message, line=line, col=col, end_line=line,
                     end_col=col + len(text), start=10, end=10 + len(text), text=text)


CHECKS = [
    ArticleCheck("news/a.txt", 81.5, "reliable"),
    ArticleCheck("news/b, odd:name.txt", 22.0, "unreliable", (
        Violation("RS001", "low-score", "error", "Score 22.0 (unreliable) is in the unreliable band", kind="score"),
        _violation(message="100% unnamed\nofficials <b>&</b>"),
        _violation("RS502", "info", 3, 1, "!!!", "Exclamation mark"),
    )),
    ArticleCheck("feed.jsonl#4", 55.0, "questionable", (_violation(),)),
    ArticleCheck("broken.txt", None, None, (Violation("RS000", "input-error", "error", "could not read: empty file",
                                                      kind="error"),), error="empty file"),
]


def render(fmt, rows, *, check=False, **options):
    writer_type = writer_class(fmt, check=check)
    out = io.BytesIO() if writer_type.binary else io.StringIO()
    writer = writer_type(out, **options)
    for row in rows:
        writer.write(row)
    writer.close()
    return out.getvalue()


def test_every_advertised_format_has_a_writer():
    for fmt in SCORE_FORMATS:
        assert writer_class(fmt)
    for fmt in CHECK_FORMATS:
        assert writer_class(fmt, check=True)
    with pytest.raises(ValueError):
        writer_class("xml")


# -- score formats ----------------------------------------------------------------------

def test_json_is_one_array_and_empty_is_valid():
    assert json.loads(render("json", SCORE_ROWS)) == SCORE_ROWS
    assert json.loads(render("json", [])) == []


def test_jsonl_is_one_object_per_line():
    lines = render("jsonl", SCORE_ROWS).splitlines()
    assert [json.loads(line) for line in lines] == SCORE_ROWS


def test_csv_has_a_header_and_flat_signals():
    rows = list(csv.DictReader(io.StringIO(render("csv", SCORE_ROWS))))
    assert [r["id"] for r in rows] == ["news/a.txt", "news/b.txt", "feed.jsonl#3"]
    assert rows[0]["top_signals"] == "hedging.rate (+4.2); readability.words (-1.0)"
    assert rows[1]["score"] == "" and rows[1]["error"].startswith("binary file")


def test_parquet_is_typed(tmp_path):
    data = render("parquet", SCORE_ROWS)
    (tmp_path / "x.parquet").write_bytes(data)
    table = pq.read_table(tmp_path / "x.parquet")
    assert table.num_rows == 3
    assert str(table.schema.field("score").type) == "double"
    assert table.column("top_signals").to_pylist()[0][0]["feature"] == "hedging.rate"
    assert table.column("error").to_pylist()[1].startswith("binary file")


def test_parquet_with_no_rows_is_still_a_file(tmp_path):
    (tmp_path / "x.parquet").write_bytes(render("parquet", []))
    assert pq.read_table(tmp_path / "x.parquet").num_rows == 0


def test_table_fits_the_width_and_ends_with_a_summary():
    text = render("table", SCORE_ROWS, width=80)
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["id", "score", "band"]
    assert all(len(line) <= 80 for line in lines)
    assert "binary file" in text
    assert lines[-1] == "3 articles: 2 scored (reliable 1, unreliable 1), 1 could not be read or scored"


# -- check formats ---------------------------------------------------------------------

def test_text_is_path_line_col_code_message():
    lines = render("text", CHECKS, check=True).splitlines()
    assert lines[0] == "news/b, odd:name.txt:1:1: RS001 Score 22.0 (unreliable) is in the unreliable band"
    assert lines[1] == "news/b, odd:name.txt:2:5: RS101 100% unnamed officials <b>&</b>"
    assert "feed.jsonl#4:2:5: RS101 Unnamed officials" in lines
    assert lines[-1] == "3 of 4 articles failed (5 violations, 1 unreadable)."


def test_text_says_when_all_passed():
    assert render("text", CHECKS[:1], check=True) == "All checks passed: 1 article.\n"


def test_github_annotations_escape_properties_and_data():
    lines = render("github", CHECKS, check=True).splitlines()
    assert lines[1] == ("::warning file=news/b%2C odd%3Aname.txt,line=2,col=5,endLine=2,endColumn=19,"
                        "title=RS101 anonymous-official::100%25 unnamed officials <b>&</b>")
    assert lines[2].startswith("::notice ")  # info -> notice
    # A record inside a file: the file is annotated, the record named in the message.
    assert lines[3].startswith("::warning file=feed.jsonl,title=RS101") and "feed.jsonl#4:2:5:" in lines[3]
    assert lines[-1].startswith("::notice title=reliability check::")


def test_github_escapes_line_breaks_in_titles():
    check = ArticleCheck("a.txt", 1.0, "unreliable", (Violation("RS9", "two\nlines", "error", "m"),))
    assert "title=RS9 two%0Alines::m" in render("github", [check], check=True)


def test_junit_one_testcase_per_article():
    root = ET.fromstring(render("junit", CHECKS, check=True))
    suite = root.find("testsuite")
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "1"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [a.id for a in CHECKS]
    assert cases[0].find("failure") is None
    assert "RS101" in cases[1].find("failure").text and "<b>&</b>" in cases[1].find("failure").text
    assert cases[3].find("error").get("message") == "empty file"


def test_junit_survives_control_characters():
    bad = ArticleCheck("x\x01.txt", 1.0, "unreliable", (_violation(message="bell\x07 here", text="a\x00b"),))
    ET.fromstring(render("junit", [bad], check=True))


def test_sarif_has_rules_with_docs_and_results_with_regions():
    log = json.loads(render("sarif", CHECKS, check=True))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for spec in all_specs():
        for rule in spec.rules:
            assert rules[rule.code]["shortDescription"]["text"] == rule.summary
            assert rule.summary in rules[rule.code]["fullDescription"]["text"]
    assert {"RS000", "RS001"} <= set(rules)
    results = run["results"]
    assert len(results) == 5
    located = [r for r in results if r["ruleId"] == "RS101"][0]
    region = located["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 2 and region["startColumn"] == 5 and region["snippet"]["text"] == "officials said"
    assert located["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/b%2C%20odd%3Aname.txt"
    in_record = [r for r in results if r["locations"][0].get("logicalLocations")][0]
    assert in_record["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "feed.jsonl#4"
    assert all(run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in results if "ruleIndex" in r)


def test_sarif_with_no_results_is_valid():
    log = json.loads(render("sarif", CHECKS[:1], check=True))
    assert log["runs"][0]["results"] == []


def test_check_json_lists_verdicts():
    data = json.loads(render("json", CHECKS, check=True))
    assert [d["passed"] for d in data] == [True, False, False, False]
    assert data[1]["violations"][1]["line"] == 2


# -- helpers ------------------------------------------------------------------------------

def test_line_index_counts_from_one():
    index = LineIndex("ab\ncd\n\nef")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 2)
    assert index.position(7) == (4, 1)


def test_source_path_of_record_ids():
    assert source_path("a/b.jsonl#12") == "a/b.jsonl"
    assert source_path("a/#tag.txt") == "a/#tag.txt"
    assert source_path("x#y") == "x#y"


def test_atomic_output_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with open_output(target) as handle:
            handle.write("half of the new")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    with open_output(target) as handle:
        handle.write("new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_summary_counts_score_rows():
    summary = Summary()
    for row in SCORE_ROWS:
        summary.count_score_row(row)
    assert (summary.total, summary.errors, summary.bands) == (3, 1, {"reliable": 1, "unreliable": 1})
