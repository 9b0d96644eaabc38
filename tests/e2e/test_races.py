"""Races over real HTTP: many threads press and type at once; one legal outcome each time.

Every round delegates a fresh task, lines requests up behind a barrier, releases them at once
against the running app (SQLite and PostgreSQL), then checks the task, its audit trail, the
thread and what each loser was told. No sleeps force an order: whichever way the race goes,
the outcome must be one of the legal ones, and the rounds report which ones happened.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bot.devkit.sender import Reply
from bot.domain.lifecycle import ALLOWED_FROM, Action, next_status
from bot.domain.task import Status
from bot.slack.ids import Button
from bot.storage.repositories import to_task
from bot.storage.tables import TaskEventRow, TaskRow
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, events, task, thread
from tests.support import JOSE, KIM, MARIA, PATEL, QUEUE

ROUNDS = 15
SETUP_ACTIONS = frozenset({"created", "assigned", "queued"})
NOT_TRANSITIONS = SETUP_ACTIONS | {"viewed_details", "details_refused"}
PROBLEM = "hit a problem"  # what the error handler says when something unexpected broke


@dataclass(frozen=True)
class Contender:
    """One request in a race: who sends it, and how (button press or thread text)."""

    user: str
    text: str = ""  # a thread reply; empty means pressing the card's Claim button

    @property
    def by_button(self) -> bool:
        return not self.text


@dataclass
class Sent:
    contender: Contender
    reply: Reply

    @property
    def response_token(self) -> str:
        """The response_url token a button press carried (its refusal comes back there)."""
        url = str(self.reply.request.payload().get("response_url", ""))
        return url.rsplit("/", 1)[-1]


def new_task(app: RunningApp, text: str) -> tuple[str, int]:
    """Dr. Patel delegates by quick text; the task's code and id, once its card is posted."""
    t = delegate(app, text, user=PATEL)
    assert t.id is not None
    return t.code, t.id


def race(app: RunningApp, code: str, contenders: list[Contender]) -> list[Sent]:
    """Send every contender's request at once (one thread each), then drain the outbox."""
    message = card(app, code)
    ts = message["ts"]
    barrier = threading.Barrier(len(contenders), timeout=10)

    def send(contender: Contender) -> Sent:
        barrier.wait()
        if contender.by_button:
            reply = app.slack.block_actions(Button.CLAIM, user_id=contender.user, message=message)
        else:
            reply = app.slack.thread_reply(QUEUE, ts, contender.text, user_id=contender.user)
        return Sent(contender, reply)

    with ThreadPoolExecutor(max_workers=len(contenders)) as pool:
        sent = list(pool.map(send, contenders))
    for each in sent:
        assert each.reply.status == 200, (each.contender, each.reply.status, each.reply.text)
    app.settle()
    return sent


def transitions(trail: list[TaskEventRow]) -> list[TaskEventRow]:
    """The audit rows that moved the task (no refusals, no views, no creation rows)."""
    return [
        e
        for e in trail
        if e.action not in NOT_TRANSITIONS
        and not e.action.endswith("_refused")
        and e.from_status is not None
        and e.to_status is not None
    ]


def replay(row: TaskRow, trail: list[TaskEventRow]) -> list[str]:
    """Replay the audit trail from creation: each step legal, the last one the task's status.

    Returns the statuses the task went through, oldest first.
    """
    setup = [e for e in trail if e.action in SETUP_ACTIONS]
    assert [e.action for e in setup][:1] == ["created"], [e.action for e in trail]
    assert setup[-1].to_status is not None
    status = setup[-1].to_status
    seen = [status]
    for event in transitions(trail):
        action = Action(event.action)
        assert event.from_status == status, f"{event.action} from {event.from_status}, was {status}"
        assert Status(status) in ALLOWED_FROM[action], f"{action} is not allowed from {status}"
        expected = status if action is Action.SNOOZE else next_status(action, to_task(row)).value
        assert event.to_status == expected, f"{action} led to {event.to_status}, not {expected}"
        status = event.to_status
        seen.append(status)
    assert row.status == status, f"the task is {row.status}, its audit trail ends at {status}"
    for refused in (e for e in trail if e.action.endswith("_refused")):
        assert refused.from_status in seen, f"{refused.action} from {refused.from_status}"
    return seen


