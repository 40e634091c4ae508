"""`reliability score`: one row per input in every format, exit codes, atomic -o, --resume, --jobs.

Snapshot tests (as ruff does) compare CLI output with tests/snapshots/*.txt;
they score with the FakeScorer so that model changes do not move them. Set
UPDATE_SNAPSHOTS=1 to rewrite them after an intended change, and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from reliability.cli import main
from test_batch import FakeScorer

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def assert_snapshot(name: str, text: str, *, replace: dict[str, str] | None = None) -> None:
    """Compare ``text`` (with volatile parts replaced) with ``tests/snapshots/<name>``."""
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if os.environ.get("UPDATE_SNAPSHOTS") != "1":
            pytest.fail(f"snapshot {name} did not exist; written now, review it and run again")
    assert text == path.read_text(encoding="utf-8"), f"output differs from snapshot {name} (UPDATE_SNAPSHOTS=1 to accept)"


def make_news(root: Path) -> Path:
    """A small folder of articles for the FakeScorer: 6 inputs, one unreadable."""
    news = root / "news"
    (news / "sub").mkdir(parents=True)
    (news / "good.txt").write_text("GOOD reporting.\nThe minister, Ana Silva, said the plan was ready.\n", encoding="utf-8")
    (news / "bad.txt").write_text("BAD copy!!!\nSenior officials said it was FABRICATED.\nofficials said more.\n",
                                  encoding="utf-8")
    (news / "sub" / "meh.md").write_text("---\ntitle: Meh\n---\nMEH story, officials said.\n", encoding="utf-8")
    (news / "empty.txt").write_bytes(b"")
    (news / "feed.jsonl").write_text(json.dumps({"text": "GOOD feed item"}) + "\n"
                                     + json.dumps({"id": "story-2", "text": "BAD feed item!!!"}) + "\n", encoding="utf-8")
    return news


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr("reliability.cli.score.make_scorer", lambda settings: FakeScorer())


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    return tmp_path


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# -- rows and formats -------------------------------------------------------------------

def test_jsonl_when_piped_one_row_per_input_in_path_order(fake, in_tmp, capsys):
    make_news(in_tmp)
    code, out, err = run_cli(capsys, "score", "news")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["news/bad.txt", "news/empty.txt", "news/feed.jsonl#1", "story-2",
                                       "news/good.txt", "news/sub/meh.md"]
    assert code == 1  # one input could not be read
    assert rows[1]["error"] == "empty file" and rows[1]["score"] is None
    assert rows[0]["band"] == "unreliable" and rows[0]["findings"] == 4
    assert "1 of 6 inputs could not be read" in err
    assert_snapshot("score_jsonl.txt", out)


def test_exit_zero_when_every_input_scored(fake, in_tmp, capsys):
    (in_tmp / "a.txt").write_text("GOOD")
    code, out, _ = run_cli(capsys, "score", "a.txt")
    assert code == 0 and json.loads(out)["score"] == 90.0


def test_table_snapshot(fake, in_tmp, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    make_news(in_tmp)
    code, out, _ = run_cli(capsys, "score", "news", "--format", "table")
    assert code == 1
    assert_snapshot("score_table.txt", out)


def test_csv_snapshot(fake, in_tmp, capsys):
    make_news(in_tmp)
    _, out, _ = run_cli(capsys, "score", "news", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6
    assert_snapshot("score_csv.txt", out)


@pytest.mark.parametrize("name, reader", [
    ("out.json", lambda p: json.loads(p.read_text())),
    ("out.jsonl", lambda p: [json.loads(line) for line in p.read_text().splitlines()]),
    ("out.csv", lambda p: list(csv.DictReader(p.open()))),
    ("out.parquet", lambda p: pq.read_table(p).to_pylist()),
])
def test_output_file_format_from_its_suffix(fake, in_tmp, capsys, name, reader):
    make_news(in_tmp)
    code, out, _ = run_cli(capsys, "score", "news", "-o", name)
    assert code == 1 and out == ""
    rows = reader(in_tmp / name)
    assert len(rows) == 6 and rows[3]["id"] == "story-2"
    # Nothing but the output is left behind: no temporary or partial file.
    assert sorted(p.name for p in in_tmp.iterdir()) == sorted(["news", name])


def test_stdin(fake, in_tmp, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"GOOD text from a pipe")))
    code, out, _ = run_cli(capsys, "score", "-")
    assert code == 0 and json.loads(out)["id"] == "-"


def test_jobs_give_the_same_rows(fake, in_tmp, capsys):
    make_news(in_tmp)
    _, serial, _ = run_cli(capsys, "score", "news")
    _, parallel, _ = run_cli(capsys, "score", "news", "--jobs", "2")
    assert parallel == serial


# -- usage errors ----------------------------------------------------------------------------

class _Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("args, message", [
    (["score", "a.txt", "--resume"], "--resume needs -o"),
    (["score", "a.txt", "-o", "out.xyz"], "cannot tell the format"),
    (["score", "a.txt", "--top", "-1"], "--top"),
    (["score", "a.txt", "--config", "missing.toml"], "does not exist"),
    (["score", "a.txt", "--model", "missing-model.json"], "cannot load the model"),
])
def test_usage_errors_exit_2(in_tmp, capsys, args, message):
    (in_tmp / "a.txt").write_text("text")
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and message in err and out == ""


@pytest.mark.parametrize("args", [["score", "a.txt", "--format", "xml"], ["score", "a.txt", "--max-bytes", "lots"],
                                  ["score", "a.txt", "--jobs", "two"], ["score", "--no-such-flag"]])
def test_argparse_errors_exit_2(in_tmp, capsys, args):
    assert run_cli(capsys, *args)[0] == 2


def test_no_path_on_a_terminal_is_a_usage_error(in_tmp, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Tty())
    code, _, err = run_cli(capsys, "score")
    assert code == 2 and "PATH" in err


def test_parquet_to_a_terminal_is_refused(fake, in_tmp, capsys, monkeypatch):
    (in_tmp / "a.txt").write_text("GOOD")
    monkeypatch.setattr(sys, "stdout", _Tty())
    code = main(["score", "a.txt", "-f", "parquet"])
    assert code == 2


def test_bad_config_is_a_usage_error(in_tmp, capsys):
    (in_tmp / "a.txt").write_text("text")
    (in_tmp / "reliability.toml").write_text("max-bytez = 3\n")
    code, _, err = run_cli(capsys, "score", "a.txt")
    assert code == 2 and "unknown setting 'max-bytez'" in err


def test_max_bytes_from_flag_and_config(fake, in_tmp, capsys):
    (in_tmp / "a.txt").write_text("GOOD " * 400)
    (in_tmp / "reliability.toml").write_text("max-bytes = 100\n")
    code, out, _ = run_cli(capsys, "score", "a.txt")
    assert code == 1 and "limit" in json.loads(out)["error"]
    code, out, _ = run_cli(capsys, "score", "a.txt", "--max-bytes", "1MB")
    assert code == 0


# -- atomic output and resume ---------------------------------------------------------------------

class StopAfter(FakeScorer):
    """Scores ``n`` articles, then behaves as if the user pressed Ctrl-C."""

    def __init__(self, n):
        self.left = n

    def score(self, text, **kwargs):
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        return super().score(text, **kwargs)


def test_interrupted_run_keeps_the_old_file_and_resume_neither_loses_nor_repeats(in_tmp, capsys, monkeypatch):
    folder = in_tmp / "many"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:03d}.txt").write_text(("GOOD" if i % 2 else "BAD") + f" article {i}")
    (in_tmp / "out.jsonl").write_text("previous complete output\n")

    monkeypatch.setattr("reliability.cli.score.make_scorer", lambda settings: StopAfter(12))
    code, _, err = run_cli(capsys, "score", "many", "-o", "out.jsonl")
    assert code == 130 and "--resume" in err
    assert (in_tmp / "out.jsonl").read_text() == "previous complete output\n"  # untouched
    partial = (in_tmp / "out.jsonl.partial").read_text().splitlines()
    assert len(partial) == 12

    # A second interruption while resuming, with a row cut in half on disk.
    with open(in_tmp / "out.jsonl.partial", "a") as handle:
        handle.write('{"id": "many/012.txt", "sc')
    monkeypatch.setattr("reliability.cli.score.make_scorer", lambda settings: StopAfter(5))
    code, _, _ = run_cli(capsys, "score", "many", "-o", "out.jsonl", "--resume")
    assert code == 130

    monkeypatch.setattr("reliability.cli.score.make_scorer", lambda settings: FakeScorer())
    code, _, err = run_cli(capsys, "score", "many", "-o", "out.jsonl", "--resume")
    assert code == 0 and "resuming: 17 rows" in err
    rows = [json.loads(line) for line in (in_tmp / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == [f"many/{i:03d}.txt" for i in range(30)]
    assert not (in_tmp / "out.jsonl.partial").exists()


def test_without_resume_an_old_partial_run_is_replaced(fake, in_tmp, capsys):
    (in_tmp / "a.txt").write_text("GOOD")
    (in_tmp / "out.csv.partial").write_text('{"id": "stale"}\n')
    code, _, err = run_cli(capsys, "score", "a.txt", "-o", "out.csv")
    assert code == 0 and "starting over" in err
    assert [r["id"] for r in csv.DictReader((in_tmp / "out.csv").open())] == ["a.txt"]


# -- the whole program, as a user runs it -----------------------------------------------------------

def test_two_hundred_mixed_files_give_two_hundred_rows(in_tmp):
    """The test-suite version of benchmarks/batch_10k.py, with the real scorer and two processes."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        from batch_10k import make_corpus
    finally:
        sys.path.pop(0)
    expected, broken = make_corpus(in_tmp / "corpus", 200, seed=3)
    assert expected == 200 and broken == 2
    result = subprocess.run(
        [sys.executable, "-m", "reliability", "score", str(in_tmp / "corpus"), "-o", str(in_tmp / "rows.jsonl"),
         "--jobs", "2"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CI": "true"},
    )
    assert result.returncode == 1, result.stderr  # the broken ones are error rows
    rows = [json.loads(line) for line in (in_tmp / "rows.jsonl").read_text().splitlines()]
    assert len(rows) == 200 and len({r["id"] for r in rows}) == 200
    assert sum(1 for r in rows if r["error"]) == 2
    assert all(0 <= r["score"] <= 100 for r in rows if not r["error"])
    assert "it/s" not in result.stderr and "article/s" not in result.stderr  # no progress bar under CI


def test_progress_bar_when_asked(fake, in_tmp, capsys):
    (in_tmp / "a.txt").write_text("GOOD")
    code, _, err = run_cli(capsys, "score", "a.txt", "--progress")
    assert code == 0 and "1/1" in err


def test_no_bar_when_rows_print_to_the_terminal(monkeypatch):
    import argparse

    from reliability.cli.score import show_progress

    monkeypatch.setattr("reliability.batch.progress_enabled", lambda *a, **k: True)  # stderr is a terminal
    monkeypatch.setattr(sys, "stdout", _Tty())
    assert show_progress(argparse.Namespace(progress=None, output=None)) is False
    assert show_progress(argparse.Namespace(progress=None, output="rows.csv")) is True
    assert show_progress(argparse.Namespace(progress=True, output=None)) is True
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # piped
    assert show_progress(argparse.Namespace(progress=None, output=None)) is True
