"""The first users' articles: every annotated span is found, and the scores order them."""

import pytest

from reliability import score_article

KIND_TO_DETECTOR = {
    "anonymous_source": "anonymous_sourcing",
    "hedge": "hedging",
    "boilerplate": "boilerplate",
    "unverifiable_name": "unverifiable_names",
}


@pytest.fixture(scope="module")
def reports(seeds):
    return {name: score_article(text) for name, text in seeds.items()}


def overlaps(finding, annotation):
    return finding.start is not None and finding.start < annotation["end"] and annotation["start"] < finding.end


@pytest.mark.parametrize("kind", sorted(KIND_TO_DETECTOR))
def test_every_annotated_span_is_overlapped_by_the_matching_detector(reports, seeds, annotations, kind):
    missed = []
    for annotation in annotations:
        if annotation["kind"] != kind:
            continue
        assert seeds[annotation["file"]][annotation["start"]:annotation["end"]] == annotation["text"]
        detector = KIND_TO_DETECTOR[kind]
        findings = [f for f in reports[annotation["file"]].findings if f.detector == detector]
        if not any(overlaps(f, annotation) for f in findings):
            missed.append((annotation["file"], annotation["text"]))
    assert not missed, f"{kind} annotations not found: {missed}"


def test_real_office_holders_are_not_flagged(reports, annotations):
    for annotation in annotations:
        if annotation["kind"] != "must_not_flag_name":
            continue
        flagged = [
            f for f in reports[annotation["file"]].findings
            if f.detector == "unverifiable_names" and overlaps(f, annotation)
        ]
        assert not flagged, (annotation["text"], flagged)


def test_seed_000_is_the_lowest_and_unreliable_and_no_seed_is_reliable(reports):
    lowest = min(reports, key=lambda name: reports[name].score)
    assert lowest.startswith("000_")
    assert reports[lowest].band == "unreliable"
    assert all(report.band != "reliable" for report in reports.values()), {n: r.score for n, r in reports.items()}
