"""Changing or cancelling time off on fakes: the assistant or a manager, audited; others refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.practice import Practice
from bot.services.absences import (
    AbsenceChange,
    AbsenceRequest,
    absence_to_change,
    change_absence,
    set_absence,
)
from bot.services.errors import InvalidFields
from bot.services.ports import ReplyTo
from tests.builders import GRACE, JOSE, MARIA, ny
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)
DAY = timedelta(days=1)


def maria_away(uow: FakeUnitOfWork, practice: Practice, starts: timedelta) -> int:
    request = AbsenceRequest(
        "T_TEST", MARIA.slack_id, MARIA.slack_id, NOW + starts, NOW + starts + DAY, note="flu"
    )
    return set_absence(uow, practice, request, NOW).id


def change(actor: str, absence_id: int, **fields: object) -> AbsenceChange:
    return AbsenceChange("T_TEST", actor, absence_id, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("actor", [MARIA.slack_id, GRACE.slack_id], ids=["herself", "manager"])
def test_the_assistant_or_a_manager_moves_the_end_and_the_note_audited_without_the_note(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice, actor: str
) -> None:
    absence_id = maria_away(uow, practice, starts=timedelta())
    later = NOW + 3 * DAY
    assert change_absence(uow, practice, change(actor, absence_id, ends_at=later, note="surgery"),
                          NOW) == "absence_changed"  # fmt: skip
    stored = store.absences[absence_id]
    assert (stored.ends_at, stored.note) == (later, "surgery")
    event = store.events[-1]
    assert (event.action, event.actor_id, event.task_id) == ("absence_changed", actor, None)
    assert event.reason.endswith(f"→ {later.isoformat(timespec='minutes')}; note changed")
    assert "surgery" not in event.reason
    assert "flu" not in event.reason


def test_cancelling_time_off_under_way_ends_it_now(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    absence_id = maria_away(uow, practice, starts=-DAY / 2)
    later = NOW + timedelta(hours=1)
    cancel = change(MARIA.slack_id, absence_id, ends_at=None, cancel=True)
    assert change_absence(uow, practice, cancel, later) == "absence_cancelled"
    assert store.absences[absence_id].ends_at == later
    assert store.actions()[-1] == "absence_cancelled"


def test_cancelling_time_off_not_begun_removes_it(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    absence_id = maria_away(uow, practice, starts=DAY)
    change_absence(uow, practice, change(GRACE.slack_id, absence_id, ends_at=None, cancel=True),
                   NOW)  # fmt: skip
    assert store.absences == {}
    assert store.events[-1].reason.endswith("cancelled before it began")


def test_another_assistant_is_refused_and_the_refusal_is_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    absence_id = maria_away(uow, practice, starts=DAY)
    with pytest.raises(InvalidFields) as refused:
        change_absence(uow, practice, change(JOSE.slack_id, absence_id, ends_at=None, cancel=True),
                       NOW)  # fmt: skip
    assert refused.value.errors == {"person": "Only managers can change someone else's time off."}
    assert absence_id in store.absences
    assert store.actions()[-1] == "absence_change_refused"
    reply_to = ReplyTo(user=JOSE.slack_id)
    assert absence_to_change(uow, practice, actor_id=JOSE.slack_id, absence_id=absence_id,
                             now=NOW, reply_to=reply_to) is None  # fmt: skip
    assert store.called("tell") == [(reply_to, "Only managers can change someone else's time off.")]


def test_the_form_says_what_is_wrong_and_an_ended_absence_cannot_change(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    absence_id = maria_away(uow, practice, starts=timedelta())
    with pytest.raises(InvalidFields) as wrong:
        change_absence(uow, practice, change(MARIA.slack_id, absence_id, ends_at=NOW - DAY), NOW)
    assert wrong.value.errors == {"ends": "That time has passed. Choose a later one."}
    with pytest.raises(InvalidFields) as gone:
        change_absence(uow, practice, change(MARIA.slack_id, absence_id, ends_at=NOW + 3 * DAY),
                       NOW + 2 * DAY)  # fmt: skip
    assert gone.value.errors == {"person": "That time off has already ended or was cancelled."}
    assert store.absences[absence_id].ends_at == NOW + DAY


@pytest.mark.parametrize(
    ("cancel", "says"),
    [(False, "changed your time off: you are back <!date^"), (True, "cancelled your time off.")],
    ids=["changed", "cancelled"],
)
def test_the_assistant_hears_when_a_manager_changes_their_time_off_and_not_the_note(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice, cancel: bool, says: str
) -> None:
    absence_id = maria_away(uow, practice, starts=timedelta())
    later = NOW + 3 * DAY
    fields = {"ends_at": None, "cancel": True} if cancel else {"ends_at": later, "note": "ok"}
    change_absence(uow, practice, change(GRACE.slack_id, absence_id, **fields), NOW)
    [(reply_to, text)] = store.called("tell")
    assert reply_to == ReplyTo(user=MARIA.slack_id)
    assert text.startswith(f"<@{GRACE.slack_id}> {says}")
    assert "flu" not in text
    assert "ok" not in text.replace("<!date", "")


def test_the_assistant_changing_their_own_time_off_is_not_told(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    absence_id = maria_away(uow, practice, starts=timedelta())
    change_absence(uow, practice, change(MARIA.slack_id, absence_id, ends_at=NOW + DAY), NOW)
    assert store.called("tell") == []
