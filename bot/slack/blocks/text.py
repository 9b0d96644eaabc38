"""Text helpers for builders: visible truncation, mentions and local times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

ELLIPSIS = "…"

SECTION_TEXT = 3000  # Block Kit's limits, as bot/devkit/limits.py checks them
HEADER_TEXT = 150
CONTEXT_TEXT = 2000
INPUT_VALUE = 3000


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with a visible ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def mention(user_id: str | None) -> str:
    return f"<@{user_id}>" if user_id else "Unassigned"


def escape(text: str) -> str:
    """Escape Slack's control characters so user text cannot ping or link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def local_time(moment: datetime, tz: ZoneInfo) -> str:
    """E.g. 'Tue Dec 1, 5:00 PM EST'."""
    local = moment.astimezone(tz)
    return local.strftime("%a %b %-d, %-I:%M %p %Z")
