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


STORY = '"The threat is real," said Dr. Emily Carter, a defense policy expert at the institute.\n'


def test_explain_reads_the_project_settings_like_score(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NEWS_RELIABILITY_KB_EXTRA", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "people.csv").write_text("person,aliases\nEmily Carter,\n", encoding="utf-8")
    assert main(["explain", "story.txt", "--json"]) == 0
    assert any(f["code"] == "RS205" for f in json.loads(capsys.readouterr().out)["findings"]), \
        "a stock expert name is reported without the newsroom's rows"
    (tmp_path / "pyproject.toml").write_text('[tool.reliability]\nkb-extra = ["people.csv"]\n', encoding="utf-8")
    assert main(["explain", "story.txt", "--json"]) == 0
    explained = json.loads(capsys.readouterr().out)
    assert not any(f["code"] == "RS205" for f in explained["findings"]), "the project's own rows vouch for the name"
    assert main(["score", "story.txt", "-f", "jsonl"]) == 0
    scored = json.loads(capsys.readouterr().out.splitlines()[0])
    assert scored["score"] == explained["score"], "explain explains the score that `score` gives"
    assert main(["explain", "story.txt", "--json", "--isolated"]) == 0
    assert any(f["code"] == "RS205" for f in json.loads(capsys.readouterr().out)["findings"])


def test_explain_refuses_a_model_that_fails_its_checks(tmp_path, capsys):
    from reliability.model import bundled_path

    model = tmp_path / "model.json"
    model.write_text(bundled_path("model.json").read_text(encoding="utf-8").replace('"intercept"', '"intercept" ', 1))
    (tmp_path / "model_card.json").write_text(bundled_path("model_card.json").read_text(encoding="utf-8"))
    assert main(["explain", SEED, "--isolated", "--model", str(model)]) == 2
    assert "cannot load the model" in capsys.readouterr().err


def test_explain_takes_the_first_article_of_a_feed(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "first", "text": STORY}) + "\n"
                    + json.dumps({"id": "second", "text": "Officials said the plan was ready."}) + "\n", encoding="utf-8")
    assert main(["explain", str(feed), "--color", "never", "--isolated"]) == 0
    captured = capsys.readouterr()
    assert "more than one article; explaining the first" in captured.err
    assert "Emily Carter" in captured.out and "plan was ready" not in captured.out
