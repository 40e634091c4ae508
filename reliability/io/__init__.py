"""Readers: paths, folders, globs and standard input -> one ``InputRecord`` per article.

Every input yields at least one record, and a record that could not be read
carries an ``error`` instead of text, so that callers can report it as a row
rather than crash or skip it silently.

Supported: ``.txt`` and ``.md`` (and any file given by name, read as text),
``.html``/``.htm`` (the article body, title and date via trafilatura),
``.json`` (one record or an array of records), ``.jsonl``, ``.csv``/``.tsv``
and ``.parquet`` (one record per row).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from .paths import PathItem, WalkStats

__all__ = [
    "InputRecord",
    "ReadOptions",
    "iter_inputs",
    "read_items",
    "iter_tasks",
    "FileTask",
    "expand_paths",
    "read_path",
    "read_stream",
    "READABLE_SUFFIXES",
    "RECORD_SUFFIXES",
    "STDIN",
]

STDIN = "-"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class InputRecord:
    """One article to score, or the reason it could not be read."""

    id: str  # the file path; "path#N" or the record's own id inside json/jsonl/csv/parquet; "-" for stdin
    text: str | None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    error: str | None = None  # set when the input could not be read; text is then None
    source: str | None = None  # the file a record came from, when its id is its own (else the id names it)

    @property
    def path(self) -> str:
        """The file (or ``-``) this record was read from."""
        if self.source is not None:
            return self.source
        head, sep, tail = self.id.rpartition("#")
        return head if sep and tail.isdigit() else self.id


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are found and read.

    ``max_bytes`` limits one article (a whole ``.txt``/``.md``/``.html`` file,
    or the text of one record); record files (``.jsonl``, ``.csv``,
    ``.parquet``) are streamed whatever their size, and a ``.json`` file,
    which must be parsed whole, may be up to ``max_json_bytes``.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_json_bytes: int = 512 * 1024 * 1024
    text_field: str = "text"
    title_field: str = "title"
    published_field: str = "published"
    url_field: str = "url"
    id_field: str = "id"
    # Glob patterns (matched against each path and its name) left out of folder walks.
    exclude: tuple[str, ...] = ()
    # Format of standard input: "auto" sniffs html/json/jsonl/text from the first bytes.
    stdin_format: str = "auto"
    # Where "-" reads from; None means sys.stdin.buffer (tests pass a BytesIO).
    stdin: BinaryIO | None = field(default=None, compare=False, repr=False)


# Suffixes read when walking a folder; a file given by name is always read.
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".parquet"})
READABLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}) | RECORD_SUFFIXES


def iter_inputs(paths: Sequence[str], options: ReadOptions | None = None, *, stats: "WalkStats | None" = None) -> Iterator[InputRecord]:
    """Every article in ``paths`` (files, folders walked recursively, globs, ``-``), in a stable order.

    Each file yields one record (or one per row for record files); a path that
    does not exist, a glob that matches nothing and a file that cannot be read
    each yield one record with ``error`` set. ``stats`` (optional) counts the
    files a folder walk left out.
    """
    from .paths import expand_paths

    options = options or ReadOptions()
    return read_items(expand_paths(paths, options, stats), options)


def read_items(items: Iterable["PathItem"], options: ReadOptions | None = None) -> Iterator[InputRecord]:
    """The records of already expanded paths (see :func:`reliability.io.paths.expand_paths`)."""
    options = options or ReadOptions()
    for item in items:
        if item.error is not None:
            yield InputRecord(id=item.display, text=None, error=item.error)
        elif item.path is None:  # standard input
            yield from read_stream(item.display, options.stdin or sys.stdin.buffer, options.stdin_format, options)
        else:
            yield from read_path(item.path, options, display=item.display)


@dataclass(frozen=True)
class FileTask:
    """A one-article file (text, Markdown, HTML) not read yet.

    Batch scoring sends these to worker processes, so that decoding and HTML
    extraction run in parallel with scoring; :meth:`read` gives its one record.
    """

    path: Path
    display: str
    options: ReadOptions

    @property
    def id(self) -> str:
        return self.display

    def read(self) -> InputRecord:
        records = list(read_path(self.path, self.options, display=self.display))
        if len(records) == 1:
            return records[0]
        # Not a one-article file after all (should not happen): say so in one row.
        return InputRecord(id=self.display, text=None, error=f"expected one article, found {len(records)}")


def iter_tasks(items: Iterable["PathItem"], options: ReadOptions | None = None) -> Iterator["InputRecord | FileTask"]:
    """Like :func:`read_items`, but one-article files come as unread :class:`FileTask`s;
    record files (.json, .jsonl, .csv, .parquet) and standard input are read here, streamed."""
    options = options or ReadOptions()
    file_options = replace(options, stdin=None)  # picklable for worker processes
    for item in items:
        if item.path is not None and item.error is None and item.path.suffix.lower() not in RECORD_SUFFIXES:
            yield FileTask(item.path, item.display, file_options)
        else:
            yield from read_items((item,), options)


def read_path(path: "str | Path", options: ReadOptions | None = None, *, display: str | None = None) -> Iterator[InputRecord]:
    """The article(s) in one file, by its suffix."""
    from .files import read_file

    return read_file(Path(path), options or ReadOptions(), display or str(path))


def read_stream(display: str, stream: BinaryIO, fmt: str, options: ReadOptions | None = None) -> Iterator[InputRecord]:
    """The article(s) in a byte stream (standard input) of format ``fmt`` (or ``auto``)."""
    from .files import read_bytes_as

    options = options or ReadOptions()
    try:
        data = _read_limited(stream, options.max_json_bytes)
    except OSError as exc:
        yield InputRecord(id=display, text=None, error=f"cannot read standard input: {exc}")
        return
    if data is None:
        yield InputRecord(id=display, text=None, error=f"standard input is over the {options.max_json_bytes:,}-byte limit")
        return
    yield from read_bytes_as(display, data, fmt, options)


def _read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def expand_paths(paths: Sequence[str], options: ReadOptions | None = None, stats: "WalkStats | None" = None) -> Iterator["PathItem"]:
    """See :func:`reliability.io.paths.expand_paths`."""
    from .paths import expand_paths as _expand

    return _expand(paths, options or ReadOptions(), stats)
