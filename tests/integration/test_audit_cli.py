"""`bot audit CODE` and `bot audit export` on SQLite and PostgreSQL, run in-process."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.cli import main
from bot.config import load_practice
from bot.domain.lifecycle import Action
from bot.services.delegation import DelegationRequest, delegate
from bot.services.lifecycle import ActionRequest, perform
from bot.services.ports import ReplyTo
from bot.slack.notifier import OutboxNotifier
from bot.storage.audit_queries import PRIVATE_READ
from bot.storage.engine import make_engine
from bot.storage.sync import sync_practice
from bot.storage.tables import TaskEventRow, TaskRow
from bot.storage.uow import SqlUnitOfWork
from tests.support import CHEN, JOSE, PATEL, PRACTICE_FILE, TUESDAY_10AM_NY

PRACTICE = load_practice(PRACTICE_FILE)
TEAM = PRACTICE.team_id
NOTE = 'Active, copay "$25"\nnext visit in March'
HISTORY = [
    "T-0001 insurance_verification routine done | requester U0DRPATEL01 (Dr. Priya Patel)"
    " | assignee U0VAJOSE001 (Jose Ramos) | created 2026-12-01 10:00 EST"
    " | due 2026-12-03 16:00 EST",
    "2026-12-01 10:00 EST | U0DRPATEL01 (Dr. Priya Patel) | created | -→unassigned",
    "2026-12-01 10:00 EST | U0DRPATEL01 (Dr. Priya Patel) | assigned | unassigned→assigned"
    " | explicit: Jose Ramos was chosen",
    "2026-12-01 10:05 EST | U0DRCHEN001 (Dr. Wei Chen) | cancel_refused | assigned→-"
    " | you can't cancel T-0001",
    "2026-12-01 10:10 EST | U0VAJOSE001 (Jose Ramos) | claim | assigned→claimed",
    "2026-12-01 10:15 EST | U0VAJOSE001 (Jose Ramos) | done | claimed→done"
    " | (private note withheld; --include-private)",
]
PRIVATE_LINE = (
    "2026-12-01 10:15 EST | U0VAJOSE001 (Jose Ramos) | done | claimed→done"
    ' | Active, copay "$25"\\nnext visit in March'
)
HEADER = "event_id,team_id,task_code,task_id,at_utc,actor_id,action,from_status,to_status,reason"


def _act(
    engine: Engine, task_id: int, step: int, actor: str, action: Action, text: str = ""
) -> None:
    """Perform `action` at 10:00 plus `step` times five minutes."""
    request = ActionRequest(
        team_id=TEAM,
        actor_id=actor,
        task_id=task_id,
        action=action,
        reply_to=ReplyTo(user=actor),
        dedupe_key=f"{action}-{actor}",
        text=text,
    )
    at = TUESDAY_10AM_NY + timedelta(minutes=5 * step)
    perform(SqlUnitOfWork(engine, OutboxNotifier), PRACTICE, request, at)


def _seed(engine: Engine) -> None:
    """T-0001 delegated to Jose, a refused cancel, a claim and done; two events of no task."""
    sync_practice(engine, PRACTICE, TUESDAY_10AM_NY)
    request = DelegationRequest(
        team_id=TEAM,
        requester_id=PATEL,
        type_key="insurance",
        details="Verify coverage for Jane Doe",
        dedupe_key="seed",
        title="Verify coverage",
        patient_ref="MRN 4417",
        assignee_id=JOSE,
    )
    task = delegate(SqlUnitOfWork(engine, OutboxNotifier), PRACTICE, request, TUESDAY_10AM_NY).task
    _act(engine, task.id, 1, CHEN, Action.CANCEL, "not needed")
    _act(engine, task.id, 2, JOSE, Action.CLAIM)
    _act(engine, task.id, 3, JOSE, Action.DONE, NOTE)
    with Session(engine) as session:
        session.add(_orphan(datetime.fromisoformat("2026-12-01T04:30:00+00:00")))
        session.add(_orphan(datetime.fromisoformat("2026-12-01T14:00:00+00:00")))
        session.commit()


def _orphan(
    at: datetime, action: str = "delegate_refused", reason: str = "no type", actor: str = CHEN
) -> TaskEventRow:
    return TaskEventRow(team_id=TEAM, actor_id=actor, action=action, at=at, reason=reason)


def _add_orphans(database_url: str, *events: tuple[str, str, str]) -> None:
    """Events of no task at 2026-12-01 16:00 UTC, each (actor, action, reason)."""
    at = datetime.fromisoformat("2026-12-01T16:00:00+00:00")
    engine = make_engine(database_url)
    with Session(engine) as session:
        session.add_all(_orphan(at, action, reason, actor) for actor, action, reason in events)
        session.commit()
    engine.dispose()


def _private_reads(database_url: str) -> list[TaskEventRow]:
    """The events `--include-private` recorded, oldest first."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        query = select(TaskEventRow).where(TaskEventRow.action == PRIVATE_READ)
        reads = list(session.exec(query.order_by(TaskEventRow.id)))
    engine.dispose()
    return reads


