"""Single-core throughput of score_article(), and where the time goes, per detector.

    python benchmarks/speed.py                      # 500 generated seed-length articles, 3 rounds
    python benchmarks/speed.py --profile            # + pyinstrument: hot spots per detector
    python benchmarks/speed.py --profile --html /tmp/profile.html
    python benchmarks/speed.py --py-spy /tmp/speed.svg   # + py-spy hot spots and flame graph (pip install py-spy)
    python benchmarks/speed.py --real DIR           # time real articles (*.txt / *.jsonl under DIR) too

Articles: the five seeds, and articles generated from the seeds' sentences
(shuffled, regrouped into paragraphs, 300-700 words: the seeds' length); no
corpus text is stored. Every figure is given twice: CPU time of the scoring
thread (what the library costs, unaffected by other programs on a shared
machine) and wall time (what a user waits on an idle machine). The target is
at least 1,000 articles a second (median under 1 ms) on one core.

The per-detector table is additive: the Document's shared preprocessing
(words, sentences, quotations, lines, paragraphs, dateline), each detector's
``detect`` on an already-prepared Document, and the rest (model, explanations,
report). ``--profile`` then samples the whole pipeline with pyinstrument and
lists, per detector, the functions with the most self time.

This module also holds the article generator and machine description used by
the other benchmark scripts (``from speed import ...``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator, Sequence

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TARGET_PER_SECOND = 1000

# -- articles ----------------------------------------------------------------------


def seed_texts() -> list[str]:
    """The five seed articles of the repository."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def seed_sentences() -> list[str]:
    """Every sentence of the seeds, as the library splits them (line breaks kept)."""
    from reliability.document import Document

    sentences = []
    for text in seed_texts():
        doc = Document.build(text)
        sentences.extend(text[s:e] for s, e in doc.sentences)
    return sentences


def synthetic_articles(n: int, *, words: tuple[int, int] = (300, 700), seed: int = 1) -> list[str]:
    """``n`` varied articles made of seed sentences in random order, each of ``words`` words.

    Sentences are drawn without replacement until the length is reached and
    grouped into paragraphs of one to four sentences, as news copy is; some
    articles get a dateline or a byline so that openings vary too.
    """
    return list(iter_synthetic_articles(n, words=words, seed=seed))


def iter_synthetic_articles(n: int, *, words: tuple[int, int] = (300, 700), seed: int = 1) -> Iterator[str]:
    """:func:`synthetic_articles` one at a time (for folders of 100,000 articles)."""
    rng = random.Random(seed)
    pool = seed_sentences()
    counts = [len(s.split()) for s in pool]
    bylines = ["By Staff Reporter", "By Ana Silva and Omar Haddad", "Associated Press", "", "", ""]
    datelines = ["WASHINGTON — ", "LONDON (Reuters) - ", "March 3, 2024 — ", "", "", "", ""]
    for _ in range(n):
        target = rng.randint(*words)
        order = list(range(len(pool)))
        rng.shuffle(order)
        paragraphs: list[str] = []
        current: list[str] = []
        size = 0
        for index in order:
            current.append(" ".join(pool[index].split()) if rng.random() < 0.8 else pool[index])
            size += counts[index]
            if len(current) >= rng.randint(1, 4):
                paragraphs.append(" ".join(current))
                current = []
            if size >= target:
                break
        if current:
            paragraphs.append(" ".join(current))
        head = [b for b in (rng.choice(bylines),) if b]
        paragraphs[0] = rng.choice(datelines) + paragraphs[0]
        yield "\n\n".join(head + paragraphs)


def article_of_length(words: int, *, seed: int = 1) -> str:
    """One article of about ``words`` words (seed sentences, paragraphs of 1-4 sentences)."""
    return synthetic_articles(1, words=(words, words), seed=seed)[0] if words <= 1500 else _long_article(words, seed)


def _long_article(words: int, seed: int) -> str:
    # Longer than the seeds together: chain shorter generated articles, each a
    # different shuffle, so the long text is not one block repeated.
    parts, total, i = [], 0, 0
    while total < words:
        part = synthetic_articles(1, words=(1000, 1000), seed=seed * 1000 + i)[0]
        parts.append(part)
        total += len(part.split())
        i += 1
    return "\n\n".join(parts)


