"""Does scoring time grow linearly with article length?

    python benchmarks/scaling.py                   # 500 ... 50,000 words
    python benchmarks/scaling.py --sizes 500 5000 50000 --rounds 5

Builds articles of each length from the seeds' sentences (paragraphs of one to
four sentences; long ones chain differently shuffled articles, so nothing is
one block repeated), and times score_article() and each detector alone (CPU
time of this thread, best of ``--rounds``). Linear time means cost per 1,000
words stays flat; the target is a 50,000-word article costing at most about
100 times a 500-word one. The last column names the detector whose cost per
word grows the most, the first place to look when the ratio is off.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Sequence

from speed import article_of_length, load_note, machine

TARGET_RATIO = 100.0


def best_cpu(function, argument, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        c0 = time.thread_time()
        function(argument)
        best = min(best, time.thread_time() - c0)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 5000, 10000, 50000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from reliability import _default_scorer, score_article
    from reliability.document import Document

    scorer = _default_scorer()
    detectors = scorer.registry.detectors
    score_article(article_of_length(500, seed=99))  # load data before timing

    print(f"machine: {machine()}")
    print(load_note())
    rows = []
    for size in args.sizes:
        text = article_of_length(size, seed=size)
        words = len(text.split())
        total = best_cpu(score_article, text, args.rounds)

        def prepare(t: str) -> Document:
            doc = Document.build(t)
            for part in ("word_spans", "sentences", "quote_spans", "lines", "paragraphs", "dateline"):
                getattr(doc, part)
            return doc

        parts = {"document": best_cpu(prepare, text, args.rounds)}
        doc = prepare(text)
        for detector in detectors:
            parts[detector.spec.name] = best_cpu(detector.detect, doc, args.rounds)
        rows.append((size, words, len(text), total, parts))

    base_size, base_words, _, base_total, base_parts = rows[0]
    print(f"\n{'words':>7} {'chars':>9} {'CPU ms':>9} {'ms/1k words':>12} {'x first':>8}  steepest part (x its first, per word)")
    for size, words, chars, total, parts in rows:
        ratio = total / base_total
        growth = {name: (parts[name] / words) / (base_parts[name] / base_words) if base_parts[name] > 0 else 1.0
                  for name in parts}
        steep = max(growth, key=growth.get)
        print(f"{words:>7,} {chars:>9,} {1000 * total:>9.2f} {1000 * total / words * 1000:>12.3f} {ratio:>8.1f}  "
              f"{steep} ({growth[steep]:.2f}x per word)")
    print("\nper part, CPU ms at each length:")
    names = list(rows[0][4])
    print(f"{'part':<22}" + "".join(f"{r[1]:>10,}" for r in rows))
    for name in names:
        print(f"{name:<22}" + "".join(f"{1000 * r[4][name]:>10.2f}" for r in rows))
    largest = rows[-1]
    ratio = largest[3] / base_total
    words_ratio = largest[1] / base_words
    # The generated lengths are close to, not exactly, the sizes asked for:
    # compare the cost per word, scaled to a 100-fold length.
    per_word = ratio / words_ratio
    verdict = "meets" if per_word * 100 <= TARGET_RATIO * 1.1 else "misses"
    print(f"\n{largest[1]:,} words cost {ratio:.1f}x {base_words:,} words ({words_ratio:.1f}x the words; "
          f"{per_word:.2f}x the cost per word); target <= about {TARGET_RATIO:.0f}x for 100x the words: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
