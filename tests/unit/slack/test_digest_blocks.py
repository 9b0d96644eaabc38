"""Digest messages: scannable, PHI-free, no pings, within Block Kit limits and the schema."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from bot.devkit import limits, specs
from bot.domain.digest import AssistantDigest, ClinicianDigest
from bot.domain.digest_manager import AssistantFigures, ManagerDigest, OpenByAge, Overdue
from bot.domain.task import Priority, Status, Task
from bot.slack.blocks.digest_tables import span
from bot.slack.blocks.digests import Digest, digest_message
from tests.builders import ANA, JOSE, MANILA, NEW_YORK, make_practice, make_task, ny

PRACTICE = make_practice()
SINCE, UNTIL = ny(2026, 11, 30, 7, 30), ny(2026, 12, 1, 7, 30)
SECRETS = {
    "details": "SECRET-DETAILS Jane Doe",
    "patient_ref": "SECRET-PATIENT MRN 448812",
    "resolution": "SECRET-RESOLUTION",
    "return_reason": "SECRET-RETURN-REASON",
    "answer": "SECRET-ANSWER",
}


def task(number: int, **fields: Any) -> Task:
    """A claimed scheduling task of Maria's, carrying a secret in every private field."""
    values: dict[str, Any] = {
        "status": Status.CLAIMED,
        "title": f"Call back {number}",
        "due_at": ny(2026, 11, 30, 17),
        "created_at": ny(2026, 11, 30, 9),
        **SECRETS,
    }
    return make_task(number, **(values | fields))


def manager(**fields: Any) -> ManagerDigest:
    values: dict[str, Any] = {
        "created": 6,
        "claimed": 5,
        "done": 2,
        "cancelled": 1,
        "open_by_age": (
            OpenByAge("scheduling", (0, 2, 0)),
            OpenByAge("patient_questions", (1, 0, 1)),
        ),
        "overdue": (
            Overdue(
                task(5, assignee_id=None, priority=Priority.URGENT), timedelta(days=7, hours=16)
            ),
            Overdue(task(7, title=""), timedelta(minutes=45)),
        ),
        "assistants": (
            AssistantFigures(
                ANA.slack_id, 1, 0, timedelta(hours=8, minutes=30), timedelta(hours=17)
            ),
            AssistantFigures(JOSE.slack_id, 0, 0, None, None),
        ),
        "escalations": 2,
        "dead_messages": 0,
        **fields,
    }
    return ManagerDigest(SINCE, UNTIL, **values)


def many(n: int) -> tuple[Task, ...]:
    return tuple(task(number, title="A" * 200) for number in range(1, n + 1))


MANAGER = manager()
ASSISTANT = AssistantDigest(SINCE, UNTIL, (task(1),), (task(2, status=Status.UNASSIGNED),), ())
CLINICIAN = ClinicianDigest(SINCE, UNTIL, (task(3, status=Status.DONE),), (), (task(4),))
LONG: dict[str, Digest] = {
    "long manager": manager(
        overdue=tuple(Overdue(t, timedelta(days=3)) for t in many(300)),
        open_by_age=tuple(OpenByAge(f"type_{n}", (n, 1, 2)) for n in range(40)),
        assistants=tuple(AssistantFigures(f"U{n}", n, n, None, None) for n in range(40)),
        dead_messages=12,
    ),
    "long assistant": AssistantDigest(SINCE, UNTIL, many(300), many(300), many(300)),
    "long clinician": ClinicianDigest(SINCE, UNTIL, many(300), many(300), many(300)),
}
EMPTY: dict[str, Digest] = {
    "empty manager": manager(
        created=0, claimed=0, done=0, cancelled=0, open_by_age=(), overdue=(), assistants=(),
        escalations=0,
    ),
    "empty assistant": AssistantDigest(SINCE, UNTIL, (), (), ()),
    "empty clinician": ClinicianDigest(SINCE, UNTIL, (), (), ()),
}  # fmt: skip
EVERY = {"manager": MANAGER, "assistant": ASSISTANT, "clinician": CLINICIAN, **LONG, **EMPTY}


def blocks_of(digest: Digest) -> dict[str, dict[str, Any]]:
    message = digest_message(PRACTICE, digest, NEW_YORK)
    return {block.get("block_id", f"#{i}"): block for i, block in enumerate(message["blocks"])}


def text_of(digest: Digest, block_id: str) -> str:
    block = blocks_of(digest)[block_id]
    return str(block["text"]["text"] if "text" in block else block["elements"][0]["text"])


def test_a_manager_sees_the_flow_first_as_seven_fields() -> None:
    fields = [f["text"] for f in blocks_of(MANAGER)["flow"]["fields"]]
    assert fields == [
        "*New*\n6",
        "*Claimed*\n5",
        "*Done*\n2",
        "*Cancelled*\n1",
        "*Open now*\n4",
        "*Overdue now*\n2",
        "*Escalations*\n2",
    ]
    assert text_of(MANAGER, "header") == "Daily digest · Riverside Family Medicine"
    assert text_of(MANAGER, "period") == (
        "Mon Nov 30, 7:30 AM EST to Tue Dec 1, 7:30 AM EST; open and overdue as of now."
    )


def test_open_work_is_an_aligned_table_with_an_all_types_row() -> None:
    assert text_of(MANAGER, "open_by_age").split("\n") == [
        "*Open work by age*",
        "```",
        "Type                    &lt;1d  1-3d  &gt;3d  Open",
        "All types                 1     2    1     4",
        "Scheduling                0     2    0     2",
        "Patient questions         1     0    1     2",
        "```",
    ]