def one_row_per_request(trail: list[TaskEventRow], sent: list[Sent], verbs: dict[str, str]) -> None:
    """Every request left exactly one audit row: its action, or its refusal (nothing lost)."""
    acted = Counter(
        (e.actor_id, e.action.removesuffix("_refused"))
        for e in trail
        if e.action not in NOT_TRANSITIONS
    )
    asked = Counter((s.contender.user, verbs[s.contender.text.split(" ")[0]]) for s in sent)
    assert acted == asked, f"audit rows {dict(acted)} for requests {dict(asked)}"


def thread_ephemerals(app: RunningApp, ts: str, user: str) -> list[str]:
    return [
        str(c.args["text"])
        for c in app.standin.calls_to("chat.postEphemeral")
        if c.args.get("thread_ts") == ts and c.args.get("user") == user
    ]


def response_posts(app: RunningApp, token: str) -> list[str]:
    return [str(p.body.get("text", "")) for p in app.standin.responses if p.token == token]


def no_problems(texts: list[str]) -> None:
    assert not [t for t in texts if PROBLEM in t], texts


def rounds(app: RunningApp, scenario: Callable[[int], str]) -> Counter[str]:
    """Run `scenario` ROUNDS times; count (and print, for -rP) the outcomes it names."""
    outcomes: Counter[str] = Counter(scenario(n) for n in range(1, ROUNDS + 1))
    print(f"\n{scenario.__name__} on {app.handoff.engine.dialect.name}: {dict(outcomes)}")
    return outcomes


# --- claim vs claim -------------------------------------------------------------------------

# Only Maria and Jose may claim scheduling, so each sends several requests, by button and
# by text. Six, not more: the local test server listens with a backlog of 5, and a seventh or
# eighth simultaneous connection gets its SYN dropped and arrives a second later, too late to
# race anyone (seen as one request taking ~1.05 s in most rounds).
CLAIMERS = [
    Contender(MARIA),
    Contender(JOSE, "claim"),
    Contender(JOSE),
    Contender(MARIA, "claim"),
    Contender(MARIA),
    Contender(JOSE, "claim"),
]


def test_of_many_simultaneous_claims_exactly_one_wins(app: RunningApp) -> None:
    def claim_race(n: int) -> str:
        code, task_id = new_task(app, f"scheduling round {n}")
        sent = race(app, code, CLAIMERS)
        trail = events(app, task_id)
        row = task(app, task_id)

        wins = [e for e in trail if e.action == "claim"]
        assert len(wins) == 1, f"{len(wins)} claims went through: {[e.actor_id for e in wins]}"
        won = wins[0]
        winner = won.actor_id
        assert (row.status, row.assignee_id) == ("claimed", winner)
        assert replay(row, trail)[-2:] == [won.from_status, "claimed"]
        one_row_per_request(trail, sent, {"": "claim", "claim": "claim"})
        assert [e.action for e in trail].count("claim_refused") == len(CLAIMERS) - 1

        # Each loser is told, privately, who has it; the winner's request gets no refusal.
        told_by_button = {s.response_token: response_posts(app, s.response_token) for s in sent}
        assert all(len(posts) <= 1 for posts in told_by_button.values()), told_by_button
        silent = [s for s in sent if s.contender.by_button and not told_by_button[s.response_token]]
        assert len(silent) <= 1, silent
        ts = card(app, code)["ts"]
        texts = [post for posts in told_by_button.values() for post in posts]
        for user in (MARIA, JOSE):
            typed = sum(1 for s in sent if s.contender.user == user and not s.contender.by_button)
            won_by_typing = not silent and user == winner
            told = thread_ephemerals(app, ts, user)
            assert len(told) == typed - won_by_typing, (user, told)
            texts += told
        if silent:
            assert silent[0].contender.user == winner
        assert len(texts) == len(CLAIMERS) - 1
        no_problems(texts)
        for text in texts:
            assert f"<@{winner}>" in text or "changed" in text, text

        claimed = [line for line in thread(app, code) if " claimed " in line]
        assert claimed == [f"✋ <@{winner}> claimed {code}."]
        who = "Maria" if winner == MARIA else "Jose"
        return f"{who} won by {'button' if silent else 'text'}"

    outcomes = rounds(app, claim_race)
    assert sum(outcomes.values()) == ROUNDS


# --- done vs reassign -----------------------------------------------------------------------


