"""Readers: every input yields a record, and a bad input a record with a clear error."""

from __future__ import annotations

import codecs
import io
import json
import os

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reliability.io import InputRecord, ReadOptions, iter_inputs
from reliability.io.decode import NotText, decode_bytes
from reliability.io.paths import WalkStats

ARTICLE = ("The city council approved a $45 million budget on Tuesday after a four-hour debate. "
           "Council member Jane Ortiz said the plan funds road repairs and two new libraries.")

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Council approves budget | The Daily Courier</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article><h1>Council approves budget</h1>
<p>The city council on Tuesday approved a $45 million budget for the next fiscal year, after a debate that lasted nearly four hours in a packed chamber.</p>
<p>Council member Jane Ortiz said the plan funds road repairs and two new libraries. "We listened to residents," she said after the vote.</p>
<p>Opponents argued that the budget relied on optimistic tax projections. The mayor is expected to sign it next week, her office said.</p>
</article>
<footer>Copyright 2024 The Daily Courier. All rights reserved.</footer></body></html>"""


def read(tmp_path, name, data, **options):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return list(iter_inputs([str(path)], ReadOptions(**options)))


def ids(records, tmp_path):
    return [r.id.replace(str(tmp_path) + os.sep, "") for r in records]


# -- plain text and its encodings ----------------------------------------------------

def test_txt_is_read_exactly(tmp_path):
    text = "Line one,\r\nline two — with “quotes”.\n"
    [record] = read(tmp_path, "a.txt", text)
    assert record.text == text and record.error is None and record.id.endswith("a.txt")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_oddly_encoded_text_is_detected(tmp_path, encoding):
    text = "Le garçon a dit que la crème brûlée était délicieuse, très délicieuse, et le café aussi."
    [record] = read(tmp_path, "a.txt", text.encode(encoding))
    assert record.error is None
    assert record.text == text


def test_cyrillic_in_a_single_byte_code_page(tmp_path):
    text = "Городской совет утвердил бюджет во вторник после долгих дебатов в зале заседаний."
    [record] = read(tmp_path, "a.txt", text.encode("cp1251"))
    assert record.text == text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \n\t\n", "white space"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (bytes(range(256)) * 8, "binary"),
    (b"\x00\x01\x02\x03garbage\x00\x00\xff\xfe\xfd" * 100, "binary"),
])
def test_empty_and_binary_files_are_error_rows(tmp_path, data, reason):
    [record] = read(tmp_path, "a.txt", data)
    assert record.text is None
    assert reason.lower() in record.error.lower()


def test_random_bytes_are_an_error_row(tmp_path):
    data = bytes((i * 7919 + 13) % 256 for i in range(5000))
    [record] = read(tmp_path, "a.txt", data)
    assert record.text is None and record.error


def test_file_over_the_size_limit(tmp_path):
    [record] = read(tmp_path, "big.txt", "word " * 1000, max_bytes=1000)
    assert record.text is None and "limit" in record.error and "--max-bytes" in record.error


@given(st.binary(max_size=3000))
@settings(max_examples=60, deadline=None)
def test_any_bytes_give_text_or_a_reason(data):
    try:
        text, encoding = decode_bytes(data)
    except NotText as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and text.strip() and encoding


# -- markdown and html ------------------------------------------------------------------

def test_markdown_front_matter_gives_title_and_date_and_keeps_line_numbers(tmp_path):
    source = "---\ntitle: Council approves budget\ndate: 2024-03-05\nurl: https://example.org/a\n---\n\n" + ARTICLE
    [record] = read(tmp_path, "a.md", source)
    assert record.title == "Council approves budget"
    assert record.published == "2024-03-05" and record.url == "https://example.org/a"
    assert record.text.strip() == ARTICLE
    # The body starts on the same line as in the file.
    assert record.text.split("\n").index(ARTICLE) == source.split("\n").index(ARTICLE)


def test_markdown_without_front_matter_is_plain_text(tmp_path):
    [record] = read(tmp_path, "a.md", "# Heading\n\n" + ARTICLE)
    assert record.text == "# Heading\n\n" + ARTICLE and record.title is None


def test_html_article_body_title_and_date(tmp_path):
    [record] = read(tmp_path, "page.html", PAGE)
    assert record.error is None
    assert record.title == "Council approves budget"
    assert record.published and record.published.startswith("2024-03-05")
    assert "approved a $45 million budget" in record.text
    assert "Jane Ortiz" in record.text
    assert "Home" not in record.text and "All rights reserved" not in record.text
    assert "\n\n" in record.text  # paragraphs stay paragraphs


def test_html_in_windows_1252(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Ortiz", "Ortíz")
    [record] = read(tmp_path, "page.htm", page.encode("cp1252"))
    assert "Ortíz" in record.text


@pytest.mark.parametrize("page", [
    "<html><head><title>Login</title></head><body><form><input name=user></form></body></html>",
    "<html><body></body></html>",
    "<html><body><nav>Home | About</nav></body></html>",
])
def test_html_page_without_an_article_is_an_error_row(tmp_path, page):
    [record] = read(tmp_path, "page.html", page)
    assert record.text is None and "no article" in record.error


# -- record files --------------------------------------------------------------------------

def test_jsonl_records_with_ids_fields_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": ARTICLE, "title": "T1", "published": "2024-01-02", "url": "https://e.org/1"}),
        "",
        json.dumps({"id": "story-7", "text": ARTICLE}),
        "{not json",
        json.dumps({"body": ARTICLE}),
        json.dumps({"text": 42}),
        json.dumps({"text": "  "}),
        json.dumps(["a", "list"]),
        json.dumps("a bare string is an article too"),
    ]
    records = read(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    assert ids(records, tmp_path) == ["a.jsonl#1", "story-7", "a.jsonl#4", "a.jsonl#5", "a.jsonl#6",
                                      "a.jsonl#7", "a.jsonl#8", "a.jsonl#9"]
    first = records[0]
    assert (first.title, first.published, first.url) == ("T1", "2024-01-02", "https://e.org/1")
    assert records[1].source.endswith("a.jsonl")  # an own id still names its file
    assert "invalid JSON" in records[2].error
    assert "no 'text' field" in records[3].error and "--text-field" in records[3].error
    assert "int" in records[4].error and "empty" in records[5].error
    assert "list" in records[6].error
    assert records[7].text == "a bare string is an article too"


def test_configurable_field_names(tmp_path):
    line = json.dumps({"key": "k1", "body": ARTICLE, "headline": "H", "date": "2024-05-06", "link": "u"})
    [record] = read(tmp_path, "a.jsonl", line + "\n", text_field="body", title_field="headline",
                    published_field="date", url_field="link", id_field="key")
    assert (record.id, record.text, record.title, record.published, record.url) == ("k1", ARTICLE, "H", "2024-05-06", "u")


def test_jsonl_line_that_is_not_utf8(tmp_path):
    data = b'{"text": "ok"}\n{"text": "caf\xe9"}\n'
    records = read(tmp_path, "a.jsonl", data)
    assert records[0].text == "ok" and "UTF-8" in records[1].error


def test_empty_jsonl_is_one_error_row(tmp_path):
    [record] = read(tmp_path, "a.jsonl", "\n\n")
    assert "empty" in record.error


def test_json_object_array_and_bad_json(tmp_path):
    [one] = read(tmp_path, "one.json", json.dumps({"text": ARTICLE, "title": "T"}))
    assert one.id.endswith("one.json") and one.title == "T"
    many = read(tmp_path, "many.json", json.dumps([{"text": "A"}, {"id": "b", "text": "B"}, 3]))
    assert ids(many, tmp_path) == ["many.json#1", "b", "many.json#3"]
    assert many[2].error
    [bad] = read(tmp_path, "bad.json", "{ nope")
    assert "invalid JSON" in bad.error
    [empty] = read(tmp_path, "empty.json", "[]")
    assert "no records" in empty.error
    [scalar] = read(tmp_path, "scalar.json", "42")
    assert "expected an object" in scalar.error


def test_csv_and_tsv_rows(tmp_path):
    frame = pd.DataFrame({"text": [ARTICLE, "", "Second, with a comma\nand a line break"], "title": ["A", "B", None]})
    frame.to_csv(tmp_path / "a.csv", index=False)
    records = list(iter_inputs([str(tmp_path / "a.csv")]))
    assert ids(records, tmp_path) == ["a.csv#1", "a.csv#2", "a.csv#3"]
    assert records[0].text == ARTICLE and records[0].title == "A"
    assert "empty" in records[1].error
    assert records[2].text == "Second, with a comma\nand a line break"
    [tsv] = read(tmp_path, "b.tsv", "title\ttext\nT\tTab separated article.\n")
    assert tsv.text == "Tab separated article." and tsv.title == "T"


def test_csv_in_cp1252_and_without_a_text_column(tmp_path):
    [row] = read(tmp_path, "a.csv", 'text\n"Le café était très bon, dit le garçon."\n'.encode("cp1252"))
    assert row.text == "Le café était très bon, dit le garçon."
    [split] = read(tmp_path, "s.csv", "text\nan unquoted, comma\n")
    assert "more cells than the header" in split.error
    [missing] = read(tmp_path, "b.csv", "body,title\nx,y\n")
    assert "no 'text' column" in missing.error and "body" in missing.error
    [header_only] = read(tmp_path, "c.csv", "text,title\n")
    assert "no rows" in header_only.error
    [empty] = read(tmp_path, "d.csv", "")
    assert "empty" in empty.error


def test_parquet_rows_stream_with_dates(tmp_path):
    frame = pd.DataFrame({
        "text": [ARTICLE, None, "Another article."],
        "published": pd.to_datetime(["2024-01-02", None, "2024-03-04"]),
        "id": ["x1", None, "x3"],
    })
    frame.to_parquet(tmp_path / "a.parquet")
    records = list(iter_inputs([str(tmp_path / "a.parquet")]))
    assert ids(records, tmp_path) == ["x1", "a.parquet#2", "x3"]
    assert records[0].published.startswith("2024-01-02") and records[1].error


def test_broken_parquet_and_missing_column(tmp_path):
    [broken] = read(tmp_path, "a.parquet", b"PAR1 this is not really parquet")
    assert "Parquet" in broken.error
    pd.DataFrame({"body": ["x"]}).to_parquet(tmp_path / "b.parquet")
    [missing] = list(iter_inputs([str(tmp_path / "b.parquet")]))
    assert "no 'text' column" in missing.error


# -- paths, folders, globs, stdin ------------------------------------------------------------

def test_folder_walk_is_recursive_sorted_and_says_what_it_left_out(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "c.md").write_text("c")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text("draft")
    stats = WalkStats()
    records = list(iter_inputs([str(tmp_path)], ReadOptions(exclude=("drafts",)), stats=stats))
    assert ids(records, tmp_path) == ["a.txt", "b/z.txt", "c.md"]
    assert stats.skipped_unknown == 1 and stats.skipped_hidden == 1 and stats.skipped_excluded == 1


def test_a_file_named_explicitly_is_read_whatever_its_suffix(tmp_path):
    (tmp_path / "article.body").write_text(ARTICLE)
    [record] = list(iter_inputs([str(tmp_path / "article.body")]))
    assert record.text == ARTICLE


def test_missing_paths_and_empty_globs_are_error_rows(tmp_path):
    records = list(iter_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.nothing")]))
    assert [r.error for r in records] == ["no such file or folder", "no file matches this pattern"]


def test_globs_and_duplicates(tmp_path):
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text(name)
    records = list(iter_inputs([str(tmp_path / "*.txt"), str(tmp_path / "a.txt"), str(tmp_path / "**" / "*.md")]))
    assert ids(records, tmp_path) == ["a.txt", "b.txt", "c.md"]


def test_one_glob_that_matches_a_folder_and_its_files_reads_each_file_once(tmp_path):
    (tmp_path / "news" / "sub").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text("a")
    (tmp_path / "news" / "sub" / "b.txt").write_text("b")
    records = list(iter_inputs([str(tmp_path / "news" / "**")]))
    assert sorted(r.text for r in records) == ["a", "b"]


@pytest.mark.parametrize("data, fmt, expected", [
    (ARTICLE.encode(), "auto", [ARTICLE]),
    (PAGE.encode(), "auto", None),
    (b'{"text": "one"}\n{"text": "two"}\n', "auto", ["one", "two"]),
    (b'[{"text": "one"}, {"text": "two"}]', "auto", ["one", "two"]),
    (b"text\none\n", "csv", ["one"]),
    (b"", "auto", []),
])
def test_standard_input(data, fmt, expected):
    records = list(iter_inputs(["-"], ReadOptions(stdin=io.BytesIO(data), stdin_format=fmt)))
    if expected is None:
        assert records[0].title == "Council approves budget"
    elif expected == []:
        assert len(records) == 1 and records[0].error and records[0].id == "-"
    else:
        assert [r.text for r in records] == expected
    assert all(r.id.startswith("-") for r in records)


def test_every_input_yields_a_record(tmp_path):
    """The contract the CLI's row count rests on: n inputs in, at least n records out."""
    payloads = {
        "ok.txt": ARTICLE.encode(), "empty.txt": b"", "bin.txt": b"\x00\x01\x02" * 50,
        "page.html": PAGE.encode(), "noarticle.html": b"<html></html>", "one.json": b"{}",
        "bad.json": b"{", "latin.txt": "café crème".encode("cp1252"), "bom.txt": codecs.BOM_UTF8 + b"hi there",
    }
    for name, data in payloads.items():
        (tmp_path / name).write_bytes(data)
    records = list(iter_inputs([str(tmp_path)]))
    assert len(records) == len(payloads)
    assert all(isinstance(r, InputRecord) and (r.text is None) == (r.error is not None) for r in records)
