"""Settings from the environment: defaults, normalization, one-line errors naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings

BOT = Path(sys.executable).with_name("bot")
TOKEN = "xoxb-1-2-abc"
SECRET = "TestSigningSecret0123456789abcdef"
REQUIRED = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET}
SETTINGS_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "PRACTICE_CONFIG",
    "PORT",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "WEB_CONCURRENCY",
    "WEB_THREADS",
)


def settings_error(env: dict[str, str], **options: bool) -> str:
    """The message load_settings refuses `env` with; it must be one line."""
    with pytest.raises(SettingsError) as error:
        load_settings(env, **options)
    message = str(error.value)
    assert "\n" not in message, f"settings error spans lines: {message!r}"
    return message


def test_only_the_two_slack_secrets_are_needed_and_the_rest_has_defaults() -> None:
    settings = load_settings(dict(REQUIRED))
    assert settings.slack_bot_token == TOKEN
    assert settings.slack_signing_secret == SECRET
    assert settings.slack_app_token == ""
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.database_url.startswith("sqlite:///")
    assert settings.port == 3000
    assert settings.log_level == "INFO"
    assert settings.practice_config == Path("practice.yml")
    assert (settings.web_concurrency, settings.web_threads) == (2, 8)


def test_blank_values_count_as_unset_and_get_the_defaults() -> None:
    env = REQUIRED | {"SLACK_API_URL": "  ", "DATABASE_URL": "", "PORT": " ", "LOG_LEVEL": ""}
    settings = load_settings(env)
    assert (settings.slack_api_url, settings.database_url, settings.port, settings.log_level) == (
        "https://slack.com/api/",
        DEFAULT_DATABASE_URL,
        3000,
        "INFO",
    )


def test_given_values_are_used_and_normalized() -> None:
    env = REQUIRED | {
        "SLACK_API_URL": "http://127.0.0.1:9999/api",
        "PORT": "8080",
        "LOG_LEVEL": "debug",
        "PRACTICE_CONFIG": "/etc/handoff/clinic.yml",
        "WEB_CONCURRENCY": "4",
        "WEB_THREADS": " 16 ",
    }
    settings = load_settings(env)
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"
    assert settings.port == 8080
    assert settings.log_level == "DEBUG"
    assert settings.practice_config == Path("/etc/handoff/clinic.yml")
    assert (settings.web_concurrency, settings.web_threads) == (4, 16)


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_a_plain_postgresql_url_is_normalized_to_the_psycopg_driver(scheme: str) -> None:
    settings = load_settings(REQUIRED | {"DATABASE_URL": f"{scheme}://u:p@db:5432/handoff"})
    assert settings.database_url == "postgresql+psycopg://u:p@db:5432/handoff"


def test_a_psycopg_url_is_kept_as_given() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/handoff"
    assert load_settings(REQUIRED | {"DATABASE_URL": url}).database_url == url


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param(
            {"SLACK_SIGNING_SECRET": SECRET},
            "SLACK_BOT_TOKEN is not set — expected a Slack token starting with xoxb-",
            id="bot-token-missing",
        ),
        pytest.param(
            REQUIRED | {"SLACK_BOT_TOKEN": "  "},
            "SLACK_BOT_TOKEN is not set — expected a Slack token starting with xoxb-",
            id="bot-token-blank",
        ),
        pytest.param(
            REQUIRED | {"SLACK_BOT_TOKEN": "xoxp-user-token"},
            "SLACK_BOT_TOKEN is malformed — expected a Slack token starting with xoxb-",
            id="bot-token-not-xoxb",
        ),
        pytest.param(
            {"SLACK_BOT_TOKEN": TOKEN},
            "SLACK_SIGNING_SECRET is not set — expected the app's signing secret "
            "(Slack app settings → Basic Information)",
            id="signing-secret-missing",
        ),
        pytest.param(
            REQUIRED | {"SLACK_SIGNING_SECRET": "short"},
            "SLACK_SIGNING_SECRET is malformed — expected 16+ letters or digits",
            id="signing-secret-malformed",
        ),
        pytest.param(
            REQUIRED | {"SLACK_APP_TOKEN": "xoxb-not-an-app-token"},
            "SLACK_APP_TOKEN is malformed — expected a Slack token starting with xapp-",
            id="app-token-not-xapp",
        ),
        pytest.param(
            REQUIRED | {"SLACK_API_URL": "slack.com/api/"},
            "SLACK_API_URL is malformed — expected an http(s) URL ending in /api/",
            id="api-url-without-scheme",
        ),
        pytest.param(
            REQUIRED | {"SLACK_API_URL": "ftp://slack.com/api/"},
            "SLACK_API_URL is malformed — expected an http(s) URL ending in /api/",
            id="api-url-not-http",
        ),
        pytest.param(
            REQUIRED | {"DATABASE_URL": "mysql://root@localhost/handoff"},
            "DATABASE_URL is malformed — expected sqlite:///path/to/file.db "
            "or postgresql+psycopg://user@host:5432/dbname",
            id="database-url-other-engine",
        ),
        pytest.param(
            REQUIRED | {"DATABASE_URL": "var/handoff.db"},
            "DATABASE_URL is malformed — expected sqlite:///path/to/file.db "
            "or postgresql+psycopg://user@host:5432/dbname",
            id="database-url-a-bare-path",
        ),
        pytest.param(
            REQUIRED | {"PORT": "http"},
            "PORT is malformed — expected a number from 1 to 65535, got 'http'",
            id="port-not-a-number",
        ),
        pytest.param(
            REQUIRED | {"PORT": "0"},
            "PORT is malformed — expected a number from 1 to 65535, got '0'",
            id="port-zero",
        ),
        pytest.param(
            REQUIRED | {"PORT": "70000"},
            "PORT is malformed — expected a number from 1 to 65535, got '70000'",
            id="port-too-big",
        ),
        pytest.param(
            REQUIRED | {"PORT": "-1"},
            "PORT is malformed — expected a number from 1 to 65535, got '-1'",
            id="port-negative",
        ),
        pytest.param(
            REQUIRED | {"LOG_LEVEL": "bogus"},
            "LOG_LEVEL is malformed — expected one of DEBUG, INFO, WARNING, ERROR",
            id="log-level-bogus",
        ),
        pytest.param(
            REQUIRED | {"LOG_FORMAT": "yaml"},
            "LOG_FORMAT is malformed — expected one of auto, json, text",
            id="log-format-bogus",
        ),
        pytest.param(
            REQUIRED | {"WEB_CONCURRENCY": "0"},
            "WEB_CONCURRENCY is malformed — expected a number from 1 to 64, got '0'",
            id="web-concurrency-zero",
        ),
        pytest.param(
            REQUIRED | {"WEB_THREADS": "eight"},
            "WEB_THREADS is malformed — expected a number from 1 to 256, got 'eight'",
            id="web-threads-not-a-number",
        ),
    ],
)
def test_a_missing_or_malformed_variable_is_refused_in_one_line_naming_it(
    env: dict[str, str], expected: str
) -> None:
    assert settings_error(env) == expected


def test_the_app_token_is_required_only_for_socket_mode() -> None:
    assert load_settings(dict(REQUIRED)).slack_app_token == ""
    assert settings_error(dict(REQUIRED), need_app_token=True) == (
        "SLACK_APP_TOKEN is not set — expected a Slack token starting with xapp-"
    )
    env = REQUIRED | {"SLACK_APP_TOKEN": "xapp-1-A0-123-abc"}
    assert load_settings(env, need_app_token=True).slack_app_token == "xapp-1-A0-123-abc"


def test_commands_without_slack_need_no_slack_secrets() -> None:
    settings = load_settings({"DATABASE_URL": "postgresql://db/handoff"}, need_slack=False)
    assert (settings.slack_bot_token, settings.slack_signing_secret) == ("", "")
    assert settings.database_url == "postgresql+psycopg://db/handoff"


def test_commands_without_slack_still_refuse_a_malformed_token() -> None:
    message = settings_error({"SLACK_BOT_TOKEN": "nope"}, need_slack=False)
    assert message.startswith("SLACK_BOT_TOKEN is malformed")


def test_bot_serve_without_slack_settings_exits_2_with_one_line_naming_the_token(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    result = subprocess.run(
        [str(BOT), "serve"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: SLACK_BOT_TOKEN is not set — ")
    assert result.stdout == ""
    assert not (tmp_path / "var").exists(), "serve touched the database before refusing"


def test_a_dotenv_file_in_the_working_directory_fills_in_what_the_environment_lacks(
    tmp_path: Path,
) -> None:
    from_dotenv, from_env = tmp_path / "from-dotenv.db", tmp_path / "from-env.db"
    (tmp_path / ".env").write_text(f"DATABASE_URL=sqlite:///{from_dotenv}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.pop("PYTHON_DOTENV_DISABLED", None)

    def upgrade(env: dict[str, str]) -> None:
        result = subprocess.run(
            [str(BOT), "db", "upgrade"], cwd=tmp_path, env=env, capture_output=True, timeout=60
        )
        assert result.returncode == 0, result.stderr

    upgrade(env)
    assert from_dotenv.exists(), "the .env in the working directory was not read"
    upgrade(env | {"DATABASE_URL": f"sqlite:///{from_env}"})
    assert from_env.exists(), "the .env overrode the environment"
    assert not (tmp_path / "var").exists()


def test_the_log_format_is_auto_unless_json_or_text_is_asked() -> None:
    assert load_settings(dict(REQUIRED)).log_format == "auto"
    assert load_settings(REQUIRED | {"LOG_FORMAT": " JSON "}).log_format == "json"
