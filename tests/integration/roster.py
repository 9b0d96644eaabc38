"""What the roster integration tests share: a new hire and an hour after the sync (the synced
practice is conftest.py's `practice` fixture)."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.hours import WeeklyHours
from bot.domain.people import Person, Role
from tests.support import TUESDAY_10AM_NY

LATER = TUESDAY_10AM_NY + timedelta(hours=1)
MANILA = ZoneInfo("Asia/Manila")
NIA = Person("U0NEWNIA001", Role.ASSISTANT, "Nia Okafor", MANILA, scopes=frozenset({"scheduling"}),
             shift=WeeklyHours(frozenset({0, 1, 2}), time(22), time(7), MANILA))  # fmt: skip
