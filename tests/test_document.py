"""The Document every detector reads: spans always index the caller's text."""

import datetime as dt

import pytest

from reliability.document import Document, find_date, parse_date


def sentences(text):
    doc = Document.build(text)
    return [text[s:e] for s, e in doc.sentences]


def test_line_breaks_inside_names_and_abbreviations_do_not_split_sentences():
    text = "It was said by Dr.\nEmily Carter of the U.S.\nState Department. Then General Daniel L.\nO'Connor spoke."
    assert sentences(text) == [
        "It was said by Dr.\nEmily Carter of the U.S.\nState Department.",
        "Then General Daniel L.\nO'Connor spoke.",
    ]


def test_acronym_ends_a_sentence_when_a_sentence_opener_follows():
    assert sentences("Aid went to the U.S. The talks ended.") == ["Aid went to the U.S.", "The talks ended."]


def test_headlines_and_paragraphs_are_their_own_sentences():
    text = "Pentagon Strategy on Ukraine\nThe Pentagon has spent months on it.\n\nNext Article"
    assert sentences(text) == ["Pentagon Strategy on Ukraine", "The Pentagon has spent months on it.", "Next Article"]


def test_hard_wrapped_lowercase_continuation_is_one_sentence():
    assert sentences("The war grinds on, with\nthe Pentagon watching.") == ["The war grinds on, with\nthe Pentagon watching."]


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("He said “we will win” today.", "“we will win”"),
        ('He said "we will win" today.', '"we will win"'),
        ("‘This isn’t just about weapons,’ said an official.", "‘This isn’t just about weapons,’"),
    ],
)
def test_quotes_are_found_with_curly_and_straight_marks(text, quoted):
    doc = Document.build(text)
    assert [text[s:e] for s, e in doc.quote_spans] == [quoted]
    start = text.index(quoted)
    assert doc.in_quote(start + 2)
    assert not doc.in_quote(len(text) - 2)


def test_apostrophes_are_not_quotes():
    doc = Document.build("Ukraine’s army and the military’s plans don’t change.")
    assert doc.quote_spans == []


def test_dateline_and_published_date():
    doc = Document.build("WASHINGTON, Aug. 28, 2024 (Reuters) - The State Department said...")
    assert doc.effective_date == dt.date(2024, 8, 28)
    doc = Document.build("Text with no date.", published="2025-01-02")
    assert doc.effective_date == dt.date(2025, 1, 2)
    assert Document.build("No date here.").effective_date is None


def test_date_parsing():
    assert parse_date("28 August 2024") == dt.date(2024, 8, 28)
    assert parse_date(dt.datetime(2024, 1, 2, 3, 4)) == dt.date(2024, 1, 2)
    assert find_date("on March 3rd, 2021 the") [0] == dt.date(2021, 3, 3)
    with pytest.raises(ValueError):
        parse_date("someday")


def test_text_must_be_a_string():
    with pytest.raises(TypeError):
        Document.build(b"bytes")


def test_straight_single_quotes_are_quotes_but_apostrophes_are_not():
    text = "'Why now?' asked the senator. The players' union didn't say."
    doc = Document.build(text)
    assert [text[s:e] for s, e in doc.quote_spans] == ["'Why now?'"]


def test_a_curly_quote_closed_by_a_straight_mark_ends_there():
    text = "He said “we will win\" and news outlets declared victory. “Later,” she said."
    doc = Document.build(text)
    assert [text[s:e] for s, e in doc.quote_spans] == ["“we will win\"", "“Later,”"]


def test_missing_values_from_data_frames_are_absent_not_errors():
    doc = Document.build("Text.", title=float("nan"), published=float("nan"), url=float("nan"))
    assert doc.title is None and doc.published is None and doc.url is None


def test_spaced_text_has_the_same_offsets():
    text = "Gen.\u00a0Mark\u202fMilley said\u3000so."
    doc = Document.build(text)
    assert doc.spaced == "Gen. Mark Milley said so." and len(doc.spaced) == len(text)
    plain = Document.build("No odd spaces here.")
    assert plain.spaced is plain.text
