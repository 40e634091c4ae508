"""Record files (.json, .jsonl, .csv/.tsv, .parquet) -> one record per row.

Record files are streamed (except ``.json``, which must be parsed whole), so a
file of a million articles needs no more memory than one. A row that cannot be
used (bad JSON, no text field, text too long) becomes an error record with the
row's id; a file that cannot be read at all becomes one error record.
Rows are numbered from 1: ``path#N`` is the N-th record (for ``.jsonl``, the
line number).
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import json
import math
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from . import InputRecord, ReadOptions
from .decode import NotText, decode_bytes

_PARQUET_BATCH_ROWS = 512


def record_from_mapping(row: Mapping[str, Any], fallback_id: str, options: ReadOptions, source: str | None = None) -> InputRecord:
    """An InputRecord from one row, with its own id when it has one (``source`` names the file)."""
    own_id = as_text(row.get(options.id_field))
    record_id = own_id if own_id else fallback_id
    src = source if own_id and source is not None else None
    if options.text_field not in row:
        fields = ", ".join(map(str, list(row)[:12])) or "none"
        return InputRecord(id=record_id, source=src, text=None, error=f"no {options.text_field!r} field (fields: {fields}; choose one with --text-field)")
    raw = row.get(options.text_field)
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return InputRecord(id=record_id, source=src, text=None, error=f"{options.text_field!r} is empty")
    if not isinstance(raw, str):
        return InputRecord(id=record_id, source=src, text=None, error=f"{options.text_field!r} is a {type(raw).__name__}, not text")
    if not raw.strip():
        return InputRecord(id=record_id, source=src, text=None, error=f"{options.text_field!r} is empty")
    size = len(raw.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        return InputRecord(id=record_id, source=src, text=None, error=f"text is {size:,} bytes, over the {options.max_bytes:,}-byte limit (raise it with --max-bytes)")
    return InputRecord(
        id=record_id,
        source=src,
        text=raw,
        title=as_text(row.get(options.title_field)),
        published=as_text(row.get(options.published_field)),
        url=as_text(row.get(options.url_field)),
    )


def as_text(value: Any) -> str | None:
    """Metadata as a string (dates in ISO form); missing, NaN and empty give None."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if hasattr(value, "isoformat") and callable(value.isoformat):  # pandas Timestamp
        try:
            return str(value.isoformat())
        except (TypeError, ValueError):
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


# -- .json -------------------------------------------------------------------

