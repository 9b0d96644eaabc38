"""The managers' notice when an absence starts stays within Block Kit's limits however much
the assistant held."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.devkit import limits
from bot.domain.absence import Absence
from bot.domain.task import Status
from bot.slack.blocks.absences import HELD_SHOWN, absence_started_blocks
from tests.builders import JOSE, make_practice, make_task, ny

NOW = ny(2026, 12, 1, 10)


@pytest.mark.parametrize("held", [0, 1, HELD_SHOWN, HELD_SHOWN + 1, 45, 200])
def test_the_notice_fits_in_one_message_and_says_how_many_more(held: int) -> None:
    practice = make_practice()
    absence = Absence(1, practice.team_id, JOSE.slack_id, NOW, NOW + timedelta(days=1), "", "")
    tasks = [
        replace(make_task(), id=n, code=f"T-{n:04d}", status=Status.CLAIMED)
        for n in range(1, held + 1)
    ]
    blocks = absence_started_blocks(practice, absence, [], tasks)
    assert limits.check_message({"text": "x", "blocks": blocks}) == []
    assert len(blocks) <= 50
    more = [b for b in blocks if b["type"] == "context"]
    if held > HELD_SHOWN:
        assert f"…and {held - HELD_SHOWN} more" in more[0]["elements"][0]["text"]
    else:
        assert more == []
