"""Text helpers for builders: visible truncation, mentions and local times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

ELLIPSIS = "…"

SECTION_TEXT = 3000
HEADER_TEXT = 150
BUTTON_TEXT = 75
CONTEXT_TEXT = 2000
FIELD_TEXT = 2000
MODAL_TITLE = 24
INPUT_VALUE = 3000
MESSAGE_TEXT = 40000


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