def _task_id(database_url: str) -> int | None:
    engine = make_engine(database_url)
    with Session(engine) as session:
        task_id = session.exec(select(TaskRow.id).where(TaskRow.code == "T-0001")).one()
    engine.dispose()
    return task_id


def _environment(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    """What `bot audit` reads: the database and the practice config."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PRACTICE_CONFIG", str(PRACTICE_FILE))


@pytest.fixture
def audit(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seeded database, with the environment pointing at it."""
    engine = make_engine(database_url)
    _seed(engine)
    engine.dispose()
    _environment(monkeypatch, database_url)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["audit", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("audit")
def test_history_prints_the_header_then_every_event_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "T-0001")
    assert (code, out.splitlines()) == (0, HISTORY)
    assert "Jane Doe" not in out
    assert "4417" not in out


@pytest.mark.usefixtures("audit")
def test_the_code_is_case_insensitive_and_may_skip_the_zeros(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = run(capsys, "T-0001")
    assert expected[0] == 0
    assert [run(capsys, code) for code in ("t-1", "t0001", "1")] == [expected] * 3


@pytest.mark.usefixtures("audit")
def test_an_unknown_code_or_team_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "t-42") == (1, "", f"no task T-0042 in team {TEAM}\n")
    assert run(capsys, "T-0001", "--team", "T0OTHER0001") == (
        1,
        "",
        "no task T-0001 in team T0OTHER0001\n",
    )


@pytest.mark.usefixtures("audit")
def test_export_writes_every_event_since_the_local_day_as_quoted_csv(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "export", "--since", "2026-12-01", "--include-private")
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["action"] != PRIVATE_READ]
    assert code == 0
    assert out.splitlines()[0] == HEADER
    assert [(r["task_code"], r["action"]) for r in rows] == [
        ("T-0001", "created"),
        ("T-0001", "assigned"),
        ("T-0001", "cancel_refused"),
        ("T-0001", "claim"),
        ("T-0001", "done"),
        ("", "delegate_refused"),
    ]
    done, orphan = rows[4], rows[5]
    assert (done["at_utc"], done["actor_id"], done["reason"]) == (
        "2026-12-01T15:15:00Z",
        JOSE,
        NOTE,
    )
    assert ',"Active, copay ""$25""\nnext visit in March"\r\n' in out
    assert (orphan["task_id"], orphan["at_utc"]) == ("", "2026-12-01T14:00:00Z")
    assert [int(r["event_id"]) for r in rows] == sorted(int(r["event_id"]) for r in rows)


