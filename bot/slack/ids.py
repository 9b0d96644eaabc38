"""Every Slack id Handoff defines: commands, shortcuts, callbacks, actions and blocks."""

from enum import StrEnum

COMMAND = "/delegate"
EVENTS_PATH = "/slack/events"


class Shortcut(StrEnum):
    DELEGATE_MESSAGE = "delegate_message"


class Callback(StrEnum):
    DELEGATE = "delegate_modal"
    DETAILS = "task_details_modal"


class Action(StrEnum):
    CLAIM = "task_claim"
    VIEW_DETAILS = "task_view_details"
    OPEN_THREAD = "task_open_thread"


class Field(StrEnum):
    """Input blocks of the delegate modal; each input's action id equals its block id."""

    TYPE = "task_type"
    TITLE = "title"
    DETAILS = "details"
    PATIENT = "patient_ref"
    PRIORITY = "priority"
    DUE = "due"
    ASSIGNEE = "assignee"
