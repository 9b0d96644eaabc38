"""retention: when a closed task's private fields were redacted

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 03:20:00
"""

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("redacted_at", bot.storage.types.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(
            "ix_tasks_team_redacted_closed", ["team_id", "redacted_at", "closed_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_team_redacted_closed")
        batch_op.drop_column("redacted_at")
