"""`bot escalate` and `bot digest` run one sweep as of a time and say what they sent."""

from __future__ import annotations

import pytest

from bot.cli import main
from tests.conftest import RunningApp
from tests.e2e.helpers import delegate


def test_escalate_dry_run_prints_what_it_would_send_and_sends_nothing(
    env: RunningApp, capsys: pytest.CaptureFixture[str]
) -> None:
    delegate(env, "insurance verify coverage")
    queued = len(env.standin.calls)
    assert main(["escalate", "--at", "2026-12-01T12:00", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would send T-0001 claim reminder #1 to person U0VAMARIA01" in out
    assert "1 message(s), 0 release(s), 1 task(s) checked" in out
    assert "verify coverage" not in out
    assert main(["escalate", "--at", "2026-12-01T12:00"]) == 0
    assert "queued T-0001 claim reminder #1" in capsys.readouterr().out
    assert main(["escalate", "--at", "2026-12-01T12:00"]) == 0
    assert "0 message(s)" in capsys.readouterr().out  # once
    env.settle()
    assert len(env.standin.calls) == queued + 1


def test_digest_prints_each_recipient_once_per_period(
    env: RunningApp, capsys: pytest.CaptureFixture[str]
) -> None:
    delegate(env, "insurance verify coverage")
    assert main(["digest", "manager", "--at", "2026-12-02T07:45"]) == 0
    out = capsys.readouterr().out
    assert "queued manager digest for 2026-12-02 to C0DIGEST001" in out
    assert main(["digest", "manager", "--at", "2026-12-02T07:50"]) == 0
    assert "0 manager digest(s)" in capsys.readouterr().out


def test_a_time_that_is_not_iso_is_refused(env: RunningApp) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["escalate", "--at", "tomorrow"])
    assert exited.value.code == 2
