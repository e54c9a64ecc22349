"""Settings and the per-run credentials file: secrets come from the environment only."""
from __future__ import annotations

import pytest
import yaml

from bot.common import settings
from bot.serve.credentials import write_runtime_credentials


def test_a_missing_token_gets_a_one_off_random_one(monkeypatch):
    monkeypatch.setenv("RASA_AUTH_TOKEN", "")
    first = settings.load().auth_token
    monkeypatch.setenv("RASA_AUTH_TOKEN", "")
    second = settings.load().auth_token
    assert len(first) >= 24 and first != second


def test_the_example_token_is_never_used(monkeypatch):
    monkeypatch.setenv("RASA_AUTH_TOKEN", "change-me-to-a-long-random-string")
    assert settings.load().auth_token != "change-me-to-a-long-random-string"


def test_ports_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "6005")
    monkeypatch.setenv("ACTION_PORT", "6055")
    loaded = settings.load()
    assert (loaded.rasa_port, loaded.action_port) == (6005, 6055)


@pytest.mark.parametrize("value", ["abc", "0", "70000"])
def test_a_bad_port_stops_with_a_clear_message(monkeypatch, value):
    monkeypatch.setenv("RASA_PORT", value)
    with pytest.raises(SystemExit, match="RASA_PORT"):
        settings.load()


def test_telegram_is_added_only_when_configured(tmp_path):
    target = tmp_path / "credentials.yml"
    write_runtime_credentials({}, target)
    assert not any("telegram" in key for key in yaml.safe_load(target.read_text()))
    env = {"TELEGRAM_TOKEN": "123:secret", "TELEGRAM_BOT_NAME": "bot", "TELEGRAM_WEBHOOK_URL": "https://x/y"}
    write_runtime_credentials(env, target)
    text = target.read_text()
    assert "bot.channels.telegram.AllianceTelegramInput" in yaml.safe_load(text)
    assert "123:secret" not in text and "${TELEGRAM_TOKEN}" in text


def test_an_unreachable_database_is_explained_not_a_traceback(capsys, tmp_path):
    from bot.serve.servers import Servers, start_or_explain
    from bot.common.settings import Settings

    servers = Servers(Settings("127.0.0.1", 1, 2, "t"), log_dir=tmp_path,
                      extra_env={"DATABASE_URL": "postgresql://alliance:secret@127.0.0.1:1/none?connect_timeout=2"})
    assert start_or_explain(servers, servers.start, "the servers") is False
    error = capsys.readouterr().err
    assert "cannot be reached" in error and "DATABASE_URL" in error
    assert "secret" not in error  # the password is never printed


@pytest.mark.parametrize("token", ["-VuJmxmttWoks00EeETvuTSnowwXNymb", "--looks-like-an-option", "plain_token_123"])
def test_rasa_reads_any_token_from_the_command_line(monkeypatch, token):
    """One random token in 64 starts with "-"; rasa's own parser must still read it as the token."""
    from rasa.__main__ import create_argument_parser

    from bot.serve.servers import Servers

    monkeypatch.setenv("RASA_AUTH_TOKEN", token)
    command = Servers(settings.load()).rasa_command()
    arguments = create_argument_parser().parse_args(command[command.index("run"):])
    assert arguments.auth_token == token


def test_the_rest_and_shell_channels_are_off_without_their_tokens(tmp_path):
    target = tmp_path / "credentials.yml"
    write_runtime_credentials({}, target)
    channels = yaml.safe_load(target.read_text())
    assert list(channels) == ["bot.channels.widget.AllianceWidgetInput"]  # no stock rest: or socketio:
    write_runtime_credentials({"REST_CHANNEL_TOKEN": "r-secret", "ALLIANCE_SHELL_TOKEN": "s-secret"}, target)
    text = target.read_text()
    channels = yaml.safe_load(text)
    assert channels["bot.channels.rest.AllianceRestInput"] == {"token": "${REST_CHANNEL_TOKEN}"}
    assert channels["bot.channels.rest.AllianceShellInput"] == {"token": "${ALLIANCE_SHELL_TOKEN}"}
    assert "r-secret" not in text and "s-secret" not in text


def test_a_rest_channel_without_a_token_refuses_everyone():
    from bot.channels.rest import AllianceRestInput

    class Request:
        headers = {"authorization": "Bearer "}

    assert not AllianceRestInput("")._authorised(Request())
    assert not AllianceRestInput(None)._authorised(Request())
