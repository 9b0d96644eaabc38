"""Realistic Slack identifiers and the patterns Slack's ids follow."""

from __future__ import annotations

import re
import secrets
import string
import threading
import time

TEAM_ID = "T0HANDOFF01"
TEAM_DOMAIN = "handoff-demo"
BOT_USER_ID = "U0HANDOFFBOT"
BOT_ID = "B0HANDOFF01"
APP_ID = "A0HANDOFF01"

CHANNEL_RE = re.compile(r"^[CGD][A-Z0-9]{8,}$")
USER_RE = re.compile(r"^[UW][A-Z0-9]{2,}$")
TS_RE = re.compile(r"^\d{10}\.\d{6}$")
TRIGGER_RE = re.compile(r"^\d+\.\d+\.[0-9a-f]+$")

_ALNUM = string.ascii_uppercase + string.digits


def _alnum(n: int) -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(n))


def trigger_id() -> str:
    """A trigger id shaped like Slack's: `1234567890.123456.abcdef…`."""
    seconds = secrets.randbelow(9 * 10**9) + 10**9
    return f"{seconds}.{secrets.randbelow(10**6):06d}.{secrets.token_hex(16)}"


def view_id() -> str:
    return "V0" + _alnum(9)


def event_id() -> str:
    return "Ev0" + _alnum(9)


def block_id() -> str:
    return _alnum(5).lower()


def ts_of(moment: float) -> str:
    """Format an epoch time as a Slack message ts (`1712345678.123456`)."""
    return f"{moment:.6f}"


def dm_channel_for(user_id: str) -> str:
    """The bot's DM channel with a user: stable per user, e.g. U0ALICE001 -> D0ALICE001."""
    return "D" + user_id[1:].rjust(9, "0")


class TsClock:
    """Hands out unique, strictly increasing message timestamps (thread-safe)."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            self._last = max(int(time.time() * 1_000_000), self._last + 1)
            return f"{self._last // 1_000_000}.{self._last % 1_000_000:06d}"
