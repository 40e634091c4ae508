"""Scoring many inputs: one result row per input, in input order, on one or several processes.

Rows stream: nothing is kept after it is yielded, so scoring 100,000 articles
needs the memory of a few chunks, not of 100,000 reports. With ``jobs > 1``
``jobs - 1`` worker processes each load their own Scorer once (in the pool's
initializer) and score chunks of records, and this process scores chunks too
while it waits for theirs; results are yielded in input order, and at most a
few chunks per process are in flight at a time.

Resuming: :class:`Journal` appends each finished row as one JSON line and
flushes it, so an interrupted run leaves every finished row on disk; a new run
given the same journal skips the inputs already there (:func:`skip_done`).
"""

from __future__ import annotations

import collections
import json
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Counter, Deque, Iterable, Iterator, Sequence

from .io import FileTask, InputRecord
from .report import ArticleReport
from .scoring import Scorer

if TYPE_CHECKING:  # imported when jobs > 1 only: multiprocessing is slow to import
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["ResultRow", "score_inputs", "score_record", "skip_done", "Journal", "progress", "progress_enabled"]

DEFAULT_CHUNK_SIZE = 16
_MAX_POOL_RESTARTS = 3


@dataclass(frozen=True)
class ResultRow:
    """The result for one input: a report, or the error that stopped it."""

    id: str
    report: ArticleReport | None
    error: str | None
    text: str | None  # kept so renderers (HTML report, explain) can show evidence
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the file the input came from (its id may be a record's own id)
    published: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.report is not None


def score_record(scorer: Scorer, record: "InputRecord | FileTask") -> ResultRow:
    """Score one record; a read error or a scoring failure becomes an error row, never an exception."""
    if isinstance(record, FileTask):
        record = record.read()
    if record.error is not None or record.text is None:
        return ResultRow(record.id, None, record.error or "no text", None, record.title, record.url, record.path,
                         record.published)
    report, error = _score_safely(scorer, record)
    return ResultRow(record.id, report, error, record.text, record.title, record.url, record.path, record.published)


def score_inputs(
    records: Iterable["InputRecord | FileTask"],
    *,
    jobs: int = 1,
    scorer: Scorer | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[ResultRow]:
    """One :class:`ResultRow` per record, in the records' order.

    Records may be unread :class:`~reliability.io.FileTask`s (see
    :func:`~reliability.io.iter_tasks`): they are read where they are scored.
    ``jobs > 1`` scores on that many processes: this one and ``jobs - 1``
    workers (``scorer`` is pickled once to each, without what it has loaded;
    without one each loads the default Scorer); ``jobs <= 0`` means one per
    CPU. Workers start from a fresh interpreter (forkserver or spawn), so a
    script that uses ``jobs > 1`` must call it under
    ``if __name__ == "__main__":``, as with any multiprocessing code.
    """
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if jobs == 1:
        scorer = scorer or _default_scorer()
        for record in records:
            yield score_record(scorer, record)
        return
    yield from _score_parallel(records, jobs, scorer, max(1, chunk_size))


def _default_scorer() -> Scorer:
    from . import _default_scorer as shared

    return shared()


def _score_safely(scorer: Scorer, record: InputRecord) -> tuple[ArticleReport | None, str | None]:
    try:
        report = scorer.score(record.text or "", title=record.title, published=record.published, url=record.url)
    except (KeyboardInterrupt, SystemExit):
        raise
    except ValueError as exc:  # e.g. a 'published' value that is not a date
        return None, f"cannot score: {exc}"
    except Exception as exc:  # a detector bug must cost one row, not the run
        return None, f"scoring failed: {type(exc).__name__}: {exc}"
    return report, None


# -- worker processes ----------------------------------------------------------

_worker_scorer: Scorer | None = None


def _init_worker(scorer: Scorer | None) -> None:
    global _worker_scorer
    # Ctrl-C goes to the whole process group: the parent handles it and shuts
    # the pool down, so workers must not each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_scorer = scorer or Scorer()
    if hasattr(type(_worker_scorer), "model"):  # any object with a score() method may stand in
        _worker_scorer.model  # load detectors and model once, before the first chunk  # noqa: B018


def _score_chunk(tasks: Sequence["InputRecord | FileTask"], scorer: Scorer | None = None,
                 ) -> list[tuple[InputRecord | None, ArticleReport | None, str | None]]:
    """``(record read here or None, report, error)`` per task; files are read where they are scored."""
    scorer = scorer or _worker_scorer or Scorer()
    results = []
    for task in tasks:
        read = task.read() if isinstance(task, FileTask) else None
        record = read or task
        if record.error is not None or record.text is None:
            results.append((read, None, record.error or "no text"))
        else:
            report, error = _score_safely(scorer, record)
            results.append((read, report, error))
    return results


def _mp_context() -> "multiprocessing.context.BaseContext":
    import multiprocessing

    # forkserver/spawn start workers from a clean interpreter: no copy of the
    # parent's threads (progress bar) or open files, and the same behaviour on
    # Linux, macOS and Windows.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _chunks(records: Iterable["InputRecord | FileTask"], size: int) -> Iterator[list["InputRecord | FileTask"]]:
    chunk: list["InputRecord | FileTask"] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class _Pending:
    """A chunk on its way: scored by a worker (``future``) or already here (``results``)."""

    chunk: list["InputRecord | FileTask"]
    future: "Future | None" = None
    results: "list[tuple[InputRecord | None, ArticleReport | None, str | None]] | None" = None

    def ready(self) -> bool:
        return self.results is not None or (self.future is not None and self.future.done())


def _score_parallel(records: Iterable["InputRecord | FileTask"], jobs: int, scorer: Scorer | None,
                    chunk_size: int) -> Iterator[ResultRow]:
    """``jobs - 1`` worker processes and this one score; rows come back in input order.

    This process scores a chunk itself whenever the next row it owes is still
    with a worker, so ``jobs`` processes score in all: on two cores, one worker
    and this process keep both busy, where two workers would share the cores
    with this process's reading and writing and leave its loaded model idle.
    """
    from concurrent.futures.process import BrokenProcessPool

    workers = jobs - 1
    busy_target = workers * 3  # chunks queued at workers: enough to keep each busy while rows go out here
    # Chunks held at once: the workers' queue plus what this process scores while it
    # waits (a worker's start-up alone takes as long as about a dozen chunks here).
    held = busy_target + 16
    local = scorer or _default_scorer()
    pending: Deque[_Pending] = collections.deque()
    chunks = _chunks(records, chunk_size)
    restarts = 0
    executor = _new_pool(workers, scorer)
    try:
        exhausted = False
        while True:
            at_workers = sum(1 for item in pending if item.future is not None and not item.future.done())
            while not exhausted and at_workers < busy_target and len(pending) < held:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append(_Pending(chunk, future=executor.submit(_score_chunk, chunk)))
                at_workers += 1
            if not pending:
                return
            head = pending[0]
            if not head.ready() and not exhausted and len(pending) < held:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append(_Pending(chunk, results=_score_chunk(chunk, local)))
                continue
            pending.popleft()
            try:
                results = head.results if head.results is not None else head.future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): rebuild the pool and
                # resubmit what was in flight; give up on workers after a few tries.
                executor.shutdown(wait=False, cancel_futures=True)
                pending.appendleft(head)
                restarts += 1
                if restarts > _MAX_POOL_RESTARTS:
                    # Workers cannot start or keep dying: finish in this process
                    # rather than lose rows.
                    print("reliability: worker processes keep failing; scoring the rest in one process",
                          file=sys.stderr)
                    for item in pending:
                        results = item.results if item.results is not None else _score_chunk(item.chunk, local)
                        yield from _rows(item.chunk, results)
                    pending.clear()
                    for chunk in chunks:
                        yield from _rows(chunk, _score_chunk(chunk, local))
                    return
                executor = _new_pool(workers, scorer)
                for item in pending:
                    if item.results is None:
                        item.future = executor.submit(_score_chunk, item.chunk)
                continue
            yield from _rows(head.chunk, results)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _rows(chunk: Sequence["InputRecord | FileTask"],
          results: "list[tuple[InputRecord | None, ArticleReport | None, str | None]]") -> Iterator[ResultRow]:
    for task, (read, report, error) in zip(chunk, results):
        record = read or task
        text = record.text if record.error is None else None
        yield ResultRow(record.id, report, error, text, record.title, record.url, record.path, record.published)


def _new_pool(jobs: int, scorer: Scorer | None) -> "ProcessPoolExecutor":
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context(), initializer=_init_worker, initargs=(scorer,))


