"""The delegate modal and the private details modal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    DateTimePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.practice import Practice
from bot.domain.task import Priority, Status, Task
from bot.slack.blocks.card import card_title
from bot.slack.blocks.text import INPUT_VALUE, SECTION_TEXT, clip, escape, local_time, mention
from bot.slack.ids import Callback, Field

TITLE_MAX = 150
PATIENT_MAX = 100


@dataclass(frozen=True)
class DelegateForm:
    """What the delegate modal starts with (all optional)."""

    type_id: str | None = None
    title: str = ""
    details: str = ""
    patient_ref: str = ""
    priority: Priority = Priority.ROUTINE
    due: datetime | None = None
    assignee: str | None = None
    note: str = ""


def delegate_modal(practice: Practice, form: DelegateForm, private_metadata: str) -> dict[str, Any]:
    blocks: list[Any] = []
    if form.note:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=clip(escape(form.note), SECTION_TEXT)))
        )
    blocks += [
        _input(Field.TYPE, "Task type", _type_select(practice, form.type_id)),
        _input(
            Field.TITLE, "Title (shown in the channel — no patient details)", _title(form), True
        ),
        _input(Field.DETAILS, "Details (private)", _details(form)),
        _input(Field.PATIENT, "Patient reference (private)", _patient(form), True),
        _input(Field.PRIORITY, "Priority", _priority(form.priority)),
        _input(Field.DUE, "Due (leave empty for the usual target)", _due(form.due), True),
        _input(
            Field.ASSIGNEE, "Assign to (leave empty to route automatically)", _assignee(form), True
        ),
    ]
    view = View(
        type="modal",
        callback_id=Callback.DELEGATE,
        title="Delegate a task",
        submit="Delegate",
        close="Cancel",
        private_metadata=private_metadata,
        blocks=blocks,
    )
    return view.to_dict()


def _input(block: Field, label: str, element: Any, optional: bool = False) -> InputBlock:
    return InputBlock(block_id=block, label=label, element=element, optional=optional)


def _type_select(practice: Practice, selected: str | None) -> StaticSelectElement:
    options = [Option(value=t.id, text=t.label) for t in practice.task_types.values()]
    initial = next((o for o in options if o.value == selected), None)
    return StaticSelectElement(
        action_id=Field.TYPE, placeholder="Choose a type", options=options, initial_option=initial
    )


def _title(form: DelegateForm) -> PlainTextInputElement:
    return PlainTextInputElement(
        action_id=Field.TITLE,
        max_length=TITLE_MAX,
        initial_value=clip(form.title, TITLE_MAX) or None,
        placeholder="e.g. Verify coverage for tomorrow's new patient",
    )


def _details(form: DelegateForm) -> PlainTextInputElement:
    return PlainTextInputElement(
        action_id=Field.DETAILS,
        multiline=True,
        max_length=INPUT_VALUE,
        initial_value=clip(form.details, INPUT_VALUE) or None,
    )


def _patient(form: DelegateForm) -> PlainTextInputElement:
    return PlainTextInputElement(
        action_id=Field.PATIENT,
        max_length=PATIENT_MAX,
        initial_value=clip(form.patient_ref, PATIENT_MAX) or None,
        placeholder="Name, DOB or MRN as your EHR uses it",
    )


def _priority(priority: Priority) -> RadioButtonsElement:
    options = [Option(value=p.value, text=p.value.capitalize()) for p in Priority]
    initial = next(o for o in options if o.value == priority.value)
    return RadioButtonsElement(action_id=Field.PRIORITY, options=options, initial_option=initial)


def _due(due: datetime | None) -> DateTimePickerElement:
    return DateTimePickerElement(
        action_id=Field.DUE, initial_date_time=int(due.timestamp()) if due else None
    )


def _assignee(form: DelegateForm) -> UserSelectElement:
    return UserSelectElement(
        action_id=Field.ASSIGNEE, placeholder="Choose an assistant", initial_user=form.assignee
    )


def details_modal(practice: Practice, task: Task) -> dict[str, Any]:
    """Private fields of a task, for people allowed to see them; once redacted, when and why
    they were removed."""
    redacted = task.redacted_at is not None
    lines = [
        f"*{task.code}* · {escape(card_title(practice, task))}",
        f"*Requested by* {mention(task.requester_id)} · *Assignee* {mention(task.assignee_id)}",
        f"*Due* {local_time(task.due_at, practice.tz)}",
        *([] if redacted else [f"*Patient reference*\n{escape(task.patient_ref) or '—'}"]),
    ]
    if task.source_permalink:
        lines.append(f"<{task.source_permalink}|Source message>")
    blocks = [_section("\n".join(lines))]
    if task.redacted_at is not None:
        blocks.append(_section(_redacted_notice(practice, task.redacted_at)))
    else:
        blocks += [_section(f"*{label}*\n{escape(text)}") for label, text in _private_notes(task)]
    view = View(
        type="modal",
        callback_id=Callback.DETAILS,
        title=clip(f"{task.code} details", 24),
        close="Close",
        blocks=blocks,
    )
    return view.to_dict()


def _redacted_notice(practice: Practice, redacted_at: datetime) -> str:
    """Why a closed task shows no private fields, and since when."""
    return (
        f"_The details, patient reference and notes were removed on "
        f"{local_time(redacted_at, practice.tz)} under the practice's retention policy "
        f"(kept {practice.retain_private_days} days after a task closes)._"
    )


def _private_notes(task: Task) -> list[tuple[str, str]]:
    """The details, then each private note the task carries, by its label."""
    closing = "Cancel reason" if task.status is Status.CANCELLED else "Done note"
    notes = [
        ("Return reason", task.return_reason),
        ("Answer", task.answer),
        (closing, task.resolution),
    ]
    return [("Details", task.details)] + [(label, text) for label, text in notes if text]


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_TEXT)))