def read_json(display: str, data: bytes, options: ReadOptions) -> Iterator[InputRecord]:
    """A ``.json`` file: one record (an object) or many (an array of objects or strings)."""
    try:
        text, _encoding = decode_bytes(data)
    except NotText as exc:
        yield InputRecord(id=display, text=None, error=str(exc))
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputRecord(id=display, text=None, error=f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    if isinstance(value, dict):
        # One article per file: the file is its id unless the record names itself.
        yield record_from_mapping(value, display, options, display)
        return
    if isinstance(value, list):
        if not value:
            yield InputRecord(id=display, text=None, error="empty JSON array: no records")
            return
        for index, item in enumerate(value, start=1):
            yield _item_record(item, f"{display}#{index}", options, display)
        return
    yield InputRecord(id=display, text=None, error=f"JSON holds a {type(value).__name__}; expected an object or an array of objects")


def _item_record(item: Any, fallback_id: str, options: ReadOptions, source: str) -> InputRecord:
    if isinstance(item, dict):
        return record_from_mapping(item, fallback_id, options, source)
    if isinstance(item, str):
        return record_from_mapping({options.text_field: item}, fallback_id, options, source)
    return InputRecord(id=fallback_id, text=None, error=f"record is a {type(item).__name__}; expected an object")


# -- .jsonl ------------------------------------------------------------------

def read_jsonl(path: Path, options: ReadOptions, display: str) -> Iterator[InputRecord]:
    with open(path, "rb") as handle:
        yield from read_jsonl_lines(handle, options, display)


def read_jsonl_lines(lines: Iterable[bytes], options: ReadOptions, display: str) -> Iterator[InputRecord]:
    """One record per non-blank line; a file with no records yields one error record."""
    count = 0
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        count += 1
        record_id = f"{display}#{number}"
        if len(raw) > options.max_bytes * 2:  # JSON escapes may double the text's size, not more
            yield InputRecord(id=record_id, text=None, error=f"line is {len(raw):,} bytes, over the limit (raise it with --max-bytes)")
            continue
        try:
            value = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield InputRecord(id=record_id, text=None, error=f"line is not UTF-8 ({exc.reason} at byte {exc.start}); JSON Lines must be UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield InputRecord(id=record_id, text=None, error=f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _item_record(value, record_id, options, display)
    if count == 0:
        yield InputRecord(id=display, text=None, error="empty file: no JSON lines")


# -- .csv / .tsv -------------------------------------------------------------

def read_csv(path: Path, options: ReadOptions, display: str, *, delimiter: str = ",") -> Iterator[InputRecord]:
    with open(path, "rb") as handle:
        head = handle.read(1024 * 1024)
        encoding = _stream_encoding(head)
        if encoding is None:
            yield InputRecord(id=display, text=None, error="binary or undecodable file: not a CSV table")
            return
        handle.seek(0)
        reader = io.TextIOWrapper(handle, encoding=encoding, newline="")
        yield from _csv_records(reader, options, display, delimiter)


def read_csv_lines(data: bytes, options: ReadOptions, display: str, *, delimiter: str = ",") -> Iterator[InputRecord]:
    encoding = _stream_encoding(data[: 1024 * 1024])
    if encoding is None:
        yield InputRecord(id=display, text=None, error="binary or undecodable input: not a CSV table")
        return
    yield from _csv_records(io.StringIO(data.decode(encoding, "replace"), newline=""), options, display, delimiter)


def _stream_encoding(head: bytes) -> str | None:
    """The encoding of a streamed file, judged from its first megabyte."""
    if not head.strip():
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # A multi-byte character may be cut at the end of the sample: decode incrementally.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        _text, encoding = decode_bytes(head)
    except NotText:
        return None
    return encoding


def _csv_records(stream: io.TextIOBase, options: ReadOptions, display: str, delimiter: str) -> Iterator[InputRecord]:
    _raise_field_limit(options.max_bytes)
    count = 0
    try:
        reader = csv.DictReader(stream, delimiter=delimiter)
        fieldnames = reader.fieldnames
        if not fieldnames:
            yield InputRecord(id=display, text=None, error="empty file: no CSV header")
            return
        if options.text_field not in fieldnames:
            columns = ", ".join(fieldnames[:12])
            yield InputRecord(id=display, text=None, error=f"no {options.text_field!r} column (columns: {columns}; choose one with --text-field)")
            return
        for number, row in enumerate(reader, start=1):
            count += 1
            if None in row:  # more cells than header names: text was split somewhere
                extra = len(row.pop(None))
                yield InputRecord(id=f"{display}#{number}", text=None,
                                  error=f"row has {extra} more cells than the header (an unquoted delimiter?)")
                continue
            yield record_from_mapping(row, f"{display}#{number}", options, display)
    except UnicodeDecodeError as exc:
        yield InputRecord(id=f"{display}#{count + 1}", text=None, error=f"cannot decode the rest of the file ({exc.reason}); rows after {count} were not read")
        return
    except csv.Error as exc:
        yield InputRecord(id=f"{display}#{count + 1}", text=None, error=f"malformed CSV: {exc}; rows after {count} were not read")
        return
    if count == 0:
        yield InputRecord(id=display, text=None, error="no rows under the CSV header")


def _raise_field_limit(max_bytes: int) -> None:
    wanted = max(max_bytes * 4, 1024 * 1024)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(min(wanted, sys.maxsize // 2, 2**31 - 1))


# -- .parquet ----------------------------------------------------------------

def read_parquet(path: Path, options: ReadOptions, display: str) -> Iterator[InputRecord]:
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        yield InputRecord(id=display, text=None, error="cannot read Parquet: pyarrow is not installed")
        return
    try:
        parquet = pq.ParquetFile(path)
        names = parquet.schema_arrow.names
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ...
        yield InputRecord(id=display, text=None, error=f"not a readable Parquet file: {exc}")
        return
    if options.text_field not in names:
        yield InputRecord(id=display, text=None, error=f"no {options.text_field!r} column (columns: {', '.join(names[:12])}; choose one with --text-field)")
        return
    wanted = [options.text_field, options.title_field, options.published_field, options.url_field, options.id_field]
    columns = [name for name in dict.fromkeys(wanted) if name in names]
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield record_from_mapping(row, f"{display}#{number}", options, display)
    except Exception as exc:
        yield InputRecord(id=f"{display}#{number + 1}", text=None, error=f"cannot read the rest of the Parquet file: {exc}; rows after {number} were not read")
        return
    if number == 0:
        yield InputRecord(id=display, text=None, error="no rows in the Parquet file")
