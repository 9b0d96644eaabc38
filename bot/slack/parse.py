"""Read what Slack sends: modal state, private metadata and message shortcuts."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from bot.domain.tasks import Priority
from bot.slack.ids import ActionInput, Field

METADATA_MAX = 3000


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


def _value(values: dict[str, Any], block: str) -> dict[str, Any]:
    return dict(values.get(block, {}).get(block) or {})


def delegate_submission(view: dict[str, Any]) -> DelegateSubmission:
    values = view.get("state", {}).get("values", {})
    selected = _value(values, Field.TYPE).get("selected_option") or {}
    priority = (_value(values, Field.PRIORITY).get("selected_option") or {}).get("value")
    due = _value(values, Field.DUE).get("selected_date_time")
    return DelegateSubmission(
        type_id=selected.get("value"),
        title=_value(values, Field.TITLE).get("value") or "",
        details=_value(values, Field.DETAILS).get("value") or "",
        patient_ref=_value(values, Field.PATIENT).get("value") or "",
        priority=Priority(priority) if priority in set(Priority) else Priority.ROUTINE,
        due=datetime.fromtimestamp(int(due), UTC) if due else None,
        assignee=_value(values, Field.ASSIGNEE).get("selected_user"),
    )


def message_permalink(body: dict[str, Any]) -> str:
    """Permalink of a shortcut's source message, built the way Slack builds it."""
    domain = (body.get("team") or {}).get("domain", "")
    channel = (body.get("channel") or {}).get("id", "")
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
    values = view.get("state", {}).get("values", {})
    until = _value(values, ActionInput.UNTIL).get("selected_date_time")
    target = _value(values, ActionInput.TARGET).get("selected_user")
    return ActionSubmission(
        text=_value(values, ActionInput.TEXT).get("value") or "",
        target=target,
        until=datetime.fromtimestamp(int(until), UTC) if until else None,
        block=ActionInput.TARGET if ActionInput.TARGET in values else ActionInput.TEXT,
    )