def test_done_racing_a_reassign_ends_in_exactly_one_of_them(app: RunningApp) -> None:
    def done_vs_reassign(n: int) -> str:
        code, task_id = new_task(app, f"scheduling done or reassign {n}")
        ts = card(app, code)["ts"]
        assert app.slack.thread_reply(QUEUE, ts, "claim", user_id=MARIA).status == 200
        assert task(app, task_id).assignee_id == MARIA  # acted on before the ack
        claimed = len(events(app, task_id))
        sent = race(
            app,
            code,
            [Contender(MARIA, "done finished"), Contender(KIM, f"reassign <@{JOSE}>")],
        )
        trail = events(app, task_id)
        row = task(app, task_id)
        actions = Counter(e.action for e in trail)
        path = replay(row, trail)
        one_row_per_request(trail[claimed:], sent, {"done": "done", "reassign": "reassign"})
        told = {user: thread_ephemerals(app, ts, user) for user in (MARIA, KIM)}
        no_problems([text for texts in told.values() for text in texts])

        if row.status == "done":
            assert row.assignee_id == MARIA
            assert path[-2:] == ["claimed", "done"]
            assert (actions["done"], actions["reassign"]) == (1, 0)
            assert (actions["done_refused"], actions["reassign_refused"]) == (0, 1)
            assert (told[MARIA], len(told[KIM])) == ([], 1)
            assert f"{code} is already done" in told[KIM][0]
            outcome = "done"
        else:
            assert (row.status, row.assignee_id) == ("assigned", JOSE)
            assert path[-2:] == ["claimed", "assigned"]
            assert (actions["done"], actions["reassign"]) == (0, 1)
            assert (actions["done_refused"], actions["reassign_refused"]) == (1, 0)
            assert (len(told[MARIA]), told[KIM]) == (1, [])
            assert f"Couldn't mark {code} done" in told[MARIA][0]
            assert f"<@{JOSE}> has it" in told[MARIA][0]
            outcome = "reassigned"
        lines = thread(app, code)
        assert sum(1 for line in lines if " marked " in line or " reassigned " in line) == 1
        return outcome

    outcomes = rounds(app, done_vs_reassign)
    assert set(outcomes) <= {"done", "reassigned"}


# --- cancel vs claim ------------------------------------------------------------------------


def test_cancel_racing_claims_ends_in_one_legal_state(app: RunningApp) -> None:
    def cancel_vs_claim(n: int) -> str:
        code, task_id = new_task(app, f"scheduling cancel or claim {n}")
        contenders = [
            Contender(PATEL, "cancel not needed"),
            Contender(MARIA),
            Contender(JOSE, "claim"),
        ]
        sent = race(app, code, contenders)
        trail = events(app, task_id)
        row = task(app, task_id)
        actions = Counter(e.action for e in trail)
        path = replay(row, trail)
        one_row_per_request(trail, sent, {"cancel": "cancel", "": "claim", "claim": "claim"})
        ts = card(app, code)["ts"]
        told = {
            PATEL: thread_ephemerals(app, ts, PATEL),
            MARIA: response_posts(app, sent[1].response_token),
            JOSE: thread_ephemerals(app, ts, JOSE),
        }
        no_problems([text for texts in told.values() for text in texts])
        assert actions["claim"] + actions["claim_refused"] == 2
        assert actions["cancel"] + actions["cancel_refused"] == 1
        claims = [e.actor_id for e in trail if e.action == "claim"]
        assert len(claims) <= 1
        losers = [user for user in (MARIA, JOSE) if user not in claims]
        assert all(len(told[user]) == 1 for user in losers), told
        assert all(told[user] == [] for user in claims), told

        if row.status == "cancelled" and not claims:
            assert path[1:] == ["cancelled"]
            assert all(f"{code} was cancelled" in told[user][0] for user in losers), told
            outcome = "cancelled before any claim"
        elif row.status == "cancelled":
            assert path[1:] == ["claimed", "cancelled"]
            assert row.assignee_id == claims[0]
            assert told[PATEL] == []
            [refused] = told[losers[0]]
            assert f"<@{claims[0]}> has it" in refused or f"{code} was cancelled" in refused
            outcome = "claimed, then cancelled"
        else:
            assert (row.status, row.assignee_id) == ("claimed", claims[0])
            assert path[1:] == ["claimed"]
            assert actions["cancel_refused"] == 1
            [refused] = told[PATEL]
            assert "kept changing while you acted" in refused  # lost twice in a row
            assert f"<@{claims[0]}> has it" in told[losers[0]][0]
            outcome = "claimed; the cancel lost the race"
        lines = thread(app, code)
        assert sum(1 for line in lines if " claimed " in line) == actions["claim"]
        assert sum(1 for line in lines if " cancelled " in line) == actions["cancel"]
        return outcome

    outcomes = rounds(app, cancel_vs_claim)
    assert sum(outcomes.values()) == ROUNDS
