"""Roster changes made in Slack: validated, saved as a new people row, audited, re-routed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.domain.roster import (
    NOT_ADDING,
    NOT_ALLOWED,
    RosterEdit,
    adding_refusal,
    applied,
    description,
    differences,
    refusal,
    withdrawn_scopes,
)
from bot.domain.task import Task
from bot.domain.text import as_sentence
from bot.services.errors import Conflict, InvalidFields, Refused
from bot.services.offboarding import reroute_orphans, reroute_withdrawn
from bot.services.ports import ReplyTo, UnitOfWork

CHANGED, REFUSED = "roster_changed", "roster_change_refused"
ADDED, ADD_REFUSED = "roster_added", "roster_add_refused"
SAME_MOMENT = " (someone changed them at the same moment)"  # how such a refusal is audited


def mention(slack_id: str) -> str:
    return f"<@{slack_id}>"


def change_person(
    uow: UnitOfWork,
    practice: Practice,
    *,
    actor_id: str,
    slack_id: str,
    edit: RosterEdit,
    now: datetime,
) -> list[str]:
    """Apply `edit` to a person (one audited transaction), then re-route; the changes made."""
    before = practice.person(slack_id)
    if before is None:
        raise Refused(f"{mention(slack_id)} is not on the team")
    after = applied(before, edit)
    changes = differences(before, after)
    why_not = refusal(practice.person(actor_id), before, after)
    said = f"{slack_id} {'; '.join(changes)}"
    saved = True
    with uow:
        if why_not:
            _audit(uow, practice, actor_id, REFUSED, said, now)
        elif changes:
            saved = _saved(uow, practice, actor_id, after, replacing=before, done=CHANGED,
                           refused=REFUSED, said=said, now=now)  # fmt: skip
        uow.commit()
    if why_not:
        raise Refused(as_sentence(why_not))
    if not saved:
        raise _conflict(slack_id)
    _reroute(uow, replace(practice, people=practice.people | {slack_id: after}), before, now)
    return changes


def add_person(
    uow: UnitOfWork,
    practice: Practice,
    *,
    actor_id: str,
    person: Person,
    problems: dict[str, str],
    now: datetime,
) -> list[str]:
    """Put `person` on the team (one audited transaction); what they were added as.

    Refused (and audited) for anyone but an active manager or admin; InvalidFields for
    someone already on the team or for `problems` (the config rules' findings, by field).
    """
    said = f"{person.slack_id} {'; '.join(description(person))}"
    if why_not := adding_refusal(practice.person(actor_id)):
        with uow:
            _audit(uow, practice, actor_id, ADD_REFUSED, said, now)
            uow.commit()
        raise Refused(as_sentence(why_not))
    if already := practice.person(person.slack_id):
        raise InvalidFields({"user": already_on_team(already)})
    if problems:
        raise InvalidFields(problems)
    with uow:
        saved = _saved(uow, practice, actor_id, person, replacing=None, done=ADDED,
                       refused=ADD_REFUSED, said=said, now=now)  # fmt: skip
        uow.commit()
    if not saved:
        raise _conflict(person.slack_id)
    return description(person)


def already_on_team(person: Person) -> str:
    """What the Add form says of someone already on the team."""
    status = "" if person.active else ", inactive"
    return f"Already on the team ({person.role.value}{status}): use Edit next to their name."


def _saved(
    uow: UnitOfWork, practice: Practice, actor_id: str, person: Person, *,
    replacing: Person | None, done: str, refused: str, said: str, now: datetime,
) -> bool:  # fmt: skip
    """Save `person` over the version read (`replacing`) and audit it as `done`, or as
    `refused` when someone else's change came first (nothing written); whether it was saved."""
    saved = uow.people.save(practice.team_id, person, now, replacing=replacing)
    _audit(uow, practice, actor_id, done if saved else refused, said + SAME_MOMENT * (not saved),
           now)  # fmt: skip
    return saved


def refuse_form(
    uow: UnitOfWork, practice: Practice, actor_id: str, subject: str, reply_to: ReplyTo,
    now: datetime,
) -> None:  # fmt: skip
    """A roster form the actor may not open (a stale Home, a forged press): audited, told why.

    `subject` is the person whose Edit was pressed, or "" for Add person.
    """
    adding = not subject
    why = NOT_ADDING if adding else NOT_ALLOWED
    with uow:
        _audit(uow, practice, actor_id, ADD_REFUSED if adding else REFUSED,
               f"{subject or 'add'} form: {why}", now)  # fmt: skip
        uow.notify.tell(practice.team_id, reply_to, as_sentence(why))
        uow.commit()


def _conflict(slack_id: str) -> Conflict:
    return Conflict(f"Someone changed {mention(slack_id)} at the same moment; look again.")


def _audit(
    uow: UnitOfWork, practice: Practice, actor_id: str, action: str, reason: str, now: datetime
) -> None:
    uow.audit.record(None, team_id=practice.team_id, actor_id=actor_id, action=action, at=now,
                     reason=reason)  # fmt: skip


def _reroute(uow: UnitOfWork, practice: Practice, before: Person, now: datetime) -> None:
    """Deactivated: the offboarding sweep; scopes withdrawn: their unclaimed tasks move."""
    after = practice.people[before.slack_id]
    if before.active and not after.active:
        reroute_orphans(uow, practice, now)
        return
    scopes = withdrawn_scopes(before, after)
    if not scopes:
        return
    moves, claimed = reroute_withdrawn(uow, practice, after.slack_id, scopes, now)
    if moves or claimed:
        _tell_managers(uow, practice, _withdrawn_text(after.slack_id, moves, claimed))


def _withdrawn_text(slack_id: str, moves: list[tuple[Task, Task]], claimed: list[Task]) -> str:
    lines = [f"{mention(slack_id)} is no longer cleared for some task types."]
    lines += [
        f"• {after.code} routed again → "
        f"{mention(after.assignee_id) if after.assignee_id else 'unassigned, in the queue'}"
        for _, after in moves
    ]
    lines += [f"• {task.code} is still claimed by them: reassign it if needed" for task in claimed]
    return "\n".join(lines)


def _tell_managers(uow: UnitOfWork, practice: Practice, text: str) -> None:
    with uow:
        for manager in practice.with_role(Role.MANAGER):
            uow.notify.tell(practice.team_id, ReplyTo(user=manager.slack_id), text)
        uow.commit()
