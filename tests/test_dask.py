"""reliability.dask on a real (local) Dask cluster: two worker processes, results equal score_article's."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from reliability import score_article  # noqa: E402
from reliability.dask import score_bag, score_dataframe  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# Hand-written paragraphs of different kinds, mixed with seed paragraphs below.
_OWN = [
    "The county board voted 5-2 on Tuesday to close the Elm Street clinic, citing a $3 million shortfall.",
    "A senior official, who spoke on condition of anonymity because the talks were private, said a deal was close.",
    "Experts say the vaccine may possibly have been linked to the outbreak, although this could not be confirmed.",
    "Click here to subscribe to our newsletter. Share this article on Facebook. All rights reserved.",
    "Dr. Harold Quimby, a renowned expert at the Institute for Advanced Studies, called the findings “alarming.”",
    "“We were not told anything,” said Maria Okafor, 54, who has lived on the street for twenty years.",
    "Sources close to the matter suggest that the minister is reportedly considering stepping down.",
    "Rainfall in March was 40 percent above the long-term average, according to the national weather service.",
]


def _articles() -> list[dict]:
    """Three dozen varied articles: the seeds, and mixes of seed paragraphs and our own."""
    rng = random.Random(3)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [p for text in seeds for p in text.split("\n\n") if p.strip()] + _OWN
    rows = [{"text": text, "title": None, "published": None} for text in seeds]
    for i in range(31):
        picked = rng.sample(paragraphs, rng.randint(1, 8))
        rows.append({
            "text": "\n\n".join(picked),
            "title": f"Article {i}" if i % 3 else None,
            "published": "2024-03-0%d" % (1 + i % 9) if i % 4 == 0 else None,
        })
    return rows


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=40)
    with cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return _articles()


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-9)


def test_score_dataframe_equals_score_article(client, articles):
    frame = pd.DataFrame(articles, index=pd.RangeIndex(100, 100 + len(articles)))
    scored = score_dataframe(dd.from_pandas(frame, npartitions=6)).compute()

    assert list(scored.index) == list(frame.index)
    for (_, row), article in zip(scored.iterrows(), articles):
        expected = score_article(article["text"], title=article["title"], published=article["published"])
        assert row["reliability_score"] == pytest.approx(expected.score, abs=1e-9)
        assert row["reliability_band"] == expected.band
        assert row["reliability_findings"] == len(expected.findings)
        assert row["reliability_error"] is None
        top = expected.signals[0].feature if expected.signals else None
        if top:
            assert row["reliability_top_signals"].startswith(top)


def test_meta_matches_computed_partitions(client, articles):
    frame = pd.DataFrame(articles[:8])
    lazy = score_dataframe(dd.from_pandas(frame, npartitions=2))
    computed = lazy.compute()
    assert list(lazy.columns) == list(computed.columns)
    assert dict(lazy.dtypes) == dict(computed.dtypes)
    assert str(computed["reliability_findings"].dtype) == "Int64"


def test_each_worker_loads_the_model_once(client, articles):
    frame = pd.DataFrame({"text": [a["text"] for a in articles]})
    score_dataframe(dd.from_pandas(frame, npartitions=12)).compute()

    def loaded_scorers() -> int:
        from reliability import dask as module

        return sum(1 for model, _trusted, kb_extra in module._scorers if model is None and not kb_extra)

    per_worker = client.run(loaded_scorers)
    assert len(per_worker) == 2
    assert all(count == 1 for count in per_worker.values())  # 12 partitions, one Scorer per worker


def test_rows_that_cannot_be_scored_get_an_error_not_a_failed_partition(client, articles):
    texts = [articles[0]["text"], None, "   ", articles[1]["text"]]
    frame = pd.DataFrame({"body": texts, "published": [None, None, None, "not a date"]})
    scored = score_dataframe(dd.from_pandas(frame, npartitions=2), text="body").compute()

    assert scored["reliability_score"].iloc[0] == pytest.approx(score_article(texts[0]).score)
    assert scored["reliability_error"].iloc[1] == "'body' is missing"
    assert scored["reliability_error"].iloc[2] == "'body' is empty"
    assert math.isnan(scored["reliability_score"].iloc[3])
    assert "date" in scored["reliability_error"].iloc[3]


def test_features_columns_equal_the_report_features(client, articles):
    frame = pd.DataFrame({"text": [a["text"] for a in articles[:6]]})
    scored = score_dataframe(dd.from_pandas(frame, npartitions=2), features=True).compute()
    for text, (_, row) in zip(frame["text"], scored.iterrows()):
        expected = score_article(text).features
        for name, value in expected.items():
            assert _same(row["reliability_" + name], value), name


def test_missing_text_column_is_a_clear_error(articles):
    frame = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="no column 'text'"):
        score_dataframe(frame)


def test_score_bag_equals_score_article(client, articles):
    elements = [a["text"] for a in articles[:10]] + [
        {"id": "a-1", "text": articles[10]["text"], "published": "2024-05-01"},
        {"body": "no text field"},
        "",
        42,
    ]
    results = score_bag(db.from_sequence(elements, npartitions=4)).compute()

    assert len(results) == len(elements)
    for element, result in zip(elements[:10], results):
        expected = score_article(element)
        assert result["score"] == round(expected.score, 2)
        assert result["band"] == expected.band
        assert result["findings"] == len(expected.findings)
        assert result["error"] is None and result["id"] is None
    assert results[10]["id"] == "a-1"
    assert results[10]["score"] == round(score_article(articles[10]["text"], published="2024-05-01").score, 2)
    assert [r["score"] for r in results[11:]] == [None, None, None]
    assert all(r["error"] for r in results[11:])


def test_score_bag_full_reports(client, articles):
    text = articles[0]["text"]
    (result,) = score_bag(db.from_sequence([text], npartitions=1), report=True).compute()
    expected = score_article(text).to_dict()
    assert result["report"]["findings"] == expected["findings"]
    assert result["report"]["score"] == expected["score"]
    for finding in result["report"]["findings"]:
        if finding["start"] is not None:
            assert text[finding["start"]:finding["end"]] == finding["text"]


def test_existing_score_columns_need_another_prefix():
    frame = dd.from_pandas(pd.DataFrame({"text": ["x"], "reliability_score": [1.0]}), npartitions=1)
    with pytest.raises(ValueError, match="another prefix"):
        score_dataframe(frame)
    assert "mine_score" in score_dataframe(frame, prefix="mine_").columns


def test_worker_scorer_imports_without_dask():
    # Spark's mapInPandas recipe in docs/scale.md uses reliability.dask.worker_scorer on executors without Dask.
    import subprocess
    import sys

    code = "import sys, reliability.dask as m; m.worker_scorer; print('dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_newsrooms_own_knowledge_base_reaches_every_worker(client, tmp_path):
    from reliability.scoring import Scorer

    people = tmp_path / "people.csv"
    people.write_text("person,aliases\nEmily Carter,\n", encoding="utf-8")
    story = '"The threat is real," said Dr. Emily Carter, a defense policy expert at the institute.'
    frame = pd.DataFrame({"text": [story] * 4})
    plain = score_dataframe(dd.from_pandas(frame, npartitions=2)).compute()
    local = score_dataframe(dd.from_pandas(frame, npartitions=2), kb_extra=[people]).compute()
    own = Scorer(kb_extra=[people]).score(story)
    assert not any(f.code == "RS205" for f in own.findings)
    assert list(local["reliability_score"]) == [own.score] * 4
    assert list(local["reliability_findings"]) == [len(own.findings)] * 4
    assert (plain["reliability_findings"] > local["reliability_findings"]).all(), "the stock-name finding is gone"
    bag = score_bag(db.from_sequence([story, story], npartitions=2), kb_extra=[people], report=True).compute()
    assert [r["score"] for r in bag] == [round(own.score, 2)] * 2
    assert not any(f["code"] == "RS205" for r in bag for f in r["report"]["findings"])
