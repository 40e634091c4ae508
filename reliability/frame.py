"""pandas and scikit-learn entry points.

>>> import pandas as pd
>>> from reliability.frame import score_frame
>>> scored = score_frame(pd.DataFrame({"text": ["The council met on Tuesday ..."]}))
>>> list(scored.columns)  # doctest: +SKIP
['text', 'reliability_score', 'reliability_band', 'reliability_findings', 'reliability_top_signals', 'reliability_error']

:class:`ReliabilityFeatures` is a scikit-learn transformer from article texts
to the detectors' features (``get_feature_names_out``), for your own models.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from .batch import score_inputs
from .io import InputRecord
from .io.records import as_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .scoring import Scorer

__all__ = ["score_frame", "ReliabilityFeatures"]

SCORE_COLUMNS = ("score", "band", "findings", "top_signals", "error")


def score_frame(
    df: "pd.DataFrame",
    text: str = "text",
    *,
    title: str | None = "title",
    published: str | None = "published",
    url: str | None = "url",
    prefix: str = "reliability_",
    features: bool = False,
    top: int = 3,
    jobs: int = 1,
    scorer: "Scorer | None" = None,
) -> "pd.DataFrame":
    """A copy of ``df`` with score columns added (the input frame is not changed).

    ``text`` names the column of article texts; ``title``/``published``/``url``
    name optional columns, used when they exist (pass None to ignore one).
    Added columns, each named ``prefix + name``: ``score`` (0-100, NaN when the
    row could not be scored), ``band``, ``findings`` (count), ``top_signals``
    (``feature (+x.x); ...``) and ``error`` (why a row has no score: missing
    or empty text, ...). ``features=True`` adds one column per detector feature
    (``prefix + "readability.words"``, ...). ``jobs > 1`` scores on several
    processes. Every row gets a result, in the frame's order.
    """
    import pandas as pd

    if text not in df.columns:
        raise KeyError(f"no column {text!r} in the frame (columns: {', '.join(map(str, df.columns[:12]))})")
    names = {"title": title, "published": published, "url": url}
    optional = {key: column for key, column in names.items() if column is not None and column in df.columns}
    clash = [prefix + name for name in SCORE_COLUMNS if prefix + name in df.columns]
    if clash:
        raise ValueError(f"the frame already has {clash}; pass another prefix=")

    from .formats.rows import signals_text

    scores: list[float] = []
    bands: list[Any] = []
    counts: list[Any] = []
    tops: list[Any] = []
    errors: list[Any] = []
    feature_rows: list[dict[str, float]] = []
    for row in score_inputs(_records(df, text, optional), jobs=jobs, scorer=scorer):
        report = row.report
        if report is None:
            scores.append(math.nan)
            bands.append(None)
            counts.append(pd.NA)
            tops.append(None)
            errors.append(row.error)
            if features:
                feature_rows.append({})
            continue
        scores.append(float(report.score))
        bands.append(report.band)
        counts.append(len(report.findings))
        tops.append(signals_text([{"feature": s.feature, "points": s.points} for s in report.signals[:top]]))
        errors.append(None)
        if features:
            feature_rows.append(dict(report.features))
    out = df.copy()
    out[prefix + "score"] = pd.Series(scores, index=df.index, dtype="float64")
    out[prefix + "band"] = pd.Series(bands, index=df.index, dtype="object")
    out[prefix + "findings"] = pd.Series(counts, index=df.index, dtype="Int64")
    out[prefix + "top_signals"] = pd.Series(tops, index=df.index, dtype="object")
    out[prefix + "error"] = pd.Series(errors, index=df.index, dtype="object")
    if features:
        names_out = _feature_names(scorer)
        block = pd.DataFrame(feature_rows, index=df.index, columns=list(names_out), dtype="float64")
        block.columns = [prefix + name for name in block.columns]
        out = pd.concat([out, block], axis=1)
    return out


def _records(df: "pd.DataFrame", text: str, optional: dict[str, str]) -> Iterator[InputRecord]:
    columns = [text, *optional.values()]
    for position, values in enumerate(df[columns].itertuples(index=False, name=None)):
        record_id = f"#{position + 1}"
        raw = values[0]
        meta = {key: as_text(value) for key, value in zip(optional, values[1:])}
        if raw is None or (isinstance(raw, float) and math.isnan(raw)) or raw is _pd_na():
            yield InputRecord(record_id, None, error=f"{text!r} is missing")
        elif not isinstance(raw, str):
            yield InputRecord(record_id, None, error=f"{text!r} is a {type(raw).__name__}, not text")
        elif not raw.strip():
            yield InputRecord(record_id, None, error=f"{text!r} is empty")
        else:
            yield InputRecord(record_id, raw, **meta)


def _pd_na() -> Any:
    import pandas as pd

    return pd.NA


def _feature_names(scorer: "Scorer | None") -> Sequence[str]:
    if scorer is not None and hasattr(scorer, "registry"):
        return scorer.registry.feature_names
    from . import _default_scorer

    return _default_scorer().registry.feature_names


# -- scikit-learn ------------------------------------------------------------------

def __getattr__(name: str) -> Any:
    # scikit-learn takes a second or more to import: build the transformer class
    # on first use, so that `import reliability` and score_frame stay fast.
    if name == "ReliabilityFeatures":
        cls = _transformer_class()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _transformer_class() -> type:
    from sklearn.base import BaseEstimator, TransformerMixin

    class ReliabilityFeatures(TransformerMixin, BaseEstimator):
        """Article texts -> the detectors' features, one column per feature.

        Accepts a sequence of strings, a pandas Series, a DataFrame (its ``text``
        column, and ``title``/``published`` columns when named), or a 2-D array with
        one column (as a ColumnTransformer passes). Missing texts give a row of NaN
        (undefined, not zero): use an estimator that accepts NaN or an imputer.
        ``fit`` learns nothing; ``get_feature_names_out`` names the columns
        (``readability.words``, ...), and ``set_output(transform="pandas")`` works.
        """

        def __init__(self, text: str = "text", title: str | None = None, published: str | None = None) -> None:
            self.text = text
            self.title = title
            self.published = published

        def fit(self, X: Any, y: Any = None) -> "ReliabilityFeatures":
            self._registry()
            self.n_features_in_ = 1
            return self

        def transform(self, X: Any) -> Any:
            import numpy as np

            from .document import Document
            from .features import extract

            registry = self._registry()
            width = len(registry.feature_names)
            rows = []
            for text, title, published in _items(self, X):
                if text is None:
                    rows.append([math.nan] * width)
                    continue
                try:
                    doc = Document.build(text, title=title, published=published)
                except ValueError:  # an unreadable date: use the text without it
                    doc = Document.build(text, title=title)
                rows.append(list(extract(registry, doc).features.values()))
            return np.asarray(rows, dtype=float).reshape(len(rows), width)

        def get_feature_names_out(self, input_features: Any = None) -> Any:
            import numpy as np

            return np.asarray(self._registry().feature_names, dtype=object)

        def _registry(self) -> Any:
            registry = getattr(self, "registry_", None)
            if registry is None:
                from .registry import Registry

                registry = self.registry_ = Registry.default()
            return registry

        def __getstate__(self) -> dict[str, Any]:
            # The loaded detectors are rebuilt on use, not pickled with the estimator.
            state = dict(super().__getstate__())
            state.pop("registry_", None)
            return state

    # Pickle finds the class by this name in this module (see __getattr__).
    ReliabilityFeatures.__module__ = __name__
    ReliabilityFeatures.__qualname__ = "ReliabilityFeatures"
    return ReliabilityFeatures


def _items(self: Any, X: Any) -> Iterator[tuple[str | None, str | None, str | None]]:
    """(text, title, published) per row of whatever X the transformer was given."""
    import pandas as pd

    if isinstance(X, pd.DataFrame):
        column = self.text if self.text in X.columns else (X.columns[0] if X.shape[1] == 1 else None)
        if column is None:
            raise KeyError(f"no column {self.text!r} in X (columns: {', '.join(map(str, X.columns[:12]))})")
        titles = X[self.title] if self.title and self.title in X.columns else None
        dates = X[self.published] if self.published and self.published in X.columns else None
        for i, value in enumerate(X[column].tolist()):
            yield (_text_or_none(value),
                   None if titles is None else as_text(titles.iloc[i]),
                   None if dates is None else as_text(dates.iloc[i]))
        return
    if isinstance(X, pd.Series):
        values = X.tolist()
    else:
        import numpy as np

        array = np.asarray(X, dtype=object)
        if array.ndim == 2:
            if array.shape[1] != 1:
                raise ValueError(f"expected one column of texts, got {array.shape[1]}")
            array = array[:, 0]
        values = array.tolist()
    for value in values:
        yield _text_or_none(value), None, None


def _text_or_none(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    return None
