"""Batch scoring: one row per input, in input order, on one or several processes; resume journal.

``FakeScorer`` (also used by the CLI tests) scores from markers in the text, so
that tests of ordering, thresholds and formats do not depend on the model,
which others keep improving.
"""

from __future__ import annotations

import collections
import io
import json

import pytest

from reliability.batch import Journal, ResultRow, progress_enabled, score_inputs, skip_done
from reliability.io import InputRecord, iter_inputs
from reliability.report import ArticleReport, Finding, ModelInfo, Signal


class FakeScorer:
    """A stand-in Scorer: ``GOOD`` scores 90, ``BAD`` 10, ``MEH`` 55, anything else 50.

    Findings: every ``officials said`` is an RS101 warning, every ``!!!`` an
    RS502 info, ``FABRICATED`` an RS103 error; ``CRASH`` raises inside scoring.
    """

    bands = {"reliable": 70.0, "unreliable": 40.0}

    def score(self, text, *, title=None, published=None, url=None):
        if "CRASH" in text:
            raise RuntimeError("detector exploded")
        score = 90.0 if "GOOD" in text else 10.0 if "BAD" in text else 55.0 if "MEH" in text else 50.0
        band = "reliable" if score >= 70 else "unreliable" if score < 40 else "questionable"
        findings = []
        for needle, code, severity, detector in (
            ("officials said", "RS101", "warning", "anonymous_sourcing"),
            ("!!!", "RS502", "info", "readability"),
            ("FABRICATED", "RS103", "error", "anonymous_sourcing"),
        ):
            start = text.find(needle)
            while start != -1:
                end = start + len(needle)
                findings.append(Finding(code, detector, start, end, text[start:end], f"{code} fake finding",
                                        severity=severity, feature="fake.signal"))
                start = text.find(needle, end)
        findings.sort(key=lambda f: f.start)
        signals = (Signal("fake.signal", float(len(findings)), score - 50.0, "fake signal moved the score",
                          tuple(findings)),) if score != 50.0 else ()
        return ArticleReport(score=score, band=band, signals=signals, findings=tuple(findings),
                             features={"fake.signal": float(len(findings))}, model=ModelInfo("fake", "1"))


def records(*texts):
    return [InputRecord(id=f"r{i}", text=t) for i, t in enumerate(texts)]


def test_one_row_per_record_in_order_with_errors_kept():
    recs = records("GOOD", "BAD", "plain") + [InputRecord(id="broken", text=None, error="empty file")] + records("MEH")
    rows = list(score_inputs(recs, scorer=FakeScorer()))
    assert [r.id for r in rows] == ["r0", "r1", "r2", "broken", "r0"]
    assert [r.report.score if r.report else None for r in rows] == [90.0, 10.0, 50.0, None, 55.0]
    assert rows[3].error == "empty file" and rows[3].text is None
    assert rows[0].text == "GOOD"  # kept for renderers that show evidence


def test_a_scoring_exception_costs_one_row_not_the_run():
    rows = list(score_inputs(records("GOOD", "CRASH here", "BAD"), scorer=FakeScorer()))
    assert len(rows) == 3
    assert rows[1].report is None and "detector exploded" in rows[1].error
    assert rows[2].report.score == 10.0


def test_a_date_that_cannot_be_read_is_a_row_error_with_the_real_scorer():
    rows = list(score_inputs([InputRecord("x", "The council met on Tuesday.", published="sometime soon")]))
    assert rows[0].report is None and "date" in rows[0].error


