"""Read what Slack sends: button values, modal state, private metadata and message shortcuts."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from bot.domain.access import Surface
from bot.domain.lifecycle import Action
from bot.domain.task import Priority
from bot.domain.text import printable
from bot.slack.blocks.card import MORE
from bot.slack.ids import ActionInput, Button, Field, HomeButton, TimeOffInput

METADATA_MAX = 3000
TASK_ID_MAX = 2**31 - 1  # a PostgreSQL integer
MENU_VERBS = frozenset(Action(verb) for _, verb in MORE)


class Malformed(ValueError):
    """A payload lacks what Slack always sends, or holds a value Handoff never put there."""


def printable_payload(value: Any) -> Any:
    """A parsed payload with control characters stripped from every string in it."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: printable_payload(item) for key, item in value.items()}
    if isinstance(value, list):
        return [printable_payload(item) for item in value]
    return value


def button_pattern(button: Button | HomeButton) -> re.Pattern[str]:
    """Matches the button on a card (`task_claim`) and on lists (`task_claim:42`)."""
    return re.compile(rf"^{button.value}(:\d+)?$")


def person_button_pattern(button: Button) -> re.Pattern[str]:
    """Matches a button on the Team list, one a person: `roster_edit:U0123`."""
    return re.compile(rf"^{button.value}:[A-Z0-9]+$")


def button_of(action: Mapping[str, Any]) -> Button:
    """The button pressed, without the `:<task id>` suffix lists add."""
    name = str(action.get("action_id", "")).split(":")[0]
    if name not in set(Button):
        raise Malformed(f"no button {name[:40]!r}")
    return Button(name)


def team_of(body: Mapping[str, Any]) -> str:
    """The workspace a payload came from; empty when it names none."""
    return str((body.get("team") or {}).get("id", ""))


def channel_of(body: Mapping[str, Any]) -> str:
    """The channel an interaction happened in; empty for modals and App Home."""
    return str((body.get("channel") or {}).get("id", ""))


def pressed_on_home(body: Mapping[str, Any]) -> bool:
    """Whether a button was pressed on the App Home tab (which then wants refreshing)."""
    return (body.get("view") or {}).get("type") == "home"


def surface_of(body: Mapping[str, Any]) -> Surface:
    """Where a button was pressed: App Home, a DM from the bot, or a channel's card or list."""
    channel = channel_of(body)
    if pressed_on_home(body):
        return Surface.HOME
    if channel.startswith("D"):
        return Surface.DM
    return Surface.CARD if channel else Surface.OTHER


def is_human_thread_reply(event: Mapping[str, Any]) -> bool:
    """A person's reply in a thread: not a bot, an edit, a join, or the thread's first message."""
    return (
        not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool(event.get("thread_ts"))
        and event.get("thread_ts") != event.get("ts")
    )


def task_id_in(raw: object) -> int:
    """The task id in `42` or `cancel:42`; 0 when it names none."""
    digits = str(raw or "").rsplit(":", 1)[-1]
    if not (digits.isascii() and digits.isdecimal()) or len(digits) > len(str(TASK_ID_MAX)):
        return 0
    return int(digits) if int(digits) <= TASK_ID_MAX else 0


def task_id_of(action: Mapping[str, Any]) -> int:
    """The task a button or a menu option names; 0 when it names none."""
    option = action.get("selected_option")
    chosen = option.get("value") if isinstance(option, dict) else ""
    return task_id_in(action.get("value") or chosen)


def menu_verb(action: Mapping[str, Any]) -> Action:
    """The action a card's ⋯ menu option names (`cancel:42` is cancel)."""
    option = action.get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    verb = value.split(":")[0] if isinstance(value, str) else ""
    if verb not in MENU_VERBS:
        raise Malformed(f"the menu has no option {verb[:40]!r}")
    return Action(verb)


def moment_of(raw: Any) -> datetime | None:
    """A datetimepicker's value (epoch seconds) as an aware UTC datetime; None when empty."""
    if raw is None or raw == "":
        return None
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (TypeError, ValueError, OverflowError, OSError) as error:
        raise Malformed("a date and time Slack would not send") from error


