"""Score a folder of 10,000 mixed files, 1% of them broken, and check that it yields exactly 10,000 rows.

    python benchmarks/batch_10k.py                 # 10,000 files, --jobs 2
    python benchmarks/batch_10k.py --n 2000 --jobs 1
    python benchmarks/batch_10k.py --records 100000   # one .jsonl of 100,000 articles: memory stays flat

It generates the folder in a temporary directory (articles written from
hand-made templates, no corpus text), runs ``reliability score FOLDER -o
rows.jsonl`` as a user would, and prints the row count, the error rows,
throughput and peak memory (the whole process tree's resident memory, sampled
with psutil from the ``bench`` extra, and the largest single process). It exits 1 when the row count is
wrong. ``make_corpus`` is also used by the test suite with 200 files.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from process_tree import TreeSampler

# -- a corpus of made-up articles ---------------------------------------------------

_FIRST = "Ana Maria James Li Kwame Sofia Omar Elena Rahul Grace Tomasz Aisha Pedro Hannah Yusuf Chloe".split()
_LAST = "Silva Okafor Chen Novak Haddad Brennan Patel Moreau Kowalski Tanaka Mensah Lindqvist Ortiz Reyes".split()
_PLACES = "Riverton Eastbrook Port Amelia Northfield Caldera Bay Lakeside Westmoor Greyhaven Ashford".split()
_BODIES = ["city council", "regional water board", "school district", "port authority", "health department",
           "transport ministry", "county court", "state university"]
_SENTENCES = [
    "The {body} in {place} voted {n} to {m} on {day} to approve a plan worth ${money} million.",
    "{name}, who chairs the {body}, said the decision followed months of public hearings.",
    "\u201cWe listened to residents and changed the proposal twice,\u201d {name} told reporters after the vote.",
    "Officials said the work could begin as early as next spring, although no contract has been signed.",
    "According to figures published by the {body}, spending rose {pct} percent over the past two years.",
    "Critics argue the plan relies on optimistic revenue forecasts that may not hold.",
    "A spokesperson for the {body}, who asked not to be named, said talks were continuing.",
    "The proposal would add {n} staff and replace equipment that dates from the 1990s.",
    "{name} of the {place} residents' association said members were divided on the cost.",
    "Experts warn that delays could push the total well beyond the current estimate.",
    "SHOCKING!!! You won't believe what the {body} is hiding from {place} residents!",
    "The meeting, which lasted nearly four hours, was streamed online and watched by {n}00 people.",
    "In a statement, the {body} said it would publish a full breakdown of the budget on {day}.",
    "Some observers believe the vote was rushed, but the chair rejected that view.",
    "Reports suggest that the deal might be linked to a wider regional agreement.",
    "{name} said the {body} had received {n} formal objections, most about noise.",
]
_DAYS = "Monday Tuesday Wednesday Thursday Friday".split()


def make_article(rng: random.Random) -> tuple[str, str]:
    """(title, text) of a made-up local news story of 120-900 words."""
    place = rng.choice(_PLACES)
    body = rng.choice(_BODIES)
    paragraphs = []
    for _ in range(rng.randint(4, 22)):
        sentences = []
        for _ in range(rng.randint(1, 4)):
            sentences.append(rng.choice(_SENTENCES).format(
                body=body, place=place, day=rng.choice(_DAYS), n=rng.randint(2, 9), m=rng.randint(0, 4),
                money=rng.randint(2, 400), pct=rng.randint(2, 40),
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"))
        paragraphs.append(" ".join(sentences))
    title = f"{place} {body} approves plan"
    return title, "\n\n".join(paragraphs)


def _html(title: str, text: str, day: int) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | The Courier</title>"
            f"<meta property='article:published_time' content='2024-05-0{day}'></head><body>"
            f"<nav>Home | News | Sport | Weather</nav><article><h1>{title}</h1>\n{paragraphs}</article>"
            f"<footer>Copyright The Courier</footer></body></html>")


_BROKEN = [
    ("empty.txt", lambda rng: b""),
    ("binary.txt", lambda rng: bytes(rng.randrange(256) for _ in range(4096))),
    ("image.txt", lambda rng: b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(512))),
    ("noarticle.html", lambda rng: b"<html><head><title>Log in</title></head><body><form><input></form></body></html>"),
    ("invalid.json", lambda rng: b'{"text": "unterminated'),
    ("notext.jsonl", lambda rng: b'{"body": "the wrong field"}\n'),
    ("whitespace.md", lambda rng: b"\n\n   \n"),
]


def make_corpus(folder: "str | Path", n: int, *, broken_share: float = 0.01, seed: int = 7) -> tuple[int, int]:
    """Write ``n`` one-article files of mixed formats into ``folder``, ``broken_share`` of them broken.

    Returns ``(rows expected, broken files)``: every file holds exactly one
    article (or one reason it cannot be read), so the rows expected are ``n``.
    """
    rng = random.Random(seed)
    folder = Path(folder)
    broken = max(1, round(n * broken_share)) if broken_share > 0 else 0
    broken_at = set(rng.sample(range(n), broken))
    for i in range(n):
        sub = folder / f"batch{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        stem = sub / f"{i:06d}"
        if i in broken_at:
            name, make = _BROKEN[i % len(_BROKEN)]
            Path(f"{stem}_{name}").write_bytes(make(rng))
            continue
        title, text = make_article(rng)
        kind = rng.random()
        if kind < 0.50:
            Path(f"{stem}.txt").write_text(text, encoding="utf-8")
        elif kind < 0.58:
            Path(f"{stem}.txt").write_bytes(text.replace("\u201c", '"').replace("\u201d", '"').encode("cp1252"))
        elif kind < 0.61:
            Path(f"{stem}.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
        elif kind < 0.70:
            Path(f"{stem}.md").write_text(f"---\ntitle: {title}\ndate: 2024-05-02\n---\n\n{text}", encoding="utf-8")
        elif kind < 0.85:
            Path(f"{stem}.html").write_text(_html(title, text, rng.randint(1, 9)), encoding="utf-8")
        elif kind < 0.92:
            Path(f"{stem}.json").write_text(json.dumps({"title": title, "text": text, "published": "2024-05-03"}),
                                            encoding="utf-8")
        else:
            Path(f"{stem}.jsonl").write_text(json.dumps({"id": f"rec-{i}", "text": text}) + "\n", encoding="utf-8")
    return n, broken


def make_records(path: "str | Path", n: int, *, seed: int = 7) -> int:
    """One .jsonl file of ``n`` articles (for the memory-flatness run)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            title, text = make_article(rng)
            handle.write(json.dumps({"id": f"a{i}", "title": title, "text": text}) + "\n")
    return n


