"""The shipped model: verified on load, in step with its card, explanations that add up."""

import json
import math
import shutil

import pytest

from reliability import score_article
from reliability.model import CARD_FILE, MODEL_FILE, ModelIntegrityError, bundled_path, load_card, load_model, sha256_of
from reliability.registry import Registry, all_specs


def test_shipped_model_matches_the_checksum_its_card_pins():
    card = load_card()
    assert card["model_sha256"] == sha256_of(bundled_path(MODEL_FILE))


def test_card_describes_the_shipped_model_and_current_detectors():
    card, model = load_card(), load_model()
    assert card["model"] == model.name == "news-reliability-linear"
    assert card["version"] == model.version
    assert [f["name"] for f in card["features"]] == list(model.feature_names)
    assert card["bands"]["thresholds"] == dict(model.bands)
    assert card["detectors"] == {spec.name: spec.version for spec in all_specs()}, (
        "a detector changed since the model was trained: run `reliability train --data ../shared/data`"
    )
    assert set(model.feature_names) <= set(Registry.default().feature_names)
    pinned = {(f["corpus"], f["system"]) for f in card["evaluation"]}
    for corpus in ("checkthat_test", "recovery_publishers", "perez_rosas_fakenewsamt", "perez_rosas_celebrity", "llmfake_llm_fakes"):
        assert (corpus, "model") in pinned and (corpus, "baseline") in pinned and (corpus, "model-trimmed") in pinned
    assert len(card["evaluation_data_sha256"]) == 64


def test_a_tampered_model_is_refused_unless_trusted(tmp_path):
    shutil.copy(bundled_path(CARD_FILE), tmp_path / CARD_FILE)
    data = json.loads(bundled_path(MODEL_FILE).read_text())
    data["intercept"] += 1.0
    (tmp_path / MODEL_FILE).write_text(json.dumps(data))
    with pytest.raises(ModelIntegrityError):
        load_model(tmp_path / MODEL_FILE)
    assert load_model(tmp_path / MODEL_FILE, trusted=True).intercept == pytest.approx(data["intercept"])


def test_points_add_up_to_the_score(seeds):
    for text in seeds.values():
        report = score_article(text)
        total = report.base_score + sum(s.points for s in report.signals)
        assert total == pytest.approx(report.score, abs=1e-6)
        assert 0 <= report.score <= 100
        assert report.band in {"reliable", "questionable", "unreliable"}
        assert [abs(s.points) for s in report.signals] == sorted((abs(s.points) for s in report.signals), reverse=True)


def test_signals_name_their_evidence(seeds):
    report = score_article(seeds["000_2d4b62b40a583583.txt"])
    with_evidence = [s for s in report.signals if s.findings]
    assert with_evidence, "no signal is linked to a finding"
    for signal in with_evidence:
        assert "e.g. '" in signal.message
        assert all(f.feature == signal.feature for f in signal.findings)


def test_report_is_json_serialisable_and_immutable(seeds):
    report = score_article(seeds["001_67203c20ee23465f.txt"])
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) >= {"score", "band", "signals", "findings", "features", "model"}
    assert data["model"]["name"] and data["model"]["version"]
    for value in data["features"].values():
        assert value is None or math.isfinite(value)
    with pytest.raises(Exception):
        report.score = 1.0


def test_risk_signals_can_only_lower_the_score_and_priors_are_as_documented():
    from reliability.training.train import load_directions, load_priors

    model = load_model()
    directions, priors = load_directions(), load_priors()
    for name, coef in zip(model.feature_names, model.coef):
        if directions[name] == "risk":
            assert coef <= 0, name
        elif directions[name] == "credibility":
            assert coef >= 0, name
        elif directions[name] == "prior":
            assert coef == priors[name], name
        assert directions[name] != "exclude", name


def test_an_invented_office_holder_lowers_the_score_with_named_evidence():
    honest = "Secretary of State Antony Blinken met his counterparts in Brussels on 2023-04-04, the State Department said."
    invented = "Secretary of State Michael Brandon met his counterparts in Brussels on 2023-04-04, the State Department said."
    low, high = score_article(invented, published="2023-04-04"), score_article(honest, published="2023-04-04")
    assert low.score < high.score
    names = [s for s in low.signals if s.feature.startswith("unverifiable_names.") and s.points < 0]
    assert names and "Blinken" in " ".join(f.message for s in names for f in s.findings)


# The same subject twice: a page that uses anti-vaccine framing, and an agency
# story that reports on the movement and names the compensation programme.
FRAMING_PAGE = """The Truth About the Jab They Buried

The corporate media will not touch this story. Thousands of families say their children were vaccine-injured, and the so-called fact-checkers buried every doctor who spoke up. This is medical tyranny, plain and simple.

Health freedom groups have been warning us for years. The clot shot was rushed and Big Pharma made billions. Natural cures were mocked while the medical establishment looked away.

Why won't anyone ask the hard questions? Do your own research before it's too late. Share this with everyone you love.
"""
AGENCY_STORY = """BOISE, Idaho (AP) — Idaho lawmakers on Tuesday heard four hours of testimony on a bill that would widen religious exemptions from school vaccine requirements, as the state reported its 41st measles case of the year.

Supporters of the bill, many wearing shirts from a group that calls itself a medical freedom coalition, told the House Health and Welfare Committee that parents should decide. Dr. Karen Ulrich, the state epidemiologist, said vaccination rates among kindergartners had fallen to 86% from 91% in 2019.

Families who believe a child was harmed by a vaccine can file a claim with the National Vaccine Injury Compensation Program, which has paid about $5 billion since 1988, according to federal records. Such claims are rare: about one for every million doses given, the Health Resources and Services Administration said.

The committee is expected to vote Thursday.
"""


def test_framing_used_scores_below_framing_reported_and_says_why():
    page, story = score_article(FRAMING_PAGE), score_article(AGENCY_STORY)
    assert page.band == "unreliable" and story.score > page.score + 40
    framing = [s for s in page.signals if s.feature == "style.conspiracy_per_1k"]
    assert framing and framing[0].points < 0 and "corporate media" in framing[0].message
    assert not [f for f in story.findings if f.code == "RS602"]


def test_each_signal_says_what_a_typical_article_has_so_its_direction_reads_right():
    model = load_model()
    text = ("WASHINGTON — The bill passed on Tuesday, Smith said. It was the first vote of the session, "
            "and the second of the year, officials said.")
    report = score_article(text)
    index = {name: i for i, name in enumerate(model.feature_names)}
    named = next(s for s in report.signals if s.feature == "anonymous_sourcing.named_sources")
    typical = model.typical(index[named.feature])
    assert f"(typical: {typical:.0f})" in named.message
    # Fewer named sources than the typical article lowers the score: the message shows both counts.
    if named.value < typical:
        assert named.points < 0
    assert all("(typical: " in s.message for s in report.signals if not math.isnan(s.value))



def test_a_count_of_one_reads_in_the_singular():
    from reliability.registry import Registry

    specs = {f.name: f for spec in Registry.default().specs for f in spec.features}
    assert specs["invalid_rank_mentions"].read(1.0) == "1 invalid military rank"
    assert specs["invalid_rank_mentions"].read(2.0) == "2 invalid military ranks"
    assert specs["named_sources"].read(0.0) == "0 attributions to named sources"
    # the model reads log(1 + words); the reader is shown the words
    assert specs["log_words"].read(math.log1p(52)) == "article length 52 words"
    for spec in specs.values():  # every template can be read, defined or not
        spec.read(1.0), spec.read(math.nan)
