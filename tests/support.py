"""Shared test constants and small fakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
PRACTICE_FILE = FIXTURES / "practice.yml"
SIGNING_SECRET = "TestSigningSecret0123456789abcdef"
BOT_TOKEN = "xoxb-test-0000-handoff"
TUESDAY_10AM_NY = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)

PATEL, CHEN = "U0DRPATEL01", "U0DRCHEN001"
MARIA, JOSE, LENA, SAM = "U0VAMARIA01", "U0VAJOSE001", "U0VALENA001", "U0VAOLD0001"
KIM, ADMIN = "U0MGRKIM001", "U0ADMIN0001"
QUEUE = "C0QUEUE0001"


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime = TUESDAY_10AM_NY) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