def test_parallel_scoring_keeps_input_order_and_count():
    texts = [("GOOD" if i % 3 == 0 else "BAD" if i % 3 == 1 else "MEH") + f" article {i}" for i in range(101)]
    recs = [InputRecord(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    recs.insert(50, InputRecord(id="bad-input", text=None, error="binary file"))
    serial = list(score_inputs(recs, scorer=FakeScorer()))
    parallel = list(score_inputs(recs, jobs=2, scorer=FakeScorer(), chunk_size=7))
    assert [r.id for r in parallel] == [r.id for r in recs]
    assert [(r.id, r.report.score if r.report else r.error) for r in parallel] == \
        [(r.id, r.report.score if r.report else r.error) for r in serial]
    assert parallel[50].error == "binary file"


class ProcessScorer(FakeScorer):
    """FakeScorer that names the process that scored (the model name) and, in a worker
    process, dies on ``DIE`` (every time, or once when ``once`` names a marker file)."""

    def __init__(self, parent_pid, once=None):
        self.parent_pid, self.once = parent_pid, once

    def score(self, text, **kwargs):
        import dataclasses
        import os

        if "DIE" in text and os.getpid() != self.parent_pid:
            if self.once is None or not os.path.exists(self.once):
                if self.once is not None:
                    open(self.once, "w").close()
                os._exit(1)  # as if killed (out of memory): the pool breaks
        report = super().score(text, **kwargs)
        return dataclasses.replace(report, model=ModelInfo(str(os.getpid()), "1"))


def test_two_jobs_score_in_this_process_and_one_worker():
    import os

    recs = records(*[f"GOOD article {i}" for i in range(200)])
    rows = list(score_inputs(recs, jobs=2, scorer=ProcessScorer(os.getpid()), chunk_size=4))
    assert [r.id for r in rows] == [r.id for r in recs]
    scored_by = collections.Counter(r.report.model.name for r in rows)
    assert len(scored_by) == 2 and str(os.getpid()) in scored_by  # this process and one worker


def test_a_worker_that_dies_once_costs_no_row(tmp_path):
    import os

    texts = [f"GOOD article {i}" for i in range(60)]
    texts[1] = "BAD article DIE"  # in the first chunk, which goes to the worker
    rows = list(score_inputs(records(*texts), jobs=2, chunk_size=3,
                             scorer=ProcessScorer(os.getpid(), once=str(tmp_path / "died"))))
    assert (tmp_path / "died").exists()
    assert [r.id for r in rows] == [f"r{i}" for i in range(60)]
    assert all(r.ok for r in rows) and rows[1].report.score == 10.0


def test_workers_that_keep_dying_leave_the_rest_to_this_process(capsys):
    import os

    texts = [f"GOOD article {i}" for i in range(40)]
    texts[0] = "BAD article DIE"
    rows = list(score_inputs(records(*texts), jobs=2, chunk_size=3, scorer=ProcessScorer(os.getpid())))
    assert [r.id for r in rows] == [f"r{i}" for i in range(40)]
    assert all(r.ok for r in rows) and rows[0].report.score == 10.0
    assert rows[0].report.model.name == str(os.getpid())
    assert "worker processes keep failing" in capsys.readouterr().err


def test_parallel_scoring_with_the_real_scorer():
    recs = records("The council met on Tuesday. It approved the budget.", "Officials said the plan was dead.")
    rows = list(score_inputs(recs, jobs=2))
    assert [r.id for r in rows] == ["r0", "r1"]
    assert all(r.report is not None and 0 <= r.report.score <= 100 for r in rows)


def test_score_inputs_is_lazy_and_streams():
    def endless():
        i = 0
        while True:
            yield InputRecord(id=str(i), text="GOOD")
            i += 1

    rows = score_inputs(endless(), scorer=FakeScorer())
    first = [next(rows) for _ in range(5)]
    assert [r.id for r in first] == ["0", "1", "2", "3", "4"]


def test_real_files_through_readers_and_scorer(tmp_path):
    (tmp_path / "a.txt").write_text("GOOD news from the council.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text('{"text": "BAD"}\n{"text": ""}\n', encoding="utf-8")
    rows = list(score_inputs(iter_inputs([str(tmp_path)]), scorer=FakeScorer()))
    assert [(r.id.replace(str(tmp_path), "T"), r.error is None) for r in rows] == [
        ("T/a.txt", True), ("T/b.txt", False), ("T/c.jsonl#1", True), ("T/c.jsonl#2", False)]
    assert isinstance(rows[0], ResultRow) and rows[0].source.endswith("a.txt")


# -- resume journal ------------------------------------------------------------------

def test_journal_drops_a_line_cut_short_and_resumes_after_it(tmp_path):
    path = tmp_path / "out.partial"
    journal = Journal(path).open(resume=False)
    journal.append({"id": "a", "score": 1})
    journal.append({"id": "b", "score": 2})
    journal.close()
    with open(path, "ab") as handle:
        handle.write(b'{"id": "c", "sco')  # killed mid-write
    assert [r["id"] for r in Journal(path).read()] == ["a", "b"]
    again = Journal(path).open(resume=True)
    again.append({"id": "c", "score": 3})
    again.close()
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == ["a", "b", "c"]


def test_skip_done_skips_each_id_as_often_as_it_was_done():
    recs = [InputRecord(id=i, text="x") for i in ["a", "b", "a", "c", "a"]]
    left = list(skip_done(recs, collections.Counter({"a": 2, "b": 1})))
    assert [r.id for r in left] == ["c", "a"]


def test_progress_only_on_a_terminal_and_never_under_ci():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert progress_enabled(Tty(), env={}) is True
    assert progress_enabled(Tty(), env={"CI": "true"}) is False
    assert progress_enabled(Tty(), env={"CI": "false"}) is True
    assert progress_enabled(io.StringIO(), env={}) is False


@pytest.mark.parametrize("jobs", [0, -1])
def test_jobs_zero_or_less_means_one_per_cpu(jobs):
    rows = list(score_inputs(records("GOOD", "BAD"), jobs=jobs, scorer=FakeScorer()))
    assert [r.report.score for r in rows] == [90.0, 10.0]


def test_rows_carry_the_inputs_metadata_for_renderers(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: T\ndate: 2024-01-02\nurl: https://e.org/a\n---\nGOOD body\n")
    from reliability.io import expand_paths, iter_tasks

    for jobs in (1, 2):
        tasks = iter_tasks(expand_paths([str(tmp_path / "a.md")]))  # read in the worker
        [row] = list(score_inputs(tasks, jobs=jobs, scorer=FakeScorer()))
        assert (row.title, row.published, row.url) == ("T", "2024-01-02", "https://e.org/a")
        assert row.text.strip() == "GOOD body" and row.source.endswith("a.md")


def test_a_loaded_scorer_travels_to_workers_as_its_arguments(scorer, seeds):
    import pickle

    from reliability import Scorer

    text = next(iter(seeds.values()))
    expected = scorer.score(text)  # loads detectors and model
    blob = pickle.dumps(scorer)
    assert len(blob) < 2000  # not the detectors' data nor the model
    copy = pickle.loads(blob)
    assert copy.score(text) == expected
    custom = pickle.loads(pickle.dumps(Scorer(kb_extra=["officials.csv"], trusted=True)))
    assert (custom.kb_extra, custom.trusted) == (("officials.csv",), True)
