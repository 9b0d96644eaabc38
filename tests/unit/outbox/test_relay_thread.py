"""The delivery thread's pace: straight on while rows go out and more are due, else idle."""

from __future__ import annotations

import pytest

from bot.outbox.relay_thread import MIN_IDLE_SECONDS, DeliveryThread


class Passes:
    """A deliverer stand-in: one pass sends `sent` rows; the next row is due in `due` s."""

    def __init__(self, sent: int, due: float) -> None:
        self.sent, self.due = sent, due

    def deliver_ready(self) -> int:
        return self.sent

    def seconds_until_due(self, cap: float) -> float:
        return min(cap, self.due)


@pytest.mark.parametrize(
    ("sent", "due", "idle"),
    [(3, 0.0, 0.0), (0, 0.0, MIN_IDLE_SECONDS), (3, 1.5, 1.5), (0, 9.0, 2.0)],
)
def test_the_next_pass_starts_at_once_only_after_sending_with_more_due(
    sent: int, due: float, idle: float
) -> None:
    thread = DeliveryThread(Passes(sent, due), poll_seconds=2.0)  # type: ignore[arg-type]
    assert thread._pass() == idle
