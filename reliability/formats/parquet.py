"""Parquet: a typed table written in row groups (the file's footer is written at the end).

Rows are buffered a batch at a time, not for the whole run. Parquet needs a
file: to standard output only when it is not a terminal.
"""

from __future__ import annotations

from typing import Any

from . import Summary
from . import Writer as _Base

_BATCH_ROWS = 2048


def schema() -> Any:
    import pyarrow as pa

    signal = pa.struct([("feature", pa.string()), ("points", pa.float64()), ("message", pa.string())])
    return pa.schema([
        ("id", pa.string()),
        ("score", pa.float64()),
        ("band", pa.string()),
        ("findings", pa.int64()),
        ("top_signals", pa.list_(signal)),
        ("error", pa.string()),
    ])


class Writer(_Base):
    binary = True

    def __init__(self, out: Any, **options: Any) -> None:
        import pyarrow.parquet as pq

        super().__init__(out, **options)
        self._schema = schema()
        self._writer = pq.ParquetWriter(out, self._schema, compression="zstd")
        self._batch: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self._batch.append(row)
        if len(self._batch) >= _BATCH_ROWS:
            self._flush()

    def close(self, summary: Summary | None = None) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._batch:
            names = self._schema.names
            table = pa.Table.from_pylist([{k: r.get(k) for k in names} for r in self._batch], schema=self._schema)
            self._writer.write_table(table)
            self._batch = []
