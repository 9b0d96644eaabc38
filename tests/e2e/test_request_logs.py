"""One INFO line per Slack request: who, what, how it ended, how long; never what anyone typed."""

from __future__ import annotations

import json
import logging

import pytest

from bot.devkit.sender import SlackSender
from bot.log_format import JsonFormatter, TextFormatter
from bot.slack.ids import Button
from tests.conftest import RunningApp
from tests.e2e.helpers import delegate, press
from tests.support import MARIA, PATEL, QUEUE

PHI = "Jane Doe DOB 01/02/1960 MRN 12345678"
MARKERS = ("Jane Doe", "01/02/1960", "12345678")
REQUESTS = "bot.processes.requests"


def request_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    """The request lines logged so far, as the JSON formatter prints them (parsed back)."""
    lines = [JsonFormatter().format(r) for r in caplog.records if r.name == REQUESTS]
    assert not [marker for line in lines for marker in MARKERS if marker in line]
    return [json.loads(line) for line in lines]


def test_a_delegation_and_a_claim_each_log_one_request_line(
    app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=REQUESTS)
    quick = delegate(app, f"insurance verify coverage for {PHI}")
    [delegation] = request_lines(caplog)
    caplog.clear()
    press(app, MARIA, Button.CLAIM, quick.code)
    [claim] = request_lines(caplog)

    assert delegation["level"] == claim["level"] == "INFO"
    assert (delegation["surface"], delegation["action"]) == ("command", "/delegate")
    assert (claim["surface"], claim["action"], claim["task_id"]) == (
        "action",
        "task_claim",
        quick.id,
    )
    for line in (delegation, claim):
        assert (line["outcome"], line["status"], line["team"]) == ("ok", 200, app.standin.team_id)
        assert type(line["latency_ms"]) is float
        assert len(str(line["request_id"])) == 12
    assert delegation["request_id"] != claim["request_id"]


def test_a_badly_signed_request_logs_a_refused_line_that_names_nothing_it_carried(
    app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=REQUESTS)
    forged = SlackSender(app.slack.app_url, "not-the-signing-secret", standin=app.standin)
    assert forged.slash_command("/delegate", PHI, user_id=PATEL, channel_id=QUEUE).status == 401
    [line] = request_lines(caplog)
    assert (line["surface"], line["action"], line["team"]) == ("-", "-", "-")
    assert (line["outcome"], line["status"]) == ("refused", 401)


def test_a_request_line_reads_plainly_in_text_mode(
    app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=REQUESTS)
    delegate(app, f"insurance verify coverage for {PHI}")
    [record] = [r for r in caplog.records if r.name == REQUESTS]
    line = TextFormatter().format(record)
    assert "INFO bot.processes.requests: slack request answered request_id=" in line
    assert " surface=command action=/delegate outcome=ok status=200 latency_ms=" in line
