"""`bot manifest` prints an app manifest Slack accepts: one Request URL, or Socket Mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from bot.devkit import specs

BOT = Path(sys.executable).with_name("bot")
BASE_URL = "https://x.example.org"
REQUEST_URL = BASE_URL + "/slack/events"


SPECS = specs.specs_dir()
SCHEMA = SPECS / "manifest.schema.1.0.0.json"


def run_manifest(*args: str) -> dict[str, Any]:
    result = subprocess.run(
        [str(BOT), "manifest", "--url", BASE_URL, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("SLACK_")},
    )
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = yaml.safe_load(result.stdout)
    return loaded


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def http_manifest() -> dict[str, Any]:
    return run_manifest()


@pytest.fixture(scope="module")
def socket_manifest() -> dict[str, Any]:
    return run_manifest("--socket")


def schema_errors(validator: Draft7Validator, manifest: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(manifest)
    ]


def test_the_schema_copy_accepts_slacks_own_valid_example(validator: Draft7Validator) -> None:
    example = json.loads((SPECS / "manifest.v1.valid.example.json").read_text(encoding="utf-8"))
    assert schema_errors(validator, example) == []


def test_the_schema_copy_rejects_a_manifest_without_an_app_name(
    validator: Draft7Validator, http_manifest: dict[str, Any]
) -> None:
    broken = json.loads(json.dumps(http_manifest))
    del broken["display_information"]["name"]
    assert schema_errors(validator, broken) == [
        "display_information: 'name' is a required property"
    ]


def test_the_http_manifest_validates(
    validator: Draft7Validator, http_manifest: dict[str, Any]
) -> None:
    assert schema_errors(validator, http_manifest) == []


def test_the_http_manifest_points_everything_at_the_one_request_url(
    http_manifest: dict[str, Any],
) -> None:
    features, settings = http_manifest["features"], http_manifest["settings"]
    commands = {command["command"]: command for command in features["slash_commands"]}
    assert list(commands) == ["/delegate"]
    assert commands["/delegate"]["url"] == REQUEST_URL
    assert commands["/delegate"]["url"].endswith("/slack/events")
    assert settings["interactivity"] == {"is_enabled": True, "request_url": REQUEST_URL}
    assert settings["event_subscriptions"]["request_url"] == REQUEST_URL
    assert settings["socket_mode_enabled"] is False


def test_the_manifest_has_the_delegate_message_shortcut_and_the_bot_events(
    http_manifest: dict[str, Any],
) -> None:
    shortcuts = http_manifest["features"]["shortcuts"]
    assert [(s["type"], s["callback_id"]) for s in shortcuts] == [("message", "delegate_message")]
    events = http_manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_home_opened", "message.channels", "user_change"} <= set(events)
    assert http_manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert "commands" in http_manifest["oauth_config"]["scopes"]["bot"]


def test_the_socket_manifest_validates(
    validator: Draft7Validator, socket_manifest: dict[str, Any]
) -> None:
    assert schema_errors(validator, socket_manifest) == []


def test_the_socket_manifest_enables_socket_mode_and_has_no_request_urls(
    socket_manifest: dict[str, Any], http_manifest: dict[str, Any]
) -> None:
    settings = socket_manifest["settings"]
    assert settings["socket_mode_enabled"] is True
    assert "request_url" not in json.dumps(socket_manifest)
    assert BASE_URL not in json.dumps(socket_manifest)
    assert settings["interactivity"]["is_enabled"] is True
    assert (
        settings["event_subscriptions"]["bot_events"]
        == http_manifest["settings"]["event_subscriptions"]["bot_events"]
    )
    assert [c["command"] for c in socket_manifest["features"]["slash_commands"]] == ["/delegate"]
    assert [s["callback_id"] for s in socket_manifest["features"]["shortcuts"]] == [
        "delegate_message"
    ]
