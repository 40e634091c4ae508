"""Reporting detector: attribution, days of the week, certainty, intensifiers, negations and 'we'."""

import math

from reliability.document import Document
from reliability.detectors.reporting import Reporting

REPORTING = Reporting().load()


def run(text, title=None):
    return REPORTING.detect(Document.build(text, title=title))


def texts_of(text, code="RS703"):
    """The evidence of one rule, in text order."""
    return [x.text for x in run(text).findings if x.code == code]


REPORT = (
    "The city council voted 7-2 on Tuesday to raise the minimum wage to $15.50, "
    "according to the Department of Labor. “This is about dignity,” said council member Ana Ruiz. "
    "The measure affects about 12,000 workers, Mayor John Lee told reporters on Wednesday."
)
OPINION = (
    "We all know what is going on. Clearly, the new law is extremely dangerous and totally "
    "unconstitutional, and nobody in our government will ever admit it. Of course they will not."
)


def test_reporting_attributes_to_named_sources_and_dates_events():
    out = run(REPORT)
    f = out.features
    assert f["said_per_1k"] > 0 and f["weekdays_per_1k"] > 0
    assert f["certainty_per_1k"] == 0 and f["intensifiers_per_1k"] == 0 and f["first_plural_per_1k"] == 0
    named = {x.text for x in out.findings if x.code == "RS703"}
    assert "said council member Ana Ruiz" in named
    assert "according to the Department of Labor" in named
    assert "Mayor John Lee told" in named


def test_opinion_asserts_certainty_intensifies_negates_and_says_we():
    out = run(OPINION)
    f = out.features
    assert f["certainty_per_1k"] > 0 and f["intensifiers_per_1k"] > 0
    assert f["first_plural_per_1k"] > 0 and f["negations_per_1k"] > 0
    assert f["said_per_1k"] == 0 and f["named_attributions_per_1k"] == 0
    codes = {x.code for x in out.findings}
    assert {"RS701", "RS702"} <= codes


def test_pronoun_and_anonymous_attribution_is_not_named():
    for text in ("He said the measure would pass.", "Officials said the measure would pass.",
                 "Critics told reporters on Monday that it would fail."):
        assert run(text).features["named_attributions_per_1k"] == 0, text



def test_groups_listeners_and_clauses_are_not_named_sources():
    text = ("Insiders say the White House is divided. Analysts noted a slowdown. When asked about the vote, "
            "the senator told the New York Post nothing. The agency reported that U.S. troops had left. "
            "Residents asked God for rain.")
    assert texts_of(text) == []


def test_a_named_source_after_an_inverting_verb_is_still_named():
    text = ("The deal is off, wrote the Financial Times. Prices will rise, warned council member Lisa Cook. "
            "Turnout was high, according to the Ohio Secretary of State.")
    named = texts_of(text)
    assert named == ["wrote the Financial Times", "warned council member Lisa Cook",
                     "according to the Ohio Secretary of State"]


def test_an_organisation_with_its_article_is_a_named_source():
    text = ("The Department of Justice said it would appeal. The Washington Post reported the talks. "
            "The Centers for Disease Control and Prevention said cases were rising.")
    named = texts_of(text)
    assert named == ["The Department of Justice said", "The Washington Post reported",
                     "The Centers for Disease Control and Prevention said"]


def test_a_group_of_ordinary_people_is_not_a_named_source():
    assert texts_of("Adults said approval would make them likelier to get vaccinated. Teachers say the plan fails.") == []


def test_reports_and_notes_as_nouns_are_not_a_speakers_verb():
    assert texts_of("Unconfirmed reports suggest the dam has burst. Media reports said the town was flooded.") == []
    assert texts_of("Reuters reports the dam has burst. Smith notes that the town was flooded.") == [
        "Reuters reports", "Smith notes"]


def test_we_re_told_is_not_a_named_source():
    assert texts_of("We're told the couple split. They've said nothing since. O'Connor said it was over.") == [
        "O'Connor said"]


def test_sentence_capitals_and_lone_initials_are_not_names():
    text = ("Police acknowledged the error. Another viewer wrote in; Another added: \"No.\" "
            "Trump has said U.S. intervention helped. Capitol Police said the area was clear.")
    assert texts_of(text) == ["Trump has said", "Capitol Police said"]


def test_dotted_initials_belong_to_the_name():
    text = ("The county grew 4%, according to the U.S. Census Bureau. Gov. J.B. Pritzker warned of cuts. "
            "Trump has said U.S. intervention helped.")
    assert texts_of(text) == ["according to the U.S. Census Bureau", "Gov. J.B. Pritzker warned", "Trump has said"]


def test_words_between_the_speaker_and_the_verb_keep_the_attribution():
    text = ("Smith has also said the plan would fail. Acme Robotics today announced record results. "
            "The Health Ministry on Tuesday said talks would resume. Governor Gavin Newsom previously warned of cuts.")
    assert texts_of(text) == ["Smith has also said", "Acme Robotics today announced",
                              "The Health Ministry on Tuesday said", "Governor Gavin Newsom previously warned"]


