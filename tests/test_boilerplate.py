"""boilerplate (RS3xx): page furniture and template text found, real reporting left alone.

The example texts are written for these tests in many newsroom, wire, blog and
content-farm styles; none is copied from a corpus.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability.detectors import boilerplate as bp
from reliability.detectors.boilerplate import STRUCTURAL_CODES, Boilerplate
from reliability.document import Document
from reliability.lexicons import load_lexicon

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
STRUCTURAL = set(STRUCTURAL_CODES)
# One loaded detector for the hypothesis tests (they cannot take function-scoped fixtures).
SHARED = Boilerplate().load()


@pytest.fixture(scope="module")
def detector() -> Boilerplate:
    return Boilerplate().load()


def findings(detector: Boilerplate, text: str, codes: set[str] | None = None):
    out = detector.detect(Document.build(text))
    for f in out.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
    return [f for f in out.findings if codes is None or f.code in codes]


def texts_of(detector: Boilerplate, text: str, code: str) -> list[str]:
    return [f.text for f in findings(detector, text, {code})]


# -- seeds ---------------------------------------------------------------------------
def _seed_annotations() -> list[dict]:
    lines = (SEEDS / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    return [a for a in map(json.loads, lines) if a["kind"] == "boilerplate"]


@pytest.mark.parametrize("annotation", _seed_annotations(), ids=lambda a: f"{a['file'][:3]}:{a['text'][:25]}")
def test_every_seed_boilerplate_annotation_is_overlapped(detector, annotation):
    text = (SEEDS / annotation["file"]).read_text(encoding="utf-8")
    assert text[annotation["start"]:annotation["end"]] == annotation["text"]
    hits = [f for f in findings(detector, text) if f.start < annotation["end"] and annotation["start"] < f.end]
    assert hits, f"no boilerplate finding overlaps {annotation['text']!r}"


@pytest.mark.parametrize("name", ["002_f7bcdde0c76884a7.txt", "003_4ce5913dd4a15eca.txt"])
def test_clean_seeds_have_no_structural_findings(detector, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert findings(detector, text, STRUCTURAL) == []


def test_seed_summary_widget_span_crosses_the_line_break(detector):
    text = (SEEDS / "004_b6e6d5e68e40a4d3.txt").read_text(encoding="utf-8")
    assert "No time to read?\nGet a summary" in texts_of(detector, text, "RS303")
    first = findings(detector, text, {"RS303"})[0]
    assert (first.start, first.end) == (69, 99)


def test_seed_trailing_headlines_and_navigation(detector):
    text = (SEEDS / "004_b6e6d5e68e40a4d3.txt").read_text(encoding="utf-8")
    assert texts_of(detector, text, "RS302") == ["Previous Article", "Next Article"]
    assert texts_of(detector, text, "RS305") == [
        "Eventful Youth Gathering Ends in Property Damage and Family Reassessment",
        "Global Football Standings, News, and Key Competitions",
    ]


def test_seed_caption_summary_box_and_sources(detector):
    text = (SEEDS / "001_67203c20ee23465f.txt").read_text(encoding="utf-8")
    assert texts_of(detector, text, "RS304") == ["Silhouetted soldiers with Russian and Ukrainian flag backgrounds."]
    assert texts_of(detector, text, "RS303") == ["At a Glance"]
    assert texts_of(detector, text, "RS306") == ["Sources:"]
    # the list entries under "Sources:" are not taken for stray headlines
    assert texts_of(detector, text, "RS305") == []


def test_seed_filler_phrase(detector):
    text = (SEEDS / "000_2d4b62b40a583583.txt").read_text(encoding="utf-8")
    assert "the question remains" in texts_of(detector, text, "RS308")


# -- should / should not, per rule -------------------------------------------------------
SHOULD = {
    "RS301": [
        ("The council approved the budget.\n\nShare this article\n\nThe vote was 7-2.", "Share this article"),
        ("Officials said more tests are due.\n\nADVERTISEMENT\n\nThe clinic reopens Monday.", "ADVERTISEMENT"),
        ("Schools will reopen in May. Sign up for our free morning newsletter to get the news first.",
         "Sign up for our free morning newsletter"),
        ("Visit our Re-post guidelines\n\nThe agency issued a recall on Friday.", "Visit our Re-post guidelines"),
        ("The report is 40 pages long. Click here to download it.", "Click here"),
        ("Like what you read? Please donate today to keep us independent.", "Please donate"),
        ("We use cookies to improve your experience on our site.", "We use cookies"),
        ("The mayor resigned. Follow us on Telegram for more updates.", "Follow us on Telegram"),
        ("Facebook\nTwitter\nEmail\n\nThe storm made landfall overnight.", "Facebook\nTwitter\nEmail"),
        ("The court ruled 5-4.\n\nRead more\n\nThe dissent was sharp.", "Read more"),
        ("By Staff Writer | Updated 3 hours ago | 4 min read\n\nThe governor signed the bill.", "4 min read"),
        ("BOSTON, Oct. 28, 2026 /PRNewswire/ -- Acme Robotics today announced results.", "/PRNewswire/"),
        ("Acme Robotics is a leader in automation. For more information, visit www.acme.com.",
         "For more information, visit"),
        ("Revenue rose 34%.\n\nForward-Looking Statements\nThis release contains forward-looking statements.",
         "Forward-Looking Statements"),
        ("By Staff Writer | Updated 3 hours ago | 4 min read\n\nThe governor signed the bill.", "Updated 3 hours ago"),
        ("Share on Facebook Share on Twitter\n\nFarmers face a second dry year.", None),
        ("The plan was announced Monday. Story continues below advertisement The minister spoke later.",
         "Story continues below advertisement"),
        ("Invalid email Something went wrong, please try again later. The committee met on Tuesday.", None),
        ("This article was originally published on a partner site.", None),
        ("Our picks are tested in-house.\n\nAs an Amazon Associate we earn from qualifying purchases.",
         "As an Amazon Associate we earn"),
        ("Disclaimer: This article is for informational purposes only and does not constitute medical advice.",
         "is for informational purposes only"),
        ("Loading...\n\nThe bridge will close for repairs.", "Loading..."),
        ("What do you think? Let us know in the comments below!", "Let us know in the comments"),
        ("Do you agree? Sound off in the comments section.", "Sound off in the comments section"),
        ("Is she right? Tell us in the comment section below.", "Tell us in the comment section"),
        ("The vote is expected Friday. Stay tuned for more updates!", "Stay tuned for more updates"),
        ("The vote is expected Friday.\n\nComments (0)\n\nPrint this page", "Comments (0)"),
        ("The vote is expected Friday. Got a tip? Email us at tips@example.com", "Got a tip?"),
        ("The vote is expected Friday. Hit the bell icon to get notified.", "Hit the bell icon"),
        ("The views expressed in this article are the author's own.", "The views expressed in this article are the author's own"),
        ("The vote is expected Friday.\n\nAbout the author: Jane Doe writes about city hall.", "About the author"),
        ("The vote is expected Friday.\n\nOriginally published at citynews.com", "Originally published at citynews.com"),
        # A local TV station's page: header, byline bar, wire copyright notice, app and typo links.
        ("Skip to content\nWATCH LIVE\nWeather Alerts\n\nPolice identified the driver.",
         "Skip to content\nWATCH LIVE\nWeather Alerts"),
        ("Posted: Nov 22, 2026 / 06:14 PM EST\nUpdated: Nov 22, 2026 / 08:30 PM EST\n\nPolice identified the driver.",
         "Posted: Nov 22, 2026 / 06:14 PM EST\nUpdated: Nov 22, 2026 / 08:30 PM EST"),
        ("Last updated: 2026-11-22 14:05\n\nThe school board met on Monday.", "Last updated: 2026-11-22 14:05"),
        ("TOM NEWTON DUNN, Political Editor 17th August 2015, 11:01 pm Updated: 5th April 2016, 8:00 pm A THIRD of "
         "those who have won against the odds said so.", "Updated: 5th April 2016, 8:00 pm"),
        ("The crash remains under investigation. This material may not be published, broadcast, rewritten, "
         "or redistributed.", "may not be published, broadcast"),
        # Newspaper sites' furniture.
        ("The Senate passed the bill.\n\nSign up for CNN's Five Things newsletter.\n\nIt heads to the House.",
         "Sign up for CNN's Five Things newsletter"),
        ("The Senate passed the bill.\n\nAd Feedback\n\nIt heads to the House.", "Ad Feedback"),
        ("Share full article\n\nThe rent board voted on Thursday.", "Share full article"),
        ("The rent board voted on Thursday.\n\nReuse this content", "Reuse this content"),
        # An advertorial's buttons.
        ("If you drive less than 50 miles a day, you could save.\n\nClick the button below to see if you qualify.\n\n"
         "Check Eligibility ›", "Check Eligibility ›"),
        # WordPress and Substack page furniture.
        ("Posted on November 21, 2026 by admin\n\nThe governor signed the bill.", "Posted on November 21, 2026 by admin"),
        ("The bill passed.\n\nSave my name, email, and website in this browser for the next time I comment.",
         "Save my name, email, and website in this browser"),
        ("The dollar fell.\n\nThanks for reading The Contrarian! Subscribe for free to receive new posts.",
         "Thanks for reading The Contrarian! Subscribe"),
        ("The dollar fell.\n\nLike\nComment\nRestack", "Like\nComment\nRestack"),
        ("The crash remains under investigation.\n\nDownload the NEWS10 app\nReport a typo",
         "Download the NEWS10 app\nReport a typo"),
    ],
    "RS302": [
        ("The talks resume Monday.\n\nNext Article\n\nCity Council Approves Budget", "Next Article"),
        ("Prices rose 3%.\n\nRelated Articles\n\nFed Holds Rates Steady\n\nJobs Report Beats Forecasts", "Related Articles"),
        ("Home » Politics » Congress\n\nThe bill passed the House.", "Home » Politics » Congress"),
        ("The bill passed.\n\nPost navigation\n← Previous Post\nNext Post →", "Post navigation\n← Previous Post\nNext Post →"),
        ("Stocks fell.\n\nIn this article:\n^GSPC\n^DJI\n\nThe S&P 500 lost 1.2%.", "In this article:\n^GSPC\n^DJI"),
        ("News > World > Europe\n\nThe summit opened in Geneva.", "News > World > Europe"),
        ("The ministry confirmed the figures. READ MORE: Ministry admits errors in data", "READ MORE"),
        ("Water levels are falling.\n\nRELATED: Drought hits farmers in the south\n\nThe dam is at 30%.",
         "RELATED: Drought hits farmers in the south"),
        ("The team lost again.\n\nYou may also like\n\nCoach Signs Two-Year Extension", "You may also like"),
        ("Trending Now\n\nThe senator said she would run again.", "Trending Now"),
        ("Table of Contents\n1. What is fasting?\n2. Does it work?\n\nFasting is popular.", "Table of Contents"),
        ("Shares fell 4%.\n\nRead more: How the market reacted to the rate rise", "Read more: How the market reacted to the rate rise"),
        ("The festival returns in June. Related: Ticket prices rise for summer events", "Related"),
        ("Tags: Ukraine, missiles, Pentagon", "Tags: Ukraine, missiles, Pentagon"),
    ],
    "RS303": [
        ("Missile decision\n\nAt a Glance\n\n• Strikes approved.\n• Allies consulted.", "At a Glance"),
        ("Aid package\n\nNo time to read?\nGet a summary\n\nOfficials weigh new aid.", "No time to read?\nGet a summary"),
        ("Key Takeaways:\n- Rates unchanged.\n- Inflation eased.", "Key Takeaways:"),
        ("TL;DR: The council voted to close the library.", "TL;DR: The council voted to close the library."),
        ("In Brief\n\nThe storm weakened overnight.", "In Brief"),
        ("Summary: The vaccine rollout slowed in rural counties.", None),
        ("Story Highlights\n\nThe trial begins Monday.", "Story Highlights"),
        ("## **Key Takeaways**\n\n- Rates unchanged.", "## **Key Takeaways**"),
    ],
    "RS304": [
        # a credit ends at the sentence before it
        ("She retained her title at Rio Centro on Saturday. Ryan Pierse/Getty Images Gold went to Liam Heath.",
         "Ryan Pierse/Getty Images"),
        ("Missile talks\n\nSilhouetted soldiers with Russian and Ukrainian flag backgrounds.\n\nThe decision came late.",
         "Silhouetted soldiers with Russian and Ukrainian flag backgrounds."),
        ("The president spoke on Monday. (AP Photo/Evan Vucci)", "The president spoke on Monday. (AP Photo/Evan Vucci)"),
        ("Photo: Reuters\n\nThe central bank held rates.", "Photo: Reuters"),
        ("Image credit: Getty Images\n\nShares fell in Tokyo.", "Image credit: Getty Images"),
        ("FILE PHOTO: A trader works on the exchange floor.\n\nStocks fell on Friday.",
         "FILE PHOTO: A trader works on the exchange floor."),
        ("Protesters gather outside parliament in Lisbon, Portugal, March 3, 2021. Jane Doe/AFP via Getty Images\n\nThe law passed.",
         "Protesters gather outside parliament in Lisbon, Portugal, March 3, 2021. Jane Doe/AFP via Getty Images"),
        ("The governor at a press briefing in Albany. Hans Pennink/AP\n\nThe state will reopen gyms.", None),
        ("Vaccines are stored at a clinic in Ohio.\n\nA nurse prepares a dose of vaccine at a clinic in Columbus, in an undated photo.\n\nThe state expects more doses.",
         "A nurse prepares a dose of vaccine at a clinic in Columbus, in an undated photo."),
        ("Ukraine war\n\nA soldier stands against a backdrop of burning buildings.\n\nFighting continued overnight.",
         "A soldier stands against a backdrop of burning buildings."),
        ("The ruling was unanimous.  (Photo by Jane Roe/Reuters)  The court adjourned.", "(Photo by Jane Roe/Reuters)"),
        ("Enlarge this image toggle caption Jane Doe/AP\n\nThe senator spoke.", None),
    ],
    "RS305": [
        ("Aid talks continue.\n\nPrevious Article\n\nEventful Youth Gathering Ends in Property Damage\n\nNext Article\n\nGlobal Football Standings and Key Competitions",
         "Eventful Youth Gathering Ends in Property Damage"),
        ("The minister will decide next week on the missile transfer to Kyiv.\n\nCelebrity Chef Opens Third Restaurant in Miami\n\nTen Gardening Tips for a Rainy Spring Weekend",
         "Celebrity Chef Opens Third Restaurant in Miami"),
        ("Inflation slowed in March.\n\nRelated Stories\n\nWhy rents keep rising in big cities\n\nThe best savings accounts this year",
         "Why rents keep rising in big cities"),
        ("She wore a red dress to the gala.\n\nREAD NEXT\n\nYou have to see the actress's impression of her co-star",
         "You have to see the actress's impression of her co-star"),
        # A lone teaser for another story among the paragraphs, or closing them.
        ("Drought Forces Ranchers to Cut Herds\n\n"
         "Ranchers across Kansas are selling cattle at the fastest pace in a decade, the department said.\n\n"
         "Hay prices have doubled since spring, and some feedlots have stopped buying cattle this month.\n\n"
         "Local Teen Wins National Spelling Bee in Dramatic Final Round\n\n"
         "The weather service expects below-normal rainfall on the plains through October.",
         "Local Teen Wins National Spelling Bee in Dramatic Final Round"),
        ("Drought Forces Ranchers to Cut Herds\n\n"
         "Ranchers across Kansas are selling cattle at the fastest pace in a decade, the department said.\n\n"
         "Hay prices have doubled since spring, and some feedlots have stopped buying cattle this month.\n\n"
         "The weather service expects below-normal rainfall on the plains through October.\n\n"
         "Celebrity Couple Spotted Vacationing in Italy After Split Rumors",
         "Celebrity Couple Spotted Vacationing in Italy After Split Rumors"),
    ],
    "RS306": [
        ("The U.S. continues to weigh its options.\n\nSources:\n\nBiden allows Ukraine to strike inside Russia\n\nPentagon weighs new missile shipments",
         "Sources:"),
        ("References:\n1. Vaccine study shows strong results in older adults\n2. Experts weigh in on booster timing",
         "References:"),
        ("The claim spread quickly online.\n\nSources\n\nScientists Warn of New Variant Risks\nHealth Officials Urge Caution This Winter",
         "Sources"),
        ("The article ends here.\n\nFurther reading:", "Further reading:"),
        ("Sources: Biden allows Ukraine to strike inside Russia; Pentagon weighs new missile shipments to Kyiv",
         None),
    ],
    "RS307": [
        ("Title: Scientists Discover New Cure\n\nDate: [Insert Current Date]\n\nResearchers announced a cure.", "[Insert Current Date]"),
        ("By [Your Name], Staff Writer\n\nThe city council met.", "[Your Name]"),
        ("Note: This article is entirely fictional and was generated by an AI language model.", None),
        ("[City], [Country] – Officials announced new measures.", "[City]"),
        ("Headline: Mayor Unveils Plan\n\nThe mayor unveiled a plan.", "Headline: Mayor Unveils Plan"),
        ("As an AI language model, I cannot verify these claims.", None),
        ("The mayor resigned on Monday.\n\nI hope this article meets your needs. Let me know if you'd like any changes.",
         "Let me know if you'd like any changes"),
        ("Please enter a valid email {{#verifyErrors}} {{message}} {{/verifyErrors}}", "{{#verifyErrors}} {{message}} {{/verifyErrors}}"),
        ("Dateline: [City], [Date]\n\nA new study shows...", None),
        ("**Headline:** Mayor Unveils Plan\n\nThe mayor unveiled a plan.", "**Headline:** Mayor Unveils Plan"),
    ],
    "RS308": [
        ("As the U.S. moves forward, the question remains: will this bring peace?", "the question remains"),
        ("Only time will tell whether the plan succeeds.", "Only time will tell"),
        ("The deal stands as a testament to years of diplomacy.", "stands as a testament"),
        ("Technology plays a crucial role in modern warfare.", "plays a crucial role"),
        ("Navigating the complexities of the budget will not be easy.", "Navigating the complexities"),
        ("In today's fast-paced world, news travels fast.", "In today's fast-paced world"),
        ("With elections looming, the stakes could not be higher.", "the stakes could not be higher"),
        ("It remains to be seen whether the truce will hold.", "It remains to be seen"),
        ("It’s important to note that the data are preliminary.", "It’s important to note"),
        ("The festival is a rich tapestry of music and food.", "tapestry"),
        ("Officials delve into the details next week.", "delve into"),
    ],
}

SHOULD_NOT = {
    "RS301": [
        "The agency said the figures were released for informational purposes and would be revised.",
        "The senator let us know in an email that she would vote no.",
        "Readers flooded the comments below the mayor's post with complaints, the paper said.",
        "Forecasters told residents to stay tuned to local radio for evacuation orders.",
        "The study, originally published in 2019 in Nature, was retracted on Monday.",
        "The views expressed by residents at the meeting were mixed, the clerk said.",
        "He wrote to the author of the bill about the tip he had received.",
        "Amazon said its associates would earn more under the new contract.",
        "Voters will be able to read more about the measure in a booklet mailed next week.",
        "The company said it would share the data and subscribe to the new industry code.",
        "The agency released the report for more information on outbreaks to reach the public.",
        "Investors worried about the forward-looking statements in the filing, analysts said.",
        "The advertisement, which ran on local stations, drew complaints.",
        "Twitter said it had removed the accounts after a review of their activity.",
        "She urged residents to donate blood at the Red Cross center on Main Street.",
        "The app lets users follow their favorite teams and share highlights.",
        "The newsletter, which the group mailed to 2,000 members, called for a boycott.",
        "The ruling may not be published until the judge signs it, the clerk said.",
        "Riders can download the transit agency's new app to pay fares.",
        "Users can download the app for free, and most get the app through the store.",
        "Weather alerts were issued for six counties on Sunday.",
        "The page was last updated in March, according to an archived copy.",
        "The page was updated: March 3, 2020 at 9:00 am, according to the archive.",
        "The report was posted on November 21, 2026 by the county clerk, who declined to comment.",
        "Voters like the plan, and many would like to see it passed.",
        "The shelter is supported by donations; she was supported by her family.",
    ],
    "RS302": [
        # AP sports stories end with the teams' next games: part of the story, not a widget.
        "Boston outscored New York 35-19 in the final period.\n\nUP NEXT\n\nKnicks: Host Miami on Sunday.\n\n"
        "Celtics: At Philadelphia on Monday.",
        "In a previous article, the paper reported that the mayor had been warned.",
        "The next article of the treaty deals with fishing rights.",
        "Ministers will read more of the report before they decide.",
        "Related research has found similar effects in mice.",
        "More than 200 people attended the vigil on Sunday night.",
        "The home secretary said the home office would review the case.",
        "Prices rose 5% in > 30 cities, the survey found.",
        "By Jane Smith | Reuters | Politics",
        "Live updates: Storm hits the coast\n\nLatest\n\nOfficials lifted the curfew at noon.",
        "Q: When will the vaccine be available?\n\nA: Most adults could get a shot by June.",
    ],
    "RS303": [
        "In brief remarks to reporters, the governor said the state was ready.",
        "At a glance, the plan looks generous; the details tell another story.",
        "The judge asked for a summary of the evidence by Friday.",
        "The key takeaways from the hearing were not what Democrats expected, analysts said.",
    ],
    "RS304": [
        "Photos of the crash were shared widely online, police said.",
        "WASHINGTON (Reuters) - The Senate passed the bill on Thursday.",
        "By Jane Smith, Reuters\n\nThe Senate passed the bill on Thursday.",
        "The photographer said she had taken the picture in 2019.",
        "The new data paint a worrying picture.\n\nThe ministry declined to comment.",
        "Background\n\nThe dispute dates back to 2014.",
        "Ukraine's Long-Range Strikes on Russia\n\nThe Pentagon spent months planning, officials said.",
        "LONDON, March 3 (Reuters) - British retail sales fell in February.",
        "The poll poses a challenge for the governor.\n\nHer rival leads by six points.",
    ],
    "RS305": [
        "Pentagon's Strategy With Ukraine\n\nThe Pentagon has spent months planning strikes, officials said.",
        "The minister is expected to decide next week.\n\nBy Jane Smith and John Doe",
        "Changing U.S. Policy in Ukraine\n\nThe decision marks a shift.\n\nFuture U.S. Support and Reactions\n\nAllies welcomed the move.",
        "Missile Sale Approved\n\nThe State Department approved the missile sale to Ukraine.\n\nUkraine Missile Sale Approved by State Department\n\nMissile Sale to Ukraine Draws Criticism",
        "The awards were handed out on Sunday.\n\nBest Actor -- John Doe, The River\nBest Actress -- Jane Roe, Night Falls\nBest Director -- Ann Lee, The River",
        # The story's own section headings, an attribution line, a timeline's dated heading.
        ("Drought Forces Ranchers to Cut Herds\n\nRanchers across Kansas are selling cattle at the fastest pace in a decade.\n\n"
         "Hay prices have doubled since spring, and some feedlots have stopped buying cattle.\n\n"
         "How Ranchers on the Plains Are Coping With Drought\n\n"
         "Many are moving herds to leased pasture in other states, the ranchers said on Monday."),
        ("The Rule of Life\n\nThe abbot wrote that we cannot remain neutral between the two, and must choose.\n\n"
         "He set this choice before every monk in the house, as the tradition demands of them.\n\n"
         "Dom Paul Delatte, OSB, Abbot of Solesmes\n\n"
         "Today I received an email from a monastery of cloistered nuns about the new document."),
        ("A Timeline of the Couple\n\nIn December, he posts a picture of himself with another singer and says he is single.\n\n"
         "Fans are confused, and the couple says nothing at all about it for several months.\n\n"
         "2015 - Are They or Aren't They? (Part Two)\n\n"
         "We are entering the second of the lost years, where no one knows quite what is going on."),
    ],
    "RS306": [
        "Sources:\nhttps://www.reuters.com/world/europe/aid-2024-11-17/\nhttps://apnews.com/article/ukraine",
        "Two sources said the talks had stalled, and sources close to the minister confirmed it.",
        "Sources: Reuters, AP",
        "Sources\n\n“Pelosi responds to payroll tax demand,” CNN, May 4, 2020\n\nInterview with county health official, April 30, 2020",
        "The source of the outbreak is unknown.\n\nSources say the plant will close.",
        "References\n\nThe references in the report were checked by two editors before publication, the paper said.",
    ],
    "RS307": [
        "Let me know if you'd like to visit, the mayor told residents.",
        "The senator said [the bill] would pass by June.",
        "“You will have to go back quite some [time] to find changes like that,” she said.",
        "“Consulting [your] doctors online is recommended,” she says.",
        "Title IX rules were rewritten last year.",
        "The headline figure rose 2%, the agency said.",
        "The article was written by two reporters in Kyiv.",
        "[Reuters] The company said profits rose.",
    ],
    "RS308": [
        "The question of funding remains open, the committee said.",
        "Shares of Tapestry, the handbag maker, fell 4%.",
        "\"Only time will tell,\" the coach said after the game.",
        "The ministry will publish the figures on Tuesday.",
        "“It is important to note that the data are preliminary,” Dr. Lee said.",
    ],
}


def _should_cases():
    for code, cases in SHOULD.items():
        for text, expected in cases:
            yield pytest.param(code, text, expected, id=f"{code}:{text[:30]}")


def _should_not_cases():
    for code, texts in SHOULD_NOT.items():
        for text in texts:
            yield pytest.param(code, text, id=f"{code}:{text[:30]}")


@pytest.mark.parametrize("code, text, expected", list(_should_cases()))
def test_rule_fires_with_the_expected_span(detector, code, text, expected):
    spans = texts_of(detector, text, code)
    assert spans, f"{code} missed: {text!r}"
    if expected is not None:
        assert expected in spans, f"{code}: expected {expected!r}, got {spans!r}"


@pytest.mark.parametrize("code, text", list(_should_not_cases()))
def test_rule_stays_silent_on_real_reporting(detector, code, text):
    assert texts_of(detector, text, code) == []


# -- real articles, whole ---------------------------------------------------------------
WIRE_STORY = """Senate passes stopgap bill to avert shutdown

