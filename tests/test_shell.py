"""``make shell``: the terminal client on its own ``shell:`` channel, end to end and in parts."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.serve import shell

ROOT = Path(__file__).resolve().parent.parent


def test_a_number_picks_the_button_and_words_stay_words():
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "Not now", "payload": "/deny"}]
    assert shell.chosen("2", buttons) == "/deny"
    assert shell.chosen("3", buttons) == "3" and shell.chosen("0", buttons) == "0"
    assert shell.chosen("yes please", buttons) == "yes please"


def test_the_login_becomes_a_valid_conversation_name(monkeypatch):
    from bot.channels.identity import valid_sender

    for login in ("sam", "Sam Smith", "../../etc", "ünïcode", "", "-x"):
        monkeypatch.setattr(shell.getpass, "getuser", lambda login=login: login)
        assert valid_sender(shell.shell_name())


def test_show_prints_replies_and_numbers_the_buttons(capsys):
    buttons = shell.show([{"text": "Hello"}, {"text": "Are you safe?", "buttons": [{"title": "Yes", "payload": "/a"}]}])
    out = capsys.readouterr().out
    assert "Alliance: Hello" in out and "[1] Yes" in out and buttons == [{"title": "Yes", "payload": "/a"}]


@pytest.mark.server
def test_make_shell_talks_to_the_assistant_in_the_terminal(tmp_path):
    env = dict(os.environ, RASA_PORT="24005", ACTION_PORT="24055", ALLIANCE_DATA_DIR=str(tmp_path),
               RASA_AUTH_TOKEN="shell-test-token", PYTHONPATH=str(ROOT))
    env.pop("REST_CHANNEL_TOKEN", None)
    result = subprocess.run([sys.executable, "-m", "bot.serve.shell"], cwd=ROOT, env=env, timeout=600,
                            input="hi\n2\n/stop\n", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "Connected as shell:" in out
    assert "automated assistant" in out and "[1]" in out  # the greeting and its numbered buttons
    assert out.count("Alliance:") >= 2  # "2" picked a button and got its own answer
