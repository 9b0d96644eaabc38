"""The privacy section: how long private details of closed tasks are kept."""

import pytest

from bot.config import load_practice
from tests.unit.config.samples import CLINICIAN, HEADER


def test_private_details_are_kept_90_days_unless_the_file_says_otherwise(write):
    assert load_practice(write(HEADER + CLINICIAN)).retain_private_days == 90
    custom = HEADER + CLINICIAN + "privacy:\n  retain_private_days: 30\n"
    assert load_practice(write(custom)).retain_private_days == 30


@pytest.mark.parametrize(
    ("days", "shown"),
    [("0", "0"), ("-5", "-5"), ("2.5", "2.5"), ("ninety", "ninety"), ("true", "True")],
)
def test_a_retention_below_one_day_or_not_a_whole_number_is_refused_with_its_line(
    check, days, shown
):
    problems = check(HEADER + CLINICIAN + f"privacy:\n  retain_private_days: {days}\n")
    assert problems == [
        f"practice.yml:10: privacy.retain_private_days: bad retention '{shown}' — write a"
        " whole number of days, at least 1, such as 90"
    ]


def test_an_unknown_privacy_key_suggests_the_known_one(check):
    problems = check(HEADER + CLINICIAN + "privacy:\n  retain_days: 30\n")
    assert problems == [
        "practice.yml:10: privacy.retain_days: unknown key — did you mean 'retain_private_days'?"
    ]