By Jane Smith and Tom Brown, Reuters

WASHINGTON, Sept 30 (Reuters) - The U.S. Senate on Saturday passed a stopgap funding bill, sending it to President Joe Biden hours before a midnight deadline.

"We did it," Senate Majority Leader Chuck Schumer told reporters. "Only time will tell if the House keeps its word," he added.

The measure, which passed 88-9, keeps the government funded for 45 days. Two sources familiar with the talks said a broader deal was still far off.

Read more about the spending fight in our explainer, which the paper updates daily.

Background

The dispute began in June, when House conservatives demanded deeper cuts.

Reporting by Jane Smith; Editing by Tom Brown
"""


def test_a_wire_story_has_no_structural_findings(detector):
    assert findings(detector, WIRE_STORY, STRUCTURAL) == []
    # the quoted cliché belongs to the speaker, not the writer
    assert texts_of(detector, WIRE_STORY, "RS308") == []


CONTENT_FARM = """BREAKING: Shocking New Study on Coffee

Home » Health » Nutrition

No time to read?
Get a summary

A barista pours coffee in an undated photo.

In today's fast-paced world, coffee plays a crucial role in our lives. A new study is a testament to its benefits.

Share this article

Key Takeaways

Coffee is good. Tea is also good.

Sources:

Coffee Linked to Longer Life in New Study
Experts Weigh In on Caffeine Limits

