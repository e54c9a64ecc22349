"""make test's stage runner (tests/stage.py): one line when a stage passes, the log's end when it fails."""
from __future__ import annotations

import sys

from tests import stage


def test_a_passing_stage_is_one_line_and_its_output_is_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(stage, "LOGS", tmp_path)
    code = stage.main(["quiet", "--", sys.executable, "-c", "print('lots of noise'); import warnings; "
                       "warnings.warn('UserWarning here')"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0 and len(out) == 1 and out[0].startswith("quiet: ok in")
    assert "lots of noise" in (tmp_path / "quiet.log").read_text()


def test_a_failing_stage_shows_the_end_of_its_log_and_its_exit_code(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(stage, "LOGS", tmp_path)
    code = stage.main(["broken", "--", sys.executable, "-c", "print('the reason'); raise SystemExit(3)"])
    out = capsys.readouterr().out
    assert code == 3 and "the reason" in out and "broken: FAILED (exit 3)" in out


def test_usage_without_a_command():
    assert stage.main(["nothing"]) == 2
