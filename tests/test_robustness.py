"""Pathological input never hangs or crashes a detector."""

import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability import score_article

HANG_SECONDS = 60

NEWSY = st.sampled_from(
    ["Dr.", "U.S.", "said", "“", "”", "‘", "’", '"', "'", "\n", "\n\n", "?", "!", "...", "Gen.", "O’Connor",
     "according to sources", "reportedly", "Next Article", "Sen.", "A.", "officials", "President", " ", "—", "🙂", "\u00a0"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text_scores_with_valid_spans(text):
    report = score_article(text)
    assert 0 <= report.score <= 100
    for f in report.findings:
        if f.start is not None:
            assert text[f.start:f.end] == f.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(NEWSY, st.text(max_size=12)), max_size=120).map(" ".join))
def test_newsy_fragments_score_with_valid_spans(text):
    report = score_article(text)
    for f in report.findings:
        if f.start is not None:
            assert text[f.start:f.end] == f.text


@pytest.mark.parametrize(
    "unit",
    ["A", "AB ", "“", '"', "‘x", ".", "...", " ", "\n", "Dr. ", "U.S. ", "Sen. O’", "?!", "-", "a, ", "Next Article\n"],
)
def test_one_megabyte_adversarial_strings_do_not_hang(unit):
    """A hang guard, not a speed target (benchmarks/adversarial.py prints the times):
    a quadratic regex takes hours on 1 MB, a linear pass well under a second."""
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]

    def hang(signum, frame):
        raise TimeoutError(f"scoring 1 MB of {unit!r} did not finish in {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(HANG_SECONDS)
    try:
        report = score_article(text)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert 0 <= report.score <= 100


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u3000"])
def test_no_break_spaces_read_as_spaces(space):
    """Scraped pages put '&nbsp;' between words ("Gen.&nbsp;Mark Milley"): the same
    findings, at the same offsets, as with plain spaces."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "seeds" / "000_2d4b62b40a583583.txt").read_text(encoding="utf-8")
    spaced = text.replace(" ", space)
    plain, nbsp = score_article(text), score_article(spaced)
    assert [(f.code, f.start, f.end) for f in nbsp.findings] == [(f.code, f.start, f.end) for f in plain.findings]
    assert abs(nbsp.score - plain.score) < 0.01
    assert {"RS201", "RS202"} <= {f.code for f in nbsp.findings}
    for f in nbsp.findings:
        if f.start is not None:
            assert spaced[f.start:f.end] == f.text


def test_zero_width_spaces_after_spaces_change_nothing():
    """Some CMSs write a zero-width space after each space: same findings and score."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "seeds" / "000_2d4b62b40a583583.txt").read_text(encoding="utf-8")
    marked = text.replace(" ", " \u200b")
    plain, zw = score_article(text), score_article(marked)
    assert [(f.code, f.text.replace("\u200b", "")) for f in zw.findings] == [(f.code, f.text) for f in plain.findings]
    assert abs(zw.score - plain.score) < 0.5
