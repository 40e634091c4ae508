"""JSON Lines: one JSON object per row, per line."""

from __future__ import annotations

import json
from typing import Any

from . import Writer as _Base


class Writer(_Base):
    def write(self, row: Any) -> None:
        data = row.to_dict() if hasattr(row, "to_dict") else row
        self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
