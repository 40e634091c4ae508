"""A self-contained HTML report: a sortable, filterable table of articles with
their scores, a score histogram, and each article's text with every finding
highlighted in its detector's colour.

Design choices, and why:

* **One file, no network.** CSS and JavaScript (``html_assets/``) are inlined and
  a Content-Security-Policy pins them by sha256, with ``default-src 'none'``: the
  page can load nothing from anywhere, and an inline script smuggled in through
  article text would not run even if escaping ever failed.
* **Data, not markup.** Articles are embedded once as JSON in a
  ``<script type="application/json">`` block (``<``, ``>``, ``&`` escaped so the
  text can never close the block) and the page builds the visible rows and the
  one open article with DOM text nodes (never ``innerHTML``). So 10,000 articles
  cost one ``JSON.parse``, not 10,000 rendered bodies, and untrusted text is only
  ever text.
* **Offsets converted here.** Findings index the caller's Python string (code
  points); JavaScript strings index UTF-16 code units. Offsets are converted
  once in Python (an astral character such as an emoji counts twice), so the
  page slices exactly the span the detector reported.
* **Streaming.** :class:`HtmlReport` encodes each article as it is added and
  keeps only that compact JSON, not the ``ArticleReport``, so memory stays
  proportional to the text itself.
"""

from __future__ import annotations

import base64
import bisect
import colorsys
import datetime as _dt
import hashlib
import html
import json
import math
import os
import re
import statistics
import tempfile
import zlib
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping, Sequence, TextIO

from ..report import SEVERITIES, ArticleReport

__all__ = ["HtmlReport", "render_html", "write_html", "detector_colour", "utf16_offsets"]

