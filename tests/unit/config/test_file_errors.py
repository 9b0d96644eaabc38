"""Problems with the file itself, and reporting every problem in one go."""

import pytest

from bot.config import ConfigError, check_practice, load_practice
from tests.unit.config.samples import ASSISTANT, CLINICIAN, HEADER


def test_yaml_syntax_error_reports_the_line(check):
    problems = check("practice:\n  name: Test Clinic\n team_id: T0TESTCLINIC\n")
    assert problems == [
        "practice.yml:3: invalid YAML: expected <block end>, but found '<block mapping start>'"
        " (while parsing a block mapping started on line 1) — check the indentation, colons"
        " and quotes here"
    ]


def test_missing_file_names_the_path_and_the_fix(tmp_path):
    path = tmp_path / "nowhere.yml"
    with pytest.raises(ConfigError) as error:
        load_practice(path)
    assert error.value.problems == [
        f"{path}: file not found — set PRACTICE_CONFIG or copy practice.example.yml"
    ]
    assert check_practice(str(path)) == error.value.problems


def test_empty_file_points_to_the_example(check):
    assert check("# nothing yet\n") == [
        "practice.yml:1: file is empty — start from practice.example.yml"
    ]


def test_repeated_yaml_key_is_reported_where_it_repeats(check):
    problems = check(HEADER + CLINICIAN + "people:\n" + CLINICIAN)  # second people: on line 9
    assert problems == [
        "practice.yml:9: people: duplicate key 'people' — keep only one (the last one wins)"
    ]


def test_top_level_must_be_a_mapping(check):
    assert check("- practice\n- people\n") == [
        "practice.yml:1: expected a mapping, got a list — write 'key: value' lines under it"
    ]


BROKEN = (
    HEADER.replace("timezone:", "timzone:")  # line 4
    + "  - {slack_id: U0DRPATEL01, role: clinician, assistants: [U0MGRLINDA1]}\n"  # line 8
    + ASSISTANT.replace("[scheduling]", "[billing]")  # line 9
    + "  - {slack_id: U0MGRLINDA1, role: manager}\n"
    + "  - {slack_id: U0VAMARIA01, role: admin}\n"  # line 11
)


def test_multiple_problems_are_reported_together_in_file_order(check):
    assert check(BROKEN) == [
        "practice.yml:1: practice.timezone: missing — add timezone: under practice",
        "practice.yml:4: practice.timzone: unknown key — did you mean 'timezone'?",
        "practice.yml:8: people[0].assistants[0]: 'U0MGRLINDA1' is a manager, not an"
        " assistant — list only people with role: assistant",
        "practice.yml:9: people[1].scopes[0]: unknown task type 'billing' — use one of:"
        " inbox_voicemail, insurance_verification, patient_questions, prior_authorization,"
        " records_request, refill_paperwork, scheduling",
        "practice.yml:11: people[3].slack_id: duplicate slack_id 'U0VAMARIA01' — people[1]"
        " already has it; keep one entry per person",
    ]


def test_config_error_message_joins_every_problem(write):
    path = write(BROKEN)
    with pytest.raises(ConfigError) as error:
        load_practice(path)
    assert str(error.value) == "\n".join(check_practice(path))
    assert len(error.value.problems) == 5


def test_keys_that_yaml_1_1_reads_as_booleans_stay_text(check):
    assert check(HEADER + CLINICIAN + "on: true\n") == [
        "practice.yml:9: on: unknown key — use one of: practice, channels, task_types, people,"
        " escalations, digests, privacy"
    ]
