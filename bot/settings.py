"""Process settings from the environment (and .env), validated once at start-up."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

from bot.log_format import FORMATS

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
DEFAULT_DATABASE_URL = "sqlite:///var/handoff.db"
DAY_SECONDS = 86_400.0


class SettingsError(Exception):
    """A missing or malformed environment variable; the message is one line naming it."""


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str
    slack_signing_secret: str
    slack_app_token: str
    slack_api_url: str
    database_url: str
    practice_config: Path
    port: int
    log_level: str
    log_format: str = "auto"  # json, text, or auto: text on a terminal, JSON elsewhere
    outbox_lease_seconds: float = 60.0  # how long a relay may hold a row before others retry it
    outbox_pace_seconds: float = 1.0  # the gap between two messages to one channel
    web_concurrency: int = 2  # gunicorn processes of `bot serve`
    web_threads: int = 8  # threads per gunicorn process
    worker_metrics_port: int = 0  # where `bot worker` serves /metrics; 0: it does not


def _token(env: dict[str, str], name: str, prefix: str, required: bool) -> str:
    value = env.get(name, "").strip()
    if not value:
        if required:
            raise SettingsError(
                f"{name} is not set — expected a Slack token starting with {prefix}"
            )
        return ""
    if not value.startswith(prefix):
        raise SettingsError(f"{name} is malformed — expected a Slack token starting with {prefix}")
    return value


def _api_url(env: dict[str, str]) -> str:
    value = env.get("SLACK_API_URL", "").strip() or "https://slack.com/api/"
    if not re.match(r"^https?://[^\s/]+(/\S*)?$", value):
        raise SettingsError("SLACK_API_URL is malformed — expected an http(s) URL ending in /api/")
    return value if value.endswith("/") else value + "/"


def _database_url(env: dict[str, str]) -> str:
    value = env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        value = "postgresql+psycopg://" + value.split("://", 1)[1]
    if not re.match(r"^(sqlite:///|postgresql\+psycopg://)", value):
        raise SettingsError(
            "DATABASE_URL is malformed — expected sqlite:///path/to/file.db "
            "or postgresql+psycopg://user@host:5432/dbname"
        )
    return value


def _number(env: dict[str, str], name: str, default: int, *, most: int) -> int:
    """A whole number from 1 to `most`; `default` when unset or blank."""
    value = env.get(name, "").strip() or str(default)
    if not value.isdigit() or not 0 < int(value) <= most:
        raise SettingsError(
            f"{name} is malformed — expected a number from 1 to {most}, got {value!r}"
        )
    return int(value)


def _log_level(env: dict[str, str]) -> str:
    value = (env.get("LOG_LEVEL", "").strip() or "INFO").upper()
    if value not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL is malformed — expected one of {', '.join(LOG_LEVELS)}")
    return value


def _log_format(env: dict[str, str]) -> str:
    value = (env.get("LOG_FORMAT", "").strip() or "auto").lower()
    if value not in FORMATS:
        raise SettingsError(f"LOG_FORMAT is malformed — expected one of {', '.join(FORMATS)}")
    return value


def _seconds(env: dict[str, str], name: str, default: float, *, least: float) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not least <= seconds <= DAY_SECONDS:
        raise SettingsError(
            f"{name} is malformed — expected seconds from {least:g} to {DAY_SECONDS:g},"
            f" got {value!r}"
        )
    return seconds


def load_settings(
    env: dict[str, str] | None = None, *, need_slack: bool = True, need_app_token: bool = False
) -> Settings:
    """Read settings; `need_slack` demands the bot token and signing secret."""
    if env is None:
        load_dotenv(Path.cwd() / ".env", override=False)
        env = dict(os.environ)
    return Settings(
        slack_bot_token=_token(env, "SLACK_BOT_TOKEN", "xoxb-", need_slack),
        slack_signing_secret=_signing_secret(env, need_slack),
        slack_app_token=_token(env, "SLACK_APP_TOKEN", "xapp-", need_app_token),
        slack_api_url=_api_url(env),
        database_url=_database_url(env),
        practice_config=Path(env.get("PRACTICE_CONFIG", "").strip() or "practice.yml"),
        port=_number(env, "PORT", 3000, most=65535),
        log_level=_log_level(env),
        log_format=_log_format(env),
        outbox_lease_seconds=_seconds(env, "HANDOFF_OUTBOX_LEASE_SECONDS", 60.0, least=1.0),
        outbox_pace_seconds=_seconds(env, "HANDOFF_OUTBOX_PACE_SECONDS", 1.0, least=0.0),
        web_concurrency=_number(env, "WEB_CONCURRENCY", 2, most=64),
        web_threads=_number(env, "WEB_THREADS", 8, most=256),
        worker_metrics_port=_optional_port(env, "HANDOFF_WORKER_METRICS_PORT"),
    )


def _optional_port(env: dict[str, str], name: str) -> int:
    """A TCP port, or 0 when unset."""
    return _number(env, name, 1, most=65535) if env.get(name, "").strip() else 0


def _signing_secret(env: dict[str, str], required: bool) -> str:
    value = env.get("SLACK_SIGNING_SECRET", "").strip()
    if required and not value:
        raise SettingsError(
            "SLACK_SIGNING_SECRET is not set — expected the app's signing secret "
            "(Slack app settings → Basic Information)"
        )
    if value and not re.fullmatch(r"[0-9a-zA-Z]{16,}", value):
        raise SettingsError("SLACK_SIGNING_SECRET is malformed — expected 16+ letters or digits")
    return value
