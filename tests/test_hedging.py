"""RS4xx hedging: what a journalist sees flagged, and what must stay quiet."""

from __future__ import annotations

import math
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability.detectors.hedging import Hedging, _first_words
from reliability.document import Document, phrase_regex
from reliability.lexicons import load_lexicon

from conftest import seed_annotations, seed_texts

HANG_SECONDS = 20


@pytest.fixture(scope="module")
def detector() -> Hedging:
    return Hedging().load()


def findings(detector: Hedging, text: str):
    return detector.detect(Document.build(text)).findings


def codes(detector: Hedging, text: str) -> set[str]:
    return {f.code for f in findings(detector, text)}


# -- the seeds ------------------------------------------------------------------

HEDGE_ANNOTATIONS = [a for a in seed_annotations() if a["kind"] == "hedge"]


@pytest.mark.parametrize("annotation", HEDGE_ANNOTATIONS, ids=[f"{a['file'][:3]}:{a['text']}" for a in HEDGE_ANNOTATIONS])
def test_every_seed_hedge_is_overlapped_by_a_finding(detector, annotation):
    text = seed_texts()[annotation["file"]]
    assert text[annotation["start"]:annotation["end"]] == annotation["text"]
    hits = [f for f in findings(detector, text) if f.start < annotation["end"] and annotation["start"] < f.end]
    assert hits, f"no finding overlaps {annotation['text']!r}"
    assert all(f.code.startswith("RS4") for f in hits)


def test_seed_findings_index_the_callers_text(detector):
    for name, text in seed_texts().items():
        for f in findings(detector, text):
            assert text[f.start:f.end] == f.text, name
            assert f.feature and f.feature.startswith("hedging.")


# -- should / should not, per rule, in varied wording ---------------------------

SHOULD = {
    "RS401": [
        "Analysts said the merger may\nface regulatory hurdles.",
        "The vaccine might not work against the new variant.",
        "This could be the biggest shake-up in a generation.",
        "The rally will probably draw thousands.",
        "Perhaps the most striking detail is the timing.",
        "The hackers were possibly based overseas.",
        "It seems the company knew about the flaw for months.",
        "The suspect seemingly vanished without a trace.",
        "The fire was apparently caused by a faulty heater.",
        "The data suggest a link between the two outbreaks.",
        "It is unclear whether the deal will survive.",
        "It remains to be seen how voters will respond.",
        "There is no evidence the ballots were tampered with.",
        "The move is unlikely to calm markets.",
        "The ruling could potentially affect millions of tenants.",
        "Officials say it is possible that more bodies will be found.",
        "The outage appears to be over.",
        "Maybe the board will change its mind.",
        "The storm is likely to make landfall on Thursday.",
        "The new rules could have been drafted by lobbyists.",
        "FED MAY BE FORCED TO ACT",
        "Could this be the end of the euro?",
        "Only time will tell whether the gamble pays off.",
    ],
    "RS402": [
        "The singer reportedly paid $2 million for the house.",
        "The alleged scheme ran for six years.",
        "The two men were allegedly paid in cash.",
        "The palace is said to be furious.",
        "The cabinet is\nsaid to be divided.",
        "Rumours of a takeover sent shares higher.",
        "The prince is rumored to be engaged.",
        "According to unconfirmed reports, the general was killed.",
        "Reuters could not independently verify the claim.",
        "The video has not been verified.",
        "The purported memo circulated online.",
        "He is understood to have resigned.",
        "The prosecutor accused him of fraud.",
        "The man is suspected of arson.",
        "Speculation is mounting about his health.",
    ],
    "RS403": [
        "Some experts believe the request is linked to the offensive.",
        "Many people say the election was stolen.",
        "Some say the mayor has lost control.",
        "Critics say the plan favours the rich.",
        "Experts warn the virus could spread quickly.",
        "It is believed that the ship sank in minutes.",
        "It's believed the ship sank in minutes.",
        "It has been suggested that the letters were forged.",
        "The method is widely regarded as outdated.",
        "He is considered by many to be the best player of his generation.",
        "Studies have shown that the supplement boosts immunity.",
        "There are reports that the minister will step down.",
        "Some would argue the policy failed.",
        "According to some, the rally drew a million people.",
        "By some accounts, the meeting lasted five hours.",
        "Observers believe the talks are close to collapse.",
        "Many analysts expect a rate cut in June.",
        "It could be argued that the ban backfired.",
        "Everyone knows the system is rigged.",
        "Scientists think the comet will return in 2061.",
        "Some\nexperts believe the figures were inflated.",
    ],
    "RS404": [
        "“It may take years to rebuild,” the mayor said.",
        "\"They are reportedly furious,\" a neighbour said.",
        "‘Some experts believe we are already too late,’ she warned.",
    ],
    "RS405": [
        "Investigators believe the crash was caused by ice.",
        "The company expects profits to double.",
        "The bill is expected to pass easily.",
        "The victim is thought to have known her attacker.",
        "She is seen as a rising star in the party.",
        "The six are feared dead after the avalanche.",
        "The company predicts sales will fall.",
        "The two are thought to be brothers.",
        "He is regarded as a moderate.",
    ],
}

