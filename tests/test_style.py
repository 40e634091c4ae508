"""Style detector: specific, detached reporting versus reader-addressing, sensational pages."""

import math

from reliability.document import Document
from reliability.detectors.style import Style

STYLE = Style().load()


def run(text, title=None):
    return STYLE.detect(Document.build(text, title=title))


REPORT = (
    "The city council voted 7-2 on Tuesday to raise the minimum wage to $15.50 by January 2026, "
    "according to meeting records. “This is about dignity,” said council member Ana Ruiz. "
    "The measure affects about 12,000 workers, the city's labor office said in a statement."
)
CLICKBAIT = (
    "You won't believe what they found. This shocking video will blow your mind! "
    "The mainstream media is hiding the truth, and the deep state doesn't want you to know. "
    "Why are they silent? Share this with your friends before it gets deleted."
)


def test_reporting_is_specific_and_detached():
    f = run(REPORT).features
    assert f["numbers_per_1k"] > 50 and f["time_refs_per_1k"] > 20 and f["quote_share"] > 0.05
    assert f["second_person_per_1k"] == 0 and f["sensational_per_1k"] == 0 and f["conspiracy_per_1k"] == 0


def test_clickbait_addresses_the_reader_and_frames_conspiracies():
    out = run(CLICKBAIT)
    codes = {f.code for f in out.findings}
    assert {"RS601", "RS602", "RS603", "RS604"} <= codes
    texts = {f.text.lower() for f in out.findings if f.code == "RS602"}
    assert "the mainstream media" in texts and "deep state" in texts
    assert out.features["second_person_per_1k"] > 0


def test_reader_address_inside_quotes_is_the_speakers():
    out = run("“You have to act now,” the minister told reporters on Monday.")
    assert out.features["second_person_per_1k"] == 0
    assert not [f for f in out.findings if f.code == "RS603"]


def test_us_the_country_is_not_first_person():
    assert run("The US and UK agreed on a plan with US officials.").features["first_person_per_1k"] == 0


def test_undefined_figures_are_nan_not_zero():
    f = run("Short.").features
    assert math.isnan(f["lexical_diversity"]) and math.isnan(f["negativity"]) and math.isnan(f["title_caps_share"])
    assert run("Short.", title="SHOCKING NEWS today").features["title_caps_share"] == 2 / 3


# Anti-media, hidden-ruler and anti-vaccine framing in the page's own voice (style 1.1).
FRAMING_SHOULD = [
    ("The corporate media will never tell you how many were vaccine-injured last year.", {"corporate media", "vaccine-injured"}),
    ("Health freedom advocates say natural cures work better than any jab.", {"health freedom", "natural cures"}),
    ("This was a psyop from day one, staged with crisis actors.", {"psyop", "crisis actors"}),
    ("Schwab's Great Reset is Agenda 2030 by another name.", {"great reset", "agenda 2030"}),
    ("The so-called fact-checkers at Facebook buried the doctor's video, a media cover-up.", {"so-called fact-checkers", "cover-up"}),
    ("Ordinary folk are waking up to the medical tyranny of the unelected global elites.", {"medical tyranny", "global elites"}),
]
FRAMING_SHOULD_NOT = [
    "Residents wake up to sirens most nights, the mayor said on Tuesday.",
    "He died suddenly at his home in Leeds on Sunday, his family said.",
    "The ministry accused Moscow of spreading propaganda about the strike.",
    "The treaty bans microchip exports to three countries.",
    "Netflix, unlike a legacy media company, owns no broadcast network.",
    "Patients entering detox at the county clinic wait three weeks for a bed.",
    "“The liberal media ignored us,” said Sarah Lee, a volunteer for the campaign.",
    # reporting that names the framing as such
    "Families can file a claim with the National Vaccine Injury Compensation Program.",
    "Supporters, many from a group that calls itself a medical freedom coalition, testified on Tuesday.",
    "The baseless Great Reset conspiracy theory spread quickly on Telegram, researchers said.",
    "Posts falsely claimed the shots contained microchips and were a bioweapon.",
    "The state imposed a media blackout in the region after the protests.",
]


def test_framing_phrases_in_the_pages_own_voice_are_found():
    for text, expected in FRAMING_SHOULD:
        out = run(text)
        found = {" ".join(f.text.lower().split()) for f in out.findings if f.code == "RS602"}
        assert expected <= found, (text, found)
        assert out.features["conspiracy_per_1k"] > 0


def test_everyday_and_quoted_uses_are_not_framing():
    for text in FRAMING_SHOULD_NOT:
        out = run(text)
        assert not [f for f in out.findings if f.code == "RS602"], text
        assert out.features["conspiracy_per_1k"] == 0, text


def test_sensational_words_are_the_ones_reporting_does_not_use():
    found = {f.text.lower() for f in run("A chilling, nefarious plot by pathetic liars, and a bombshell to boot.").findings if f.code == "RS601"}
    assert {"chilling", "nefarious", "pathetic", "liars", "bombshell"} <= found
    for text in (
        "Engineers feared a meltdown at the reactor after the pumps failed on Friday.",
        "The team pulled off a stunning upset, beating the champions 3-1 at home.",
        "Rescuers described an incredible effort to reach the miners in time.",
    ):
        assert run(text).features["sensational_per_1k"] == 0, text
