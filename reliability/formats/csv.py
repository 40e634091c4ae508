"""CSV: one line per row; the top signals in one cell (``feature (-4.2); ...``)."""

from __future__ import annotations

import csv
from typing import Any

from . import Writer as _Base
from .rows import SCORE_COLUMNS, signals_text


class Writer(_Base):
    def __init__(self, out: Any, **options: Any) -> None:
        super().__init__(out, **options)
        self._csv = csv.writer(out, lineterminator="\n")
        self._csv.writerow(SCORE_COLUMNS)

    def write(self, row: dict[str, Any]) -> None:
        cells = []
        for column in SCORE_COLUMNS:
            value = row.get(column)
            if column == "top_signals":
                value = signals_text(value or [])
            cells.append("" if value is None else value)
        self._csv.writerow(cells)