Previous Article

Ten Ways to Decorate Your Living Room This Fall

Next Article

Local Bakery Wins National Bread Award
"""


def test_a_content_farm_page_is_flagged_everywhere(detector):
    codes = {f.code for f in findings(detector, CONTENT_FARM)}
    assert {"RS301", "RS302", "RS303", "RS304", "RS305", "RS306", "RS308"} <= codes
    assert "Home » Health » Nutrition" in texts_of(detector, CONTENT_FARM, "RS302")
    assert texts_of(detector, CONTENT_FARM, "RS304") == ["A barista pours coffee in an undated photo."]
    assert texts_of(detector, CONTENT_FARM, "RS305") == [
        "Ten Ways to Decorate Your Living Room This Fall",
        "Local Bakery Wins National Bread Award",
    ]


FLATTENED_SCRAPE = (
    "The council voted 6-3 to close the pool. Advertisement The decision angered parents.  "
    "READ MORE: Parents protest pool closure  Thanks for signing up! Please enter a valid email address  "
    "The pool will close in June. (AP Photo/Jane Doe)  Follow us on Twitter for updates."
)


def test_a_contents_box_lists_the_articles_own_sections_not_other_stories(detector):
    text = ("Table of Contents\n1. What is intermittent fasting?\n2. Does it really work?\n3. The bottom line\n\n"
            "Intermittent fasting cycles between periods of eating and fasting.")
    found = [(f.code, f.text) for f in detector.detect(Document.build(text)).findings]
    assert found == [("RS302", "Table of Contents")]


def test_a_scrape_without_line_breaks(detector):
    out = findings(detector, FLATTENED_SCRAPE)
    by_code = {}
    for f in out:
        by_code.setdefault(f.code, []).append(f.text)
    assert "Advertisement" in by_code["RS301"]
    assert "Follow us on Twitter" in by_code["RS301"]
    assert any(t.startswith("READ MORE") for t in by_code["RS302"])
    assert any("(AP Photo/Jane Doe)" in t for t in by_code["RS304"])


# -- features --------------------------------------------------------------------------
def test_features_are_declared_counted_and_nan_when_undefined(detector):
    names = [f.name for f in detector.spec.features]
    empty = detector.detect(Document.build("")).features
    assert list(empty) == names
    assert math.isnan(empty["furniture_line_share"]) and math.isnan(empty["filler_per_1k"])
    assert empty["call_to_action_count"] == 0.0

    features = detector.detect(Document.build(CONTENT_FARM)).features
    assert features["unlinked_sources_lists"] == 1.0
    assert features["trailing_headline_count"] == 2.0
    assert features["navigation_count"] >= 3.0
    assert 0.3 < features["furniture_line_share"] < 1.0
    assert features["filler_per_1k"] > 0

    clean = detector.detect(Document.build(WIRE_STORY)).features
    assert clean["furniture_line_share"] == 0.0
    assert clean["filler_per_1k"] == 0.0


def test_every_finding_feeds_a_declared_feature(detector):
    names = {detector.spec.qualified(f.name) for f in detector.spec.features}
    for f in findings(detector, CONTENT_FARM + FLATTENED_SCRAPE):
        assert f.feature in names
        assert f.message


# -- lexicons and the phrase scanner -------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["boilerplate_chrome", "boilerplate_navigation", "boilerplate_summary", "boilerplate_captions",
     "boilerplate_sources", "boilerplate_placeholders", "boilerplate_filler"],
)
def test_lexicons_name_source_and_license_and_their_regexes_compile(name):
    import re

    lexicon = load_lexicon(name)
    assert lexicon.source and lexicon.license and lexicon.entries
    for phrase in lexicon.phrases:
        if phrase.startswith("re:"):
            re.compile(phrase[3:])
            for source in bp._expand_regex(phrase[3:]):
                re.compile(source)


@pytest.mark.parametrize(
    "regex, text",
    [
        (r"(?:plays?|played|playing)\s+an?\s+(?:crucial|pivotal)\s+role", "played a pivotal role"),
        (r"it(?:\s+is|['’]s)\s+(?:crucial|vital)\s+(?:to|that)", "it’s vital that"),
        (r"sign(?:ing)?\s+up\s+(?:for|to)\s+(?:our|the)\s+newsletter", "signing up to the newsletter"),
        (r"left\s+an\s+indelible\s+mark|indelible\s+mark", "indelible mark"),
        (r"marks?\s+a\s+(?:pivotal|major)\s+moment", "mark a major moment"),
    ],
)
def test_regex_expansion_keeps_what_the_regex_matches(regex, text):
    import re

    assert re.fullmatch(regex, text)
    assert any(re.fullmatch(source, text) for source in bp._expand_regex(regex))
    for source in bp._expand_regex(regex):
        units, _ = bp._literal_prefix(source)
        assert "".join(units).strip(), source  # every expansion opens with literal text


def test_scanner_matches_across_line_breaks_and_apostrophe_styles(detector):
    text = "In today’s\nfast-paced world, the\nquestion remains."
    assert texts_of(detector, text, "RS308") == ["In today’s\nfast-paced world", "the\nquestion remains"]


def test_text_whose_lower_case_is_longer_still_gets_valid_spans(detector):
    text = "İstanbul officials said.\n\nShare this article\n\nOnly time will tell."
    assert texts_of(detector, text, "RS301") == ["Share this article"]
    assert texts_of(detector, text, "RS308") == ["Only time will tell"]


# -- robustness ------------------------------------------------------------------------------
NEWSY = st.sampled_from([
    "Share this article", "Previous Article", "Next Article", "Related Articles", "READ MORE:",
    "No time to read?", "Get a summary", "At a Glance", "TL;DR:", "Sources:", "References",
    "Photo: Reuters", "(AP Photo/Evan Vucci)", "FILE PHOTO:", "[Insert Date]", "{{message}}",
    "Title:", "Home » News » World", "the question remains", "only time will tell",
    "Silhouetted soldiers with flag backgrounds.", "Eventful Youth Gathering Ends in Damage",
    "The minister said.", "“Quote,” he said.", "http://example.com", "Jane Doe/AFP",
    "\n", "\n\n", "  ", " ", ".", ":", "»", "/", "|", "(", ")", "[", "]", "’", "\"", "İ",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NEWSY, max_size=40).map("".join))
def test_furniture_fragments_never_crash_and_spans_stay_valid(text):
    out = SHARED.detect(Document.build(text))
    for f in out.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
    for value in out.features.values():
        assert isinstance(value, float) and (math.isnan(value) or value >= 0)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_crashes(text):
    out = SHARED.detect(Document.build(text))
    for f in out.findings:
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("unit", ["A", "AB ", "\"", "“", ".", " ", "\n", "A.\n", "Read more ", "[", "(A/", "/AP ", "Photo: ", "x", "1", "4 min read ", "Photo by A  "])
def test_one_megabyte_of_adversarial_text_is_processed(detector, unit):
    text = unit * (1_000_000 // len(unit))
    out = detector.detect(Document.build(text))
    for f in out.findings[:50]:
        assert text[f.start:f.end] == f.text
