"""A table for people at a terminal, printed row by row, with a one-line summary."""

from __future__ import annotations

import shutil
from typing import Any

from . import Summary
from . import Writer as _Base

_SCORE_W, _BAND_W, _FIND_W = 6, 12, 8
_MIN_ID_W, _MAX_ID_W = 12, 48


class Writer(_Base):
    """Columns: id, score, band, findings, and the top signal (or the error)."""

    def __init__(self, out: Any, *, width: int | None = None, **options: Any) -> None:
        super().__init__(out, **options)
        self.width = width or shutil.get_terminal_size((100, 24)).columns
        fixed = _SCORE_W + _BAND_W + _FIND_W + 6  # the columns and the gaps between them
        self.id_w = max(_MIN_ID_W, min(_MAX_ID_W, (self.width - fixed) // 2))
        self.rest_w = max(20, self.width - fixed - self.id_w)
        self.summary = Summary()
        self._header = False

    def write(self, row: dict[str, Any]) -> None:
        if not self._header:
            self._line("id", "score", "band", "findings", "top signal / error")
            self._header = True
        self.summary.count_score_row(row)
        if row.get("error"):
            self._line(row["id"], "-", "error", "-", row["error"])
            return
        signals = row.get("top_signals") or []
        top = signals[0]["message"] if signals else "(no signal moved the score)"
        self._line(row["id"], f"{row['score']:.1f}", row.get("band") or "", str(row.get("findings", "")), top)

    def close(self, summary: Summary | None = None) -> None:
        s = summary or self.summary
        scored = s.total - s.errors
        bands = ", ".join(f"{band} {n}" for band, n in sorted(s.bands.items()))
        noun = "article" if s.total == 1 else "articles"
        line = f"{s.total} {noun}: {scored} scored" + (f" ({bands})" if bands else "")
        if s.errors:
            line += f", {s.errors} could not be read or scored"
        self.out.write(("\n" if self._header else "") + line + "\n")

    def _line(self, ident: str, score: str, band: str, findings: str, rest: str) -> None:
        self.out.write(
            f"{_fit_left(ident, self.id_w):<{self.id_w}}  {score:>{_SCORE_W}}  {band:<{_BAND_W}}"
            f"{findings:>{_FIND_W}}  {_fit_right(' '.join(rest.split()), self.rest_w)}".rstrip() + "\n"
        )


def _fit_left(text: str, width: int) -> str:
    """Keep the end of a long path (the file name), cut the start."""
    return text if len(text) <= width else "…" + text[-(width - 1):]


def _fit_right(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
