"""Peak resident memory and CPU time of a process and all its descendants (worker
processes included), sampled in a thread; shared by the batch benchmarks."""

from __future__ import annotations

import threading
import time


class TreeSampler:
    """Samples the resident memory of a process and all its descendants.

    Finding the descendants reads every process on the machine (about 1 ms), so
    it is done every ``find_every`` seconds and the processes found are sampled
    every ``interval`` seconds (tens of microseconds each): the sampler must not
    take a noticeable share of the cores the run it measures is using.
    """

    def __init__(self, pid: int, interval: float = 0.05, find_every: float = 0.5) -> None:
        import psutil

        self._root = psutil.Process(pid)
        self._interval = interval
        self._find_every = find_every
        self.peak_tree = 0
        self.peak_single = 0
        self.max_processes = 0
        self._cpu: dict[int, float] = {}  # last user+system seconds seen per process
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        processes: list = []
        found_at = float("-inf")
        while not self._stop.is_set():
            if time.monotonic() - found_at >= self._find_every:
                try:
                    processes = [self._root] + self._root.children(recursive=True)
                except psutil.Error:
                    return
                found_at = time.monotonic()
            sizes = []
            for process in processes:
                try:
                    with process.oneshot():
                        sizes.append(process.memory_info().rss)
                        times = process.cpu_times()
                        self._cpu[process.pid] = times.user + times.system
                except psutil.Error:
                    pass
            if sizes:
                self.peak_tree = max(self.peak_tree, sum(sizes))
                self.peak_single = max(self.peak_single, max(sizes))
                self.max_processes = max(self.max_processes, len(sizes))
            self._stop.wait(self._interval)

    @property
    def cpu_seconds(self) -> float:
        """CPU time of every process of the tree, as last sampled (a lower bound by at most one interval)."""
        return sum(self._cpu.values())