@dataclass(frozen=True)
class ModalOrigin:
    """Where a delegate modal came from, carried in private_metadata."""

    channel_id: str = ""
    response_url: str = ""
    permalink: str = ""

    def encode(self) -> str:
        data = json.dumps(asdict(self), separators=(",", ":"))
        if len(data) > METADATA_MAX:
            data = json.dumps({**asdict(self), "response_url": ""}, separators=(",", ":"))
        return data

    @classmethod
    def decode(cls, raw: str) -> ModalOrigin:
        try:
            data = json.loads(raw or "{}")
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(**{k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class DelegateSubmission:
    type_id: str | None
    title: str
    details: str
    patient_ref: str
    priority: Priority
    due: datetime | None
    assignee: str | None


def _values(view: Mapping[str, Any]) -> dict[str, Any]:
    """`view.state.values`, empty when the view carries no state."""
    return dict((view.get("state") or {}).get("values") or {})


def _value(values: dict[str, Any], block: str) -> dict[str, Any]:
    return dict((values.get(block) or {}).get(block) or {})


def delegate_submission(view: dict[str, Any]) -> DelegateSubmission:
    values = _values(view)
    selected = _value(values, Field.TYPE).get("selected_option") or {}
    priority = (_value(values, Field.PRIORITY).get("selected_option") or {}).get("value")
    due = _value(values, Field.DUE).get("selected_date_time")
    return DelegateSubmission(
        type_id=selected.get("value"),
        title=_value(values, Field.TITLE).get("value") or "",
        details=_value(values, Field.DETAILS).get("value") or "",
        patient_ref=_value(values, Field.PATIENT).get("value") or "",
        priority=Priority(priority) if priority in set(Priority) else Priority.ROUTINE,
        due=moment_of(due),
        assignee=_value(values, Field.ASSIGNEE).get("selected_user"),
    )


def message_permalink(body: dict[str, Any]) -> str:
    """Permalink of a shortcut's source message, built the way Slack builds it."""
    domain = (body.get("team") or {}).get("domain", "")
    channel = channel_of(body)
    ts = (body.get("message") or {}).get("ts", "")
    if not (domain and channel and ts):
        return ""
    return f"https://{domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"


@dataclass(frozen=True)
class ActionSubmission:
    text: str
    target: str | None
    until: datetime | None
    block: str  # the input a refusal is shown on


def action_submission(view: dict[str, Any]) -> ActionSubmission:
    values = _values(view)
    until = _value(values, ActionInput.UNTIL).get("selected_date_time")
    target = _value(values, ActionInput.TARGET).get("selected_user")
    return ActionSubmission(
        text=_value(values, ActionInput.TEXT).get("value") or "",
        target=target,
        until=moment_of(until),
        block=ActionInput.TARGET if ActionInput.TARGET in values else ActionInput.TEXT,
    )


@dataclass(frozen=True)
class TimeOffSubmission:
    person: str | None  # None on an assistant's own form
    starts: datetime | None
    ends: datetime | None
    note: str


def time_off_submission(view: dict[str, Any]) -> TimeOffSubmission:
    values = _values(view)
    return TimeOffSubmission(
        person=_value(values, TimeOffInput.PERSON).get("selected_user"),
        starts=moment_of(_value(values, TimeOffInput.STARTS).get("selected_date_time")),
        ends=moment_of(_value(values, TimeOffInput.ENDS).get("selected_date_time")),
        note=_value(values, TimeOffInput.NOTE).get("value") or "",
    )


@dataclass(frozen=True)
class TimeOffChangeSubmission:
    absence_id: int
    ends: datetime | None
    note: str
    cancel: bool


def time_off_change_submission(view: dict[str, Any]) -> TimeOffChangeSubmission:
    values = _values(view)
    chosen = _value(values, TimeOffInput.CANCEL).get("selected_options") or []
    return TimeOffChangeSubmission(
        absence_id=absence_id_in(view.get("private_metadata")),
        ends=moment_of(_value(values, TimeOffInput.ENDS).get("selected_date_time")),
        note=_value(values, TimeOffInput.NOTE).get("value") or "",
        cancel=bool(chosen),
    )


def absence_id_in(raw: object) -> int:
    """The absence a Change… button or form names (a database id, like a task's)."""
    absence_id = task_id_in(raw)
    if not absence_id:
        raise Malformed("no absence id")
    return absence_id
