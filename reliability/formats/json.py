"""JSON: one array, one row per line, streamed (rows are written as they come)."""

from __future__ import annotations

import json
from typing import Any

from . import Summary
from . import Writer as _Base


class Writer(_Base):
    """An array of score rows (``score``) or of article verdicts (``check``)."""

    def __init__(self, out: Any, **options: Any) -> None:
        super().__init__(out, **options)
        self._count = 0

    def write(self, row: Any) -> None:
        data = row.to_dict() if hasattr(row, "to_dict") else row
        self.out.write(("[\n" if self._count == 0 else ",\n") + json.dumps(data, ensure_ascii=False))
        self._count += 1

    def close(self, summary: Summary | None = None) -> None:
        self.out.write("[]\n" if self._count == 0 else "\n]\n")