@pytest.mark.usefixtures("audit")
def test_export_since_is_the_start_of_that_day_in_practice_time(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "export", "--since", "2026-11-30")
    assert "2026-12-01T04:30:00Z" in out  # 23:30 on Nov 30 in New York
    assert len(list(csv.DictReader(io.StringIO(out)))) == 7
    _, out, _ = run(capsys, "export", "--since", "2026-12-02")
    assert out == HEADER + "\r\n"
    _, out, _ = run(capsys, "export", "--since", "2026-11-30", "--team", "T0OTHER0001")
    assert out == HEADER + "\r\n"


@pytest.mark.parametrize("since", [["--since", "12/01/2026"], ["--since", "2026-13-01"], []])
def test_a_bad_or_missing_date_exits_2_naming_the_format(
    sqlite_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    since: list[str],
) -> None:
    _environment(monkeypatch, sqlite_url)
    code, out, err = run(capsys, "export", *since)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert "YYYY-MM-DD" in err


@pytest.mark.usefixtures("audit")
def test_history_prints_private_notes_only_with_include_private_and_audits_that_read(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reproduction: `bot audit T-0001` printed Jose's done note to anyone with a shell."""
    assert "copay" not in run(capsys, "T-0001")[1]
    assert _private_reads(database_url) == []
    code, out, _ = run(capsys, "T-0001", "--include-private")
    assert (code, out.splitlines()) == (0, [*HISTORY[:-1], PRIVATE_LINE])
    [read] = _private_reads(database_url)
    expected = (TEAM, _task_id(database_url), "bot audit T-0001")
    assert (read.team_id, read.task_id, read.reason) == expected
    assert read.actor_id.startswith("cli")


@pytest.mark.usefixtures("audit")
def test_export_withholds_every_kind_of_private_note_but_says_one_exists(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reproduction: the export printed done notes, return reasons, answers, cancel reasons."""
    kinds = ("done", "return", "answer", "cancel", "snooze")
    _add_orphans(database_url, *((JOSE, kind, f"secret {kind}") for kind in kinds))
    code, out, _ = run(capsys, "export", "--since", "2026-12-01")
    reasons = {r["action"]: r["reason"] for r in csv.DictReader(io.StringIO(out))}
    assert code == 0
    assert "secret" not in out
    assert "copay" not in out
    assert {kind: reasons[kind] for kind in kinds} == dict.fromkeys(
        kinds, "(private note withheld; --include-private)"
    )
    assert reasons["cancel_refused"] == "you can't cancel T-0001"  # the bot's words stay
    assert _private_reads(database_url) == []


@pytest.mark.usefixtures("audit")
def test_an_export_with_include_private_is_audited_once_with_its_period_and_team(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "export", "--since", "2026-12-01", "--include-private")
    run(capsys, "export", "--since", "2026-11-30", "--team", TEAM, "--include-private")
    reads = [(r.team_id, r.task_id, r.reason) for r in _private_reads(database_url)]
    assert reads == [
        (TEAM, None, "bot audit export --since 2026-12-01, every team"),
        (TEAM, None, f"bot audit export --since 2026-11-30, team {TEAM}"),
    ]


@pytest.mark.usefixtures("audit")
def test_export_neutralizes_cells_a_spreadsheet_would_run_as_formulas(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reproduction: a done note `=HYPERLINK(...)` was exported raw and ran in Excel."""
    link = '=HYPERLINK("http://evil.example","Open")'
    starts = [link, "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
    _add_orphans(database_url, *((JOSE, "done", start) for start in starts))
    _add_orphans(database_url, ("=1+1", "@evil", "plain"), (JOSE, "done", "safe 2+2"))
    _, out, _ = run(capsys, "export", "--since", "2026-12-01", "--include-private")
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["action"] != PRIVATE_READ]
    assert [r["reason"] for r in rows[-8:-2]] == [f"'{start}" for start in starts]
    assert (rows[-2]["actor_id"], rows[-2]["action"], rows[-2]["reason"]) == (
        "'=1+1",
        "'@evil",
        "plain",
    )
    assert rows[-1]["reason"] == "safe 2+2"
