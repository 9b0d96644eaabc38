"""Who may have which keys, and who may be whose assistant."""

from tests.unit.config.samples import ASSISTANT, CLINICIAN, DEFAULT_IDS, HEADER


def test_unknown_scope_names_the_line_and_the_valid_types(check):
    problems = check(
        HEADER + "  - slack_id: U0VAMARIA01\n"  # line 8
        "    role: assistant\n"
        "    scopes: [scheduling, billing]\n"  # line 10
        '    shift: {days: [mon, tue, wed, thu, fri], start: "21:00", end: "06:00"}\n'
    )
    assert problems == [
        "practice.yml:10: people[0].scopes[1]: unknown task type 'billing'"
        f" — use one of: {DEFAULT_IDS}"
    ]


def test_scopes_and_shift_on_a_non_assistant_are_rejected(check):
    problems = check(
        HEADER + "  - slack_id: U0DRPATEL01\n"
        "    role: clinician\n"
        "    scopes: [scheduling]\n"  # line 10
        '    shift: {days: [mon], start: "09:00", end: "17:00"}\n'  # line 11
    )
    assert problems == [
        "practice.yml:10: people[0].scopes: only assistants have scopes, but this person is"
        " a clinician — remove scopes or set role: assistant",
        "practice.yml:11: people[0].shift: only assistants have shift, but this person is"
        " a clinician — remove shift or set role: assistant",
    ]


def test_assistants_on_a_non_clinician_are_rejected(check):
    problems = check(
        HEADER + ASSISTANT + "  - slack_id: U0MGRLINDA1\n"  # line 9
        "    role: manager\n"
        "    assistants: [U0VAMARIA01]\n"  # line 11
    )
    assert problems == [
        "practice.yml:11: people[1].assistants: only clinicians have assistants, but this"
        " person is a manager — remove assistants or set role: clinician"
    ]


def test_assistant_without_shift_points_at_the_person(check):
    problems = check(HEADER + "  - {slack_id: U0VAMARIA01, role: assistant}\n")
    assert problems == [
        "practice.yml:8: people[0].shift: missing — every assistant needs a shift such as"
        ' shift: {days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00"}'
    ]


def test_clinician_assigned_to_someone_who_is_not_an_assistant(check):
    problems = check(
        HEADER
        + "  - {slack_id: U0DRPATEL01, role: clinician, assistants: [U0VAMARIA01, U0DRCHEN001]}\n"
        + ASSISTANT
        + "  - {slack_id: U0DRCHEN001, role: clinician}\n"
    )
    assert problems == [
        "practice.yml:8: people[0].assistants[1]: 'U0DRCHEN001' is a clinician, not an"
        " assistant — list only people with role: assistant"
    ]


def test_clinician_assigned_to_an_unknown_person(check):
    problems = check(
        HEADER + "  - slack_id: U0DRPATEL01\n"
        "    role: clinician\n"
        "    assistants:\n"
        "      - U0VAMARIA01\n"
        "      - U0VAMARIO01\n"  # line 12: a typo in the id
         + ASSISTANT
    )
    assert problems == [
        "practice.yml:12: people[0].assistants[1]: unknown person 'U0VAMARIO01' — add them"
        " to people with role: assistant, or remove this entry"
    ]


def test_duplicate_slack_id_points_at_the_second_entry(check):
    problems = check(HEADER + CLINICIAN + ASSISTANT + CLINICIAN.replace("Priya", "Pria"))
    assert problems == [
        "practice.yml:10: people[2].slack_id: duplicate slack_id 'U0DRPATEL01' — people[0]"
        " already has it; keep one entry per person"
    ]


def test_bad_slack_id_role_and_time_zone_are_each_explained(check):
    problems = check(
        HEADER + "  - slack_id: u0drpatel01\n"  # line 8
        "    role: doctor\n"
        "    timezone: Asia/Manilla\n"  # line 10
    )
    assert problems == [
        "practice.yml:8: people[0].slack_id: bad Slack user id 'u0drpatel01' — user ids are U"
        " and 8 or more capital letters or digits, such as U04ABCD1234",
        "practice.yml:9: people[0].role: unknown role 'doctor' — use one of: clinician,"
        " assistant, manager, admin",
        "practice.yml:10: people[0].timezone: unknown time zone 'Asia/Manilla' — use an IANA"
        " name such as Asia/Manila",
    ]