# -- measuring ------------------------------------------------------------------------------

def run_score(inputs: Path, out: Path, jobs: int) -> tuple[int, float, TreeSampler, str]:
    command = [sys.executable, "-m", "reliability", "score", str(inputs), "-o", str(out), "--jobs", str(jobs),
               "--no-progress"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "CI": "true"})
    with TreeSampler(process.pid) as memory:
        _, stderr = process.communicate()
    return process.returncode, time.perf_counter() - start, memory, stderr


def reading_rate(inputs: Path) -> tuple[int, float]:
    """Records read per second in this one process, without scoring: the pipeline's own cost."""
    from reliability.io import iter_inputs

    start = time.perf_counter()
    count = sum(1 for _ in iter_inputs([str(inputs)]))
    return count, count / (time.perf_counter() - start)


def main(argv: "list[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="files to generate (default 10,000)")
    parser.add_argument("--records", type=int, default=0, help="instead: one .jsonl of this many articles")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument("--read-rate", action="store_true", help="also time reading the inputs alone")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="reliability-bench-"))
    t0 = time.perf_counter()
    if args.records:
        inputs = workdir / "articles.jsonl"
        expected, broken = make_records(inputs, args.records), 0
        what = f"one .jsonl of {expected:,} articles"
    else:
        inputs = workdir / "corpus"
        expected, broken = make_corpus(inputs, args.n)
        what = f"{expected:,} mixed files ({broken} broken)"
    size_mb = sum(p.stat().st_size for p in inputs.rglob("*") if p.is_file()) / 1e6 if inputs.is_dir() \
        else inputs.stat().st_size / 1e6
    print(f"generated {what}, {size_mb:.1f} MB, in {time.perf_counter() - t0:.1f} s")

    out = workdir / "rows.jsonl"
    code, seconds, memory, stderr = run_score(inputs, out, args.jobs)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    errors = sum(1 for r in rows if r.get("error"))
    largest_child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"command: reliability score {inputs.name} -o rows.jsonl --jobs {args.jobs}  (exit code {code})")
    print(f"rows: {len(rows):,} (expected {expected:,}); error rows: {errors} (broken inputs: {broken})")
    print(f"time: {seconds:.1f} s, {len(rows) / seconds:,.0f} articles/s")
    print(f"peak memory: {memory.peak_tree / 2**20:.0f} MB for the process tree "
          f"(largest single process {largest_child_kb / 1024:.0f} MB by getrusage)")
    if stderr.strip():
        print("stderr: " + stderr.strip().replace("\n", "\n        "))
    if args.read_rate:
        count, rate = reading_rate(inputs)
        print(f"reading alone (decode, HTML extraction, records; one process, no scoring): {rate:,.0f} records/s")
    if args.keep:
        print(f"kept {workdir}")
    else:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    ok = len(rows) == expected and errors == broken and len({r["id"] for r in rows}) == expected
    print("OK" if ok else "FAILED: row count or error count is wrong")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
