"""The credentials file the servers start with: the base channels plus the configured ones.

Rasa refuses to start when a channel in credentials.yml names an unset
``${VAR}``, and a Telegram or Slack channel cannot work without its secrets.
So credentials.yml holds the channel that always runs (the web widget),
and this module adds REST (``REST_CHANNEL_TOKEN``), the terminal's channel
(``ALLIANCE_SHELL_TOKEN``, made by ``make shell`` for one run), Telegram and
Slack only when their variables are set: a channel without its secret is
off, never open. Secrets stay as ``${VAR}`` references: Rasa reads them from the
environment, and nothing secret is written to disk.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Optional

from bot.common.settings import ROOT

BASE = ROOT / "credentials.yml"
RUNTIME = ROOT / "build" / "credentials.yml"

#: channel stanza -> the variables it needs
OPTIONAL_CHANNELS = {
    "bot.channels.rest.AllianceRestInput:\n"
    "  token: ${REST_CHANNEL_TOKEN}\n": ("REST_CHANNEL_TOKEN",),
    "bot.channels.rest.AllianceShellInput:\n"
    "  token: ${ALLIANCE_SHELL_TOKEN}\n": ("ALLIANCE_SHELL_TOKEN",),
    "bot.channels.telegram.AllianceTelegramInput:\n"
    "  access_token: ${TELEGRAM_TOKEN}\n"
    "  verify: ${TELEGRAM_BOT_NAME}\n"
    "  webhook_url: ${TELEGRAM_WEBHOOK_URL}\n": ("TELEGRAM_TOKEN", "TELEGRAM_BOT_NAME", "TELEGRAM_WEBHOOK_URL"),
    "bot.channels.slack.AllianceSlackInput:\n"
    "  slack_token: ${SLACK_TOKEN}\n"
    "  slack_signing_secret: ${SLACK_SIGNING_SECRET}\n": ("SLACK_TOKEN", "SLACK_SIGNING_SECRET"),
}


def enabled_stanzas(env: Mapping[str, str]) -> list:
    """The optional channel stanzas whose variables are all set."""
    return [stanza for stanza, names in OPTIONAL_CHANNELS.items()
            if all(env.get(name, "").strip() for name in names)]


def write_runtime_credentials(env: Optional[Mapping[str, str]] = None, target: Path = RUNTIME) -> Path:
    """Write the credentials file for this run and return its path."""
    env = os.environ if env is None else env
    text = BASE.read_text(encoding="utf-8").rstrip() + "\n"
    for stanza in enabled_stanzas(env):
        text += "\n" + stanza
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
