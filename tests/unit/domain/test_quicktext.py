import string
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.quicktext import QuickParse, parse_quick
from bot.domain.task import Priority
from tests.builders import TASK_TYPES, make_practice, ny

PRACTICE = make_practice()
NOW = ny(2026, 3, 2, 10)  # Monday, EST


def parse(text: str) -> QuickParse:
    return parse_quick(text, practice=PRACTICE, now=NOW)


def utc(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "task_type", "details", "due"),
    [
        (
            "insurance verify coverage for the 3pm new patient by tue",
            "insurance_verification",
            "verify coverage for the 3pm new patient",
            utc(3, 3, 22),
        ),
        (
            "Insurance verification check eligibility",
            "insurance_verification",
            "check eligibility",
            None,
        ),
        ("eligibility check plan", "insurance_verification", "check plan", None),
        ("prior auth MRI lumbar", "prior_authorization", "MRI lumbar", None),
        ("PA MRI lumbar", "prior_authorization", "MRI lumbar", None),
        ("prior_authorization MRI", "prior_authorization", "MRI", None),
        ("Refill: forms for pharmacy", "refill_paperwork", "forms for pharmacy", None),
        (
            "vm call back about forms by tomorrow 10am",
            "inbox_voicemail",
            "call back about forms",
            utc(3, 3, 15),
        ),
        ("records send chart by 12/3", "records_request", "send chart", utc(12, 3, 22)),
        ("records send chart BY Dec 3", "records_request", "send chart", utc(12, 3, 22)),
        (
            "scheduling move follow-up by friday at 2pm",
            "scheduling",
            "move follow-up",
            utc(3, 6, 19),
        ),
        ("scheduling move follow-up by mon", "scheduling", "move follow-up", utc(3, 9, 21)),
        ("scheduling   lots   of\tspace  by eod", "scheduling", "lots of space", utc(3, 2, 22)),
        ("refills forms by 3pm", "refill_paperwork", "forms", utc(3, 2, 20)),
        ("refills forms by 9am", "refill_paperwork", "forms", utc(3, 3, 14)),
        ("records pull file seen by Dr Osei", "records_request", "pull file seen by Dr Osei", None),
        ("records fax by phone by tue", "records_request", "fax by phone", utc(3, 3, 22)),
        ("patient_questions by the way, by", "patient_questions", "by the way, by", None),
    ],
)
def test_complete_parses(text: str, task_type: str, details: str, due: datetime | None) -> None:
    result = parse(text)
    assert (result.task_type, result.details, result.due) == (task_type, details, due)
    assert result.complete, result.problems


@pytest.mark.parametrize(
    ("text", "priority", "assignee", "details"),
    [
        ("urgent refill forms", Priority.URGENT, None, "forms"),
        ("refill forms URGENT!", Priority.URGENT, None, "forms"),
        ("refill non-urgent forms", Priority.ROUTINE, None, "non-urgent forms"),
        ("refill urgently forms", Priority.ROUTINE, None, "urgently forms"),
        ("<@UMARIA> refill forms", Priority.ROUTINE, "UMARIA", "forms"),
        ("refill forms <@UMARIA|maria.santos> urgent", Priority.URGENT, "UMARIA", "forms"),
        ("refill <@UMARIA> forms <@UMARIA>", Priority.ROUTINE, "UMARIA", "forms"),
    ],
)
def test_mentions_and_urgency(
    text: str, priority: Priority, assignee: str | None, details: str
) -> None:
    result = parse(text)
    assert (result.priority, result.assignee, result.details) == (priority, assignee, details)
    assert result.complete


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("", ("no task type given", "no details given")),
        ("   ", ("no task type given", "no details given")),
        ("foo bar", ("unknown task type 'foo'",)),
        ("refill", ("no details given",)),
        ("refill urgent by tue", ("no details given",)),
        ("refill forms by someday", ("could not read the due time 'by someday'",)),
        ("refill forms by 25:00", ("could not read the due time 'by 25:00'",)),
        ("refill forms by 3/1/2026", ("due time is in the past",)),
        ("refill forms by today 9am", ("due time is in the past",)),
        ("refill forms <@UMARIA> <@UJOSE>", ("more than one assistant mentioned",)),
    ],
)
def test_problems(text: str, problems: tuple[str, ...]) -> None:
    result = parse(text)
    assert result.problems == problems
    assert not result.complete


def test_unknown_type_keeps_every_word_for_the_modal() -> None:
    result = parse("fax <@UJOSE> the forms urgent by tue")
    assert result.task_type is None
    assert (result.details, result.assignee, result.priority) == (
        "fax the forms",
        "UJOSE",
        "urgent",
    )
    assert result.due == utc(3, 3, 22)


def test_unreadable_due_is_dropped_from_details() -> None:
    assert parse("refill forms by someday").details == "forms"


ALIASES = [name for t in TASK_TYPES for name in (t.id, t.label, *t.aliases)]
WEIRD = ["\u200b", "\u202e", "\u200f", "مرحبا", "שלום", "👩‍⚕️", "🔥", "\ufeff", "\n", "İ", "ß", "by"]
FRAGMENTS = st.sampled_from(
    [*ALIASES, *WEIRD, "urgent", "<@U1>", "<@U2|x>", "<@", "3pm", "tue", "12/3", "2/30", "at"]
)
WORD = st.text(st.characters(categories=["L", "N", "So"]), min_size=1, max_size=8).filter(
    lambda word: word.lower() not in {"by", "urgent"}
)
DUE_PHRASES = st.sampled_from(
    ["tue", "tomorrow 10am", "friday at 2pm", "12/3", "Dec 3", "3pm", "eod"]
)


@given(st.text() | st.lists(FRAGMENTS | st.text(max_size=5)).map(" ".join))
def test_never_raises_and_complete_means_known_type(text: str) -> None:
    result = parse(text)
    if result.complete:
        assert result.task_type in PRACTICE.task_types
    assert result.due is None or result.due.utcoffset() is not None


@given(
    alias=st.sampled_from(ALIASES),
    words=st.lists(WORD, min_size=1, max_size=6),
    position=st.integers(min_value=0, max_value=6),
    due=DUE_PHRASES,
)
def test_details_drop_mention_and_due(
    alias: str, words: list[str], position: int, due: str
) -> None:
    words.insert(position, "<@UMARIA|maria>")
    result = parse(f"{alias} {' '.join(words)} by {due}")
    assert result.assignee == "UMARIA"
    assert result.due is not None
    assert "<@" not in result.details
    assert "UMARIA" not in result.details
    assert not result.details.lower().endswith(f"by {due}".lower())


@given(st.lists(FRAGMENTS | WORD, max_size=12).map(" ".join))
def test_details_only_hold_words_that_were_typed(text: str) -> None:
    typed = text.split()
    for word in parse(text).details.split():
        assert word in typed


@given(st.lists(FRAGMENTS | WORD, max_size=12).map(" ".join))
def test_urgent_exactly_when_the_word_is_there_and_never_in_details(text: str) -> None:
    result = parse(text)
    said = any(word.strip(string.punctuation).lower() == "urgent" for word in text.split())
    assert (result.priority is Priority.URGENT) == said
    assert "urgent" not in [w.strip(string.punctuation).lower() for w in result.details.split()]
