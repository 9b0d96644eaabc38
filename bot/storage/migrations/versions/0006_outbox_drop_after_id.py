"""outbox drop after_id

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 10:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("after_id")


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("after_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("outbox_after_id_fkey", "outbox", ["after_id"], ["id"])
