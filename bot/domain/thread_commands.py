"""Commands typed as replies in a task's thread: `claim`, `done <note>`, `reassign @user`, …"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.lifecycle import Action

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
COMMANDS = {
    "claim": Action.CLAIM,
    "release": Action.RELEASE,
    "done": Action.DONE,
    "return": Action.RETURN,
    "reassign": Action.REASSIGN,
    "cancel": Action.CANCEL,
}


@dataclass(frozen=True)
class ThreadCommand:
    action: Action
    text: str = ""
    target: str | None = None


def parse_thread_command(message: str) -> ThreadCommand | None:
    """The command a thread reply starts with, or None for ordinary conversation."""
    words = message.strip().split(maxsplit=1)
    if not words:
        return None
    action = COMMANDS.get(words[0].lower().rstrip(":,.!"))
    if action is None:
        return None
    rest = words[1].strip() if len(words) > 1 else ""
    if action is Action.REASSIGN:
        found = MENTION.search(rest)
        return ThreadCommand(action, target=found.group(1) if found else None)
    return ThreadCommand(action, text=rest)


def read_thread_reply(message: str, *, awaited_answer: bool) -> ThreadCommand | None:
    """What a thread reply asks for; while the task waits on its author, the reply is the answer."""
    if awaited_answer:
        return ThreadCommand(Action.ANSWER, text=message.strip())
    return parse_thread_command(message)
