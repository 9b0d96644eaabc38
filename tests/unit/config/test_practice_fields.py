"""Field checks in the practice, channels, task types, escalations and digests sections."""

from bot.config import load_practice
from tests.unit.config.samples import CLINICIAN, HEADER


def test_bad_practice_time_zone_suggests_an_iana_name(check):
    problems = check(HEADER.replace("America/New_York", "America/NewYork") + CLINICIAN)
    assert problems == [
        "practice.yml:4: practice.timezone: unknown time zone 'America/NewYork' — use an IANA"
        " name such as America/New_York"
    ]


def test_business_hours_must_open_before_they_close(check):
    problems = check(HEADER.replace('close: "17:00"', 'close: "07:00"') + CLINICIAN)
    assert problems == [
        "practice.yml:5: practice.business_hours: opens at 08:00 but closes at 07:00 — close"
        " must be later than open on the same day"
    ]


def test_bad_clock_time_unknown_day_and_empty_days_are_each_reported(check):
    hours = HEADER.replace("[mon, tue, wed, thu, fri]", "[mon, tues]").replace('"08:00"', '"8am"')
    problems = check(hours + CLINICIAN + 'digests:\n  manager: {at: "07:30", days: []}\n')
    assert problems == [
        "practice.yml:5: practice.business_hours.days[1]: unknown day 'tues' — use one of:"
        " mon, tue, wed, thu, fri, sat, sun",
        "practice.yml:5: practice.business_hours.open: bad time '8am' — use 24-hour \"HH:MM\""
        ' such as "08:00" or "17:30"',
        "practice.yml:10: digests.manager.days: no days — list at least one of mon, tue, wed,"
        " thu, fri, sat, sun",
    ]


def test_unquoted_clock_times_are_read_as_times(write):
    practice = load_practice(write(HEADER.replace('"17:00"', "17:00") + CLINICIAN))
    assert practice.business_hours.end.isoformat() == "17:00:00"


def test_unknown_key_suggests_the_closest_valid_key(check):
    problems = check(HEADER.replace("timezone:", "timzone:") + CLINICIAN)
    assert problems == [
        "practice.yml:1: practice.timezone: missing — add timezone: under practice",
        "practice.yml:4: practice.timzone: unknown key — did you mean 'timezone'?",
    ]


def test_missing_key_points_at_the_entry_that_lacks_it(check):
    problems = check(HEADER + "  - {slack_id: U0MGRLINDA1, name: Linda Brooks}\n")
    assert problems == ["practice.yml:8: people[0].role: missing — add role: under people[0]"]


def test_unknown_key_without_a_close_match_lists_the_valid_keys(check):
    problems = check(HEADER + "  - {slack_id: U0DRPATEL01, role: clinician, pager: 555}\n")
    assert problems == [
        "practice.yml:8: people[0].pager: unknown key — use one of: slack_id, name, role,"
        " timezone, active, scopes, assistants, shift"
    ]


def test_bad_team_and_channel_ids_show_the_expected_shape(check):
    problems = check(HEADER.replace("T0TESTCLINIC", "riverside").replace("C0ESCAL0001", "escal"))
    assert problems == [
        "practice.yml:3: practice.team_id: bad Slack team id 'riverside' — team ids are T and"
        " 8 or more capital letters or digits, such as T04ABCD1234",
        "practice.yml:6: channels.escalations: bad Slack channel id 'escal' — channel ids are C"
        " and 8 or more capital letters or digits, such as C04ABCD1234",
        # HEADER alone leaves people empty, which is reported in the same run
        "practice.yml:7: people: expected a list, got nothing — write [a, b] or one '- item'"
        " per line",
    ]


def test_bad_durations_and_escalation_choices(check):
    problems = check(
        HEADER + CLINICIAN + "escalations:\n"  # line 9
        "  - {after: 30, clock: business, notify: [managers]}\n"
        "  - {after: 0m, clock: weekdays, notify: [boss], repeat: 1h30m}\n"  # line 11
    )
    assert problems == [
        "practice.yml:10: escalations[0].after: bad duration '30' — use a number and a unit"
        " (d, h or m) such as 15m, 2h, 1d or 1h30m",
        "practice.yml:11: escalations[1].after: duration '0m' is zero — use a positive"
        " duration such as 15m",
        "practice.yml:11: escalations[1].clock: unknown clock 'weekdays' — use one of:"
        " business, wall",
        "practice.yml:11: escalations[1].notify[0]: unknown notify target 'boss' — use one"
        " of: assignee, backups, requester, managers, escalations_channel",
    ]


TASK_TYPES = """\
task_types:
  - id: scheduling
    label: Scheduling
    aliases: [appt, ins]
    targets:
      routine: {claim_within: 2h, resolve_within: 1d}
      urgent: {claim_within: 1h, resolve_within: 30m}
  - id: insurance_verification
    label: Insurance
    aliases: [ins, scheduling]
    targets:
      routine: {claim_within: 2h, resolve_within: 1d}
      urgent: {claim_within: 15m, resolve_within: 2h}
"""


def test_task_type_names_must_be_unique_and_targets_consistent(check):
    problems = check(HEADER + CLINICIAN + TASK_TYPES)  # task_types starts on line 9
    assert problems == [
        "practice.yml:15: task_types[0].targets.urgent: claim_within 1h is longer than"
        " resolve_within 30m — a task must be claimed before it can be resolved",
        "practice.yml:18: task_types[1].aliases[0]: 'ins' is already used by task_types[0]"
        " — ids, labels and aliases must be unique across task types",
        "practice.yml:18: task_types[1].aliases[1]: 'scheduling' is already used by"
        " task_types[0] — ids, labels and aliases must be unique across task types",
    ]


def test_a_bad_task_type_lease_is_reported(check):
    lease = "    label: Insurance\n    lease: soon\n"
    problems = check(HEADER + CLINICIAN + TASK_TYPES.replace("    label: Insurance\n", lease))
    assert problems[1] == (
        "practice.yml:18: task_types[1].lease: bad duration 'soon' — use a number and a unit"
        " (d, h or m) such as 15m, 2h, 1d or 1h30m"
    )


def test_holidays_accept_plain_and_quoted_dates_and_reject_impossible_ones(check, write):
    holidays = '  holidays: [2026-12-25, "2027-01-01"]\n'
    practice = load_practice(write(HEADER.replace("channels:", holidays + "channels:") + CLINICIAN))
    assert sorted(day.isoformat() for day in practice.holidays) == ["2026-12-25", "2027-01-01"]
    problems = check(HEADER.replace("channels:", "  holidays: [2026-02-30]\nchannels:") + CLINICIAN)
    assert problems == [
        "practice.yml:6: practice.holidays[0]: bad date '2026-02-30' — use YYYY-MM-DD such as"
        " 2026-12-25"
    ]
