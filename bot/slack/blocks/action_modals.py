"""Forms for lifecycle actions that need words or a choice: done, return, answer, cancel, …"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from slack_sdk.models.blocks import (
    DateTimePickerElement,
    InputBlock,
    PlainTextInputElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.lifecycle import Action
from bot.domain.task import Task
from bot.slack.blocks.text import INPUT_VALUE
from bot.slack.ids import ActionInput, Callback
from bot.slack.parse import Malformed, task_id_in

FORMS: dict[Action, tuple[str, str, str]] = {
    Action.DONE: ("Done", "Mark done", "Resolution note (private to the task's people)"),
    Action.RETURN: ("Return", "Return", "What do you need from the clinician?"),
    Action.ANSWER: (
        "Answer",
        "Send answer",
        "Your answer (private; the thread only says you answered)",
    ),
    Action.CANCEL: ("Cancel", "Cancel task", "Why cancel it? (private)"),
    Action.SNOOZE: ("Snooze", "Snooze", "Why snooze it? (private)"),
    Action.REASSIGN: ("Reassign", "Reassign", ""),
}


@dataclass(frozen=True)
class ActionOrigin:
    """What the form acts on, carried in private_metadata."""

    task_id: int
    action: str
    response_url: str = ""
    channel: str = ""

    def encode(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def decode(cls, raw: str) -> ActionOrigin:
        """The origin `encode` wrote; Malformed if the metadata is not Handoff's."""
        try:
            data = json.loads(raw)
            origin = cls(
                task_id_in(data["task_id"]),
                Action(data["action"]).value,
                str(data.get("response_url", "")),
                str(data.get("channel", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise Malformed("the form's metadata is not Handoff's") from error
        if not origin.task_id or Action(origin.action) not in FORMS:
            raise Malformed("the form's metadata names no task action")
        return origin


def action_modal(action: Action, task: Task, origin: ActionOrigin) -> dict[str, Any]:
    title, submit, label = FORMS[action]
    blocks: list[InputBlock] = []
    if action is Action.REASSIGN:
        blocks.append(
            _input(
                ActionInput.TARGET, "Reassign to", UserSelectElement(action_id=ActionInput.TARGET)
            )
        )
    else:
        text = PlainTextInputElement(
            action_id=ActionInput.TEXT, multiline=True, max_length=INPUT_VALUE
        )
        blocks.append(_input(ActionInput.TEXT, label, text))
    if action is Action.SNOOZE:
        blocks.append(
            _input(ActionInput.UNTIL, "Until", DateTimePickerElement(action_id=ActionInput.UNTIL))
        )
    view = View(
        type="modal",
        callback_id=Callback.TASK_ACTION,
        title=f"{title} {task.code}",
        submit=submit,
        close="Back",
        private_metadata=origin.encode(),
        blocks=blocks,
    )
    return view.to_dict()


def _input(block: ActionInput, label: str, element: Any) -> InputBlock:
    return InputBlock(block_id=block, label=label, element=element)
