"""workload index: an assistant's latest assignment in one index probe, whatever the history

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 05:10:00
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_tasks_team_assignee_assigned", "tasks", ["team_id", "assignee_id", "assigned_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_tasks_team_assignee_assigned", table_name="tasks")
