"""A person's access report from Slack: for managers and admins, and every opening audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.access import (
    REPORT_NOT_ALLOWED,
    REPORT_OPENED,
    REPORT_REFUSED,
    may_open_access_report,
)
from bot.domain.practice import Practice
from bot.services.ports import AccessEntry, ReplyTo, UnitOfWork

REPORT_DAYS = 30  # what the Team view's report covers; `bot audit access` goes further back


@dataclass(frozen=True)
class AccessReport:
    person: str
    since: datetime
    entries: list[AccessEntry]


def open_access_report(
    uow: UnitOfWork,
    practice: Practice,
    *,
    viewer_id: str,
    person_id: str,
    now: datetime,
    reply_to: ReplyTo,
) -> AccessReport | None:
    """`person_id`'s looks and refusals of the last 30 days if `viewer_id` may see them;
    otherwise None and the viewer is told why. Either way the request is audited."""
    since = now - timedelta(days=REPORT_DAYS)
    why_not = _refusal(practice, viewer_id, person_id)
    with uow:
        uow.audit.record(
            None, team_id=practice.team_id, actor_id=viewer_id,
            action=REPORT_REFUSED if why_not else REPORT_OPENED,
            at=now, reason=f"{person_id[:32]} since {since.date().isoformat()}",
        )  # fmt: skip
        if why_not:
            uow.notify.tell(practice.team_id, reply_to, why_not)
        entries = [] if why_not else uow.retention.access(practice.team_id, person_id, since)
        uow.commit()
    return None if why_not else AccessReport(person_id, since, entries)


def _refusal(practice: Practice, viewer_id: str, person_id: str) -> str:
    """Why the viewer may not open this report, or "" when they may."""
    if not may_open_access_report(practice.person(viewer_id)):
        return REPORT_NOT_ALLOWED
    return "" if practice.person(person_id) else "That person is not on the team."
