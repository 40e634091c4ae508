"""Time every detector on 1 MB adversarial strings: capitals, quotes, dots, spaces and friends.

    python benchmarks/adversarial.py                 # every input, every detector, 60 s limit each
    python benchmarks/adversarial.py --size 200000 --limit 10 --only capitals quotes

A regex with nested ambiguous quantifiers, or a Python loop that rescans
text, turns a long run of one character into minutes. Each input here is a
megabyte of text built to trigger that (a run of capitals, of quotation
marks, of dots, of white space, of initials "A. B. C.", of "Dr." titles ...).
For each input the Document's preprocessing and each detector's ``detect``
are timed alone (CPU time), then the whole score_article(). They run in a
child process with a time limit, so a part that hangs is reported as over
the limit and the rest still runs. Target: each part (the Document's
preprocessing and each detector) well under a second; the whole
score_article() is shown for information.
"""

from __future__ import annotations

import argparse
import json
import selectors
import subprocess
import sys
import time
from typing import Sequence

from speed import load_note, machine

TARGET_SECONDS = 1.0


def inputs(size: int) -> dict[str, str]:
    """Name -> adversarial text of about ``size`` characters."""

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "capitals": fill("A"),
        "capital words": fill("ABCDEF "),
        "title-case words": fill("Aaron Bee "),
        "straight quotes": fill('"'),
        "curly quotes": fill("“"),
        "apostrophes": fill("'"),
        "quote + letter": fill('"a'),
        "dots": fill("."),
        "spaces": fill(" "),
        "newlines": fill("\n"),
        "line break + space": fill(" \n"),
        "initials": fill("A. "),
        "titles": fill("Dr. "),
        "hyphens": fill("-"),
        "exclamations": fill("!"),
        "commas": fill(", "),
        "digits": fill("1"),
        "one word": fill("said "),
        "said sources": fill("sources said "),
        "apostrophe words": fill("a'b'c"),
        "no spaces": fill("abcdefghij"),
    }


_CHILD = r"""
import json, sys, time
from reliability import _default_scorer
from reliability.document import Document
text = sys.stdin.read()
skip = int(sys.argv[1])
scorer = _default_scorer()
scorer.model
parts = ["document"] + [d.spec.name for d in scorer.registry.detectors] + ["score_article"]
doc = Document.build(text)
for i, name in enumerate(parts):
    if i < skip:
        continue
    print(json.dumps({"start": name}), flush=True)
    c0 = time.thread_time()
    if name == "document":
        for attr in ("word_spans", "sentences", "quote_spans", "lines", "paragraphs", "dateline"):
            getattr(doc, attr)
    elif name == "score_article":
        scorer.score(text)
    else:
        next(d for d in scorer.registry.detectors if d.spec.name == name).detect(doc)
    print(json.dumps({"part": name, "seconds": time.thread_time() - c0}), flush=True)
"""


def run(text: str, limit: float) -> dict[str, float | None]:
    """Seconds per part; None for a part that did not finish within ``limit``."""
    results: dict[str, float | None] = {}
    skip = 0
    while True:
        process = subprocess.Popen([sys.executable, "-c", _CHILD, str(skip)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert process.stdin and process.stdout
        process.stdin.write(text)
        process.stdin.close()
        current = None
        started = time.monotonic()
        timed_out = False
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        while True:
            remaining = limit + 30 - (time.monotonic() - started)  # + start-up and loading
            if remaining <= 0 or not selector.select(timeout=remaining):
                timed_out = True
                break
            line = process.stdout.readline()
            if not line:
                break
            message = json.loads(line)
            if "start" in message:
                current = message["start"]
                started = time.monotonic() - 30  # the limit now applies to this part alone
            else:
                results[message["part"]] = message["seconds"]
                current = None
                skip += 1
        selector.close()
        if timed_out:
            process.kill()
            process.wait()
            if current is None:
                raise SystemExit("the child did not start in time")
            results[current] = None
            skip += 1
            continue
        process.wait()
        if process.returncode != 0:
            error = process.stderr.read() if process.stderr else ""
            if current is not None:
                results[current] = float("nan")
                print(f"  {current} failed: {error.strip().splitlines()[-1] if error.strip() else 'no message'}")
                skip += 1
                continue
            raise SystemExit(error)
        return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per input (default 1,000,000)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per part before it counts as hung")
    parser.add_argument("--only", nargs="*", default=None, help="input names to run")
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)

    print(f"machine: {machine()}")
    print(load_note())
    cases = inputs(args.size)
    if args.only:
        cases = {name: text for name, text in cases.items() if name in set(args.only)}
    table: dict[str, dict[str, float | None]] = {}
    for name, text in cases.items():
        table[name] = run(text, args.limit)
        print(f"{name}: " + ", ".join(
            f"{part} {'>' + str(int(args.limit)) + ' s' if s is None else f'{s:.3f} s'}" for part, s in table[name].items()),
            flush=True)
    parts = list(next(iter(table.values())))
    width = max(len(n) for n in table) + 2
    print(f"\nCPU seconds per {args.size:,}-character input (> limit = did not finish in {args.limit:.0f} s):")
    print(" " * width + "".join(f"{p[:12]:>13}" for p in parts))
    worst: dict[str, tuple[float, str]] = {}
    for name, row in table.items():
        cells = []
        for part in parts:
            value = row.get(part)
            cells.append(f"{'> limit':>13}" if value is None else f"{value:>13.3f}")
            seconds = float("inf") if value is None else value
            if part not in worst or seconds > worst[part][0]:
                worst[part] = (seconds, name)
        print(f"{name:<{width}}" + "".join(cells))
    print("\nworst input per part:")
    failed = False
    for part in parts:
        seconds, name = worst[part]
        if part == "score_article":
            verdict = "(all parts together; the target is per part)"
        else:
            verdict = "ok" if seconds < TARGET_SECONDS else "TOO SLOW"
            failed |= seconds >= TARGET_SECONDS
        shown = "> limit" if seconds == float("inf") else f"{seconds:.3f} s"
        print(f"  {part:<22} {shown:>10}  ({name})  {verdict}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(table, handle, indent=2)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
