"""The worker's jobs: thin wrappers that run one catch-up sweep of a service for each practice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.services.absences import start_absences
from bot.services.digests import AUDIENCES, send_digests
from bot.services.escalations import sweep
from bot.services.heartbeat import beat
from bot.services.retention import redact_expired
from bot.services.weekly import send_weekly

if TYPE_CHECKING:
    from bot.bootstrap import Handoff

HEARTBEAT_SECONDS = 15.0
SWEEP_SECONDS = 30.0  # escalation levels are minutes apart; a sweep costs what is due
RETENTION_SECONDS = 600.0  # retention is counted in days; a sweep costs what is due


def clock_jobs(handoff: Handoff) -> dict[str, tuple[Callable[[], object], float]]:
    """Each job by name, with how often it runs."""
    return {
        "heartbeat": (lambda: beat(handoff.uow(), handoff.clock()), HEARTBEAT_SECONDS),
        "escalations": (lambda: escalate_all(handoff), SWEEP_SECONDS),
        "digests": (lambda: digest_all(handoff), SWEEP_SECONDS),
        "retention": (lambda: redact_all(handoff), RETENTION_SECONDS),
        "absences": (lambda: start_absences_all(handoff), SWEEP_SECONDS),
    }


def escalate_all(handoff: Handoff) -> None:
    """One escalation sweep per practice, as of now."""
    for practice in handoff.served_practices():
        sweep(handoff.uow, practice, handoff.clock())


def digest_all(handoff: Handoff) -> None:
    """Every digest due as of now, for each practice and audience, and the weekly one."""
    for practice in handoff.served_practices():
        for audience in AUDIENCES:
            send_digests(handoff.uow, handoff.reading_uow, practice, audience, handoff.clock())
        send_weekly(handoff.uow, handoff.reading_uow, practice, handoff.clock())


def redact_all(handoff: Handoff) -> None:
    """Redact the private fields of each practice's tasks closed longer ago than it keeps them."""
    for practice in handoff.served_practices():
        redact_expired(handoff.uow, practice, handoff.clock())


def start_absences_all(handoff: Handoff) -> None:
    """Move the work of every assistant whose time off has begun, once per absence."""
    for practice in handoff.served_practices():
        start_absences(handoff.uow, practice, handoff.clock())