SHOULD_NOT = {
    "RS401": [
        "You may also like: Wildfire Season Starts Early",
        "You might also enjoy these stories.",
        "You may unsubscribe at any time.",
        "This material may not be published, broadcast, rewritten, or redistributed.",
        "The oceans are warming faster than previously thought.",
        "The repairs cost more than originally expected.",
        "This material may not be reproduced, distributed, transmitted, cached or otherwise used.",
        "The festival takes place every May in Cannes.",
        "Elections were held on May 4, 2023.",
        "Former Prime Minister Theresa May voted against the bill.",
        "May was the wettest month on record.",
        "Theresa May said the deal was dead.",
        "She could not attend the hearing.",
        "The spokesman couldn't be reached for comment.",
        "He could never forgive them.",
        "Russia's military might was on display.",
        "The might of the storm surprised forecasters.",
        "Pollsters surveyed 900 likely voters.",
        "Please reply as soon as possible.",
        "He appeared in court on Monday.",
        "The singer appeared on the show twice.",
        "Shares rose 4 percent on Tuesday.",
        "We will do everything possible to help.",
        "The company can ship orders overnight.",
        "The law would take effect next year if passed.",
    ],
    "RS402": [
        "The official met the envoy twice in March, the ministry said.",
        "He said to reporters that the plan was final.",
        "The accused appeared in court on Monday.",
        "The police report said the driver was speeding.",
    ],
    "RS403": [
        "Dr. Ana Ruiz, an economist at the central bank, believes the rate will fall.",
        "Three economists at the bank said rates would fall.",
        "The study, published in Nature, found a 12 percent drop.",
        "Some 300 people attended the rally.",
        "Many of the victims were children.",
        "The drug is commonly known as paracetamol.",
    ],
    "RS404": [
        "The mayor said it may take years to rebuild.",
        "“We will rebuild,” the mayor said.",
    ],
    "RS405": [
        "Police said the fire was set deliberately.",
        "The committee considered the proposal on Tuesday.",
        "Researchers at a think tank in Washington published the data.",
        "His thoughts turned to his family.",
        "The board thought about the offer for a week.",
        "The highly regarded painter died in 1790.",
        "People familiar with his thinking say he is torn.",
        "The thinking behind the plan was never explained.",
    ],
}


@pytest.mark.parametrize("code, text", [(c, t) for c, ts in SHOULD.items() for t in ts])
def test_rule_fires(detector, code, text):
    assert code in codes(detector, text), [(f.code, f.text) for f in findings(detector, text)]


@pytest.mark.parametrize("code, text", [(c, t) for c, ts in SHOULD_NOT.items() for t in ts])
def test_rule_stays_quiet(detector, code, text):
    assert code not in codes(detector, text), [(f.code, f.text) for f in findings(detector, text)]


# -- spans a journalist would highlight ------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("A decision that could reshape the landscape.", "could reshape"),
        ("The answer may hinge on the vote.", "may hinge"),
        ("Supplies could be supplied soon.", "could be supplied"),
        ("The request might\nseek more.", "might\nseek"),
        ("The secretary is said to hold authority.", "is said to"),
        ("Some experts believe the request is tied to the push.", "Some experts believe"),
        ("The pilot reportedly ignored the warning.", "reportedly"),
        ("It could be the end.", "could be"),
        ("It may have been stolen.", "may have been stolen"),
        ("The audit may not be published until spring, officials said.", "may not be published"),
        ("It may or may not rain on Sunday.", "may or may not"),
        ("It may, or may not, rain on Sunday.", "may, or may not"),
    ],
)
def test_spans_are_the_cue_phrase(detector, text, expected):
    found = [f.text for f in findings(detector, text)]
    assert expected in found, found


def test_one_finding_per_cue_without_overlaps(detector):
    text = "Some experts believe the rebels may or may not be reportedly regrouping, it could be argued."
    spans = sorted((f.start, f.end) for f in findings(detector, text))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert [f.code for f in findings(detector, text)] == ["RS403", "RS401", "RS402", "RS403"]


