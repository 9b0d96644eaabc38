"""one current person row: at most one people row with no valid_to per team and Slack id

Two managers saving the same person at the same moment could leave two current rows; any
such pair is closed first (the newest row stays current, the older ends where it began).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 05:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

CURRENT = "valid_to IS NULL"
CLOSE_OLDER_TWINS = """
UPDATE people SET valid_to = (
    SELECT newest.valid_from FROM people AS newest
    WHERE newest.team_id = people.team_id AND newest.slack_id = people.slack_id
      AND newest.valid_to IS NULL
    ORDER BY newest.id DESC LIMIT 1
)
WHERE valid_to IS NULL AND id < (
    SELECT MAX(twin.id) FROM people AS twin
    WHERE twin.team_id = people.team_id AND twin.slack_id = people.slack_id
      AND twin.valid_to IS NULL
)
"""


def upgrade() -> None:
    op.execute(CLOSE_OLDER_TWINS)
    op.create_index(
        "uq_people_one_current",
        "people",
        ["team_id", "slack_id"],
        unique=True,
        sqlite_where=sa.text(CURRENT),
        postgresql_where=sa.text(CURRENT),
    )


def downgrade() -> None:
    op.drop_index("uq_people_one_current", table_name="people")
