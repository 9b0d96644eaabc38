"""Log lines: JSON objects when no one is watching, readable lines on a terminal, same fields."""

from __future__ import annotations

import io
import json
import logging
import sys

from gunicorn.config import Config

from bot.log_format import JsonFormatter, TextFormatter, formatter_for
from bot.logs import scrub
from bot.processes.serve import ProcessFormatLogger

REQUEST = {"request_id": "0a1b2c3d4e5f", "team": "T0PRACTICE1", "task_id": 42, "surface": "action"}
PHI = "Jane Doe MRN 12345678"
ENDED = {"action": "task_claim", "outcome": "ok", "status": 200, "latency_ms": 12.5}


def record(
    msg: str = "slack request answered", error: BaseException | None = None, **extra: object
) -> logging.LogRecord:
    """A scrubbed INFO record on Handoff's request logger carrying `extra` as `extra=` would."""
    exc_info = (type(error), error, error.__traceback__) if error else None
    made = logging.LogRecord(
        "bot.processes.requests", logging.INFO, "/bot/x.py", 7, msg, (), exc_info
    )
    made.__dict__.update(extra)
    return scrub(made)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_json_line_parses_and_carries_the_request_fields() -> None:
    line = JsonFormatter().format(record(**REQUEST, **ENDED, args_nobody_asked_for="Jane Doe"))
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["level"] == "INFO"
    assert parsed["logger"] == "bot.processes.requests"
    assert parsed["message"] == "slack request answered"
    assert parsed["ts"].endswith("+00:00")
    assert {key: parsed[key] for key in (*REQUEST, *ENDED)} == REQUEST | ENDED
    assert "Jane Doe" not in line  # only the request fields leave, not whatever a record carries


def test_a_json_line_keeps_the_scrubbed_traceback_on_one_line() -> None:
    try:
        raise ValueError(PHI)
    except ValueError:
        error = sys.exc_info()[1]
    line = JsonFormatter().format(record("failed", error=error))
    assert "\n" not in line
    assert "ValueError: message withheld" in json.loads(line)["traceback"]
    assert "Jane" not in line


def test_a_text_line_reads_as_the_message_then_the_fields() -> None:
    line = TextFormatter().format(record(**REQUEST, **ENDED))
    assert " INFO bot.processes.requests: slack request answered request_id=0a1b2c3d4e5f " in line
    assert line.endswith("action=task_claim outcome=ok status=200 latency_ms=12.5")
    assert TextFormatter().format(record("outbox 3 sent")).endswith(": outbox 3 sent")


def test_auto_is_text_on_a_terminal_and_json_elsewhere_unless_told() -> None:
    assert isinstance(formatter_for("auto", Terminal()), TextFormatter)
    assert isinstance(formatter_for("auto", io.StringIO()), JsonFormatter)
    assert isinstance(formatter_for("json", Terminal()), JsonFormatter)
    assert isinstance(formatter_for("text", io.StringIO()), TextFormatter)


def test_gunicorns_own_loggers_print_the_process_format() -> None:
    """Reproduction: gunicorn's lines kept its own text format beside JSON request lines."""
    root, handler = logging.getLogger(), logging.StreamHandler(io.StringIO())
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    try:
        logger = ProcessFormatLogger(Config())
    finally:
        root.removeHandler(handler)
    assert [type(h.formatter) for h in logger.error_log.handlers] == [JsonFormatter]
