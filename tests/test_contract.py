"""The detector contract: unique codes, declared features, working examples, valid spans."""

import math
import re

import pytest

from reliability.document import Document
from reliability.features import extract
from reliability.registry import Registry, all_specs, rule_selected

SPECS = all_specs()
RULES = [(spec, rule) for spec in SPECS for rule in spec.rules]


@pytest.fixture(scope="module")
def registry():
    return Registry.default()


def test_rule_codes_are_unique_and_carry_their_family_prefix():
    codes = [rule.code for _, rule in RULES]
    assert len(codes) == len(set(codes))
    for spec, rule in RULES:
        assert re.fullmatch(r"RS\d{3}", rule.code), rule.code
        assert rule.code.startswith(spec.code_prefix), (spec.name, rule.code)
    prefixes = [spec.code_prefix for spec in SPECS]
    assert len(prefixes) == len(set(prefixes))


def test_every_detector_declares_features_rules_and_a_version():
    for spec in SPECS:
        assert spec.features, spec.name
        assert spec.rules, spec.name
        assert spec.version and spec.version != "0.0", spec.name
        names = [f.name for f in spec.features]
        assert len(names) == len(set(names))
        for rule in spec.rules:
            assert rule.feature is None or rule.feature in names, (rule.code, rule.feature)
            assert rule.summary and rule.name


@pytest.mark.parametrize("spec, rule", RULES, ids=[rule.code for _, rule in RULES])
def test_each_rule_has_examples_that_do_and_do_not_trigger_it(registry, spec, rule):
    assert rule.should, f"{rule.code} has no should-trigger example"
    assert rule.should_not, f"{rule.code} has no should-not-trigger example"
    detector = next(d for d in registry.detectors if d.spec.name == spec.name)
    for text in rule.should:
        codes = {f.code for f in detector.detect(Document.build(text)).findings}
        assert rule.code in codes, f"{rule.code} missed its example: {text!r}"
    for text in rule.should_not:
        codes = {f.code for f in detector.detect(Document.build(text)).findings}
        assert rule.code not in codes, f"{rule.code} fired on its counter-example: {text!r}"


def test_features_are_declared_and_findings_index_the_callers_text(registry, seeds):
    for name, text in seeds.items():
        extraction = extract(registry, Document.build(text))
        assert list(extraction.features) == list(registry.feature_names)
        for value in extraction.features.values():
            assert isinstance(value, float) and (math.isnan(value) or math.isfinite(value))
        for finding in extraction.findings:
            if finding.start is None:
                assert finding.end is None and finding.text == ""
                continue
            assert 0 <= finding.start < finding.end <= len(text), (name, finding)
            assert text[finding.start:finding.end] == finding.text
            if finding.feature:
                assert finding.feature in extraction.features


def test_rule_selection_follows_ruff_prefix_semantics():
    assert rule_selected("RS101")
    assert rule_selected("RS101", select=["RS1"])
    assert not rule_selected("RS201", select=["RS1"])
    assert not rule_selected("RS101", select=["RS1"], ignore=["RS101"])
    assert rule_selected("RS102", select=["RS1"], ignore=["RS101"])
    assert rule_selected("RS101", select=["RS101"], ignore=["RS1"])
    assert rule_selected("RS501", select=["ALL"])