# -- resume --------------------------------------------------------------------

class Journal:
    """Finished rows of a run, one JSON object per line, flushed as they come.

    A line cut short by an interruption is dropped when the journal is read
    back (and cut off the file before new rows are appended).
    """

    def __init__(self, path: "str | Path") -> None:
        self.path = Path(path)
        self._handle: Any = None

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> Iterator[dict]:
        """The complete rows in the journal, in order."""
        if not self.path.exists():
            return
        with open(self.path, "rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    return  # cut short by an interruption
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    return

    def done_ids(self) -> Counter[str]:
        """How many rows each id already has (ids may repeat across files)."""
        return collections.Counter(str(row.get("id")) for row in self.read())

    def open(self, *, resume: bool) -> "Journal":
        """Start appending; with ``resume`` keep the complete rows already there."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if resume and self.path.exists():
            self._truncate_partial_line()
            self._handle = open(self.path, "ab")
        else:
            self._handle = open(self.path, "wb")
        return self

    def append(self, row: dict) -> None:
        self._handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def remove(self) -> None:
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def _truncate_partial_line(self) -> None:
        keep = 0
        with open(self.path, "rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    break
                try:
                    json.loads(line)
                except json.JSONDecodeError:
                    break
                keep += len(line)
        with open(self.path, "r+b") as handle:
            handle.truncate(keep)


def skip_done(records: Iterable["InputRecord | FileTask"], done: Counter[str]) -> Iterator["InputRecord | FileTask"]:
    """``records`` without those already in ``done`` (each id skipped as many times as it is there)."""
    remaining = +done
    for record in records:
        if remaining.get(record.id, 0) > 0:
            remaining[record.id] -= 1
            continue
        yield record


# -- progress ------------------------------------------------------------------

def progress_enabled(stream: Any = None, *, env: "dict[str, str] | None" = None) -> bool:
    """A progress bar only for a person watching a terminal: not when piped, nor under CI."""
    env = os.environ if env is None else env
    if env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress(rows: Iterable[ResultRow], *, total: int | None = None, enabled: bool = True,
             initial: int = 0) -> Iterator[ResultRow]:
    """``rows`` unchanged, drawing a tqdm bar on standard error when ``enabled``."""
    if not enabled:
        yield from rows
        return
    from tqdm import tqdm

    errors = 0
    with tqdm(total=total, initial=initial, unit="article", file=sys.stderr, dynamic_ncols=True,
              mininterval=0.2, smoothing=0.1) as bar:
        for row in rows:
            if row.error is not None:
                errors += 1
                bar.set_postfix_str(f"{errors} errors", refresh=False)
            bar.update(1)
            yield row
