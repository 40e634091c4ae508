"""pandas entry point (score_frame) and the scikit-learn transformer of detector features."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from reliability.frame import ReliabilityFeatures, score_frame
from reliability.registry import Registry
from test_batch import FakeScorer

ARTICLES = [
    "The city council approved the budget on Tuesday. Council member Jane Ortiz said the vote was close.",
    "SHOCKING!!! Officials said the cure was hidden. You won't believe what experts say might happen!",
    "The port authority said container traffic rose 4 percent in March, according to its monthly report.",
]


@pytest.fixture
def frame():
    return pd.DataFrame({
        "body": ["GOOD one", None, "", 7, "BAD one", "MEH one"],
        "headline": ["a", "b", "c", "d", "e", "f"],
        "when": ["2024-01-02", None, None, None, None, None],
    }, index=[10, 11, 12, 13, 14, 15])


def test_score_frame_adds_columns_and_keeps_every_row(frame):
    out = score_frame(frame, text="body", title="headline", published="when", scorer=FakeScorer())
    assert list(out.index) == list(frame.index)
    assert list(out.columns[:3]) == ["body", "headline", "when"]
    assert out["reliability_score"].tolist()[0] == 90.0
    assert math.isnan(out["reliability_score"].tolist()[1])
    assert out["reliability_band"].tolist() == ["reliable", None, None, None, "unreliable", "questionable"]
    assert out["reliability_findings"].dtype == "Int64"
    errors = out["reliability_error"].tolist()
    assert errors[0] is None and "missing" in errors[1] and "empty" in errors[2] and "int" in errors[3]
    assert out["reliability_top_signals"].tolist()[0] == "fake.signal (+40.0)"
    assert "reliability_score" not in frame.columns  # the caller's frame is untouched


def test_score_frame_with_the_real_model_and_features():
    df = pd.DataFrame({"text": ARTICLES, "title": ["A", "B", "C"]})
    out = score_frame(df, features=True, prefix="r_")
    assert out["r_score"].between(0, 100).all()
    assert set(out["r_band"]) <= {"reliable", "questionable", "unreliable"}
    feature_columns = [c for c in out.columns if c.startswith("r_") and "." in c]
    assert len(feature_columns) == len(Registry.default().feature_names)


def test_score_frame_in_parallel_matches_serial():
    df = pd.DataFrame({"text": ["GOOD", "BAD", "MEH", None] * 5})
    serial = score_frame(df, scorer=FakeScorer())
    parallel = score_frame(df, scorer=FakeScorer(), jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)


def test_score_frame_refuses_a_missing_column_and_a_clash():
    with pytest.raises(KeyError, match="no column 'text'"):
        score_frame(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(ValueError, match="prefix"):
        score_frame(pd.DataFrame({"text": ["x"], "reliability_score": [1]}), scorer=FakeScorer())


def test_score_frame_is_exported_from_the_package():
    import reliability

    if not hasattr(reliability, "score_frame"):
        pytest.skip("reliability.score_frame is exported by reliability/__init__.py (not yet)")
    assert reliability.score_frame is score_frame


# -- scikit-learn ---------------------------------------------------------------------------

def test_transformer_names_its_features_and_gives_one_row_per_text():
    transformer = ReliabilityFeatures()
    X = transformer.fit_transform(ARTICLES + [None, ""])
    names = transformer.get_feature_names_out()
    assert X.shape == (5, len(names)) and list(names) == list(Registry.default().feature_names)
    assert np.isnan(X[3]).all() and np.isnan(X[4]).all()  # no text: undefined, not zero
    words = list(names).index("readability.words")
    assert X[0, words] > 10


def test_transformer_takes_series_frames_and_2d_columns():
    transformer = ReliabilityFeatures().fit(None)
    series = transformer.transform(pd.Series(ARTICLES))
    frame = transformer.transform(pd.DataFrame({"text": ARTICLES, "other": [1, 2, 3]}))
    column = transformer.transform(np.array(ARTICLES, dtype=object).reshape(-1, 1))
    np.testing.assert_array_equal(series, frame)
    np.testing.assert_array_equal(series, column)
    with pytest.raises(ValueError):
        transformer.transform(np.array([["a", "b"]], dtype=object))


def test_transformer_pandas_output_clone_and_pickle():
    transformer = ReliabilityFeatures().set_output(transform="pandas")
    out = transformer.fit_transform(pd.DataFrame({"text": ARTICLES}))
    assert isinstance(out, pd.DataFrame) and list(out.columns) == list(transformer.get_feature_names_out())
    assert clone(transformer).get_params() == {"text": "text", "title": None, "published": None}
    restored = pickle.loads(pickle.dumps(transformer))
    pd.testing.assert_frame_equal(restored.transform(pd.DataFrame({"text": ARTICLES})), out)


def test_transformer_in_a_pipeline_and_a_column_transformer():
    texts = ARTICLES * 4
    labels = [1, 0, 1] * 4
    pipeline = make_pipeline(ReliabilityFeatures(), SimpleImputer(keep_empty_features=True), LogisticRegression())
    pipeline.fit(texts, labels)
    assert pipeline.predict(ARTICLES).shape == (3,)
    df = pd.DataFrame({"text": texts, "n": range(12)})
    columns = ColumnTransformer([("reliability", ReliabilityFeatures(), "text"), ("n", "passthrough", ["n"])])
    assert columns.fit_transform(df).shape[0] == 12
