"""`digests.weekly`: day and time (default Monday 07:30), validated like the other digests."""

from datetime import time

from bot.config import load_practice
from bot.config.convert import to_json
from tests.unit.config.samples import CLINICIAN, HEADER


def weekly_of(write, digests: str):
    practice = load_practice(write(HEADER + CLINICIAN + "digests:\n" + digests))
    return next(d for d in practice.digests if d.audience == "weekly"), practice


def test_an_empty_weekly_entry_means_monday_at_0730_to_the_digests_channel(write):
    weekly, _ = weekly_of(write, "  weekly: {}\n")
    assert (weekly.days, weekly.at, weekly.to_channel) == (frozenset({0}), time(7, 30), True)
    assert not weekly.skip_when_empty


def test_the_weekly_digest_follows_the_manager_digest_to_direct_messages(write):
    weekly, practice = weekly_of(
        write, '  manager: {at: "07:00", days: [mon], to: dm}\n  weekly: {day: fri, at: "16:00"}\n'
    )
    assert (weekly.days, weekly.at, weekly.to_channel) == (frozenset({4}), time(16), False)
    assert to_json(practice)["digests"]["weekly"] == {"day": "fri", "at": "16:00"}


def test_without_a_weekly_entry_there_is_no_weekly_digest(write):
    practice = load_practice(write(HEADER + CLINICIAN))
    assert all(d.audience != "weekly" for d in practice.digests)


def test_a_bad_weekly_day_time_or_key_is_reported_with_its_line(check):
    problems = check(HEADER + CLINICIAN + 'digests:\n  weekly: {day: monday, at: "7.30", on: x}\n')
    assert problems == [
        "practice.yml:10: digests.weekly.day: unknown day 'monday' — use one of:"
        " mon, tue, wed, thu, fri, sat, sun",
        "practice.yml:10: digests.weekly.at: bad time '7.30' — use 24-hour \"HH:MM\""
        ' such as "08:00" or "17:30"',
        "practice.yml:10: digests.weekly.on: unknown key — use one of: day, at",
    ]