def test_an_ally_or_a_family_is_not_the_named_person():
    assert texts_of("Biden's ally said the plan would fail. Smith's family said nothing.") == []


def test_a_long_appositive_keeps_the_named_source():
    text = ("Pontus Skoglund, a geneticist at the Francis Crick Institute in London who was not involved in "
            "the research, said the sample was impressive.")
    assert texts_of(text) == [text[: text.index(" the sample")]]


def test_a_predicate_between_commas_is_not_an_appositive():
    text = ("Marci Wahl, 38, of Everett, Washington, was arrested near the Treasury early Sunday, "
            "said a police spokesman.")
    assert texts_of(text) == []


def test_points_added_are_not_words_added():
    assert texts_of("Jaylen Brown added 24 points for Boston, and Brown added two assists.") == []
    assert texts_of("\"We never stopped,\" Tatum added. Smith added that the deal was done.") == [
        "Tatum added", "Smith added"]


def test_a_name_inside_a_prepositional_phrase_is_not_the_speaker():
    text = ("Officials at the Pentagon said the test had succeeded. A spokesman for the Department of "
            "Defense said the same. An aide to Homeland Security Secretary Kristi Noem said nothing new.")
    assert texts_of(text) == []


def test_a_place_listener_or_thing_after_the_verb_is_not_the_speaker():
    text = ("The deal is off, he said at the White House. The agency confirmed cases of COVID-19 in Lagos. "
            "The minister explained everything to President Biden. She reported to the FBI.")
    assert texts_of(text) == []


def test_according_to_names_the_source_behind_data_or_a_statement():
    text = ("Admissions rose 4%, according to figures from NHS Digital. "
            "The plant will close, according to a statement from Ford Motor.")
    named = texts_of(text)
    assert named == ["according to figures from NHS Digital", "according to a statement from Ford Motor"]


def test_a_denied_certainty_is_not_a_certainty_claim():
    text = ("The authors cautioned that the findings do not prove cause and effect. The link has never been "
            "proven. Prices do not always rise. Clearly, the cure works and it is proven.")
    claims = texts_of(text, "RS701")
    assert claims == ["Clearly", "proven"]


def test_a_name_stops_at_a_blank_line():
    text = "Officials met on Friday.\n\nADVERTISEMENT\n\nThe California Farm Bureau said it would appeal."
    named = texts_of(text)
    assert named == ["The California Farm Bureau said"]


def test_the_speakers_certainty_and_we_inside_quotes_are_not_the_articles():
    f = run("“We will clearly win this,” said coach Maria Lopez on Sunday.").features
    assert f["certainty_per_1k"] == 0 and f["first_plural_per_1k"] == 0 and f["named_attributions_per_1k"] > 0


def test_us_the_country_is_not_we():
    assert run("The US imposed tariffs, US officials said.").features["first_plural_per_1k"] == 0


def test_empty_text_gives_undefined_features():
    f = run("").features
    assert all(math.isnan(v) for v in f.values())


def test_a_long_run_of_capitals_stays_fast():
    import time

    start = time.perf_counter()
    run(("WORD " * 20000) + "said")
    assert time.perf_counter() - start < 1.0


FOREIGN_NEWS = {
    "es": ("El Gobierno aprobó este martes un nuevo plan de vivienda que destinará 5.000 millones de euros a la "
           "construcción de pisos públicos, según informó el Ministerio de Vivienda. «Es una prioridad para este "
           "Ejecutivo», dijo la ministra en rueda de prensa. Fuentes del ministerio señalaron que las obras "
           "comenzarán en primavera."),
    "fr": ("Le gouvernement a adopté mardi un nouveau plan pour le logement qui consacrera cinq milliards d'euros "
           "à la construction de logements publics, a annoncé le ministère. Les travaux commenceront au "
           "printemps, selon des sources proches du dossier."),
    "de": ("Die Bundesregierung hat am Dienstag ein neues Wohnungsbauprogramm beschlossen, das fünf Milliarden "
           "Euro für den Bau öffentlicher Wohnungen vorsieht. Das teilte das Bauministerium mit. Die Arbeiten "
           "sollen im Frühjahr beginnen, sagte ein Sprecher in Berlin am Nachmittag."),
}


def test_text_in_another_language_is_flagged_as_not_english():
    for language, text in FOREIGN_NEWS.items():
        found = [x for x in run(text).findings if x.code == "RS704"]
        assert len(found) == 1 and found[0].start is None and found[0].severity == "warning", language


def test_english_news_even_lower_cased_or_short_is_not_flagged():
    lowered = REPORT.lower() + " " + OPINION.lower()
    for text in (REPORT + " " + REPORT, lowered, "Die Regierung hat am Dienstag beschlossen."):
        assert [x for x in run(text).findings if x.code == "RS704"] == [], text[:40]