def test_overdue_tasks_show_code_type_title_holder_and_how_late() -> None:
    assert text_of(MANAGER, "overdue").split("\n") == [
        "*Overdue (2)*",
        "• *T-0005* · Scheduling · 🔴 Urgent · Call back 5 · Unassigned · *7d 16h late*",
        "• *T-0007* · Scheduling · Scheduling · Maria Santos · *45m late*",
    ]


def test_each_assistant_is_a_row_of_done_on_time_and_median_business_hours() -> None:
    assert text_of(MANAGER, "assistants").split("\n")[2:5] == [
        "Assistant               Done  On time  Claim in  Done in",
        "Ana Reyes                  1       0%    8h 30m      17h",
        "Jose Ramos                 0        -         -        -",
    ]


def test_dead_messages_are_flagged_only_when_there_are_some() -> None:
    assert "dead" not in blocks_of(MANAGER)
    assert text_of(manager(dead_messages=1), "dead").startswith(
        "⚠️ *1 message could not be delivered.*"
    )


def test_the_notification_texts_carry_the_counts() -> None:
    texts = [digest_message(PRACTICE, d, NEW_YORK)["text"] for d in (MANAGER, ASSISTANT, CLINICIAN)]
    assert texts == [
        "Daily digest: 6 new, 5 claimed, 2 done, 1 cancelled; 4 open, 2 overdue.",
        "Start of shift: 1 claimed, 1 unclaimed in your task types, 0 answered.",
        "End of day: 1 done, 0 waiting on your answer, 1 still open.",
    ]


def test_an_assistants_digest_uses_the_assistants_time_zone() -> None:
    message = digest_message(PRACTICE, ASSISTANT, MANILA)
    claimed = next(b for b in message["blocks"] if b.get("block_id") == "claimed")
    assert claimed["text"]["text"].split("\n") == [
        "*Your claimed tasks (1)*",
        "• *T-0001* · Scheduling · Call back 1 · due Tue Dec 1, 6:00 AM PST",  # Philippine time
    ]


def test_a_clinician_sees_who_did_and_who_holds_each_task() -> None:
    assert text_of(CLINICIAN, "done").endswith("Call back 3 · done by Maria Santos")
    assert text_of(CLINICIAN, "waiting_on_me") == "*Waiting on your answer (0)*\nNothing."
    assert "Maria Santos · due Mon Nov 30, 5:00 PM EST" in text_of(CLINICIAN, "still_open")


@pytest.mark.parametrize(
    ("digest", "block_id", "says"),
    [
        (EMPTY["empty manager"], "open_by_age", "*Open work by age*\nNo open tasks."),
        (EMPTY["empty manager"], "overdue", "*Overdue (0)*\nNothing is overdue."),
        (EMPTY["empty manager"], "assistants", "*By assistant*\nNo assistants."),
        (
            EMPTY["empty assistant"],
            "unclaimed",
            "*Unclaimed in your task types (0)*\nNone waiting.",
        ),
        (EMPTY["empty clinician"], "done", "*Done (0)*\nNothing was finished."),
    ],
)
def test_empty_parts_say_so(digest: Digest, block_id: str, says: str) -> None:
    assert text_of(digest, block_id) == says


@pytest.mark.parametrize(("block_id", "shown"), [("claimed", 10), ("unclaimed", 10)])
def test_long_lists_show_ten_and_say_how_many_more(block_id: str, shown: int) -> None:
    lines = text_of(LONG["long assistant"], block_id).split("\n")
    assert (len(lines), lines[-1]) == (1 + shown + 1, "…and 290 more")
    assert "A" * 79 + "…" in lines[1]  # titles are clipped


def test_long_tables_stop_at_25_rows_and_say_how_many_more() -> None:
    lines = text_of(LONG["long manager"], "open_by_age").split("\n")
    assert lines[-2:] == ["…and 16 more", "```"]  # the all-types row plus 40 types


def test_a_title_cannot_ping_or_link() -> None:
    digest = ClinicianDigest(SINCE, UNTIL, (), (task(9, title="<!channel> <@U0X> & co"),), ())
    assert "&lt;!channel&gt; &lt;@U0X&gt; &amp; co" in text_of(digest, "waiting_on_me")


@pytest.mark.parametrize("digest", EVERY.values(), ids=EVERY.keys())
def test_no_private_field_and_no_mention_ever_appears(digest: Digest) -> None:
    shown = json.dumps(digest_message(PRACTICE, digest, NEW_YORK), ensure_ascii=False)
    assert [field for field, secret in SECRETS.items() if secret in shown] == []
    assert "<@" not in shown


@pytest.mark.parametrize("digest", EVERY.values(), ids=EVERY.keys())
def test_every_digest_passes_block_kit_limits_and_the_schema(digest: Digest) -> None:
    message = digest_message(PRACTICE, digest, NEW_YORK)
    assert limits.check_message(message) == []
    assert specs.check_blocks(message["blocks"]) == []
    for block in message["blocks"]:
        fields = block.get("fields", [])
        assert len(fields) <= 10
        assert all(len(field["text"]) <= 2000 for field in fields)


@pytest.mark.parametrize(
    ("elapsed", "days", "words"),
    [
        (None, True, "-"),
        (timedelta(seconds=20), True, "0m"),
        (timedelta(minutes=45), True, "45m"),
        (timedelta(hours=3), True, "3h"),
        (timedelta(hours=3, minutes=20), True, "3h 20m"),
        (timedelta(days=2), True, "2d"),
        (timedelta(days=2, hours=3, minutes=10), True, "2d 3h"),
        (timedelta(hours=50), False, "50h"),
    ],
)
def test_spans_read_in_words(elapsed: timedelta | None, days: bool, words: str) -> None:
    assert span(elapsed, days=days) == words
