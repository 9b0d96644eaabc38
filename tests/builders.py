"""Domain objects for tests: a New York practice with assistants in Manila and Bogota, its tasks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.hours import WeeklyHours
from bot.domain.people import Person, Role
from bot.domain.practice import Channels, Practice
from bot.domain.task import Priority, Status, Task, task_code
from bot.domain.task_types import Targets, TaskType
from bot.services.clocks import started_clock

NEW_YORK = ZoneInfo("America/New_York")
MANILA = ZoneInfo("Asia/Manila")
BOGOTA = ZoneInfo("America/Bogota")
WEEKDAYS = frozenset(range(5))
HOLIDAYS = frozenset({date(2026, 7, 3), date(2026, 12, 25)})

BUSINESS_HOURS = WeeklyHours(WEEKDAYS, time(8), time(17), NEW_YORK)

TASK_TYPES = (
    TaskType("scheduling", "Scheduling"),
    TaskType(
        "insurance_verification",
        "Insurance verification",
        aliases=("insurance", "ins", "eligibility"),
        targets={Priority.ROUTINE: Targets(timedelta(hours=2), timedelta(hours=9))},
    ),
    TaskType("patient_questions", "Patient questions"),
    TaskType("inbox_voicemail", "Inbox and voicemail", aliases=("voicemail", "vm", "inbox")),
    TaskType("refill_paperwork", "Refill paperwork", aliases=("refill", "refills")),
    TaskType("records_request", "Records request", aliases=("records",)),
    TaskType(
        "prior_authorization",
        "Prior authorization",
        aliases=("prior auth", "pa", "priorauth"),
        targets={
            Priority.ROUTINE: Targets(timedelta(hours=4), timedelta(hours=18)),
            Priority.URGENT: Targets(timedelta(hours=1), timedelta(hours=4)),
        },
    ),
)
TYPE = {task_type.id: task_type for task_type in TASK_TYPES}
ALL_SCOPES = frozenset(TYPE)


def shift(start: time, end: time, tz: ZoneInfo) -> WeeklyHours:
    """A Monday-to-Friday shift (by the day it starts) in `tz`."""
    return WeeklyHours(WEEKDAYS, start, end, tz)


def assistant(
    slack_id: str,
    name: str,
    tz: ZoneInfo,
    hours: WeeklyHours | None,
    scopes: frozenset[str] = ALL_SCOPES,
    *,
    active: bool = True,
) -> Person:
    return Person(slack_id, Role.ASSISTANT, name, tz, active=active, scopes=scopes, shift=hours)


def clinician(slack_id: str, name: str, assistants: tuple[str, ...] = ()) -> Person:
    return Person(slack_id, Role.CLINICIAN, name, NEW_YORK, assistants=assistants)


# Manila 21:00-06:00 is New York 08:00-17:00 in winter (EST).
MARIA = assistant("UMARIA", "Maria Santos", MANILA, shift(time(21), time(6), MANILA))
# Bogota 07:00-16:00 is New York 07:00-16:00 in winter.
JOSE = assistant(
    "UJOSE",
    "Jose Ramos",
    BOGOTA,
    shift(time(7), time(16), BOGOTA),
    ALL_SCOPES - {"prior_authorization"},
)
# Manila 06:00-15:00 is New York 17:00-02:00 (the evening before) in winter.
ANA = assistant(
    "UANA",
    "Ana Reyes",
    MANILA,
    shift(time(6), time(15), MANILA),
    frozenset({"scheduling", "patient_questions", "prior_authorization"}),
)
LUIS = assistant("ULUIS", "Luis Gomez", BOGOTA, shift(time(7), time(16), BOGOTA), active=False)
PATEL = clinician("UPATEL", "Dr. Anita Patel", ("UMARIA", "UJOSE"))
OSEI = clinician("UOSEI", "Dr. Ken Osei", ("ULUIS",))
GRACE = Person("UGRACE", Role.MANAGER, "Grace Lee", NEW_YORK)
PEOPLE = (MARIA, JOSE, ANA, LUIS, PATEL, OSEI, GRACE)


def ny(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware New York local time."""
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def make_practice() -> Practice:
    return Practice(
        team_id="T_TEST",
        name="Riverside Family Medicine",
        tz=NEW_YORK,
        business_hours=BUSINESS_HOURS,
        holidays=HOLIDAYS,
        channels=Channels(queue="C_QUEUE", escalations="C_ESC", digests="C_DIGEST"),
        task_types=TYPE,
        people={person.slack_id: person for person in PEOPLE},
    )


def make_task(number: int = 1, **fields: Any) -> Task:
    """Task `number` of the test practice: Dr. Patel's scheduling task, assigned to Maria.

    Any field can be given; the code follows the number unless given too.
    """
    values: dict[str, Any] = {
        "team_id": "T_TEST",
        "code": task_code(number),
        "type_id": "scheduling",
        "priority": Priority.ROUTINE,
        "status": Status.ASSIGNED,
        "requester_id": PATEL.slack_id,
        "assignee_id": MARIA.slack_id,
        "title": "",
        "details": "",
        "patient_ref": "",
        "due_at": ny(2026, 12, 1, 17),
        "created_at": ny(2026, 12, 1, 9),
    }
    return Task(id=number, **(values | fields))


def with_clock(practice: Practice, task: Task, at: datetime) -> Task:
    """`task` with the clock of its status started at `at`, as a transition would leave it."""
    clock = started_clock(
        practice, type_id=task.type_id, priority=task.priority, status=task.status,
        due_at=task.due_at, now=at,
    )  # fmt: skip
    return replace(task, **clock)  # type: ignore[arg-type]
