"""people deactivated in slack

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 19:25:09.528947
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("slack_deleted", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("slack_deleted")
