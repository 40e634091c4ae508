"""False alarms and speed of the unverifiable_names detector (RS2xx).

Runs the detector over the reliable articles of the shared corpora
(CheckThat! 2022 task 3 'true', ReCOVery 'reliable'), deduplicated, and prints
the share of articles with at least one finding of severity warning or above
(target: at most 2%), the detector's time per article and the knowledge base's
load time. The corpus text is read from the shared folder, never copied.

    python benchmarks/names_false_alarms.py [--data ../shared/data] [--show 20]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from reliability.document import Document
from reliability.detectors.unverifiable_names import UnverifiableNames
from reliability.report import severity_rank

CORPORA = {"checkthat2022_t3": "true", "recovery": "reliable"}


def reliable_articles(data: Path) -> list[dict]:
    """Reliable articles, one per distinct text."""
    seen: set[str] = set()
    rows = []
    for corpus, label in CORPORA.items():
        path = data / corpus / "normalized.jsonl"
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row.get("label") != label or not row.get("text"):
                    continue
                digest = hashlib.sha1(" ".join(row["text"].split()).encode()).hexdigest()
                if digest in seen:
                    continue
                seen.add(digest)
                rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_data = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--show", type=int, default=15, help="print this many warning findings")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    detector = UnverifiableNames(use_env=False).load()
    load_seconds = time.perf_counter() - started

    articles = reliable_articles(args.data)
    flagged = 0
    by_code: Counter[str] = Counter()
    by_corpus: Counter[str] = Counter()
    per_article: list[float] = []
    cpu_seconds = 0.0
    words = 0
    shown = 0
    for row in articles:
        published = (row.get("meta") or {}).get("date")
        if not isinstance(published, str) or not re.match(r"\d{4}-\d{2}-\d{2}", published):
            published = None
        doc = Document.build(row["text"], title=row.get("title"), published=published or None)
        _ = doc.word_spans  # shared work other detectors also use: not the detector's cost
        words += len(doc.word_spans)
        c0, t0 = time.process_time(), time.perf_counter()
        output = detector.detect(doc)
        per_article.append(time.perf_counter() - t0)
        cpu_seconds += time.process_time() - c0
        serious = [f for f in output.findings if severity_rank(f.severity) >= severity_rank("warning")]
        if serious:
            flagged += 1
            by_corpus[row["dataset"]] += 1
            for f in serious:
                by_code[f.code] += 1
                if shown < args.show:
                    shown += 1
                    print(f"  {row['dataset']}:{row['id']} [{published}] {f.code} {' '.join(f.text.split())!r}: {f.message}")
    n = len(articles)
    mean_ms = 1000 * statistics.fmean(per_article)
    per_500 = mean_ms * 500 / (words / n)
    sizes = Counter(a["dataset"] for a in articles)
    print(f"reliable articles: {n} ({', '.join(f'{c}: {k}' for c, k in sizes.items())})")
    print(f"articles with a warning/error finding: {flagged} = {100 * flagged / n:.2f}% (target <= 2%)")
    print(f"  by corpus: {dict(by_corpus)}; by rule: {dict(by_code)}")
    print(f"detector time per article: mean {mean_ms:.3f} ms, median {1000 * statistics.median(per_article):.3f} ms, "
          f"p95 {1000 * sorted(per_article)[int(0.95 * n)]:.3f} ms; per 500 words {per_500:.3f} ms "
          f"(mean {words / n:.0f} words)")
    print(f"detector CPU time per 500 words, first pass: {1000 * cpu_seconds / words * 500:.3f} ms "
          "(includes building each office's name index on first use; wall-clock figures above also "
          "include waiting for a busy machine)")
    docs = [Document.build(row["text"]) for row in articles]
    for doc in docs:
        _ = doc.word_spans
    c0 = time.process_time()
    for doc in docs:
        detector.detect(doc)
    warm = time.process_time() - c0
    print(f"detector CPU time per 500 words, second pass (warm): {1000 * warm / words * 500:.3f} ms; "
          f"per article {1000 * warm / n:.3f} ms")
    print(f"knowledge base load (detector.load()): {1000 * load_seconds:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
