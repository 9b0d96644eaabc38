"""Text as people see it."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

FORMAT = "Cf"  # zero-width spaces and joiners, direction marks and overrides, BOMs


def visible(text: str) -> str:
    """`text` without invisible format characters and surrounding whitespace."""
    return "".join(c for c in text if unicodedata.category(c) != FORMAT).strip()


def humanize(delta: timedelta) -> str:
    """A duration in words, to the minute: "2 hours 15 min", "1 day 3 hours", "under a minute"."""
    minutes = int(abs(delta).total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    units = ((days, "day", "days"), (hours, "hour", "hours"), (minutes, "min", "min"))
    words = [f"{count} {one if count == 1 else many}" for count, one, many in units if count]
    return " ".join(words) or "under a minute"
