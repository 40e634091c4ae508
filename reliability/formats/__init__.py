"""Renderers: one module per output format, each with a streaming ``Writer``.

A writer takes rows one at a time (``write``) and finishes the document
(``close``), so output streams and memory stays flat; the formats that need a
whole-run figure before their first byte (JUnit's totals) say so in their
module. ``reliability score`` writes flat score rows (:func:`rows.score_row`);
``reliability check`` writes :class:`rows.ArticleCheck` verdicts.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar

# format name -> module in this package
SCORE_FORMATS = {"table": "table", "json": "json", "jsonl": "jsonl", "csv": "csv", "parquet": "parquet"}
CHECK_FORMATS = {"text": "text", "github": "github", "junit": "junit", "sarif": "sarif", "json": "json"}


@dataclass
class Summary:
    """Whole-run counts, for the formats that print a footer."""

    total: int = 0
    errors: int = 0
    failed: int = 0
    baselined: int = 0
    violations: int = 0
    bands: dict[str, int] = field(default_factory=dict)

    def count_score_row(self, row: dict[str, Any]) -> None:
        self.total += 1
        if row.get("error"):
            self.errors += 1
        elif row.get("band"):
            self.bands[row["band"]] = self.bands.get(row["band"], 0) + 1


class Writer:
    """Base class: ``write`` each row, then ``close`` once."""

    binary: ClassVar[bool] = False

    def __init__(self, out: IO[Any], **options: Any) -> None:
        self.out = out
        self.options = options

    def write(self, row: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self, summary: Summary | None = None) -> None:
        """Finish the document (closing brackets, footers)."""


def writer_class(fmt: str, *, check: bool = False) -> type[Writer]:
    """The Writer of format ``fmt`` (a key of SCORE_FORMATS or CHECK_FORMATS)."""
    table = CHECK_FORMATS if check else SCORE_FORMATS
    if fmt not in table:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(table)}")
    module = importlib.import_module(f"{__name__}.{table[fmt]}")
    return module.CheckWriter if check and hasattr(module, "CheckWriter") else module.Writer
