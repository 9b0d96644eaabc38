"""How a log line looks: one JSON object per line for machines, a readable line for people.

Both print the same things: time, level, logger, message (already scrubbed, see `bot.logs`) and
the request fields a Handoff logger passed in `extra=` (`FIELDS`; nothing else a record carries).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import IO

# The structured fields a request line carries: ids, names Handoff defined, statuses, timings.
FIELDS = ("request_id", "team", "task_id", "surface", "action", "outcome", "status", "latency_ms")
FORMATS = ("auto", "json", "text")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def fields_of(record: logging.LogRecord) -> dict[str, object]:
    """The request fields `record` carries, in `FIELDS` order."""
    return {name: getattr(record, name) for name in FIELDS if hasattr(record, name)}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, the request fields, the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **fields_of(record),
        }
        if record.exc_text:  # `bot.logs.scrub` has already reduced the exception to this text
            line["traceback"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The usual readable line, with the request fields after the message as key=value."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        pairs = " ".join(f"{name}={value}" for name, value in fields_of(record).items())
        return f"{super().formatMessage(record)} {pairs}".rstrip()


def formatter_for(log_format: str, stream: IO[str]) -> logging.Formatter:
    """JSON or text as asked; for `auto`, text on a terminal and JSON anywhere else."""
    if log_format == "auto":
        log_format = "text" if stream.isatty() else "json"
    return JsonFormatter() if log_format == "json" else TextFormatter()
