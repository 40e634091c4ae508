"""Score 100,000 articles with reliability.dask on a local Dask cluster; throughput per worker.

    pip install -e ".[dask]"
    python benchmarks/dask_throughput.py                         # 100,000 articles, 2 workers x 1 thread
    python benchmarks/dask_throughput.py --articles 20000 --workers 2 --partition 500
    python benchmarks/dask_throughput.py --scheduler tcp://host:8786   # a real cluster

The articles are generated on the workers, partition by partition (seed
sentences shuffled into 300-700-word articles; workers read the seeds from
this repository, so on a real cluster each worker needs the package
installed from a checkout), and persisted before the clock starts, as a
real job would read them from storage. Then ``score_dataframe`` runs over
the whole frame and only a summary comes back (rows, mean score, bands,
errors). The script prints the wall time, articles per second in total and
per worker, each worker's share of partitions and busy time (from Dask's
task stream), and how long loading the model took on each worker.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Sequence

from speed import load_note, machine

BENCHMARKS = str(Path(__file__).resolve().parent)


def make_partition(index: int, size: int) -> "object":
    """One partition of generated articles (runs on a worker)."""
    import pandas as pd

    if BENCHMARKS not in sys.path:
        sys.path.insert(0, BENCHMARKS)
    from speed import iter_synthetic_articles

    texts = list(iter_synthetic_articles(size, seed=10_000 + index))
    start = index * size
    return pd.DataFrame({"id": range(start, start + size), "text": texts},
                        index=pd.RangeIndex(start, start + size))


def load_model_seconds() -> float:
    """Time to load detectors and model in this worker (0 when already loaded)."""
    from reliability import dask as reliability_dask

    start = time.perf_counter()
    reliability_dask.worker_scorer()
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU time this worker process has used so far."""
    return time.process_time()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--partition", type=int, default=1000, help="articles per partition")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="threads per worker")
    parser.add_argument("--scheduler", default=None, help="address of an existing scheduler (default: a LocalCluster)")
    args = parser.parse_args(argv)

    import dask.dataframe as dd
    from distributed import Client, LocalCluster, get_task_stream, wait

    from reliability.dask import score_dataframe

    print(f"machine: {machine()}")
    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=args.threads, processes=True,
                               dashboard_address=":0", silence_logs=40)
        client = Client(cluster)
    try:
        workers = list(client.scheduler_info()["workers"])
        print(f"cluster: {len(workers)} workers x {args.threads} thread(s)")
        partitions = -(-args.articles // args.partition)
        sizes = [min(args.partition, args.articles - i * args.partition) for i in range(partitions)]
        meta = make_partition(0, 1).iloc[:0]
        articles = dd.from_map(make_partition, range(partitions), sizes, meta=meta,
                               divisions=[0] + [sum(sizes[: i + 1]) for i in range(partitions - 1)] + [args.articles - 1],
                               enforce_metadata=False)
        t0 = time.perf_counter()
        articles = articles.persist()
        wait(articles)
        print(f"generated {args.articles:,} articles in {partitions} partitions on the workers "
              f"({time.perf_counter() - t0:.0f} s, not counted)")

        loads = client.run(load_model_seconds)
        print("model loading per worker (first partition's extra cost): "
              + ", ".join(f"{seconds:.2f} s" for seconds in loads.values()))
        # Loaded now, so that the figure is about scoring; a fresh worker pays
        # this once, inside its first partition.

        scored = score_dataframe(articles, text="text")
        summary = scored[["reliability_score", "reliability_band", "reliability_error"]]
        print(f"scoring ({load_note()}) ...", flush=True)
        cpu_before = client.run(cpu_seconds)
        with get_task_stream(client) as stream:
            t0 = time.perf_counter()
            result = summary.compute()
            wall = time.perf_counter() - t0
        cpu_used = {w: seconds - cpu_before.get(w, 0.0) for w, seconds in client.run(cpu_seconds).items()}
        rows = len(result)
        errors = int(result["reliability_error"].notna().sum())
        bands = result["reliability_band"].value_counts().to_dict()

        busy: dict[str, float] = defaultdict(float)
        count: dict[str, int] = defaultdict(int)
        for task in stream.data:
            for item in task.get("startstops", ()):
                if item.get("action") == "compute":
                    busy[task["worker"]] += item["stop"] - item["start"]
            count[task["worker"]] += 1
        n_workers = len(workers)
        print(f"\n{rows:,} rows ({errors} errors), mean score {result['reliability_score'].mean():.1f}, bands {bands}")
        print(f"wall {wall:.1f} s: {rows / wall:,.0f} articles/s in total, {rows / wall / n_workers:,.0f} per worker")
        for worker in sorted(busy):
            print(f"  {worker}: {count[worker]} tasks, busy {busy[worker]:.1f} s "
                  f"({busy[worker] / wall:.0%} of the wall time), CPU {cpu_used.get(worker, float('nan')):.1f} s")
        if busy:
            per_task = statistics.fmean(busy.values()) / max(1, statistics.fmean(count.values()))
            print(f"mean compute per task {per_task:.2f} s; {rows / sum(busy.values()):,.0f} articles per busy "
                  f"worker-second; {rows / sum(cpu_used.values()):,.0f} articles per worker CPU-second "
                  "(what a worker with a core to itself would do)")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
