"""`bot config check` and `bot config show` as a practice manager runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "practice.example.yml"
BOT = Path(sys.executable).with_name("bot")
MARIA_SCOPES = "scopes: [scheduling, insurance_verification, inbox_voicemail]"


def run_bot(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.pop("PRACTICE_CONFIG", None)
    return subprocess.run(
        [str(BOT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture(scope="module")
def shown() -> dict[str, Any]:
    result = run_bot("config", "show", "--json", "practice.example.yml")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_example_config_checks_clean() -> None:
    result = run_bot("config", "check", "practice.example.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "practice.example.yml: OK"


def test_an_unknown_scope_fails_the_check_with_file_line_and_fix(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(MARIA_SCOPES) == 1, "the example changed; pick another line to break"
    line = text[: text.index(MARIA_SCOPES)].count("\n") + 1
    (tmp_path / "practice.yml").write_text(
        text.replace(MARIA_SCOPES, "scopes: [scheduling, billing, inbox_voicemail]"),
        encoding="utf-8",
    )
    result = run_bot("config", "check", "practice.yml", cwd=tmp_path)
    assert result.returncode == 1
    problems = result.stdout.splitlines()
    assert len(problems) == 1, result.stdout
    assert problems[0].startswith(f"practice.yml:{line}: people[3].scopes[1]: ")
    assert "unknown task type 'billing'" in problems[0]
    assert "use one of:" in problems[0]
    assert "insurance_verification" in problems[0]
    assert result.stderr.strip() == "1 problem(s) in practice.yml"


def test_show_without_a_valid_file_exits_1_with_the_problem(tmp_path: Path) -> None:
    result = run_bot("config", "show", "--json", "missing.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "missing.yml: file not found" in result.stderr


def test_show_prints_the_practice_and_its_channels(shown: dict[str, Any]) -> None:
    assert shown["practice"]["name"] == "Riverside Family Medicine"
    assert shown["practice"]["timezone"] == "America/New_York"
    assert shown["channels"] == {
        "queue": "C0HANDQUEUE1",
        "escalations": "C0HANDESCAL1",
        "digests": "C0HANDDIGST1",
    }


def test_show_fills_in_the_packaged_task_types(shown: dict[str, Any]) -> None:
    ids = [task_type["id"] for task_type in shown["task_types"]]
    assert ids == [
        "scheduling",
        "insurance_verification",
        "patient_questions",
        "inbox_voicemail",
        "refill_paperwork",
        "records_request",
        "prior_authorization",
    ]
    for task_type in shown["task_types"]:
        assert isinstance(task_type["label"], str)
        assert task_type["label"]


def test_show_lists_people_with_role_scopes_assistants_and_active(
    shown: dict[str, Any],
) -> None:
    people = {person["slack_id"]: person for person in shown["people"]}
    for person in people.values():
        assert {"slack_id", "role", "scopes", "assistants", "active"} <= person.keys()
        assert isinstance(person["scopes"], list)
        assert isinstance(person["assistants"], list)
        assert isinstance(person["active"], bool)
    patel = people["U0DRPATEL01"]
    assert (patel["role"], patel["assistants"], patel["active"]) == (
        "clinician",
        ["U0VAMARIA01", "U0VAJOSE001"],
        True,
    )
    maria = people["U0VAMARIA01"]
    assert maria["role"] == "assistant"
    assert sorted(maria["scopes"]) == ["inbox_voicemail", "insurance_verification", "scheduling"]
    assert people["U0VACARLOS1"]["active"] is False