_ASSETS = Path(__file__).with_name("html_assets")

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies)
# for the shipped detectors; any other detector gets a hue from its name.
KNOWN_DETECTOR_COLOURS: Mapping[str, str] = {
    "anonymous_sourcing": "#E69F00",
    "unverifiable_names": "#56B4E9",
    "boilerplate": "#009E73",
    "hedging": "#CC79A7",
    "readability": "#D5C400",
}
# For detectors added later: dark or muted colours unlike the five above (from
# Paul Tol's palettes); a name picks one by hash, and a report moves a second
# detector that hashes to a colour already in use on to the next free one.
EXTRA_DETECTOR_COLOURS: tuple[str, ...] = (
    "#332288", "#882255", "#CC3311", "#8C564B", "#AA3377", "#117733", "#6A3D9A", "#4477AA",
)
BAND_COLOURS: Mapping[str, str] = {
    "reliable": "#2E7D32",
    "questionable": "#E0A000",
    "unreliable": "#C62828",
}
_OTHER_BAND_COLOUR = "#78909C"
_HIST_BINS = 10
_HIGHLIGHT_ALPHA = 0.28
_SEVERITY_INDEX = {name: i for i, name in enumerate(SEVERITIES)}

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters that must not appear raw inside a <script> block (``<`` could close
# it), plus lone surrogates, which UTF-8 cannot encode: all become \\uXXXX
# escapes, which JSON.parse turns back into the same single UTF-16 unit, so
# offsets stay valid.
_UNSAFE_IN_SCRIPT = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


def detector_colour(name: str, taken: Collection[str] = ()) -> str:
    """The detector's colour as ``#RRGGBB``: fixed for shipped detectors; for any
    other, a colour picked by a stable hash of its name, skipping ``taken``
    colours while a free one remains, and past the palette a hue from the hash."""
    known = KNOWN_DETECTOR_COLOURS.get(name)
    if known:
        return known
    digest = zlib.crc32(name.encode("utf-8"))
    palette = EXTRA_DETECTOR_COLOURS
    for step in range(len(palette)):
        colour = palette[(digest + step) % len(palette)]
        if colour not in taken:
            return colour
    hue = (digest % 360) / 360.0
    r, g, b = colorsys.hls_to_rgb(hue, 0.4, 0.6)
    return "#{:02X}{:02X}{:02X}".format(round(r * 255), round(g * 255), round(b * 255))


def utf16_offsets(text: str, offsets: Sequence[int]) -> list[int]:
    """Python string indices (code points) -> JavaScript indices (UTF-16 units)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return list(offsets)
    return [i + bisect.bisect_left(astral, i) for i in offsets]


def _escape_for_script(json_text: str) -> str:
    return _UNSAFE_IN_SCRIPT.sub(lambda m: "\\u%04x" % ord(m.group()), json_text)


def _dumps(value: Any) -> str:
    return _escape_for_script(json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")))


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _hex_to_rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _build_time() -> _dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set, so that a rebuilt report can be byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
    return _dt.datetime.now(_dt.timezone.utc)


def _default_detector_names() -> list[str]:
    """The registry's detectors, in its order (specs only; no data is loaded)."""
    try:
        from ..registry import all_specs
    except Exception:  # a broken detector module must not stop a report
        return list(KNOWN_DETECTOR_COLOURS)
    return [spec.name for spec in all_specs()]


class HtmlReport:
    """Collects scored articles and renders them as one HTML page.

    >>> report = HtmlReport(title="Morning batch")
    >>> report.add(row)              # a batch ResultRow, or anything with
    ...                              # id / report / error / text attributes
    >>> report.write(open("report.html", "w", encoding="utf-8"))
    """

    def __init__(self, *, title: str = "News reliability report", detectors: Sequence[str] | None = None,
                 generated: _dt.datetime | None = None) -> None:
        self.title = title
        self.generated = generated or _build_time()
        self._detectors: list[str] = []
        self._detector_index: dict[str, int] = {}
        self._colours: list[str] = []
        for name in detectors if detectors is not None else _default_detector_names():
            self._detector_id(name)
        self._strings: list[str] = []
        self._string_index: dict[str, int] = {}
        self._articles: list[str] = []
        self._scores: list[tuple[float, str]] = []
        self._errors = 0
        self._models: dict[tuple[str, str], int] = {}
        self._bands: list[str] = []

    # -- collecting ----------------------------------------------------------
    def __len__(self) -> int:
        return len(self._articles)

    def add(self, row: Any) -> None:
        """Add a batch result row (``id``, ``report``, ``error``, ``text``; ``title``,
        ``url``, ``published`` are used when the row has them)."""
        self.add_article(
            getattr(row, "id", None),
            getattr(row, "report", None),
            text=getattr(row, "text", None),
            error=getattr(row, "error", None),
            title=getattr(row, "title", None),
            url=getattr(row, "url", None),
            published=getattr(row, "published", None),
        )

    def add_article(self, article_id: Any, report: ArticleReport | None, *, text: str | None = None,
                    error: str | None = None, title: str | None = None, url: str | None = None,
                    published: Any = None) -> None:
        """Add one article; an article that failed has ``report=None`` and ``error``."""
        text = _text_or_none(text)
        article: dict[str, Any] = {"id": _text_or_none(article_id) or f"#{len(self._articles) + 1}"}
        for key, value in (("title", title), ("url", url), ("published", published), ("text", text)):
            value = _text_or_none(value)
            if value is not None:
                article[key] = value
        if error is not None or report is None:
            article["error"] = _text_or_none(error) or "not scored"
            self._errors += 1
        if report is not None:
            self._encode_report(article, report, text)
        self._articles.append(_dumps(article))

    def _encode_report(self, article: dict[str, Any], report: ArticleReport, text: str | None) -> None:
        score = _finite(report.score)
        article["score"] = None if score is None else round(score, 2)
        article["band"] = report.band
        if report.band not in self._bands:
            self._bands.append(report.band)
        if score is not None:
            self._scores.append((score, report.band))
        model = (report.model.name, report.model.version)
        self._models[model] = self._models.get(model, 0) + 1
        article["base"] = _finite(report.base_score)

        findings = list(report.findings)
        spans_ok = [
            text is not None and f.start is not None and f.end is not None
            and 0 <= f.start <= f.end <= len(text) and text[f.start : f.end] == f.text
            for f in findings
        ]
        flat = [o for f, ok in zip(findings, spans_ok) if ok for o in (f.start, f.end)]
        converted = iter(utf16_offsets(text, flat)) if text is not None else iter(())
        encoded = []
        counts: dict[int, int] = {}
        for finding, ok in zip(findings, spans_ok):
            detector = self._detector_id(finding.detector)
            counts[detector] = counts.get(detector, 0) + 1
            start, end = (next(converted), next(converted)) if ok else (None, None)
            item = [start, end, detector, self._string(finding.code), self._string(finding.message),
                    _SEVERITY_INDEX.get(finding.severity, 0), self._string(finding.feature or "")]
            if not ok:
                # Nothing to slice: keep the finding's own text, and say when a
                # span was given but does not index this text.
                item.append(finding.text)
                item.append(text is not None and finding.start is not None)
            encoded.append(item)
        article["f"] = encoded
        article["c"] = [counts.get(i, 0) for i in range(max(counts, default=-1) + 1)]
        article["s"] = [
            [self._string(s.feature), _finite(s.value), round(_finite(s.points) or 0.0, 2), s.message]
            for s in report.signals
        ]

    def _detector_id(self, name: str) -> int:
        index = self._detector_index.get(name)
        if index is None:
            index = self._detector_index[name] = len(self._detectors)
            self._detectors.append(name)
            self._colours.append(detector_colour(name, taken=self._colours))
        return index

    def _string(self, value: str) -> int:
        index = self._string_index.get(value)
        if index is None:
            index = self._string_index[value] = len(self._strings)
            self._strings.append(value)
        return index

    # -- rendering -----------------------------------------------------------
    def detector_colours(self) -> dict[str, str]:
        """Detector name -> its colour in this report."""
        return dict(zip(self._detectors, self._colours))

    def render(self) -> str:
        parts: list[str] = []
        self._write_parts(parts.append)
        return "".join(parts)

    def write(self, out: TextIO) -> None:
        """Write the page to a text stream (UTF-8 expected)."""
        self._write_parts(out.write)

    def _write_parts(self, emit) -> None:
        css = self._css()
        js = (_ASSETS / "report.js").read_text(encoding="utf-8")
        csp = (f"default-src 'none'; script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
               "img-src data:; base-uri 'none'; form-action 'none'")
        title = html.escape(self.title)
        emit(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{html.escape(csp)}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        )
        emit(self._header_html())
        emit((_ASSETS / "body.html").read_text(encoding="utf-8"))
        emit('<script type="application/json" id="report-data">')
        # The meta object without its closing brace, so the articles stream after it.
        emit(_dumps(self._meta())[:-1])
        emit(',"articles":[\n')
        for i, article in enumerate(self._articles):
            if i:
                emit(",\n")
            emit(article)
        emit("]}</script>\n")
        emit(f"<script>{js}</script>\n</body>\n</html>\n")

    def _meta(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "generated": self.generated.isoformat(timespec="seconds"),
            "models": [{"name": n, "version": v, "articles": c} for (n, v), c in self._models.items()],
            "bands": self._bands,
            "severities": list(SEVERITIES),
            "detectors": [
                {"name": name, "color": colour, "bg": _hex_to_rgba(colour, _HIGHLIGHT_ALPHA)}
                for name, colour in zip(self._detectors, self._colours)
            ],
            "strings": self._strings,
        }

    def _css(self) -> str:
        base = (_ASSETS / "report.css").read_text(encoding="utf-8")
        rules = []
        for i, colour in enumerate(self._colours):
            rules.append(f".d{i}{{--dc:{colour};--dbg:{_hex_to_rgba(colour, _HIGHLIGHT_ALPHA)}}}")
        rules.append(f":root{{--slots:{max(1, len(self._detectors))}}}")
        for band, colour in BAND_COLOURS.items():
            rules.append(f".band-{band}{{--band:{colour}}}")
        return base + "\n" + "\n".join(rules) + "\n"

    def _header_html(self) -> str:
        scores = [s for s, _ in self._scores]
        n = len(self._articles)
        stats = [f"<b>{n:,}</b> article{'s' if n != 1 else ''}"]
        if self._errors:
            stats.append(f"<b>{self._errors:,}</b> not scored")
        if scores:
            stats.append(f"mean score <b>{statistics.fmean(scores):.1f}</b>")
            stats.append(f"median <b>{statistics.median(scores):.1f}</b>")
        band_counts: dict[str, int] = {}
        for _, band in self._scores:
            band_counts[band] = band_counts.get(band, 0) + 1
        bands = "".join(
            f'<span class="band band-{html.escape(b)}">{html.escape(b)} {c:,}</span>'
            for b, c in sorted(band_counts.items(), key=lambda kv: _band_order(kv[0]))
        )
        legend = "".join(
            f'<li class="d{i}"><span class="swatch"></span>{html.escape(name)}</li>'
            for i, name in enumerate(self._detectors)
        )
        models = ", ".join(f"{html.escape(n)} {html.escape(v)}" for n, v in self._models)
        generated = html.escape(self.generated.strftime("%Y-%m-%d %H:%M UTC"))
        return (
            '<header class="top">\n'
            f'<div class="summary"><h1>{html.escape(self.title)}</h1>\n'
            f'<p class="stats">{" · ".join(stats)}</p>\n'
            f'<p class="bands">{bands}</p>\n'
            f'<p class="meta">Generated {generated}' + (f" · model {models}" if models else "") + "</p>\n"
            f'<ul class="legend" aria-label="Detector colours">{legend}</ul></div>\n'
            f'<figure class="chart">{score_histogram_svg(self._scores)}'
            '<figcaption>Score distribution (click a bar to filter)</figcaption></figure>\n'
            "</header>\n"
        )


def _band_order(band: str) -> int:
    order = ("unreliable", "questionable", "reliable")
    return order.index(band) if band in order else len(order)


def score_histogram_svg(scores: Sequence[tuple[float, str]], *, bins: int = _HIST_BINS) -> str:
    """An inline SVG bar chart of scores 0..100, each bar stacked by band."""
    width, height, left, bottom, top = 340, 130, 30, 20, 8
    plot_w, plot_h = width - left - 6, height - bottom - top
    counts = [dict() for _ in range(bins)]
    for score, band in scores:
        b = min(bins - 1, max(0, int(score * bins // 100)))
        counts[b][band] = counts[b].get(band, 0) + 1
    tallest = max((sum(c.values()) for c in counts), default=0) or 1
    bar_w = plot_w / bins
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="Histogram of {len(scores)} scores from 0 to 100">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>',
        f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" class="axis">{tallest}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" class="axis">0</text>',
    ]
    for b, by_band in enumerate(counts):
        lo, hi = b * 100 // bins, (b + 1) * 100 // bins
        x = left + b * bar_w
        total = sum(by_band.values())
        label = f"{lo}–{hi}: {total} article{'s' if total != 1 else ''}"
        if total:
            label += " (" + ", ".join(f"{k} {v}" for k, v in sorted(by_band.items(), key=lambda kv: _band_order(kv[0]))) + ")"
        out.append(f'<g class="bin" data-lo="{lo}" data-hi="{hi}" tabindex="0" role="button" '
                   f'aria-label="{html.escape(label)}"><title>{html.escape(label)}</title>')
        out.append(f'<rect x="{x:.1f}" y="{top}" width="{bar_w:.1f}" height="{plot_h}" fill="transparent" class="hit"/>')
        y = top + plot_h
        for band, count in sorted(by_band.items(), key=lambda kv: _band_order(kv[0])):
            h = plot_h * count / tallest
            y -= h
            colour = BAND_COLOURS.get(band, _OTHER_BAND_COLOUR)
            out.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{colour}"/>')
        out.append("</g>")
        if b % 2 == 0:
            out.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" class="axis">{lo}</text>')
    out.append(f'<text x="{left + plot_w:.1f}" y="{height - 6}" text-anchor="end" class="axis">100</text>')
    out.append("</svg>")
    return "".join(out)


def render_html(rows: Iterable[Any], *, title: str = "News reliability report") -> str:
    """Rows (batch ``ResultRow``s or alike) -> the report page as a string."""
    report = HtmlReport(title=title)
    for row in rows:
        report.add(row)
    return report.render()


def write_html(report: HtmlReport, path: "str | os.PathLike[str]") -> int:
    """Write the page atomically (temporary file in the same folder, then
    rename), so a reader never sees half a report; returns the size in bytes."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            report.write(out)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    return target.stat().st_size
