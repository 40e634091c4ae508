"""How often each boilerplate rule (RS3xx) fires, per corpus and label, and how fast.

Usage:
    python benchmarks/boilerplate_rates.py [--data /work/shared/data] [--limit N] [--examples CODE]

For each corpus (``<data>/<name>/normalized.jsonl`` with fields ``text`` and
``binary``: 1 reliable/real, 0 unreliable/fake, null left out) it prints, per
label, the share of articles with at least one finding of each rule, the mean
of each feature, and the time per article: ``doc ms`` to build the shared
Document (words, lines, quotations: paid once for all detectors) and ``det ms``
for this detector alone. ``--own-labels`` groups by the corpus' own label
(e.g. llmfake's llm_fake / human_fake / human_real) instead of ``binary``.
``--examples RS304`` prints a few matched spans per label to judge precision
by eye (spans only; nothing is written to disk).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import time
from collections import defaultdict
from pathlib import Path

from reliability.detectors.boilerplate import Boilerplate
from reliability.document import Document

CORPORA = ("checkthat2022_t3", "recovery", "perez_rosas2018", "llmfake")
LABEL_NAMES = {1: "reliable", 0: "unreliable"}


def read_corpus(path: Path, limit: int | None, own_labels: bool) -> list[tuple[str, str]]:
    """(text, label) pairs of articles with a binary label, in file order (first ``limit``)."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("binary") not in (0, 1) or not isinstance(row.get("text"), str):
                continue
            label = str(row.get("label")) if own_labels else LABEL_NAMES[int(row["binary"])]
            rows.append((row["text"], label))
            if limit and len(rows) >= limit:
                break
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="/work/shared/data", help="folder holding the corpora (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="read at most N labeled articles per corpus")
    parser.add_argument("--examples", default=None, help="print a few matched spans of this rule code per label")
    parser.add_argument("--own-labels", action="store_true", help="group by the corpus' own label, not binary")
    args = parser.parse_args()

    detector = Boilerplate().load()
    codes = [rule.code for rule in detector.spec.rules]
    features = [f.name for f in detector.spec.features]
    print(f"boilerplate {detector.spec.version}: share of articles with >= 1 finding per rule; time per article\n")
    header = (
        f"{'corpus':18s} {'label':15s} {'n':>5s} " + " ".join(f"{c:>6s}" for c in codes)
        + f" {'doc ms':>7s} {'det ms':>7s}"
    )
    print(header)
    print("-" * len(header))
    feature_means: dict[tuple[str, str], dict[str, float]] = {}
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for corpus in CORPORA:
        path = Path(args.data) / corpus / "normalized.jsonl"
        if not path.exists():
            print(f"{corpus:18s} (missing: {path})")
            continue
        by_label: dict[str, list[str]] = defaultdict(list)
        for text, label in read_corpus(path, args.limit, args.own_labels):
            by_label[label].append(text)
        for label in sorted(by_label):
            texts = by_label[label]
            hits = {code: 0 for code in codes}
            sums: dict[str, list[float]] = defaultdict(list)
            elapsed = prepared = 0.0
            for text in texts:
                t0 = time.perf_counter()
                doc = Document.build(text)
                doc.word_spans, doc.lines, doc.quote_spans  # shared by all detectors: timed apart
                t1 = time.perf_counter()
                output = detector.detect(doc)
                elapsed += time.perf_counter() - t1
                prepared += t1 - t0
                for code in {f.code for f in output.findings}:
                    hits[code] += 1
                for name, value in output.features.items():
                    if not math.isnan(value):
                        sums[name].append(value)
                if args.examples:
                    for finding in output.findings:
                        if finding.code == args.examples:
                            examples[(corpus, label)].append(" ".join(finding.text.split())[:100])
            n = len(texts)
            cells = " ".join(f"{100 * hits[c] / n:5.1f}%" for c in codes)
            print(f"{corpus:18s} {label:15s} {n:5d} {cells} {1000 * prepared / n:7.3f} {1000 * elapsed / n:7.3f}")
            feature_means[(corpus, label)] = {k: statistics.fmean(v) for k, v in sums.items() if v}

    print("\nmean feature values (NaN left out)\n")
    print(f"{'corpus':18s} {'label':15s} " + " ".join(f"{name[:14]:>14s}" for name in features))
    for (corpus, label), means in feature_means.items():
        print(f"{corpus:18s} {label:15s} " + " ".join(f"{means.get(name, math.nan):14.3f}" for name in features))

    if args.examples:
        rng = random.Random(0)
        print(f"\nexamples of {args.examples}")
        for (corpus, label), spans in examples.items():
            print(f"\n{corpus} / {label} ({len(spans)} findings)")
            for span in rng.sample(spans, min(12, len(spans))):
                print(f"   {span!r}")


if __name__ == "__main__":
    main()
