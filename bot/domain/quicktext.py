"""The `/delegate` quick form: `<type-or-alias> <details> [<@assistant>] [urgent] [by <when>]`."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime

from bot.domain.due_phrases import looks_like_due, parse_due
from bot.domain.practice import Practice
from bot.domain.task import Priority
from bot.domain.task_types import TaskType

_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^<>]*)?>")
_BY_CLAUSE_MAX_WORDS = 4  # "by friday at 2pm", "by dec 3 at 10am"


@dataclass(frozen=True)
class QuickParse:
    task_type: str | None  # type id
    details: str  # private free text, without the mention, `urgent` and the `by` clause
    priority: Priority
    assignee: str | None  # slack id from the mention
    due: datetime | None  # aware UTC
    problems: tuple[str, ...]  # PHI-free reasons to open the modal instead

    @property
    def complete(self) -> bool:
        return self.task_type is not None and bool(self.details) and not self.problems


def parse_quick(text: str, *, practice: Practice, now: datetime) -> QuickParse:
    """Read the quick form; anything missing or unclear is listed in `problems`."""
    problems: list[str] = []
    text, assignee = _take_mention(text, problems)
    words, priority = _take_urgent(text.split())
    task_type, words = _take_type(words, practice, problems)
    words, due = _take_due(words, practice, now, problems)
    if not words:
        problems.append("no details given")
    return QuickParse(
        task_type=task_type.id if task_type else None,
        details=" ".join(words),
        priority=priority,
        assignee=assignee,
        due=due,
        problems=tuple(problems),
    )


def _take_mention(text: str, problems: list[str]) -> tuple[str, str | None]:
    mentioned = list(dict.fromkeys(_MENTION.findall(text)))
    if len(mentioned) > 1:
        problems.append("more than one assistant mentioned")
    return _MENTION.sub(" ", text), mentioned[0] if len(mentioned) == 1 else None


def _take_urgent(words: list[str]) -> tuple[list[str], Priority]:
    kept = [word for word in words if word.strip(string.punctuation).lower() != "urgent"]
    return kept, Priority.URGENT if len(kept) < len(words) else Priority.ROUTINE


def _take_type(
    words: list[str], practice: Practice, problems: list[str]
) -> tuple[TaskType | None, list[str]]:
    """Match the longest leading run of words that names a task type."""
    for count in range(min(len(words), _longest_type_name(practice)), 0, -1):
        found = practice.task_type(" ".join(words[:count]).rstrip(":,"))
        if found:
            return found, words[count:]
    problems.append(f"unknown task type '{words[0]}'" if words else "no task type given")
    return None, words


def _longest_type_name(practice: Practice) -> int:
    names = (
        name
        for task_type in practice.task_types.values()
        for name in (task_type.id, task_type.label, *task_type.aliases)
    )
    return max((len(name.split()) for name in names), default=0)


def _take_due(
    words: list[str], practice: Practice, now: datetime, problems: list[str]
) -> tuple[list[str], datetime | None]:
    """Split off a trailing `by <when>`; a clause that names no time stays in the details."""
    lowered = [word.lower() for word in words]
    if "by" not in lowered:
        return words, None
    at = len(lowered) - 1 - lowered[::-1].index("by")
    phrase = " ".join(words[at + 1 :])
    if not 1 <= len(words) - at - 1 <= _BY_CLAUSE_MAX_WORDS or not looks_like_due(phrase):
        return words, None
    due = parse_due(phrase, tz=practice.tz, day_end=practice.business_hours.end, now=now)
    if due is None:
        problems.append(f"could not read the due time 'by {phrase}'")
    elif due <= now:
        problems.append("due time is in the past")
    return words[:at], due
