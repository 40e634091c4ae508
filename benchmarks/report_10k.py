"""Build an HTML report of 10,000 articles and print its size and build times.

    python benchmarks/report_10k.py                 # 10,000 articles, report in a temp folder
    python benchmarks/report_10k.py -n 2000 -o /tmp/r.html --browser

The articles are generated here from hand-written sentence templates (news
copy and content-farm copy, with some emoji, quotes and markup), about 450
words each, so the figures do not depend on any corpus. ``--browser`` also
opens the report in Debian's Chromium (via playwright) and prints how long the
page takes to become usable, to sort 10,000 rows and to open one article.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from reliability.formats.html import HtmlReport, write_html

PEOPLE = ["Maria Lopez", "James O'Neill", "Dr. Emily Carter", "Sen. Tom Briggs", "Aiko Tanaka", "Olusegun Adeyemi",
          "Prof. Hans Müller", "Chief Inspector Ruth Hale", "Gen. Mark Diaz", "Li Wei"]
PLACES = ["WASHINGTON", "LONDON", "NAIROBI", "BERLIN", "SÃO PAULO", "TOKYO", "KYIV", "OTTAWA"]
TOPICS = ["the budget", "the ceasefire talks", "the vaccine rollout", "the port strike", "the election audit",
          "the new rail line", "the drought plan", "the tariff dispute"]
NEWS = [
    "{person}, who leads the ministry's planning office, said on Tuesday that {topic} would be reviewed by June.",
    "\"We have published every figure,\" {person} told reporters, adding that an audit was already under way.",
    "The report, released by the national statistics office, showed spending rose 3.{n} percent in the quarter.",
    "According to documents seen by this newspaper, officials first discussed {topic} in {year}.",
    "A senior official, who spoke on condition of anonymity because the talks were private, said a deal was close.",
    "Two people familiar with the matter said the plan could be delayed until after the summer.",
    "{person} declined to comment on the figures when reached by telephone on Wednesday.",
    "The agency said {n}{n} staff had been moved to the regional office since {year}.",
    "Critics say {topic} may possibly hurt smaller towns, though the evidence so far is mixed.",
    "Officials said the review would be made public, and a hearing is scheduled for next month.",
]
FARM = [
    "SHOCKING: experts say {topic} is about to change EVERYTHING you thought you knew!!!",
    "Sources say insiders are reportedly furious, and some believe the truth is being hidden. 😱",
    "Many people are saying {topic} could allegedly be linked to a secret plan, according to reports.",
    "Click here to subscribe to our newsletter and never miss a story like this one!",
    "Share this article with your friends before it gets taken down 🔥🔥",
    "It is widely believed that the mainstream media won't tell you what really happened.",
    "THEY DON'T WANT YOU TO KNOW THE REAL STORY BEHIND {topic_upper}.",
    "A well-placed source revealed that {person} may have known for years, some claim.",
    "Read more: 10 things about {topic} that will blow your mind <b>today</b> & tomorrow.",
]


def make_article(rng: random.Random, i: int) -> tuple[str, str]:
    farm_share = rng.random()
    place = rng.choice(PLACES)
    topic = rng.choice(TOPICS)
    sentences = []
    while sum(len(s.split()) for s in sentences) < rng.randint(300, 600):
        pool = FARM if rng.random() < farm_share * 0.6 else NEWS
        template = rng.choice(pool)
        sentences.append(template.format(person=rng.choice(PEOPLE), topic=topic, topic_upper=topic.upper(),
                                         n=rng.randint(1, 9), year=rng.randint(2015, 2024)))
    paragraphs, k = [], 0
    while k < len(sentences):
        step = rng.randint(1, 4)
        paragraphs.append(" ".join(sentences[k : k + step]))
        k += step
    text = f"{place} — " + "\n\n".join(paragraphs) + "\n"
    title = f"{topic.capitalize()}: report {i}"
    return title, text


def build(n: int, output: Path, jobs: int) -> None:
    from reliability.batch import score_inputs
    from reliability.io import InputRecord

    rng = random.Random(20240501)
    t0 = time.perf_counter()
    records = []
    for i in range(n):
        if i % 500 == 7:
            records.append(InputRecord(id=f"broken-{i}.txt", text=None, error="could not decode: invalid byte 0xff"))
            continue
        title, text = make_article(rng, i)
        records.append(InputRecord(id=f"article-{i:05d}.txt", text=text, title=title))
    t1 = time.perf_counter()

    report = HtmlReport(title=f"Benchmark: {n:,} articles")
    words = findings = 0
    t_add = 0.0
    for row in score_inputs(records, jobs=jobs):
        a = time.perf_counter()
        report.add(row)
        t_add += time.perf_counter() - a
        if row.text:
            words += len(row.text.split())
        if row.report:
            findings += len(row.report.findings)
    t2 = time.perf_counter()
    size = write_html(report, output)
    t3 = time.perf_counter()

    print(f"articles        {n:,} ({words / max(1, n):.0f} words each on average, {findings:,} findings)")
    print(f"generate        {t1 - t0:6.2f} s")
    print(f"score           {t2 - t1 - t_add:6.2f} s  (jobs={jobs})")
    print(f"encode rows     {t_add:6.2f} s  (HtmlReport.add)")
    print(f"write page      {t3 - t2:6.2f} s")
    print(f"render total    {t_add + t3 - t2:6.2f} s  (everything the HTML renderer costs)")
    print(f"file size       {size / 1e6:6.1f} MB  ({size / n / 1e3:.1f} KB per article; text itself "
          f"{sum(len(r.text.encode()) for r in records if r.text) / 1e6:.1f} MB)")
    print(f"report          {output}")


def measure_in_browser(path: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        t0 = time.perf_counter()
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_selector("html[data-ready]", timeout=120_000)
        print(f"browser ready   {time.perf_counter() - t0:6.2f} s  (load, JSON.parse, first page of rows)")
        rows = page.evaluate("document.querySelectorAll('#articles tbody tr').length")
        for label, selector in (("sort score", "th.score button"), ("sort score again", "th.score button"),
                                ("sort title", "th.title button"), ("sort title again", "th.title button"),
                                ("sort a detector", "th.evidence button.slot")):
            ms = page.evaluate(
                "(sel) => { const t = performance.now(); document.querySelector('#articles thead ' + sel).click();"
                " return performance.now() - t; }", selector)
            count = page.evaluate("document.getElementById('count').textContent")
            print(f"{label:<16}{ms:6.0f} ms  ({count}; {rows} rows drawn)")
        ms = page.evaluate(
            "() => { const t = performance.now(); document.querySelector('#articles tbody tr').click();"
            " return performance.now() - t; }")
        marks = page.evaluate("document.querySelectorAll('#article-text mark').length")
        print(f"open article    {ms:6.0f} ms ({marks} highlighted pieces)")
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
        if heap:
            print(f"JS heap         {heap / 1e6:6.0f} MB")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="number of articles (default 10,000)")
    parser.add_argument("-o", "--output", type=Path, help="where to write the report (default: a temp file)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="scoring processes (default 1)")
    parser.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    args = parser.parse_args()
    output = args.output or Path(tempfile.mkdtemp(prefix="report10k-")) / "report.html"
    build(args.n, output, args.jobs)
    if args.browser:
        measure_in_browser(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