# -- quotes and features -----------------------------------------------------------

def test_quoted_hedges_are_counted_apart_from_the_reporters(detector):
    text = (
        "“We may never know what happened,” the chief said. "
        "The blast was reportedly caused by a gas leak, and the building could collapse."
    )
    out = detector.detect(Document.build(text))
    quoted = [f for f in out.findings if f.code == "RS404"]
    assert [f.text for f in quoted] == ["may never know"]
    assert quoted[0].data["kind"] == "modal"
    words = Document.build(text).word_count
    assert out.features["quoted_hedges_per_1k"] == pytest.approx(1000 / words)
    assert out.features["hedges_per_1k"] == pytest.approx(2000 / words)
    assert out.features["hearsay_per_1k"] == pytest.approx(1000 / words)
    assert out.features["modal_hedges_per_1k"] == pytest.approx(1000 / words)
    assert out.features["weasel_per_1k"] == 0.0
    # two sentences; only the second hedges in the reporter's voice
    assert out.features["hedged_sentence_share"] == pytest.approx(0.5)


def test_features_are_declared_and_nan_when_undefined(detector):
    names = [f.name for f in detector.spec.features]
    for text in ("", "   \n  ", "—"):
        out = detector.detect(Document.build(text))
        assert list(out.features) == names
        assert all(math.isnan(v) for v in out.features.values()), out.features
    out = detector.detect(Document.build("The council met on Tuesday and approved the budget."))
    assert all(v == 0.0 for v in out.features.values()), out.features


def test_every_rule_feeds_a_declared_feature_with_a_readable_message(detector):
    names = {f.name for f in detector.spec.features}
    for rule in detector.spec.rules:
        assert rule.code.startswith("RS4") and rule.feature in names and rule.rationale
    for feature in detector.spec.features:
        assert "{value" in feature.message
        feature.read(1.5)


# -- data files --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["hedge_modal", "hedge_hearsay", "hedge_weasel", "hedge_belief", "hedge_context"])
def test_lexicons_name_their_source_and_license(name):
    lexicon = load_lexicon(name)
    assert lexicon.source and lexicon.license and lexicon.entries


@pytest.mark.parametrize("name", ["hedge_modal", "hedge_hearsay", "hedge_weasel", "hedge_belief"])
def test_every_cue_entry_has_known_first_words(name):
    for phrase in load_lexicon(name).phrases:
        source = phrase[3:] if phrase.startswith("re:") else phrase_regex(phrase)
        assert _first_words(source), phrase


def test_first_words_reads_groups_and_optional_letters():
    assert _first_words(r"rumou?r(?:s|ed)?") == {"rumor", "rumors", "rumored", "rumour", "rumours", "rumoured"}
    assert _first_words(r"(?:it\s+)?(?:could|may)\s+be\s+argued") == {"it", "could", "may"}
    assert _first_words(r"[a-z]+ly") is None


# -- robustness ----------------------------------------------------------------------

NEWSY = st.sampled_from(
    ["may", "May", "MAY", "might", "could", "could not", "is said to", "some experts believe", "reportedly",
     "“", "”", "‘", "’", '"', "'", "\n", "\n\n", ".", "Theresa", "in", "It's", "it’s", "thought", "considered",
     "the", "his", "possible", "as", "—", "\u00a0", "likely", "voters", "appears", "to", "be", "Dr.", "🙂"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text_gives_valid_spans(text):
    _check_output(Hedging().load(), text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(NEWSY, st.text(max_size=8)), max_size=80).map(" ".join))
def test_cue_heavy_fragments_give_valid_non_overlapping_spans(text):
    _check_output(Hedging().load(), text)


def _check_output(detector: Hedging, text: str) -> None:
    out = detector.detect(Document.build(text))
    previous_end = 0
    for f in out.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert f.start >= previous_end
        previous_end = f.end
    for value in out.features.values():
        assert math.isnan(value) or value >= 0


@pytest.mark.parametrize("unit", ["A", "AB ", "“", '"', "‘x", ".", "...", " ", "\n", "May ", "could ", "It is ", "a, "])
def test_one_megabyte_adversarial_strings_do_not_hang(detector, unit):
    """A hang guard, not a speed target: a quadratic pattern takes hours on 1 MB."""
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]

    def hang(signum, frame):
        raise TimeoutError(f"hedging on 1 MB of {unit!r} did not finish in {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(HANG_SECONDS)
    try:
        out = detector.detect(Document.build(text))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert all(text[f.start:f.end] == f.text for f in out.findings[:100])
