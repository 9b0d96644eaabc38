"""Every Slack id Handoff defines: commands, shortcuts, callbacks, actions and blocks."""

from enum import StrEnum

COMMAND = "/delegate"
EVENTS_PATH = "/slack/events"


class Shortcut(StrEnum):
    DELEGATE_MESSAGE = "delegate_message"


class Callback(StrEnum):
    DELEGATE = "delegate_modal"
    DETAILS = "task_details_modal"
    TASK_ACTION = "task_action_modal"
    ACCESS_REPORT = "access_report_modal"
    ROSTER = "roster_modal"
    ROSTER_ADD = "roster_add_modal"
    TIME_OFF = "time_off_modal"
    TIME_OFF_CHANGE = "time_off_change_modal"


class Button(StrEnum):
    """Buttons; on surfaces listing many tasks the action id gets a `:<task id>` suffix."""

    CLAIM = "task_claim"
    DONE = "task_done"
    RETURN = "task_return"
    RELEASE = "task_release"
    ANSWER = "task_answer"
    MORE = "task_more"
    VIEW_DETAILS = "task_view_details"
    OPEN_THREAD = "task_open_thread"
    ROSTER_EDIT = "roster_edit"  # on the Team list (and a clinician's Home); value: slack id
    ACCESS_REPORT = "roster_access"  # on the Team list; value: slack id


class HomeButton(StrEnum):
    """App Home buttons that act on no task."""

    TIME_OFF = "time_off"
    ROSTER_ADD = "roster_add"  # on the Team list
    TIME_OFF_CHANGE = "time_off_change"  # `time_off_change:<absence id>`; value: the id


class TimeOffInput(StrEnum):
    """Inputs of the time off modal (block id = action id)."""

    PERSON = "time_off_person"
    STARTS = "time_off_starts"
    ENDS = "time_off_ends"
    NOTE = "time_off_note"
    CANCEL = "time_off_cancel"


class ActionInput(StrEnum):
    """Inputs of the task action modal (block id = action id)."""

    TEXT = "action_text"
    TARGET = "action_target"
    UNTIL = "action_until"


class Field(StrEnum):
    """Input blocks of the delegate modal; each input's action id equals its block id."""

    TYPE = "task_type"
    TITLE = "title"
    DETAILS = "details"
    PATIENT = "patient_ref"
    PRIORITY = "priority"
    DUE = "due"
    ASSIGNEE = "assignee"


class RosterInput(StrEnum):
    """Inputs of the roster modals, edit and add (block id = action id)."""

    ROLE = "roster_role"
    SCOPES = "roster_scopes"
    ASSISTANTS = "roster_assistants"
    STATUS = "roster_status"
    SHIFT_DAYS = "roster_shift_days"
    SHIFT_START = "roster_shift_start"
    SHIFT_END = "roster_shift_end"
    USER = "roster_user"  # add only
    NAME = "roster_name"  # add only
    TIMEZONE = "roster_timezone"  # add only
