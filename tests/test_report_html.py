"""The HTML report: a self-contained page that a browser renders safely.

The first half checks the page as text (escaping, offsets, atomic writes, the
CLI); the second opens it in a real headless Chromium (Debian's ``chromium``
driven by the ``playwright`` package, never a downloaded browser) and checks
what a reader sees: the table, sorting, the highlighted article, no injected
markup and no network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability import score_article
from reliability.formats.html import (
    KNOWN_DETECTOR_COLOURS,
    HtmlReport,
    detector_colour,
    render_html,
    score_histogram_svg,
    utf16_offsets,
    write_html,
)
from reliability.report import ArticleReport, Finding, ModelInfo, Signal

INJECTION = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><!--'

# Hand-written: an emoji and a mathematical capital (both outside the BMP)
# before and inside findings, findings that overlap and nest, and markup that
# must stay text.
CRAFTED_TEXT = (
    "WASHINGTON 😀 — A senior official, who spoke on condition of anonymity, said the plan "
    "could possibly collapse. Dr. 𝒳avier Quill, an expert at the 🏛️ institute, reportedly said "
    'it was "likely".\n\n'
    + INJECTION
    + " Click here to subscribe!\nTHIS IS THE TRUTH THEY DON'T WANT YOU TO KNOW."
)


def finding(text: str, detector: str, code: str, phrase: str, *, feature: str | None = None,
            severity: str = "warning") -> Finding:
    start = text.index(phrase)
    return Finding(code, detector, start, start + len(phrase), phrase, f"{code}: {phrase[:20]}", severity,
                   feature or f"{detector}.rate")


def crafted_report(text: str = CRAFTED_TEXT, score: float = 35.7) -> ArticleReport:
    findings = (
        finding(text, "anonymous_sourcing", "RS101", "A senior official, who spoke on condition of anonymity"),
        finding(text, "hedging", "RS401", "spoke on condition"),  # inside RS101, another detector
        finding(text, "hedging", "RS402", "could possibly"),
        finding(text, "unverifiable_names", "RS201", "Dr. 𝒳avier Quill, an expert at the 🏛️ institute"),
        finding(text, "hedging", "RS403", "an expert at the 🏛️"),  # overlaps RS201's end
        finding(text, "boilerplate", "RS301", "Click here to subscribe!"),
        finding(text, "clickbait", "RS901", "THIS IS THE TRUTH"),  # a detector the registry does not know
        finding(text, "readability", "RS501", "THIS IS THE TRUTH THEY DON'T WANT YOU TO KNOW"),
        finding(text, "readability", "RS502", "TRUTH THEY"),  # same detector, nested
        Finding("RS599", "readability", None, None, "", "A whole-article finding " + INJECTION, "info", None),
    )
    signals = (
        Signal("anonymous_sourcing.rate", 3.2, -12.5, "Anonymous attributions " + INJECTION, findings[:1]),
        Signal("hedging.rate", 9.0, -6.1, "Hedges", (findings[1], findings[2], findings[4])),
        Signal("readability.words", 40.0, 4.3, "40 words long"),
    )
    band = "reliable" if score >= 65 else "unreliable" if score < 35 else "questionable"
    return ArticleReport(score=score, band=band, signals=signals, findings=findings, features={},
                         model=ModelInfo("test", "1"), base_score=50.0)


def row(id, report=None, text=None, error=None, **extra):
    return SimpleNamespace(id=id, report=report, text=text, error=error, **extra)


ARTICLE = (
    "LONDON (Reuters) - The finance minister said on Tuesday that the budget would be published "
    "next week, according to a senior official who spoke on condition of anonymity. Critics say the "
    "plan could possibly be delayed. YOU WON'T BELIEVE WHAT HAPPENED NEXT!!! Sources close to the "
    "matter reportedly said talks were continuing. Click here to subscribe to our newsletter.\n"
)


def build_rows(n_filler: int = 230) -> list:
    rows = [
        row("crafted-<b>1</b>", crafted_report(), CRAFTED_TEXT,
            title='A <i>crafted</i> "article" ' + INJECTION, url="javascript:window.__pwned=4",
            published="2024-05-01"),
        row("broken.txt", None, None, error="could not decode " + INJECTION),
        row("real-1", score_article(ARTICLE), ARTICLE, title="A scored article", url="https://example.org/a"),
    ]
    for i in range(n_filler):
        score = (i * 37) % 101
        text = f"Filler article {i} 😀 with a short body. " * (1 + i % 3)
        report = ArticleReport(score=float(score), band="reliable" if score >= 65 else "unreliable" if score < 35
                               else "questionable", signals=(), findings=(), features={},
                               model=ModelInfo("test", "1"))
        rows.append(row(f"filler-{i:04d}", report, text, title=f"Filler {i}"))
    return rows


def data_block(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


# -- the page as text ------------------------------------------------------------

def test_utf16_offsets_count_astral_characters_twice():
    text = "a😀b𝒳c"
    assert utf16_offsets(text, range(len(text) + 1)) == [0, 1, 3, 4, 6, 7]
    assert utf16_offsets("plain", [0, 5]) == [0, 5]


def test_every_detector_gets_a_colour():
    for name, colour in KNOWN_DETECTOR_COLOURS.items():
        assert detector_colour(name) == colour
    later = detector_colour("clickbait")
    assert re.fullmatch(r"#[0-9A-F]{6}", later)
    assert later == detector_colour("clickbait")  # stable between runs
    assert later not in KNOWN_DETECTOR_COLOURS.values()
    report = HtmlReport(title="t", detectors=list(KNOWN_DETECTOR_COLOURS) + [f"later_{i}" for i in range(12)])
    report.add(build_rows(0)[0])
    colours = report.detector_colours()
    assert set(colours) >= set(KNOWN_DETECTOR_COLOURS) | {"clickbait"}
    assert len(set(colours.values())) == len(colours)  # distinct within one report, even past the palette


def test_untrusted_text_cannot_leave_the_data_block():
    page = render_html(build_rows(3), title="Title " + INJECTION)
    # Only the data block and the page's own script; no tag from the data.
    assert page.count("<script") == 2
    header = page.split('id="report-data">')[0]
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1" in header  # the title, escaped
    assert "<img" not in page and "<!--" not in page and "onerror=\"" not in page
    data = data_block(page)
    crafted = data["articles"][0]
    assert crafted["text"] == CRAFTED_TEXT
    assert crafted["title"].endswith(INJECTION)
    assert data["articles"][1]["error"] == "could not decode " + INJECTION
    assert data["title"] == "Title " + INJECTION


def test_content_security_policy_pins_the_inline_assets_and_blocks_the_network():
    page = render_html(build_rows(1))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in csp
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for source in (script, style):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_offsets_in_the_page_are_utf16_and_slice_the_finding_text():
    data = data_block(render_html(build_rows(0)))
    article, strings = data["articles"][0], data["strings"]
    units = article["text"].encode("utf-16-le")
    expected = crafted_report().findings
    assert len(article["f"]) == len(expected)
    for encoded, original in zip(article["f"], expected):
        assert strings[encoded[3]] == original.code
        if original.start is None:
            assert encoded[0] is None and encoded[1] is None
            continue
        start, end = encoded[0], encoded[1]
        assert units[2 * start : 2 * end].decode("utf-16-le") == original.text


def test_a_failed_article_is_listed_with_its_error_and_no_score():
    data = data_block(render_html(build_rows(0)))
    broken = data["articles"][1]
    assert broken["id"] == "broken.txt"
    assert broken["error"].startswith("could not decode")
    assert "score" not in broken and "text" not in broken


def test_a_span_that_does_not_index_the_text_is_kept_as_whole_article_evidence():
    text = "Officials said so."
    bad = Finding("RS101", "anonymous_sourcing", 0, 9, "Nobody", "m", "info", None)
    outside = Finding("RS102", "anonymous_sourcing", 10, 999, "x", "m", "info", None)
    report = ArticleReport(50.0, "questionable", (), (bad, outside), {}, ModelInfo("t", "1"))
    data = data_block(render_html([row("a", report, text)]))
    for item in data["articles"][0]["f"]:
        assert item[0] is None and item[1] is None and item[8] is True
    assert [item[7] for item in data["articles"][0]["f"]] == ["Nobody", "x"]


def test_non_finite_numbers_do_not_break_the_json():
    report = ArticleReport(float("nan"), "questionable", (Signal("readability.grade_level", float("inf"), 1.0, "m"),),
                           (), {"readability.grade_level": float("nan")}, ModelInfo("t", "1"))
    data = data_block(render_html([row("a", report, "text")]))
    assert data["articles"][0]["score"] is None
    assert data["articles"][0]["s"][0][1] is None


def test_histogram_counts_every_score_once():
    scores = [(0.0, "unreliable"), (9.99, "unreliable"), (50.0, "questionable"), (100.0, "reliable")]
    svg = score_histogram_svg(scores)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    counts = [int(n) for n in re.findall(r"<title>\d+–\d+: (\d+) article", svg)]
    assert len(counts) == 10 and sum(counts) == 4
    assert counts[0] == 2 and counts[5] == 1 and counts[9] == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=0, max_size=80), spans=st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90)), max_size=8),
       ident=st.text(max_size=10))
def test_any_text_and_spans_give_a_valid_page(text, spans, ident):
    findings = tuple(
        Finding("RS101", "anonymous_sourcing", s, e, text[s:e], "m", "info", None)
        for s, e in spans
    )
    report = ArticleReport(50.0, "questionable", (), findings, {}, ModelInfo("t", "1"))
    page = render_html([row(ident, report, text)])
    page.encode("utf-8")  # lone surrogates were escaped, so the file can be written
    article = data_block(page)["articles"][0]
    assert article["text"] == text
    units = text.encode("utf-16-le", "surrogatepass")
    for (s, e), item in zip(spans, article["f"]):
        if item[0] is not None:
            assert units[2 * item[0] : 2 * item[1]].decode("utf-16-le", "surrogatepass") == text[s:e]
        else:
            assert not (0 <= s <= e <= len(text))


def test_same_rows_give_the_same_page(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")
    assert render_html(build_rows(5)) == render_html(build_rows(5))
    assert "2024-05-01" in render_html([])


def test_write_is_atomic(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    report = HtmlReport(title="t")
    report.add(build_rows(0)[0])

    class Boom(HtmlReport):
        def write(self, out):
            out.write("<!DOCTYPE html> half a page")
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_html(Boom(title="t"), target)
    assert target.read_text(encoding="utf-8") == "old report"
    assert os.listdir(tmp_path) == ["report.html"]

    size = write_html(report, target)
    assert size == target.stat().st_size
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["report.html"]


def test_cli_writes_a_report_that_lists_failed_inputs(tmp_path, capsys):
    pytest.importorskip("reliability.batch")
    from reliability.cli import main

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "b1", "title": "From JSONL", "text": "Officials said 😀 it was fine."}) + "\n"
        + json.dumps({"id": "b2", "text": None}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    code = main(["report", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"), "-o", str(out), "-q"])
    assert code == 1  # one input failed
    data = data_block(out.read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in data["articles"]}
    assert len(by_id) == 3
    assert by_id["b1"]["title"] == "From JSONL" and "score" in by_id["b1"]
    assert "error" in by_id["b2"] and "score" not in by_id["b2"]
    assert os.listdir(out.parent) == ["report.html"]

    assert main(["report", str(tmp_path / "a.txt"), "-o", str(out), "-q"]) == 0
    assert main(["report", str(tmp_path / "a.txt"), "-o", "-", "-q"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert main(["report", str(tmp_path / "a.txt"), "-o", str(tmp_path / "missing" / "r.html"), "-q"]) == 2


# -- the page in a browser ----------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def browser():
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "the Python package 'playwright' is not installed (pip install playwright; never 'playwright install')"
    else:
        if not os.path.exists(CHROMIUM):
            missing = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if missing:
        if _under_ci():
            pytest.fail(f"browser tests cannot run under CI: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    report = HtmlReport(title="Browser test " + INJECTION)
    for r in build_rows():
        report.add(r)
    write_html(report, path)
    return path


@pytest.fixture
def page(browser, report_file):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report_file.as_uri())
    page.wait_for_selector("html[data-ready]", timeout=30_000)
    yield page
    assert problems == []  # no script errors, no CSP violations
    assert all(url.startswith("file://") for url in requests), requests  # nothing from the network
    assert page.evaluate("window.__pwned") is None
    page.close()


def table_scores(page) -> list[float | None]:
    cells = page.eval_on_selector_all("#articles tbody td.score", "tds => tds.map(td => td.textContent)")
    return [float(c) if re.fullmatch(r"[\d.]+", c) else None for c in cells]


def open_article(page, article_id: str) -> None:
    from playwright.sync_api import expect  # polls without eval, which the page's CSP forbids

    page.fill("#filter", article_id)
    expect(page.locator("#articles tbody tr")).to_have_count(1)
    page.click("#articles tbody tr")
    page.wait_for_selector("#detail article")


def marks_by_finding(page) -> dict[int, str]:
    covered = page.evaluate(
        """() => { const out = {};
            document.querySelectorAll('#article-text mark').forEach(m =>
              m.dataset.f.split(' ').forEach(k => { out[k] = (out[k] || '') + m.textContent; }));
            return out; }"""
    )
    return {int(k): v for k, v in covered.items()}


def test_table_renders_one_page_of_rows(page):
    total = len(build_rows())
    assert page.locator("#articles tbody tr").count() == 100
    assert f"{total} articles" in page.inner_text("#count").replace(",", "")
    headers = page.eval_on_selector_all("#articles thead th", "ths => ths.map(th => th.textContent)")
    assert any("Score" in h for h in headers) and any("Title" in h for h in headers)
    page.click("#next")
    assert page.inner_text("#page").startswith("Page 2")


def test_clicking_the_score_header_sorts(page):
    page.click("#articles thead th.score button")
    scores = table_scores(page)
    known = [s for s in scores if s is not None]
    assert known == sorted(known) and known[0] == 0.0
    assert page.get_attribute("#articles thead th.score", "aria-sort") == "ascending"
    page.click("#articles thead th.score button")
    scores = table_scores(page)
    assert scores == sorted(scores, reverse=True) and scores[0] == 100.0
    assert page.get_attribute("#articles thead th.score", "aria-sort") == "descending"


def test_failed_articles_sort_last_and_show_their_error(page):
    page.click("#articles thead th.score button")
    page.click("#last")
    assert table_scores(page)[-1] is None
    page.select_option("#band-filter", "error")
    assert page.locator("#articles tbody tr").count() == 1
    page.click("#articles tbody tr")
    assert page.inner_text("#detail .error-box") == "Not scored: could not decode " + INJECTION


def test_clicking_a_row_shows_the_article_with_every_finding_highlighted(page, tmp_path):
    open_article(page, "crafted-")
    assert page.text_content("#article-text") == CRAFTED_TEXT  # emoji, markup and all, as text
    assert page.text_content("#detail h2").endswith(INJECTION)
    expected = {k: f.text for k, f in enumerate(crafted_report().findings) if f.start is not None}
    assert marks_by_finding(page) == expected
    # Overlaps: a piece covered by two detectors, and one by two findings of the same detector.
    assert page.locator("#article-text mark.multi").count() >= 2
    assert page.locator("#article-text mark.deep").count() >= 1
    # Each detector's colour, including the one the registry does not know.
    colours = page.evaluate(
        """() => [...document.querySelectorAll('#article-text mark:not(.multi)')].map(m =>
              [m.className, getComputedStyle(m).backgroundColor])"""
    )
    anonymous = next(c for cls, c in colours if "d0" in cls.split())
    assert anonymous.replace(" ", "") == "rgba(230,159,0,0.28)"
    assert page.locator(".legend.toggles li").count() == 6
    assert page.locator("#detail .findings li").count() == len(crafted_report().findings)
    assert page.locator("#detail .signal-table tr").count() == 3
    assert page.locator("img, iframe, object, embed").count() == 0
    assert page.locator("#detail a").count() == 0  # a javascript: URL is shown as text, not linked
    page.screenshot(path=str(tmp_path / "report-article.png"), full_page=False)


def test_clicking_a_highlight_points_to_its_findings(page):
    open_article(page, "crafted-")
    page.locator("#article-text mark", has_text="spoke on condition").click()
    focused = page.locator("#detail .findings li.focus code").all_text_contents()
    assert focused == ["RS101", "RS401"]  # the anonymous attribution and the hedge inside it


def test_hiding_a_detector_removes_its_highlights(page):
    open_article(page, "crafted-")
    page.locator(".legend.toggles li", has_text="hedging").locator("input").uncheck()
    covered = marks_by_finding(page)
    hedging = {k for k, f in enumerate(crafted_report().findings) if f.detector == "hedging"}
    assert hedging and not hedging & set(covered)
    assert page.text_content("#article-text") == CRAFTED_TEXT


def test_a_scored_article_highlights_what_the_detectors_found(page):
    report = score_article(ARTICLE)
    open_article(page, "real-1")
    assert page.text_content("#article-text") == ARTICLE
    expected = {k: f.text for k, f in enumerate(report.findings) if f.start is not None and f.end > f.start}
    assert marks_by_finding(page) == expected
    assert page.locator("#detail a").get_attribute("href") == "https://example.org/a"


def test_clicking_a_histogram_bar_filters_by_score(page):
    page.click("svg .bin[data-lo='90']")
    scores = table_scores(page)
    assert scores and all(90 <= s <= 100 for s in scores)
    page.click("#range-clear")
    assert page.locator("#articles tbody tr").count() == 100


def test_the_open_article_survives_a_reload(page):
    open_article(page, "real-1")
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert page.text_content("#article-text") == ARTICLE


def test_an_empty_report_opens(browser, tmp_path):
    path = tmp_path / "empty.html"
    write_html(HtmlReport(title="Nothing"), path)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready]")
    assert page.locator("#articles tbody tr").count() == 0
    assert page.inner_text("#count") == "0 articles"
    page.click("#articles thead th.score button")
    assert errors == []
    page.close()


def test_cli_report_reads_the_project_settings_like_score(tmp_path, monkeypatch, capsys):
    from reliability.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "f1", "body": ARTICLE}) + "\n", encoding="utf-8")
    assert main(["report", "feed.jsonl", "-o", "plain.html", "-q", "--isolated"]) == 1, "no 'text' field"
    (tmp_path / "reliability.toml").write_text('text-field = "body"\n', encoding="utf-8")
    assert main(["report", "feed.jsonl", "-o", "report.html", "-q"]) == 0
    article = data_block((tmp_path / "report.html").read_text(encoding="utf-8"))["articles"][0]
    assert main(["score", "feed.jsonl", "-f", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["score"] == article["score"]
    assert main(["report", "feed.jsonl", "-o", "m.html", "-q", "--model", "nowhere.json"]) == 2
    assert "cannot load the model" in capsys.readouterr().err
    assert not (tmp_path / "m.html").exists()
