"""tasks_open_index: a partial index of the open tasks, so digests stay flat as history grows

SQLite keeps only average statistics: with most tasks closed, `status IN (open ones)` looks like
most of the table to it and it scans every task. An index holding only the open tasks is small
and chosen on both databases when a query says exactly the same `status IN (...)`.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 05:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

OPEN = "status IN ('assigned', 'claimed', 'returned', 'unassigned')"


def upgrade() -> None:
    op.create_index(
        "ix_tasks_team_open_due", "tasks", ["team_id", "due_at"], unique=False,
        sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_tasks_team_open_due", table_name="tasks")
