"""App Home views: per-role lists, PHI-free, within Block Kit's 100-block limit."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.config import load_practice
from bot.devkit import limits, specs
from bot.domain.absence import Absence
from bot.domain.task import Priority, Status, Task
from bot.services.home import LIST_LIMIT, AssistantHome, ClinicianHome, Home, ManagerHome, TaskPage
from bot.slack.blocks.home import home_view
from tests.builders import make_task
from tests.support import JOSE, MARIA, PATEL, PRACTICE_FILE

PRACTICE = load_practice(PRACTICE_FILE)
DUE = datetime(2026, 12, 1, 22, tzinfo=UTC)  # Tue Dec 1, 5:00 PM in New York
SECRETS = {
    "details": "SECRET-DETAILS Jane Doe",
    "patient_ref": "SECRET-PATIENT MRN 448812",
    "resolution": "SECRET-RESOLUTION",
    "return_reason": "SECRET-RETURN-REASON",
    "answer": "SECRET-ANSWER",
}


def task(number: int, status: Status = Status.ASSIGNED, **fields: Any) -> Task:
    """A scheduling task from Dr. Patel to Maria, carrying a secret in every private field."""
    values: dict[str, Any] = {
        "team_id": PRACTICE.team_id,
        "status": status,
        "requester_id": PATEL,
        "assignee_id": MARIA,
        "title": "Book the follow-up",
        "due_at": DUE,
        "created_at": DUE,
        **SECRETS,
    }
    return make_task(number, **(values | fields))


def page(*tasks: Task, total: int | None = None) -> TaskPage:
    return TaskPage(tasks=tasks, total=len(tasks) if total is None else total)


def many(status: Status, start: int = 1) -> TaskPage:
    """The first LIST_LIMIT of 300 tasks, as the queries return a long list."""
    tasks = [task(n, status) for n in range(start, start + LIST_LIMIT)]
    return page(*tasks, total=300)


def blocks_of(home: Home) -> list[dict[str, Any]]:
    view = home_view(PRACTICE, home)
    assert view["type"] == "home"
    return list(view["blocks"])


def block(home: Home, block_id: str) -> dict[str, Any]:
    return next(b for b in blocks_of(home) if b.get("block_id") == block_id)


def text_of(home: Home, block_id: str) -> str:
    found = block(home, block_id)
    return str(found["text"]["text"] if "text" in found else found["elements"][0]["text"])


def action_ids(home: Home) -> list[str]:
    return [
        element["action_id"]
        for b in blocks_of(home)
        for element in [*b.get("elements", []), b.get("accessory", {})]
        if "action_id" in element
    ]


ASSISTANT = AssistantHome(
    in_hand=page(task(1, Status.CLAIMED)),
    unclaimed=page(task(2, Status.UNASSIGNED, assignee_id=None), task(3, assignee_id=JOSE)),
)
CLINICIAN = ClinicianHome(
    returned=page(task(4, Status.RETURNED)),
    delegated=page(task(5, Status.CLAIMED), task(6, Status.UNASSIGNED, assignee_id=None)),
)
MANAGER = ManagerHome(
    counts={
        (Status.ASSIGNED, "scheduling"): 2,
        (Status.CLAIMED, "scheduling"): 1,
        (Status.UNASSIGNED, "prior_authorization"): 1,
    },
    overdue=page(task(7, Status.CLAIMED)),
)
LONG = {
    "assistant": AssistantHome(in_hand=many(Status.CLAIMED), unclaimed=many(Status.ASSIGNED, 101)),
    "clinician": ClinicianHome(returned=many(Status.RETURNED), delegated=many(Status.CLAIMED, 101)),
    "manager": ManagerHome(
        counts={(Status.CLAIMED, "scheduling"): 300}, overdue=many(Status.CLAIMED)
    ),
}
EVERY_HOME = {
    "assistant": ASSISTANT,
    "clinician": CLINICIAN,
    "manager": MANAGER,
    "not set up": None,
}
EVERY_HOME |= {f"long {role}": home for role, home in LONG.items()}


def test_an_assistant_sees_claimed_tasks_then_the_unclaimed_ones_with_claim_buttons() -> None:
    ids = [b["block_id"] for b in blocks_of(ASSISTANT)]
    assert ids.index("in_hand:1") < ids.index("unclaimed_heading") < ids.index("unclaimed:2")
    assert action_ids(ASSISTANT) == [
        "time_off",
        "task_view_details:1",
        "task_claim:2",
        "task_view_details:2",
        "task_claim:3",
        "task_view_details:3",
    ]
    claim = block(ASSISTANT, "unclaimed_actions:3")["elements"][0]
    assert (claim["value"], claim["style"], claim["text"]["text"]) == ("3", "primary", "Claim")
    assert (
        block(ASSISTANT, "unclaimed_heading")["text"]["text"] == "Unclaimed in your task types (2)"
    )


def test_a_task_line_shows_code_type_title_due_status_and_people() -> None:
    assert text_of(ASSISTANT, "unclaimed:3").split("\n") == [
        "*T-0003* · Scheduling",
        "Book the follow-up",
        f"Due Tue Dec 1, 5:00 PM EST · Assigned — not yet claimed · from <@{PATEL}> to <@{JOSE}>",
    ]
    assert text_of(ASSISTANT, "unclaimed:2").endswith(f"waiting in the queue · from <@{PATEL}>")


def test_urgent_tasks_are_flagged_and_untitled_ones_show_their_type() -> None:
    home = ManagerHome(counts={}, overdue=page(task(8, priority=Priority.URGENT, title="")))
    first, title, _ = text_of(home, "overdue:8").split("\n")
    assert (first, title) == ("*T-0008* · Scheduling · 🔴 *Urgent*", "Scheduling")


def test_a_title_cannot_ping_or_link() -> None:
    home = ManagerHome(counts={}, overdue=page(task(9, title="<!channel> call <@U0X> & co")))
    assert "&lt;!channel&gt; call &lt;@U0X&gt; &amp; co" in text_of(home, "overdue:9")


def test_a_clinician_sees_tasks_returned_to_them_first_then_what_they_delegated() -> None:
    ids = [b["block_id"] for b in blocks_of(CLINICIAN)]
    assert ids.index("returned:4") < ids.index("delegated_heading") < ids.index("delegated:5")
    assert "Returned — needs clinician input" in text_of(CLINICIAN, "returned:4")
    assert "Claimed — in progress" in text_of(CLINICIAN, "delegated:5")
    assert not any(action.startswith("task_claim") for action in action_ids(CLINICIAN))


def test_managers_see_open_counts_by_status_and_type_then_the_overdue_list() -> None:
    assert text_of(MANAGER, "open_counts").split("\n") == [
        "*Open tasks by status and type*",
        "*All types*: 4 open — 1 unassigned · 2 assigned · 1 claimed",
        "*Prior authorization*: 1 open — 1 unassigned",
        "*Scheduling*: 3 open — 2 assigned · 1 claimed",
    ]
    assert block(MANAGER, "overdue_heading")["text"]["text"] == "Overdue (1)"
    team = ("roster_edit:", "roster_access:")
    assert [a for a in action_ids(MANAGER) if not a.startswith(team)] == [
        "roster_add",
        "time_off",
        "task_view_details:7",
    ]


@pytest.mark.parametrize(
    ("home", "key", "says"),
    [
        (AssistantHome(page(), page()), "in_hand_empty", "Nothing claimed right now."),
        (AssistantHome(page(), page()), "unclaimed_empty", "Nothing is waiting to be claimed."),
        (ClinicianHome(page(), page()), "returned_empty", "Nothing needs your answer."),
        (ManagerHome({}, page()), "overdue_empty", "Nothing is overdue."),
        (ManagerHome({}, page()), "open_counts", "*Open tasks by status and type*\nNo open tasks."),
    ],
)
def test_empty_lists_say_so(home: Home, key: str, says: str) -> None:
    assert text_of(home, key) == says


def test_people_not_set_up_are_told_so_and_shown_no_tasks() -> None:
    [header, note] = blocks_of(None)
    assert header["text"]["text"] == "Handoff · Test Family Practice"
    assert note["text"]["text"].startswith("You're not set up in Handoff for Test Family Practice.")


@pytest.mark.parametrize("home", LONG.values(), ids=LONG.keys())
def test_long_lists_fill_the_view_and_say_how_many_more(home: Home) -> None:
    blocks = blocks_of(home)
    assert len(blocks) == limits.MAX_VIEW_BLOCKS
    for key in {b["block_id"].split(":")[0] for b in blocks if ":" in b["block_id"]}:
        if key.endswith("_actions") or key == "team":
            continue  # the team fits whole
        shown = sum(b["block_id"].startswith(f"{key}:") for b in blocks)
        assert shown > 20
        assert text_of(home, f"{key}_more") == f"…and {300 - shown} more"


def test_a_short_list_leaves_its_room_to_a_long_one() -> None:
    home = AssistantHome(in_hand=page(task(1, Status.CLAIMED)), unclaimed=many(Status.ASSIGNED, 2))
    blocks = blocks_of(home)
    assert len(blocks) > limits.MAX_VIEW_BLOCKS - 5
    assert "in_hand:1" in [b["block_id"] for b in blocks]
    assert "in_hand_more" not in [b["block_id"] for b in blocks]
    assert text_of(home, "unclaimed_more") == "…and 255 more"  # 45 shown, two blocks each


@pytest.mark.parametrize("home", EVERY_HOME.values(), ids=EVERY_HOME.keys())
def test_no_private_field_ever_appears(home: Home) -> None:
    shown = json.dumps(home_view(PRACTICE, home), ensure_ascii=False)
    assert [field for field, secret in SECRETS.items() if secret in shown] == []
    assert "SECRET" not in shown


@pytest.mark.parametrize("home", EVERY_HOME.values(), ids=EVERY_HOME.keys())
def test_every_view_passes_block_kit_limits_and_the_schema(home: Home) -> None:
    view = home_view(PRACTICE, home)
    assert limits.check_view(view) == []
    assert specs.check_view(view) == []


def test_managers_see_the_team_with_edit_and_access_report_for_each_person() -> None:
    """The Team section: role, scopes, shift and status per person, each with its buttons."""
    people = [b for b in blocks_of(MANAGER) if b["block_id"].startswith("team:")]
    assert len(people) == len(PRACTICE.people)
    maria = block(MANAGER, f"team:{MARIA}")
    buttons = block(MANAGER, f"team_actions:{MARIA}")["elements"]
    assert [b["action_id"] for b in buttons] == [f"roster_edit:{MARIA}", f"roster_access:{MARIA}"]
    assert {b["value"] for b in buttons} == {MARIA}
    assert "assistant · " not in maria["text"]["text"]
    assert "Scopes: " in maria["text"]["text"]


def test_managers_and_assistants_see_who_is_away_with_time_off_and_change_buttons() -> None:
    starts, ends = datetime(2026, 12, 1, 14, tzinfo=UTC), datetime(2026, 12, 3, 14, tzinfo=UTC)
    away = (Absence(1, "T", MARIA, starts, ends, "SECRET-NOTE", MARIA),)
    home = ManagerHome(counts={}, overdue=page(), away=away)
    assert text_of(home, "away") == "*Away (1)*"
    line = block(home, "away:1")
    assert line["text"]["text"] == (
        f"<@{MARIA}> from Tue Dec 1, 9:00 AM EST until Thu Dec 3, 9:00 AM EST"
    )
    assert (line["accessory"]["action_id"], line["accessory"]["value"]) == (
        "time_off_change:1",
        "1",
    )
    assert "SECRET-NOTE" not in json.dumps(blocks_of(home))
    assert text_of(ASSISTANT, "away") == "*Away*\nNobody."
    assert block(ASSISTANT, "away")["accessory"]["action_id"] == "time_off"
    assert "away" not in [b.get("block_id") for b in blocks_of(CLINICIAN)]


def test_a_long_away_list_shows_ten_and_says_how_many_more() -> None:
    starts, ends = datetime(2026, 12, 1, 14, tzinfo=UTC), datetime(2026, 12, 3, 14, tzinfo=UTC)
    away = tuple(Absence(n, "T", MARIA, starts, ends, "", MARIA) for n in range(1, 14))
    home = ManagerHome(counts={}, overdue=many(Status.ASSIGNED), away=away)
    ids = [b["block_id"] for b in blocks_of(home)]
    assert sum(i.startswith("away:") for i in ids) == 10
    assert text_of(home, "away_more") == "…and 3 more"
    assert limits.check_view(home_view(PRACTICE, home)) == []
