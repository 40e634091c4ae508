"""Start-up: `import reliability` plus the first score_article(), in a fresh interpreter.

    python benchmarks/startup.py              # 7 fresh interpreters, median and best
    python benchmarks/startup.py --runs 11 --importtime   # + the slowest imports (python -X importtime)

Each run starts a new Python, imports the package, scores one seed article
(which loads every detector's data and the model) and reports both steps, in
wall time and in CPU time of that process. The target is under 1 second for
both steps together. Interpreter start-up itself (before the import) is not
counted: it is the same for any Python library.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from typing import Sequence

from speed import SEEDS, load_note, machine

TARGET_SECONDS = 1.0

_CHILD = r"""
import json, sys, time
w0, c0 = time.perf_counter(), time.process_time()
import reliability
w1, c1 = time.perf_counter(), time.process_time()
report = reliability.score_article(open(sys.argv[1], encoding="utf-8").read())
w2, c2 = time.perf_counter(), time.process_time()
heavy = [m for m in ("numpy", "pandas", "sklearn", "scipy", "pyarrow", "trafilatura", "dask") if m in sys.modules]
print(json.dumps({"import_wall": w1 - w0, "import_cpu": c1 - c0, "first_wall": w2 - w1, "first_cpu": c2 - c1,
                  "modules": len(sys.modules), "heavy": heavy}))
"""


_BREAKDOWN = r"""
import json, sys, time
import reliability
from reliability.registry import DETECTOR_CLASSES
from reliability.model import load_model
times = {}
for cls in DETECTOR_CLASSES:
    c0 = time.process_time()
    cls().load()
    times[cls.spec.name] = time.process_time() - c0
c0 = time.process_time()
load_model()
times["model"] = time.process_time() - c0
print(json.dumps(times))
"""


def load_breakdown() -> dict[str, float]:
    """CPU seconds each detector's data (and the model) takes to load, in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", _BREAKDOWN], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_once(article: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, article], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def slowest_imports(article: str, top: int) -> list[tuple[float, str]]:
    """The modules with the largest cumulative import time (``python -X importtime``), in ms."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", _CHILD, article], check=True,
                         capture_output=True, text=True)
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        # "import time:  self [us] | cumulative | imported package"
        _self_us, cumulative_us, name = (part.strip() for part in line.split(":", 1)[1].split("|", 2))
        rows.append((int(cumulative_us) / 1000, name))
    rows.sort(reverse=True)
    return rows[:top]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--importtime", action="store_true", help="list the slowest imports")
    args = parser.parse_args(argv)
    article = str(sorted(SEEDS.glob("*.txt"))[0])

    print(f"machine: {machine()}")
    print(load_note())
    runs = [run_once(article) for _ in range(args.runs)]
    for key in ("import", "first"):
        wall = [r[f"{key}_wall"] for r in runs]
        cpu = [r[f"{key}_cpu"] for r in runs]
        label = "import reliability" if key == "import" else "first score_article()"
        print(f"{label:<24} wall median {1000 * statistics.median(wall):6.0f} ms (best {1000 * min(wall):4.0f}), "
              f"CPU median {1000 * statistics.median(cpu):6.0f} ms (best {1000 * min(cpu):4.0f})")
    total_wall = [r["import_wall"] + r["first_wall"] for r in runs]
    total_cpu = [r["import_cpu"] + r["first_cpu"] for r in runs]
    print(f"{'both':<24} wall median {1000 * statistics.median(total_wall):6.0f} ms (best {1000 * min(total_wall):4.0f}), "
          f"CPU median {1000 * statistics.median(total_cpu):6.0f} ms (best {1000 * min(total_cpu):4.0f})")
    print(f"modules loaded: {runs[0]['modules']}; heavy libraries imported: {', '.join(runs[0]['heavy']) or 'none'}")
    best = min(total_wall)
    verdict = "meets" if statistics.median(total_wall) < TARGET_SECONDS else (
        "meets on the best run" if best < TARGET_SECONDS else "misses")
    print(f"target < {TARGET_SECONDS:.0f} s: {verdict}")
    loads = load_breakdown()
    print("loading, CPU ms (first score): " + ", ".join(f"{name} {1000 * value:.0f}" for name, value in loads.items()))
    if args.importtime:
        print("\nslowest imports (cumulative ms, one run):")
        for ms, name in slowest_imports(article, 15):
            print(f"  {ms:8.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
