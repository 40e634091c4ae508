"""One file (or standard input) -> its article records, by format."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from . import InputRecord, ReadOptions
from .decode import NotText, decode_bytes

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
STDIN_FORMATS = ("auto", "txt", "md", "html", "json", "jsonl", "csv", "tsv")


def read_file(path: Path, options: ReadOptions, display: str) -> Iterator[InputRecord]:
    """The records in ``path``; never raises for a bad file, yields an error record instead."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            from .records import read_jsonl

            yield from read_jsonl(path, options, display)
            return
        if suffix in (".csv", ".tsv"):
            from .records import read_csv

            yield from read_csv(path, options, display, delimiter="\t" if suffix == ".tsv" else ",")
            return
        if suffix == ".parquet":
            from .records import read_parquet

            yield from read_parquet(path, options, display)
            return
        limit = options.max_json_bytes if suffix == ".json" else options.max_bytes
        size = path.stat().st_size
        if size > limit:
            yield _error(display, f"file is {_human(size)}, over the {_human(limit)} limit (raise it with --max-bytes)")
            return
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:  # the file grew while we read it
            yield _error(display, f"file is over the {_human(limit)} limit (raise it with --max-bytes)")
            return
    except IsADirectoryError:
        yield _error(display, "is a folder")
        return
    except OSError as exc:
        yield _error(display, f"cannot read: {exc.strerror or exc}")
        return
    fmt = "json" if suffix == ".json" else "html" if suffix in _HTML_SUFFIXES else "md" if suffix in _MARKDOWN_SUFFIXES else "txt"
    yield from read_bytes_as(display, data, fmt, options)


def read_bytes_as(display: str, data: bytes, fmt: str, options: ReadOptions) -> Iterator[InputRecord]:
    """Records from an in-memory file of format ``fmt`` (``auto`` sniffs it)."""
    if fmt == "auto":
        fmt = sniff_format(data)
    if fmt in ("jsonl", "csv", "tsv"):
        from .records import read_csv_lines, read_jsonl_lines

        lines = data.splitlines(keepends=True)
        if fmt == "jsonl":
            yield from read_jsonl_lines(iter(lines), options, display)
        else:
            yield from read_csv_lines(data, options, display, delimiter="\t" if fmt == "tsv" else ",")
        return
    if fmt == "html":
        from .html import read_html

        yield read_html(display, data, options)
        return
    if fmt == "json":
        from .records import read_json

        yield from read_json(display, data, options)
        return
    try:
        text, _encoding = decode_bytes(data)
    except NotText as exc:
        yield _error(display, str(exc))
        return
    if len(data) > options.max_bytes:
        yield _error(display, f"text is {_human(len(data))}, over the {_human(options.max_bytes)} limit (raise it with --max-bytes)")
        return
    if fmt == "md":
        yield read_markdown(display, text)
    else:
        yield InputRecord(id=display, text=text)


def sniff_format(data: bytes) -> str:
    """Guess a format from the first bytes of standard input."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<article", b"<div", b"<p>", b"<meta")):
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0].strip()
        # A pretty-printed object spans lines; a .jsonl stream holds one whole object per line.
        return "jsonl" if first_line.endswith(b"}") else "json"
    return "txt"


def read_markdown(display: str, text: str) -> InputRecord:
    """A Markdown article; YAML front matter (``title:``, ``date:``, ``url:``) gives its metadata."""
    lines = text.split("\n")
    if len(lines) > 2 and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 60)):
            if lines[index].strip() in ("---", "..."):
                meta = _front_matter(lines[1:index])
                # Blank lines stand in for the front matter, so that line numbers in
                # findings are still the file's own.
                body = "\n" * (index + 1) + "\n".join(lines[index + 1:])
                if not body.strip():
                    return _error(display, "empty article: the Markdown file holds only front matter")
                return InputRecord(
                    id=display,
                    text=body,
                    title=meta.get("title"),
                    published=meta.get("date") or meta.get("published"),
                    url=meta.get("url"),
                )
    return InputRecord(id=display, text=text)


def _front_matter(lines: list[str]) -> dict[str, str]:
    meta = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.strip() and not line.startswith((" ", "\t")):
            meta[key.strip().lower()] = value.strip().strip("'\"") or None
    return {k: v for k, v in meta.items() if v}


def _error(display: str, message: str) -> InputRecord:
    return InputRecord(id=display, text=None, error=message)


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}"
    return f"{size} bytes"  # pragma: no cover

