"""Time off on Slack: the Home's Away section, the time off form, the managers' start notice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    DateTimePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextInputElement,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.absence import NOTE_MAX, Absence
from bot.domain.practice import Practice
from bot.domain.task import Task
from bot.slack.blocks.card import card_title
from bot.slack.blocks.lines import moves_lines
from bot.slack.blocks.text import SECTION_TEXT, clip, escape, local_time, mention
from bot.slack.ids import Button, Callback, HomeButton, TimeOffInput

AWAY_SHOWN = 10  # the Home lists at most this many absences


def away_blocks(practice: Practice, away: Sequence[Absence]) -> list[Block]:
    """Who is away (or will be) until when, each with Change…, under the Time off… button."""
    button = ButtonElement(text="Time off…", action_id=HomeButton.TIME_OFF, value="time_off")
    heading = f"*Away ({len(away)})*" if away else "*Away*\nNobody."
    blocks: list[Block] = [
        SectionBlock(block_id="away", text=MarkdownTextObject(text=heading), accessory=button)
    ]
    blocks += [_away_section(practice, absence) for absence in away[:AWAY_SHOWN]]
    if len(away) > AWAY_SHOWN:
        more = MarkdownTextObject(text=f"…and {len(away) - AWAY_SHOWN} more")
        blocks.append(ContextBlock(block_id="away_more", elements=[more]))
    return blocks


def _away_section(practice: Practice, absence: Absence) -> SectionBlock:
    change = ButtonElement(
        text="Change…",
        action_id=f"{HomeButton.TIME_OFF_CHANGE}:{absence.id}",
        value=str(absence.id),
    )
    return SectionBlock(
        block_id=f"away:{absence.id}",
        text=MarkdownTextObject(text=clip(_away_line(practice, absence), SECTION_TEXT)),
        accessory=change,
    )


def _away_line(practice: Practice, absence: Absence) -> str:
    until = local_time(absence.ends_at, practice.tz)
    start = local_time(absence.starts_at, practice.tz)
    return f"{mention(absence.slack_id)} from {start} until {until}"


def time_off_modal(*, choose_person: bool) -> dict[str, Any]:
    """The time off form; managers choose the assistant, an assistant sets their own."""
    blocks: list[InputBlock] = []
    if choose_person:
        person = UserSelectElement(action_id=TimeOffInput.PERSON)
        blocks.append(InputBlock(block_id=TimeOffInput.PERSON, label="Assistant", element=person))
    starts = DateTimePickerElement(action_id=TimeOffInput.STARTS)
    ends = DateTimePickerElement(action_id=TimeOffInput.ENDS)
    note = PlainTextInputElement(action_id=TimeOffInput.NOTE, max_length=NOTE_MAX)
    blocks += [
        InputBlock(block_id=TimeOffInput.STARTS, label="Away from", element=starts),
        InputBlock(block_id=TimeOffInput.ENDS, label="Back at", element=ends),
        InputBlock(block_id=TimeOffInput.NOTE, label="Note (private)", element=note, optional=True),
    ]
    view = View(
        type="modal", callback_id=Callback.TIME_OFF, title="Time off", submit="Save",
        close="Back", blocks=blocks,
    )  # fmt: skip
    return view.to_dict()


def time_off_change_modal(practice: Practice, absence: Absence) -> dict[str, Any]:
    """Change when an absence ends and its note, or cancel it."""
    starts = local_time(absence.starts_at, practice.tz)
    about = f"{mention(absence.slack_id)} away from {starts}"
    ends = DateTimePickerElement(
        action_id=TimeOffInput.ENDS, initial_date_time=int(absence.ends_at.timestamp())
    )
    note = PlainTextInputElement(
        action_id=TimeOffInput.NOTE, max_length=NOTE_MAX, initial_value=absence.note or None
    )
    cancel = CheckboxesElement(
        action_id=TimeOffInput.CANCEL,
        options=[Option(value="cancel", label="Cancel this time off (under way: it ends now)")],
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=about)),
        InputBlock(block_id=TimeOffInput.ENDS, label="Back at", element=ends),
        InputBlock(block_id=TimeOffInput.NOTE, label="Note (private)", element=note, optional=True),
        InputBlock(block_id=TimeOffInput.CANCEL, label="Cancel", element=cancel, optional=True),
    ]
    view = View(
        type="modal", callback_id=Callback.TIME_OFF_CHANGE, title="Change time off",
        submit="Save", close="Back", private_metadata=str(absence.id), blocks=blocks,
    )  # fmt: skip
    return view.to_dict()


HELD_SHOWN = 24  # two blocks each, after the intro and before a "more" line: 50, Slack's limit


def absence_started_text(absence: Absence) -> str:
    return f"{mention(absence.slack_id)} is away from now: their tasks need a look."


def absence_started_blocks(
    practice: Practice, absence: Absence, moves: list[tuple[Task, Task]], in_hand: list[Task]
) -> list[dict[str, Any]]:
    """For managers: what was routed again, and each claimed task with Release / Reassign…."""
    until = local_time(absence.ends_at, practice.tz)
    intro = f"{mention(absence.slack_id)} is away until {until}."
    if moves:
        intro += "\nTheir unclaimed tasks were routed again:\n" + "\n".join(moves_lines(moves))
    if in_hand:
        intro += "\nThey still hold these claimed tasks:"
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=clip(intro, SECTION_TEXT)))]
    for task in in_hand[:HELD_SHOWN]:
        blocks += _held_task(practice, task)
    if len(in_hand) > HELD_SHOWN:
        more = f"…and {len(in_hand) - HELD_SHOWN} more claimed tasks: see their App Home."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return [block.to_dict() for block in blocks]


def _held_task(practice: Practice, task: Task) -> list[Block]:
    title = escape(card_title(practice, task))
    text = f"*{task.code}* {title} · due {local_time(task.due_at, practice.tz)}"
    release = ButtonElement(
        text="Release", action_id=f"{Button.RELEASE}:{task.id}", value=str(task.id)
    )
    reassign = OverflowMenuElement(
        action_id=f"{Button.MORE}:{task.id}",
        options=[Option(text="Reassign…", value=f"reassign:{task.id}")],
    )
    return [
        SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_TEXT))),
        ActionsBlock(block_id=f"held:{task.id}", elements=[release, reassign]),
    ]
