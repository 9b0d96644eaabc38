"""Log hygiene: no request body, response body, SQL parameter or task text leaves through a log.

The rule trusts sources, not strings, and runs where every record is made (a log record factory),
so it holds for every logger and every handler: the root's, gunicorn's (which do not propagate to
the root), a test's caplog, an error tracker added later.

- Handoff's own loggers (`bot.…`) write ids and statuses only, so their messages pass as written.
- Third-party sources that never see a body pass too: gunicorn's process and access lines,
  Alembic's migration names.
- Every other source (Bolt, whose signature check logs the raw body at INFO; slack_sdk, which logs
  request and response bodies at DEBUG; SQLAlchemy; urllib3; anything new) keeps its logger, level
  and source line, but its text becomes "message withheld".
- Exceptions, in any record and as arguments of Handoff's own messages, keep their traceback
  frames and type (with the driver's error type and SQLSTATE); only Handoff's own exceptions keep
  their message, since a driver's message can quote a row (PostgreSQL's "Failing row contains …").

Why not cap levels or match "body:": Bolt copies the root logger's level onto each of its loggers
when it makes them, so a cap on `slack_bolt` does nothing, and a string match breaks with the next
release. slack_sdk, urllib3 and SQLAlchemy are still held at WARNING to spare noise and formatting.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from typing import Any, TypeGuard

from bot.log_format import JsonFormatter, TextFormatter, formatter_for

OURS = "bot"
SAFE_SOURCES = ("gunicorn.error", "gunicorn.access", "alembic")
QUIET = ("slack_sdk", "urllib3", "sqlalchemy", "apscheduler")
WITHHELD = "message withheld (third-party text may quote a request or SQL parameters) at %s:%d"


def configure_logging(level: str, log_format: str = "auto") -> None:
    """Log at `level` to stderr as `log_format` lines, third-party text kept out (see above)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter_for(log_format, sys.stderr))
    logging.basicConfig(level=level, handlers=[handler])
    guard_logs()


def process_formatter() -> logging.Formatter:
    """The formatter of this process's log lines (the root's), for loggers that keep their own."""
    ours = (JsonFormatter, TextFormatter)
    chosen = [h.formatter for h in logging.getLogger().handlers if isinstance(h.formatter, ours)]
    return chosen[0] if chosen else TextFormatter()


def guard_logs() -> None:
    """Scrub every log record this process makes from now on (once), and quiet chatty libraries."""
    make = logging.getLogRecordFactory()
    if not isinstance(make, _Scrubbing):
        logging.setLogRecordFactory(_Scrubbing(make))
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


class _Scrubbing:
    """A log record factory that scrubs what the wrapped factory makes."""

    def __init__(self, make: Any) -> None:
        self.make = make

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub(self.make(*args, **kwargs))


def scrub(record: logging.LogRecord) -> logging.LogRecord:
    """`record` with foreign text withheld and exceptions reduced to frames and types."""
    if not _trusted(record.name):
        record.msg, record.args = WITHHELD, (os.path.basename(record.pathname), record.lineno)
    elif isinstance(record.args, tuple):
        record.args = tuple(described(a) if _foreign(a) else a for a in record.args)
    error = record.exc_info[1] if record.exc_info else None
    if error is not None:
        record.exc_info, record.exc_text = None, safe_traceback(error)
    return record


def _trusted(name: str) -> bool:
    return any(name == source or name.startswith(f"{source}.") for source in (OURS, *SAFE_SOURCES))


def _foreign(value: object) -> TypeGuard[BaseException]:
    """An exception Handoff did not define (its message may quote data)."""
    return isinstance(value, BaseException) and not _trusted(type(value).__module__)


def described(error: BaseException) -> str:
    """`error`'s type, with the database driver's error type and SQLSTATE it wraps; no text."""
    name = type(error).__qualname__
    cause = getattr(error, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
    if isinstance(cause, BaseException):
        name += f" from {type(cause).__module__}.{type(cause).__qualname__}"
    sqlstate = getattr(cause, "sqlstate", None) or getattr(error, "sqlstate", None)
    return f"{name} (SQLSTATE {sqlstate})" if sqlstate else name


def safe_traceback(error: BaseException) -> str:
    """The traceback's frames and the exception's type; its message only if Handoff wrote it."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    last = f"{described(error)}: message withheld" if _foreign(error) else f"{error!r}"
    return f"Traceback (most recent call last):\n{frames}{last}"
