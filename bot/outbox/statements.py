"""The relay's statements, built once and run with parameters.

Building a statement per call costs several times running it (SQLAlchemy derives a cache key
from each; see bot/storage/repositories.py), and the relay runs these for every row.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Integer,
    Table,
    bindparam,
    exists,
    func,
    or_,
    select,
    true,
    update,
)
from sqlmodel import col

from bot.outbox.queue import OUTBOX
from bot.storage.repositories import TASKS
from bot.storage.tables import ChannelPaceRow, OutboxRow
from bot.storage.types import UTCDateTime

UNSENT = ("pending", "sending")
PACE: Table = ChannelPaceRow.__table__  # type: ignore[attr-defined]
NOW = bindparam("now", type_=UTCDateTime())
ROW = OUTBOX.c.id == bindparam("row")

# Claiming: pending rows, and rows whose sender's lease ran out (it died mid-call), that are
# due and not to a channel whose pace slot is still taken (skip them, don't churn them).
CLAIMABLE = or_(
    OUTBOX.c.status == "pending", (OUTBOX.c.status == "sending") & (OUTBOX.c.lease_until < NOW)
)
SLOT_TAKEN = select(PACE.c.channel).where(
    PACE.c.team_id == OUTBOX.c.team_id,
    PACE.c.channel == OUTBOX.c.paced_channel,
    PACE.c.next_at > NOW,
)
DUE = (
    CLAIMABLE,
    OUTBOX.c.not_before <= NOW,
    or_(OUTBOX.c.paced_channel == "", ~exists(SLOT_TAKEN)),
)
ANY_DUE = select(OUTBOX.c.id).where(*DUE).limit(1)
EARLIEST_PENDING = select(func.min(OUTBOX.c.not_before)).where(OUTBOX.c.status == "pending")
PENDING = select(func.count()).select_from(OUTBOX).where(OUTBOX.c.status.in_(UNSENT))
CANDIDATES = (
    select(OUTBOX.c.id, OUTBOX.c.team_id, OUTBOX.c.paced_channel)
    .where(*DUE)
    .order_by(OUTBOX.c.id)
    .limit(bindparam("size", type_=Integer()))
    .with_for_update(skip_locked=True)
)
CLAIM = (  # ORM: the claimed rows come back as OutboxRow
    update(OutboxRow)
    .where(col(OutboxRow.id).in_(bindparam("ids", expanding=True)), CLAIMABLE)
    .values(status="sending", lease_until=bindparam("until"))
    .returning(OutboxRow)
)

# A claimed row's turn: renew the lease (if still ours) and count the attempt, if nothing it
# waits for is unsent (else take it and look why), record.
TAKE = (
    update(OUTBOX)
    .where(ROW, OUTBOX.c.status == "sending", OUTBOX.c.lease_until == bindparam("held"))
    .values(lease_until=bindparam("until"), attempts=OUTBOX.c.attempts + 1)
)


def _waits_on(
    table: Table, refs: ColumnElement[bool], earlier: ColumnElement[bool]
) -> ColumnElement[bool]:
    """Rows of `table` the row :row waits for: its references (:refs) while `refs` holds, and
    the earlier rows of its task (:task) while `earlier` holds."""
    return or_(
        table.c.id.in_(bindparam("refs", expanding=True)) & refs,
        (table.c.task_id == bindparam("task")) & (table.c.id < bindparam("row")) & earlier,
    )


EARLIER = OUTBOX.alias("earlier")
BLOCKER = select(EARLIER.c.id).where(  # a referenced row not sent, or an earlier unsent one
    _waits_on(EARLIER, EARLIER.c.status != "sent", EARLIER.c.status.in_(UNSENT))
)
TAKE_IF_READY = TAKE.where(~exists(BLOCKER))  # the usual turn: one statement, no read
SOURCES = select(OUTBOX.c.id, OUTBOX.c.result_channel, OUTBOX.c.result_ts).where(
    OUTBOX.c.id.in_(bindparam("ids", expanding=True))
)
UNSENT_NOW = OUTBOX.c.status.in_(UNSENT)
BLOCKED_UNTIL = select(func.max(OUTBOX.c.not_before)).where(  # the unsent rows a row waits for
    _waits_on(OUTBOX, UNSENT_NOW, UNSENT_NOW)
)
WAITS_ON = select(  # a row's references and its task's earlier unsent rows, in one read
    OUTBOX.c.id, OUTBOX.c.status, OUTBOX.c.result_channel, OUTBOX.c.result_ts
).where(_waits_on(OUTBOX, true(), UNSENT_NOW))
HAND_BACK = (  # rows claimed but never tried, still under the claim's lease
    update(OUTBOX)
    .where(
        OUTBOX.c.id.in_(bindparam("ids", expanding=True)),
        OUTBOX.c.status == "sending",
        OUTBOX.c.lease_until == bindparam("held"),
    )
    .values(status="pending", lease_until=None)
)
PARK = (
    update(OUTBOX).where(ROW).values(status="dead", lease_until=None, last_error=bindparam("error"))
)
RELEASE = (
    update(OUTBOX)
    .where(ROW)
    .values(
        status="pending",
        lease_until=None,
        not_before=bindparam("due"),
        attempts=bindparam("tries"),
        last_error=bindparam("error"),
    )
)
SENT = (
    update(OUTBOX)
    .where(ROW)
    .values(
        status="sent",
        lease_until=None,
        sent_at=bindparam("at"),
        result_channel=bindparam("channel"),
        result_ts=bindparam("ts"),
    )
)
SENT_FILES = SENT.values(payload=bindparam("files_sent"))  # an upload: file ids, not bytes
CARD_POSTED = (
    update(TASKS)
    .where(TASKS.c.id == bindparam("task"))
    .values(channel_id=bindparam("channel"), thread_ts=bindparam("ts"))
)
