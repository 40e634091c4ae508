"""`reliability explain`: the score, signed points and highlighted evidence in a terminal."""

import json
import re

from reliability.cli import main

SEED = "seeds/000_2d4b62b40a583583.txt"


def test_explain_prints_score_signals_and_highlighted_evidence(capsys):
    assert main(["explain", SEED, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"score \d+\.\d / 100", out)
    assert "Signals (points from the base score" in out
    assert re.search(r"^\s+[+-]\d+\.\d\s+\S", out, re.M), "a signal line with signed points"
    assert "«General of the Air Force Daniel L.\nO’Connor" in out
    assert "RS201" in out


def test_explain_colours_highlights_only_when_asked(capsys):
    assert main(["explain", SEED, "--color", "always"]) == 0
    assert "\x1b[" in capsys.readouterr().out
    assert main(["explain", SEED, "--color", "never"]) == 0
    assert "\x1b[" not in capsys.readouterr().out


def test_explain_json_is_the_report(capsys):
    assert main(["explain", SEED, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["band"] in {"reliable", "questionable", "unreliable"}
    assert any(f["code"] == "RS201" for f in data["findings"])


def test_explain_reports_unreadable_input(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["explain", str(empty)]) == 1
    assert "empty" in capsys.readouterr().err.lower()
