"""people shifts: an assistant's shift on the people row, so Slack can edit it

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 05:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shift_days", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("shift_start", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("shift_end", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("shift_end")
        batch_op.drop_column("shift_start")
        batch_op.drop_column("shift_days")
