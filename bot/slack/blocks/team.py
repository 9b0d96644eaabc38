"""The Team section of a manager's Home and the roster modal: PHI-free, within Block Kit limits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    RadioButtonsElement,
    SectionBlock,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.domain.roster import RosterEdit, shift_text
from bot.slack.blocks.roster_inputs import (
    ROLES,
    form_values,
    picked,
    picked_scopes,
    picked_shift,
    picked_zone,
    role_input,
    scopes_input,
    shift_inputs,
    zone_input,
)
from bot.slack.blocks.text import SECTION_TEXT, clip, escape, mention
from bot.slack.ids import Button, Callback, HomeButton, RosterInput

TEAM_FIXED_BLOCKS = 4  # divider, heading, the Add person button, an "…and N more" line
PERSON_BLOCKS = 2  # a person's line, and their buttons
STATUSES = {"active": "Active", "inactive": "Inactive"}


def team_blocks(practice: Practice, budget: int) -> list[Block]:
    """Everyone on the team with their buttons, as many as `budget` blocks hold."""
    people = sorted(practice.people.values(), key=lambda p: (p.role.value, p.name.lower()))
    shown = max(budget - TEAM_FIXED_BLOCKS, 0) // PERSON_BLOCKS
    blocks: list[Block] = [
        DividerBlock(block_id="team_divider"),
        HeaderBlock(block_id="team_heading", text=f"Team ({len(people)})"),
        ActionsBlock(
            block_id="team_actions",
            elements=[
                ButtonElement(text="Add person…", action_id=HomeButton.ROSTER_ADD, value="add")
            ],
        ),
    ]
    blocks += [block for person in people[:shown] for block in _person_blocks(practice, person)]
    if len(people) > shown:
        more = f"…and {len(people) - shown} more: `bot roster export` lists everyone"
        blocks.append(ContextBlock(block_id="team_more", elements=[MarkdownTextObject(text=more)]))
    return blocks


def _person_blocks(practice: Practice, person: Person) -> list[Block]:
    """The person's line, then Edit and Access report (their looks at private fields)."""
    buttons = [
        ButtonElement(text=text, action_id=f"{button}:{person.slack_id}", value=person.slack_id)
        for text, button in (("Edit", Button.ROSTER_EDIT), ("Access report", Button.ACCESS_REPORT))
    ]
    text = MarkdownTextObject(text=clip(_person_text(practice, person), SECTION_TEXT))
    return [
        SectionBlock(block_id=f"team:{person.slack_id}", text=text),
        ActionsBlock(block_id=f"team_actions:{person.slack_id}", elements=buttons),
    ]


def _person_text(practice: Practice, person: Person) -> str:
    status = "" if person.active else " · ⛔ *Inactive*"
    lines = [f"{mention(person.slack_id)} · {person.role.value}{status}"]  # Slack shows the name
    if person.role is Role.ASSISTANT:
        labels = sorted(type_label(practice, scope) for scope in person.scopes)
        lines.append(f"Scopes: {escape(', '.join(labels)) or 'none'}")
        hours = shift_text(person.shift) if person.shift else "no shift set"
        lines.append(f"Shift: {hours} ({person.tz.key})")
    else:
        lines.append(f"Time zone: {person.tz.key}")
    if person.role is Role.CLINICIAN:
        lines.append(f"Preferred assistants: {_mentions(person.assistants)}")
    return "\n".join(lines)


def own_assistants_block(slack_id: str) -> ActionsBlock:
    """On a clinician's Home: a button to set their own preferred assistants."""
    button = ButtonElement(
        text="Your preferred assistants",
        action_id=f"{Button.ROSTER_EDIT}:{slack_id}",
        value=slack_id,
    )
    return ActionsBlock(block_id="own_assistants", elements=[button])


def roster_modal(practice: Practice, person: Person, editor: Person) -> dict[str, Any]:
    """The form for one person: every field for managers, the assistants for the clinician."""
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f"{mention(person.slack_id)} · {person.name}"))
    ]
    if editor.manages:
        blocks += [role_input(person.role), zone_input(practice, person.tz)]
        blocks.append(scopes_input(practice, person.scopes))
        blocks += shift_inputs(person.shift)
    blocks.append(_assistants_input(person))
    if editor.manages:
        blocks.append(_status_input(person))
    view = View(
        type="modal",
        callback_id=Callback.ROSTER,
        title="Team member",
        submit="Save",
        close="Cancel",
        private_metadata=person.slack_id,
        blocks=blocks,
    )
    return view.to_dict()


def roster_submission(
    view: Mapping[str, Any], practice: Practice, person: Person
) -> tuple[RosterEdit, dict[str, str]]:
    """What the roster form says, and what it lacks; fields not shown keep `person`'s values."""
    values = form_values(view)
    role = (values.get(RosterInput.ROLE.value) or {}).get("selected_option")
    assistants = values.get(RosterInput.ASSISTANTS.value)
    status = (values.get(RosterInput.STATUS.value) or {}).get("selected_option")
    scopes = picked_scopes(values)
    tz = picked_zone(values, practice, person.tz)
    shift, missing = person.shift, dict[str, str]()
    if RosterInput.SHIFT_DAYS.value in values:
        shift, missing = picked_shift(values, tz)
    edit = RosterEdit(
        role=Role(picked(values, RosterInput.ROLE, ROLES, "role")) if role else person.role,
        scopes=person.scopes if scopes is None else scopes,
        assistants=tuple(assistants.get("selected_users") or [])
        if assistants is not None
        else person.assistants,
        active=status["value"] == "active" if status else person.active,
        shift=shift,
        tz=tz,
    )
    return edit, missing


def _assistants_input(person: Person) -> InputBlock:
    select = UserMultiSelectElement(
        action_id=RosterInput.ASSISTANTS,
        placeholder="Preferred assistants, first choice first",
        initial_users=list(person.assistants) or None,
    )
    return InputBlock(
        block_id=RosterInput.ASSISTANTS,
        label="Preferred assistants (clinicians)",
        element=select,
        optional=True,
    )


def _status_input(person: Person) -> InputBlock:
    options = [Option(value=key, label=label) for key, label in STATUSES.items()]
    chosen = options[0] if person.active else options[1]
    radio = RadioButtonsElement(
        action_id=RosterInput.STATUS, options=options, initial_option=chosen
    )
    return InputBlock(block_id=RosterInput.STATUS, label="Status", element=radio)


def _mentions(slack_ids: tuple[str, ...]) -> str:
    return ", ".join(mention(slack_id) for slack_id in slack_ids) or "none"


def type_label(practice: Practice, type_id: str) -> str:
    """A task type's label; the id of a type the config no longer has."""
    task_type = practice.task_types.get(type_id)
    return task_type.label if task_type else type_id