def real_texts(folder: "str | Path", limit: int) -> list[str]:
    """Up to ``limit`` article texts under ``folder`` (.txt files, or ``text`` fields of .jsonl)."""
    texts: list[str] = []
    for path in sorted(Path(folder).rglob("*")):
        if len(texts) >= limit:
            break
        if path.suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".jsonl":
            with open(path, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if len(texts) >= limit:
                        break
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    text = row.get("text") if isinstance(row, dict) else None
                    if isinstance(text, str) and len(text.split()) >= 50:
                        texts.append(text)
    return texts


# -- the machine -------------------------------------------------------------------


def machine() -> str:
    """One line naming the CPU, cores, memory, OS and Python (for the figures table)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def load_note() -> str:
    """The load average now: other programs on a shared machine slow wall-clock figures."""
    try:
        one, five, _fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


# -- timing ------------------------------------------------------------------------


def time_each(function: Callable[[str], object], texts: Sequence[str], rounds: int) -> tuple[list[float], list[float]]:
    """Per-call (CPU seconds, wall seconds) of ``function(text)``, the best of ``rounds`` per text.

    The best of several rounds removes the pauses other programs cause on a
    shared machine; the CPU time of this thread is reported beside wall time.
    """
    cpu = [float("inf")] * len(texts)
    wall = [float("inf")] * len(texts)
    for _ in range(rounds):
        for i, text in enumerate(texts):
            c0, w0 = time.thread_time(), time.perf_counter()
            function(text)
            c1, w1 = time.thread_time(), time.perf_counter()
            cpu[i] = min(cpu[i], c1 - c0)
            wall[i] = min(wall[i], w1 - w0)
    return cpu, wall


def summary(seconds: Sequence[float]) -> dict[str, float]:
    """Median, 90th percentile and mean in milliseconds, and articles per second (1 / mean)."""
    ordered = sorted(seconds)
    mean = statistics.fmean(ordered)
    return {
        "median_ms": 1000 * statistics.median(ordered),
        "p90_ms": 1000 * ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))],
        "mean_ms": 1000 * mean,
        "per_second": 1 / mean if mean else float("inf"),
    }


# -- per-detector breakdown ---------------------------------------------------------

_DOCUMENT_PARTS = ("_word_layout", "word_spans", "sentences", "sentence_starts", "quote_spans", "_quote_starts",
                   "lines", "paragraphs", "dateline", "lowered", "letter_tokens", "letter_counts", "letter_runs")


def breakdown(texts: Sequence[str], rounds: int) -> list[tuple[str, float]]:
    """Mean CPU milliseconds per article: document preprocessing, each detector, the rest."""
    from reliability import _default_scorer
    from reliability.document import Document

    scorer = _default_scorer()
    detectors = scorer.registry.detectors
    best: dict[str, list[float]] = defaultdict(lambda: [float("inf")] * len(texts))
    for _ in range(rounds):
        for i, text in enumerate(texts):
            c0 = time.thread_time()
            scorer.score(text)
            best["total"][i] = min(best["total"][i], time.thread_time() - c0)
            c0 = time.thread_time()
            doc = Document.build(text)
            for part in _DOCUMENT_PARTS:
                getattr(doc, part, None)
            best["document"][i] = min(best["document"][i], time.thread_time() - c0)
            for detector in detectors:
                c0 = time.thread_time()
                detector.detect(doc)
                name = detector.spec.name
                best[name][i] = min(best[name][i], time.thread_time() - c0)
    rows = [("document (shared preprocessing)", statistics.fmean(best["document"]))]
    rows += [(d.spec.name, statistics.fmean(best[d.spec.name])) for d in detectors]
    parts = sum(value for _, value in rows)
    total = statistics.fmean(best["total"])
    rows.append(("model + explanations + report", max(0.0, total - parts)))
    rows.append(("total score_article()", total))
    return [(name, 1000 * value) for name, value in rows]


# -- profile ------------------------------------------------------------------------


def profile(texts: Sequence[str], rounds: int, top: int, html: str | None) -> dict[str, list[tuple[str, float]]]:
    """pyinstrument samples of the whole pipeline; per detector, the functions with most self time.

    Returns ``{owner: [(function, share of all time), ...]}`` where owner is a
    detector's name, ``document`` (Document's cached properties, charged to
    no detector) or ``other``.
    """
    from pyinstrument import Profiler

    from reliability import score_article

    profiler = Profiler(interval=0.0001)
    profiler.start()
    for _ in range(rounds):
        for text in texts:
            score_article(text)
    session = profiler.stop()
    if html:
        Path(html).write_text(profiler.output_html(), encoding="utf-8")
    root = session.root_frame()
    self_time: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    total = root.time if root else 0.0

    def owner_of(frame: object, current: str) -> str:
        name = getattr(frame, "function", "") or ""
        path = getattr(frame, "file_path", "") or ""
        if name == "detect" and "/reliability/detectors/" in path.replace("\\", "/"):
            return Path(path).stem
        if name in _DOCUMENT_PARTS and "/reliability/document.py" in path.replace("\\", "/"):
            return "document"  # a shared cached property, computed by whichever detector asks first
        return current

    def walk(frame: object, owner: str) -> None:
        if getattr(frame, "is_synthetic", False):
            return  # "[self]" frames: their time is already in the parent's total_self_time
        owner = owner_of(frame, owner)
        path = (getattr(frame, "file_path", "") or "").replace("\\", "/")
        short = path.split("/reliability/", 1)[-1] if "/reliability/" in path else Path(path).name
        label = f"{getattr(frame, 'function', '?')} ({short}:{getattr(frame, 'line_no', '?')})"
        self_time[owner][label] += getattr(frame, "total_self_time", 0.0)
        for child in getattr(frame, "children", ()):
            walk(child, owner)

    if root is not None:
        walk(root, "other")
    result = {}
    for owner, functions in self_time.items():
        ranked = sorted(functions.items(), key=lambda item: -item[1])[:top]
        owner_total = sum(functions.values())
        result[owner] = [("(all)", owner_total / total if total else 0.0)] + [
            (label, value / total if total else 0.0) for label, value in ranked]
    return result


def py_spy(output: str, articles: int, rounds: int, top: int) -> dict[str, list[tuple[str, float]]]:
    """Sample this script (its scoring loop) with py-spy from outside the interpreter.

    Writes a flame graph (``output``, SVG) and returns the same per-owner
    table as :func:`profile`, from py-spy's collapsed stacks: only samples
    inside ``score_article`` count, attributed like pyinstrument's.
    """
    import tempfile

    base = [sys.executable, __file__, "--articles", str(articles), "--rounds", str(rounds), "--quiet"]
    with tempfile.TemporaryDirectory() as tmp:
        raw = str(Path(tmp) / "stacks.txt")
        for fmt, target in (("raw", raw), ("flamegraph", output)):
            command = ["py-spy", "record", "--rate", "500", "-f", fmt, "-o", target, "--"] + base
            try:
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except FileNotFoundError:
                raise SystemExit("py-spy is not installed: pip install py-spy") from None
        stacks = Path(raw).read_text(encoding="utf-8").splitlines()
    self_time: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    total = 0
    for line in stacks:
        frames_text, _, count_text = line.rpartition(" ")
        frames = frames_text.split(";")
        if not any(f.startswith("score_article ") for f in frames):
            continue
        count = int(count_text)
        total += count
        owner = "other"
        for frame in frames:
            name, _, where = frame.partition(" (")
            function = name.rsplit(".", 1)[-1]
            if function == "detect" and "reliability/detectors/" in where:
                owner = where.split("reliability/detectors/", 1)[1].split(".py", 1)[0]
            elif function in _DOCUMENT_PARTS and "reliability/document.py" in where:
                owner = "document"
        leaf = frames[-1]
        name, _, where = leaf.partition(" (")
        short = where.rstrip(")").split("reliability/", 1)[-1]
        self_time[owner][f"{name} ({short})"] += count
    result = {}
    for owner, functions in self_time.items():
        ranked = sorted(functions.items(), key=lambda item: -item[1])[:top]
        result[owner] = [("(all)", sum(functions.values()) / total if total else 0.0)] + [
            (label, value / total if total else 0.0) for label, value in ranked]
    return result


def print_hot_spots(title: str, hot: dict[str, list[tuple[str, float]]]) -> None:
    print(f"\nhot spots ({title}; share of all sampled scoring time, self time per function):")
    for owner in sorted(hot, key=lambda owner: -hot[owner][0][1]):
        entries = hot[owner]
        print(f"  {owner}: {100 * entries[0][1]:.1f}%")
        for label, fraction in entries[1:]:
            if fraction >= 0.002:
                print(f"      {100 * fraction:5.1f}%  {label}")


# -- main ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500, help="generated articles (default 500)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; each article's best round counts")
    parser.add_argument("--profile", action="store_true", help="pyinstrument hot spots per detector")
    parser.add_argument("--top", type=int, default=6, help="functions listed per detector with --profile")
    parser.add_argument("--html", default=None, help="with --profile: write pyinstrument's HTML tree here")
    parser.add_argument("--py-spy", dest="py_spy", default=None, metavar="SVG",
                        help="also sample with py-spy: hot spots per detector, flame graph written to SVG")
    parser.add_argument("--real", default=None, metavar="DIR", help="also time up to --real-limit real articles")
    parser.add_argument("--real-limit", type=int, default=500)
    parser.add_argument("--json", default=None, help="write the figures as JSON here")
    parser.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    from reliability import _default_scorer, score_article

    scorer = _default_scorer()
    names = [d.spec.name for d in scorer.registry.detectors]
    texts = seed_texts() + synthetic_articles(args.articles)
    words = [len(t.split()) for t in texts]
    for text in texts[:20]:
        score_article(text)  # warm up: data loaded, caches filled
    cpu, wall = time_each(score_article, texts, args.rounds)
    if args.quiet:
        return 0
    figures: dict[str, object] = {
        "machine": machine(), "load": load_note(), "detectors": names,
        "articles": len(texts), "words_median": statistics.median(words),
        "cpu": summary(cpu), "wall": summary(wall),
    }
    print(f"machine: {figures['machine']}")
    print(f"{load_note()}")
    print(f"detectors: {', '.join(names)}")
    print(f"{len(texts)} articles (5 seeds + {args.articles} generated), median {statistics.median(words):.0f} words "
          f"(range {min(words)}-{max(words)}), best of {args.rounds} rounds each")
    for label, values in (("CPU", figures["cpu"]), ("wall", figures["wall"])):
        print(f"  {label:>4}: median {values['median_ms']:.3f} ms, p90 {values['p90_ms']:.3f} ms, "
              f"mean {values['mean_ms']:.3f} ms -> {values['per_second']:,.0f} articles/s on one core")
    verdict = "meets" if figures["cpu"]["per_second"] >= TARGET_PER_SECOND else "misses"
    print(f"  target {TARGET_PER_SECOND:,} articles/s (median < 1 ms): {verdict} "
          f"({figures['cpu']['per_second'] / TARGET_PER_SECOND:.2f}x of target, CPU time)")

    if args.real:
        real = real_texts(args.real, args.real_limit)
        if real:
            rcpu, _rwall = time_each(score_article, real, 1)
            rwords = [len(t.split()) for t in real]
            values = summary(rcpu)
            figures["real"] = {"articles": len(real), "words_median": statistics.median(rwords), **values}
            print(f"real articles under {args.real}: {len(real)}, median {statistics.median(rwords):.0f} words: "
                  f"CPU median {values['median_ms']:.3f} ms, mean {values['mean_ms']:.3f} ms -> "
                  f"{values['per_second']:,.0f}/s")

    sample = texts[: min(len(texts), 200)]
    rows = breakdown(sample, args.rounds)
    total = rows[-1][1]
    figures["breakdown_ms"] = dict(rows)
    print(f"\nwhere the time goes (mean CPU ms per article over {len(sample)} articles; "
          "each part timed alone, best of rounds):")
    for name, ms in rows:
        share_text = "" if name.startswith("total") else f"{100 * ms / total:5.1f}%"
        print(f"  {name:<34} {ms:7.3f} ms  {share_text}")

    if args.profile:
        hot = profile(sample, max(1, args.rounds), args.top, args.html)
        figures["profile"] = hot
        print_hot_spots("pyinstrument", hot)
        if args.html:
            print(f"pyinstrument tree: {args.html}")
    if args.py_spy:
        hot = py_spy(args.py_spy, min(args.articles, 300), args.rounds, args.top)
        figures["py_spy"] = hot
        print_hot_spots("py-spy, sampled from outside the interpreter", hot)
        print(f"py-spy flame graph: {args.py_spy}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
