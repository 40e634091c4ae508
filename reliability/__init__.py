"""news-reliability: score news articles for the marks of fabricated or low-quality content.

>>> from reliability import score_article
>>> report = score_article(open("seeds/000_2d4b62b40a583583.txt").read())
>>> report.band, round(report.score)
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

from .report import ArticleReport, Finding, ModelInfo, Signal
from .scoring import Scorer

__all__ = ["score_article", "score_articles", "score_frame", "ArticleReport", "Finding", "Signal", "ModelInfo", "Scorer"]
__version__ = "0.1.0"


@lru_cache(maxsize=1)
def _default_scorer() -> Scorer:
    return Scorer()


def score_article(
    text: str,
    *,
    title: str | None = None,
    published: "str | _dt.date | None" = None,
    url: str | None = None,
) -> ArticleReport:
    """Score one article from 0 (unreliable) to 100 (reliable), with the evidence.

    ``published`` is a date or an ISO string; without it, detectors that need a
    date read the article's dateline.
    """
    return _default_scorer().score(text, title=title, published=published, url=url)


def score_articles(articles: Iterable["str | Mapping[str, Any]"]) -> Iterator[ArticleReport]:
    """Score many articles (strings, or mappings with ``text`` and optional
    ``title``/``published``/``url``), loading detectors and model once."""
    return _default_scorer().score_many(articles)


def __getattr__(name: str) -> Any:
    # score_frame pulls in pandas: import it on first use, not with the package.
    if name == "score_frame":
        from .frame import score_frame

        return score_frame
    raise AttributeError(f"module 'reliability' has no attribute {name!r}")
