"""Scoring on a Dask cluster: a Dask DataFrame or Bag of articles in, scores out.

>>> import dask.dataframe as dd
>>> from reliability.dask import score_dataframe
>>> articles = dd.read_parquet("s3://bucket/articles/")          # doctest: +SKIP
>>> scored = score_dataframe(articles, text="body")              # doctest: +SKIP
>>> scored[["url", "reliability_score", "reliability_band"]].to_parquet("s3://bucket/scored/")  # doctest: +SKIP

Both functions work partition by partition (``map_partitions``): a task ships
only the column names and settings, never a loaded model, and each worker
process loads detectors and model once, on its first partition, and keeps them
for every later partition (see :func:`worker_scorer`). Rows are scored exactly
as :func:`reliability.score_article` scores them; a row that cannot be scored
(no text, a date that is not a date) gets an ``error`` instead of a score, so
one bad article never fails a partition.

Needs the ``dask`` extra: ``pip install "news-reliability[dask]"``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .batch import score_record
from .frame import SCORE_COLUMNS, score_frame
from .io import InputRecord, ReadOptions
from .io.records import record_from_mapping
from .scoring import Scorer

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["score_dataframe", "score_bag", "worker_scorer", "SCORE_COLUMNS"]

# One Scorer per (model file, trusted, knowledge-base files) per process. A Dask worker process
# imports this module once, so the cache lives as long as the worker: the model
# and the detectors' data are loaded on the first partition only.
_scorers: dict[tuple[str | None, bool, tuple[str, ...]], Scorer] = {}
_scorers_lock = threading.Lock()


def worker_scorer(model_path: "str | Path | None" = None, trusted: bool = False,
                  kb_extra: "Iterable[str | Path]" = ()) -> Scorer:
    """The loaded Scorer of this process for ``model_path`` (the shipped model when None)
    and the knowledge-base files ``kb_extra`` (a newsroom's own rows).

    Safe to call from several threads of one worker: the first caller loads,
    the others wait for it and share the result.
    """
    extra = tuple(str(path) for path in kb_extra)
    key = (str(model_path) if model_path is not None else None, bool(trusted), extra)
    scorer = _scorers.get(key)
    if scorer is not None:
        return scorer
    with _scorers_lock:
        scorer = _scorers.get(key)
        if scorer is None:
            scorer = Scorer(model_path=model_path, trusted=trusted, kb_extra=extra)
            scorer.model  # load detectors and model now, inside the lock  # noqa: B018
            _scorers[key] = scorer
    return scorer


# -- DataFrame -------------------------------------------------------------------

def score_dataframe(
    ddf: "dd.DataFrame",
    text: str = "text",
    *,
    title: str | None = "title",
    published: str | None = "published",
    url: str | None = "url",
    prefix: str = "reliability_",
    features: bool = False,
    top: int = 3,
    model_path: "str | Path | None" = None,
    trusted: bool = False,
    kb_extra: "Iterable[str | Path]" = (),
) -> "dd.DataFrame":
    """``ddf`` with score columns added, lazily (call ``.compute()``, ``.to_parquet()``...).

    The columns and their arguments are those of
    :func:`reliability.frame.score_frame`: ``prefix`` + ``score`` (float, NaN
    when the row could not be scored), ``band``, ``findings`` (count, Int64),
    ``top_signals`` (``feature (+x.x); ...``) and ``error``; ``features=True``
    adds one float column per detector feature. ``model_path`` scores with
    your own model file and ``kb_extra`` adds your own knowledge-base CSV files
    (as ``reliability score --kb-extra``); they must be readable at those paths
    on every worker.
    The index and partitions of ``ddf`` are kept.
    """
    if text not in ddf.columns:
        raise KeyError(f"no column {text!r} in the frame (columns: {', '.join(map(str, list(ddf.columns)[:12]))})")
    clash = [column for column in ddf.columns if str(column).startswith(prefix)
             and str(column)[len(prefix):] in SCORE_COLUMNS]
    if clash:
        raise ValueError(f"the frame already has {clash}; pass another prefix=")
    options = dict(text=text, title=title, published=published, url=url, prefix=prefix, features=features, top=top)
    model = str(model_path) if model_path is not None else None
    extra = tuple(str(path) for path in kb_extra)
    meta = _empty_result(ddf._meta, options, model, trusted, extra)
    return ddf.map_partitions(_score_partition, options=options, model_path=model, trusted=trusted,
                              kb_extra=extra, meta=meta)


def _score_partition(part: "pd.DataFrame", *, options: Mapping[str, Any], model_path: str | None,
                     trusted: bool, kb_extra: tuple[str, ...]) -> "pd.DataFrame":
    return _score_part(part, options, worker_scorer(model_path, trusted, kb_extra))


def _score_part(part: "pd.DataFrame", options: Mapping[str, Any], scorer: Scorer) -> "pd.DataFrame":
    """``part`` with the score columns of :func:`score_frame` appended, its own columns untouched."""
    import pandas as pd

    names = [options[key] for key in ("text", "title", "published", "url")]
    used = [column for column in dict.fromkeys(names) if column is not None and column in part.columns]
    # Dask stores text as pandas' "string" dtype, whose missing value is pd.NA;
    # score_frame reads plain objects with None for missing (a pd.NA date would
    # otherwise be read as the text "<NA>").
    inputs = part[used].astype(object)
    inputs = inputs.where(inputs.notna(), None)
    scored = score_frame(inputs, scorer=scorer, **options)
    return pd.concat([part, scored.iloc[:, len(used):]], axis=1)


def _empty_result(meta: "pd.DataFrame", options: Mapping[str, Any], model_path: str | None,
                  trusted: bool, kb_extra: tuple[str, ...]) -> "pd.DataFrame":
    """The result of scoring no rows: the columns and dtypes every partition will have.

    Built by the same code that scores a partition, so the declared meta and
    the computed partitions cannot disagree. Nothing is loaded for it unless
    ``features=True`` (the feature names come from the loaded detectors).
    """
    if options.get("features"):
        scorer = worker_scorer(model_path, trusted, kb_extra)
    else:
        scorer = Scorer(model_path=model_path, trusted=trusted, kb_extra=kb_extra)
    return _score_part(meta.iloc[:0], options, scorer)


# -- Bag -------------------------------------------------------------------------

def score_bag(
    bag: "db.Bag",
    *,
    top: int = 3,
    report: bool = False,
    model_path: "str | Path | None" = None,
    trusted: bool = False,
    text_field: str = "text",
    kb_extra: "Iterable[str | Path]" = (),
) -> "db.Bag":
    """One dict per article of ``bag``, in the bag's order.

    Elements are texts, or mappings with ``text`` (or ``text_field``) and
    optional ``id``, ``title``, ``published``, ``url``. Each result has the
    keys of a ``reliability score`` JSON row: ``id`` (the element's own id, or
    None), ``score``, ``band``, ``findings`` (count), ``top_signals`` (a list
    of ``{feature, points, message}``) and ``error``. ``report=True`` adds the
    whole :meth:`ArticleReport.to_dict` under ``report`` (findings with their
    spans, every feature), which makes each result much larger. ``model_path``
    and ``kb_extra`` are as in :func:`score_dataframe`.
    """
    model = str(model_path) if model_path is not None else None
    return bag.map_partitions(_score_elements, top=top, report=report, model_path=model, trusted=trusted,
                              text_field=text_field, kb_extra=tuple(str(path) for path in kb_extra))


def _score_elements(elements: Iterable[Any], *, top: int, report: bool, model_path: str | None,
                    trusted: bool, text_field: str, kb_extra: tuple[str, ...]) -> list[dict[str, Any]]:
    from .formats.rows import score_row

    scorer = worker_scorer(model_path, trusted, kb_extra)
    options = ReadOptions(text_field=text_field, max_bytes=2**62)
    results = []
    for record, own_id in _records(elements, options):
        row = score_record(scorer, record)
        result = score_row(row, top=top)
        result["id"] = own_id
        if report:
            result["report"] = row.report.to_dict() if row.report is not None else None
        results.append(result)
    return results


def _records(elements: Iterable[Any], options: ReadOptions) -> Iterator[tuple[InputRecord, Any]]:
    for element in elements:
        if isinstance(element, str):
            if element.strip():
                yield InputRecord(id="", text=element), None
            else:
                yield InputRecord(id="", text=None, error="the text is empty"), None
        elif isinstance(element, Mapping):
            own_id = element.get(options.id_field)
            yield record_from_mapping(element, "", options), own_id
        else:
            yield InputRecord(id="", text=None, error=f"expected a text or a mapping, not {type(element).__name__}"), None
