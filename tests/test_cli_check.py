"""`reliability check` (gates, rule selection, config, baseline, CI formats) and `reliability rule`.

Scored with the FakeScorer (GOOD 90, MEH 55, plain 50, BAD 10; RS101 warning for
"officials said", RS502 info for "!!!", RS103 error for "FABRICATED"), so the
thresholds and findings tested here do not move when the model does.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from reliability.cli import main
from reliability.registry import all_specs
from test_batch import FakeScorer
from test_cli_score import assert_snapshot, make_news, run_cli

FIXED_RULES = {
    "RS000": ("input-error", "error"),
    "RS001": ("low-score", "error"),
    "RS101": ("anonymous-official", "warning"),
    "RS103": ("vague-authority", "info"),
    "RS502": ("exclamation", "info"),
}


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr("reliability.cli.score.make_scorer", lambda settings: FakeScorer())


@pytest.fixture
def fixed_rules(monkeypatch):
    """Rule names as of writing, so that snapshots do not change when a detector renames a rule."""
    monkeypatch.setattr("reliability.cli.check.rule_table", lambda: dict(FIXED_RULES))


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    return tmp_path


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(capsys, *args):
    return run_cli(capsys, "check", *args)


# -- gates and exit codes -------------------------------------------------------------------

def test_passes_when_nothing_fails(fake, in_tmp, capsys):
    write(in_tmp / "a.txt", "GOOD article")
    code, out, _ = check(capsys, "a.txt")
    assert code == 0 and out == "All checks passed: 1 article.\n"


def test_default_fails_the_unreliable_band(fake, in_tmp, capsys):
    write(in_tmp / "a.txt", "GOOD article")
    write(in_tmp / "b.txt", "BAD article")
    code, out, _ = check(capsys, "a.txt", "b.txt")
    assert code == 1
    assert out.splitlines()[0] == "b.txt:1:1: RS001 Score 10.0 (unreliable) is in the unreliable band"


@pytest.mark.parametrize("args, code", [
    (["--min-score", "60"], 1),          # MEH 55 < 60
    (["--min-score", "50"], 0),          # 55 >= 50
    (["--fail-on", "questionable"], 1),  # MEH is questionable
    (["--fail-on", "reliable,unreliable"], 0),
    (["--fail-on", "none", "--min-score", "0"], 0),
])
def test_min_score_and_fail_on(fake, in_tmp, capsys, args, code):
    write(in_tmp / "meh.txt", "MEH article")
    assert check(capsys, "meh.txt", *args)[0] == code


def test_exit_zero_reports_but_passes(fake, in_tmp, capsys):
    write(in_tmp / "b.txt", "BAD article")
    code, out, _ = check(capsys, "b.txt", "--exit-zero")
    assert code == 0 and "RS001" in out


def test_unreadable_inputs_fail_with_rs000(fake, in_tmp, capsys):
    write(in_tmp / "a.txt", "GOOD")
    (in_tmp / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    code, out, _ = check(capsys, "a.txt", "b.txt", "missing.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("b.txt:1:1: RS000 could not read or score: binary")
    assert lines[1] == "missing.txt:1:1: RS000 could not read or score: no such file or folder"
    assert lines[-1] == "2 of 3 articles failed (2 violations, 2 unreadable)."


# -- rule selection ----------------------------------------------------------------------------

FINDINGS = "GOOD. The officials said it was FABRICATED!!!\nMore officials said so."


def codes(out):
    return [m.group(1) for m in re.finditer(r":\d+:\d+: (RS\d+)", out)]


@pytest.mark.parametrize("args, expected", [
    ([], ["RS103"]),                                   # default: every rule, severity error and up
    (["--severity", "warning"], ["RS101", "RS103", "RS101"]),
    (["--severity", "info"], ["RS101", "RS103", "RS502", "RS101"]),
    (["--select", "RS1"], ["RS101", "RS103", "RS101"]),  # selecting rules lowers the severity to info
    (["--select", "RS5"], ["RS502"]),
    (["--select", "RS1", "--ignore", "RS101"], ["RS103"]),
    (["--select", "RS101", "--ignore", "RS1"], ["RS101", "RS101"]),  # the longer prefix wins, as in ruff
    (["--select", "ALL", "--severity", "warning"], ["RS101", "RS103", "RS101"]),
    (["--ignore", "RS103"], []),
])
def test_select_ignore_and_severity(fake, in_tmp, capsys, args, expected):
    write(in_tmp / "a.txt", FINDINGS)
    code, out, _ = check(capsys, "a.txt", *args)
    assert codes(out) == expected
    assert code == (1 if expected else 0)


def test_finding_positions_are_line_and_column(fake, in_tmp, capsys):
    write(in_tmp / "a.txt", FINDINGS)
    _, out, _ = check(capsys, "a.txt", "--select", "RS101")
    assert out.splitlines()[:2] == [
        "a.txt:1:11: RS101 RS101 fake finding \u201cofficials said\u201d",
        "a.txt:2:6: RS101 RS101 fake finding \u201cofficials said\u201d",
    ]


@pytest.mark.parametrize("selector", ["RS9", "XYZ", "RS1O1", "RS001"])
def test_a_selector_that_matches_no_rule_is_a_usage_error(fake, in_tmp, capsys, selector):
    write(in_tmp / "a.txt", "GOOD")
    code, _, err = check(capsys, "a.txt", "--select", selector)
    assert code == 2 and ("matches no rule" in err or "not a rule code" in err)


# -- configuration ------------------------------------------------------------------------------

def test_pyproject_settings_apply_and_flags_win(fake, in_tmp, capsys):
    write(in_tmp / "meh.txt", "MEH story")
    write(in_tmp / "pyproject.toml", '[project]\nname = "x"\n\n[tool.reliability]\nmin-score = 60\n')
    assert check(capsys, "meh.txt")[0] == 1
    assert check(capsys, "meh.txt", "--min-score", "40")[0] == 0
    assert check(capsys, "meh.txt", "--isolated")[0] == 0


def test_config_is_found_from_a_subfolder_and_reliability_toml_comes_first(fake, in_tmp, capsys, monkeypatch):
    write(in_tmp / "meh.txt", "MEH story")
    write(in_tmp / "pyproject.toml", "[tool.reliability]\nmin-score = 60\n")
    write(in_tmp / "reliability.toml", 'fail-on = ["questionable"]\nmin-score = 10\n')
    (in_tmp / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(in_tmp / "deep" / "er")
    code, out, _ = check(capsys, "../../meh.txt")
    assert code == 1 and "questionable band" in out and "minimum" not in out


def test_a_pyproject_without_a_tool_table_is_passed_over(fake, in_tmp, capsys, monkeypatch):
    write(in_tmp / "reliability.toml", "min-score = 60\n")
    write(in_tmp / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    write(in_tmp / "sub" / "meh.txt", "MEH")
    monkeypatch.chdir(in_tmp / "sub")
    assert check(capsys, "meh.txt")[0] == 1


def test_select_and_ignore_in_config(fake, in_tmp, capsys):
    write(in_tmp / "a.txt", FINDINGS)
    write(in_tmp / "reliability.toml", 'select = ["RS1"]\nignore = ["RS103"]\n')
    _, out, _ = check(capsys, "a.txt")
    assert codes(out) == ["RS101", "RS101"]
    _, out, _ = check(capsys, "a.txt", "--select", "RS5")
    assert codes(out) == ["RS502"]


def test_explicit_config_file(fake, in_tmp, capsys):
    write(in_tmp / "meh.txt", "MEH")
    write(in_tmp / "ci" / "strict.toml", "[tool.reliability]\nmin-score = 80\n")
    assert check(capsys, "meh.txt", "--config", "ci/strict.toml")[0] == 1


@pytest.mark.parametrize("config, message", [
    ("min-score = 'high'\n", "min-score must be a number"),
    ("min-score = 101\n", "from 0 to 100"),
    ('fail-on = ["bad"]\n', "unknown band"),
    ('select = ["NOPE"]\n', "matches no rule"),
    ('severity = "fatal"\n', "severity must be one of"),
    ("jobs = 1.5\n", "whole number"),
    ("colour = true\n", "unknown setting 'colour'"),
    ("min-score = = 3\n", "not valid TOML"),
])
def test_bad_config_values_are_usage_errors(fake, in_tmp, capsys, config, message):
    write(in_tmp / "a.txt", "GOOD")
    write(in_tmp / "reliability.toml", config)
    code, _, err = check(capsys, "a.txt")
    assert code == 2 and message in err


# -- baseline ----------------------------------------------------------------------------------------

def test_baseline_records_today_then_only_new_articles_and_findings_fail(fake, in_tmp, capsys):
    write(in_tmp / "news" / "old.txt", "BAD legacy. The officials said so.")
    write(in_tmp / "news" / "fine.txt", "GOOD")
    args = ["news", "--severity", "warning", "--baseline", "baseline.json"]

    code, out, err = check(capsys, *args)  # first run: records
    assert code == 0 and "recorded 2 violations in 1 articles" in err
    assert "2 known violations hidden by the baseline" in out
    recorded = json.loads((in_tmp / "baseline.json").read_text())
    assert sorted(e["code"] for e in recorded["articles"]["news/old.txt"]) == ["RS001", "RS101"]

    assert check(capsys, *args)[0] == 0  # nothing new

    # Edits elsewhere in an old article do not make its old findings new...
    write(in_tmp / "news" / "old.txt", "Updated intro.\nBAD legacy. The  officials\nsaid so.")
    assert check(capsys, *args)[0] == 0
    # ...but a new finding in it does.
    write(in_tmp / "news" / "old.txt", "BAD legacy. The officials said so. Other officials said more.")
    code, out, _ = check(capsys, *args)
    assert code == 1 and codes(out) == ["RS101"]

    # A new failing article fails.
    write(in_tmp / "news" / "old.txt", "BAD legacy. The officials said so.")
    write(in_tmp / "news" / "new.txt", "BAD new story")
    code, out, _ = check(capsys, *args)
    assert code == 1 and out.startswith("news/new.txt:1:1: RS001")

    # --update-baseline accepts today's state.
    assert check(capsys, *args, "--update-baseline")[0] == 0
    assert check(capsys, *args)[0] == 0


def test_baseline_path_from_config_is_relative_to_the_config(fake, in_tmp, capsys, monkeypatch):
    write(in_tmp / "reliability.toml", 'baseline = "ci/baseline.json"\n')
    write(in_tmp / "a" / "b.txt", "BAD")
    monkeypatch.chdir(in_tmp / "a")
    assert check(capsys, "b.txt")[0] == 0
    assert (in_tmp / "ci" / "baseline.json").exists()


def test_a_broken_baseline_is_a_usage_error(fake, in_tmp, capsys):
    write(in_tmp / "a.txt", "BAD")
    write(in_tmp / "baseline.json", "{not json")
    code, _, err = check(capsys, "a.txt", "--baseline", "baseline.json")
    assert code == 2 and "not valid JSON" in err
    write(in_tmp / "other.json", '{"articles": {}}')
    assert check(capsys, "a.txt", "--baseline", "other.json")[0] == 2


def test_update_baseline_needs_a_baseline(fake, in_tmp, capsys):
    write(in_tmp / "a.txt", "BAD")
    assert check(capsys, "a.txt", "--update-baseline")[0] == 2


# -- output formats (snapshots) --------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "github", "json", "junit"])
def test_format_snapshots(fake, fixed_rules, in_tmp, capsys, fmt):
    make_news(in_tmp)
    code, out, _ = check(capsys, "news", "--severity", "warning", "-f", fmt)
    assert code == 1
    if fmt == "junit":
        ET.fromstring(out)
    if fmt == "json":
        assert len(json.loads(out)) == 6
    assert_snapshot(f"check_{fmt}.txt", out)


def test_sarif_snapshot_and_rule_docs(fake, fixed_rules, in_tmp, capsys):
    make_news(in_tmp)
    code, out, _ = check(capsys, "news", "--severity", "warning", "-f", "sarif", "-o", "out.sarif")
    assert code == 1 and out == ""
    log = json.loads((in_tmp / "out.sarif").read_text())
    driver = log["runs"][0]["tool"]["driver"]
    documented = {r["id"]: r for r in driver["rules"]}
    for spec in all_specs():  # read dynamically: rules others add appear with their docs
        for rule in spec.rules:
            assert documented[rule.code]["fullDescription"]["text"].startswith(rule.summary)
    # The rules and version change as detectors grow; the results must not.
    driver["rules"] = "<rules>"
    driver["version"] = driver["semanticVersion"] = "<version>"
    for result in log["runs"][0]["results"]:  # indexes into the rules, which grow
        assert result.pop("ruleIndex", None) is not None
    assert_snapshot("check_sarif.txt", json.dumps(log, indent=1, ensure_ascii=False) + "\n")


def test_output_file_is_written_atomically(fake, in_tmp, capsys):
    write(in_tmp / "b.txt", "BAD")
    code, out, _ = check(capsys, "b.txt", "-f", "junit", "-o", "reports/junit.xml")
    assert code == 1 and out == ""
    assert ET.parse(in_tmp / "reports" / "junit.xml").getroot().tag == "testsuites"
    assert [p.name for p in (in_tmp / "reports").iterdir()] == ["junit.xml"]


def test_check_with_jobs_matches_serial(fake, in_tmp, capsys):
    make_news(in_tmp)
    serial = check(capsys, "news", "--severity", "info")
    parallel = check(capsys, "news", "--severity", "info", "--jobs", "2")
    assert parallel[:2] == serial[:2]


def test_check_with_the_real_model_gives_a_verdict_per_article(in_tmp, capsys):
    write(in_tmp / "a.txt", "The city council approved the budget on Tuesday, the mayor said.")
    (in_tmp / "b.txt").write_bytes(b"")
    code, out, _ = check(capsys, "a.txt", "b.txt", "-f", "json", "--min-score", "0", "--fail-on", "none")
    verdicts = json.loads(out)
    assert [v["id"] for v in verdicts] == ["a.txt", "b.txt"]
    assert verdicts[0]["passed"] and not verdicts[1]["passed"] and code == 1


# -- reliability rule ----------------------------------------------------------------------------------

def test_rule_prints_its_documentation_from_the_specs(capsys):
    spec = next(s for s in all_specs() if s.rules)
    rule = spec.rules[0]
    code, out, _ = run_cli(capsys, "rule", rule.code.lower())
    assert code == 0
    assert out.startswith(f"# {rule.code} {rule.name}\n")
    assert rule.summary in out and spec.name in out
    for example in rule.should:
        assert " ".join(example.split()) in out


def test_rule_all_lists_every_rule(capsys):
    code, out, _ = run_cli(capsys, "rule", "--all")
    listed = [line.split()[0] for line in out.splitlines()]
    expected = sorted(["RS000", "RS001"] + [r.code for s in all_specs() for r in s.rules])
    assert code == 0 and listed == expected


def test_rule_prefix_lists_a_family_and_json_works(capsys):
    code, out, _ = run_cli(capsys, "rule", "RS5", "--output-format", "json")
    rules = json.loads(out)
    assert code == 0 and rules and all(r["code"].startswith("RS5") for r in rules)


@pytest.mark.parametrize("args", [["rule", "RS9999"], ["rule"]])
def test_rule_usage_errors(capsys, args):
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and "error" in err


def test_main_without_a_command_is_a_usage_error(capsys):
    assert main([]) == 2
