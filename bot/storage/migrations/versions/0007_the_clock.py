"""the clock: task timers, sent notices, digest runs, heartbeats

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 02:30:00
"""

from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clock_target_at", bot.storage.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("clock_epoch", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("next_check_at", bot.storage.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("last_activity_at", bot.storage.types.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(
            "ix_tasks_team_next_check", ["team_id", "next_check_at"], unique=False
        )
    _open_tasks_due_for_a_look()
    op.create_table(
        "clock_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("clock", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("repetition", sa.Integer(), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("sent_at", bot.storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "task_id",
            "clock",
            "epoch",
            "level",
            "repetition",
            "recipient",
            name="uq_clock_notices_key",
        ),
    )
    op.create_index("ix_clock_notices_sent_at", "clock_notices", ["sent_at"], unique=False)
    op.create_table(
        "digest_runs",
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("sent_at", bot.storage.types.UTCDateTime(), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "kind", "recipient", "period"),
    )
    op.create_table(
        "heartbeats",
        sa.Column("process", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("at", bot.storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("process"),
    )


def _open_tasks_due_for_a_look() -> None:
    """Tasks open before the clock existed: the first sweep starts their clocks."""
    tasks = sa.table(
        "tasks",
        sa.column("status", sa.String()),
        sa.column("next_check_at", bot.storage.types.UTCDateTime()),
    )
    still_open = tasks.c.status.in_(["unassigned", "assigned", "claimed", "returned"])
    op.execute(tasks.update().where(still_open).values(next_check_at=datetime.now(UTC)))


def downgrade() -> None:
    op.drop_table("heartbeats")
    op.drop_table("digest_runs")
    op.drop_index("ix_clock_notices_sent_at", table_name="clock_notices")
    op.drop_table("clock_notices")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_team_next_check")
        batch_op.drop_column("last_activity_at")
        batch_op.drop_column("next_check_at")
        batch_op.drop_column("clock_epoch")
        batch_op.drop_column("clock_target_at")
