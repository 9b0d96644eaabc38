"""Text as people see it."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

FORMAT = "Cf"  # zero-width spaces and joiners, direction marks and overrides, BOMs
KEPT_CONTROLS = "\n\t"
CONTROLS = {c: None for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in KEPT_CONTROLS}
# Embeddings, overrides, isolates and marks: they reorder what the channel shows.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_TLDS = "com|org|net|edu|gov|io|co|us|ca|uk|info|biz|health|ly|app|dev|ai"
LINK = re.compile(
    rf"[a-z][a-z0-9+.-]*://|\bwww\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLDS})\b(?!\.[a-z0-9])",
    re.IGNORECASE | re.ASCII,
)


def visible(text: str) -> str:
    """`text` without invisible format characters and surrounding whitespace."""
    return "".join(c for c in text if unicodedata.category(c) != FORMAT).strip()


def printable(text: str) -> str:
    """`text` without control characters (C0, DEL, C1; U+0000 among them) but newlines and tabs."""
    return text.translate(CONTROLS)


def without_bidi_controls(text: str) -> str:
    """`text` with the characters that reorder how it is displayed removed."""
    return BIDI_CONTROLS.sub("", text)


def has_link(text: str) -> bool:
    """Whether `text` holds a URL or a bare domain that Slack would turn into a link."""
    return bool(LINK.search(plain(text)))


def plain(text: str) -> str:
    """`text` folded for matching: NFKC, ASCII digits, one dash, one space, no format characters."""
    return "".join(_plain_char(c) for c in unicodedata.normalize("NFKC", text))


def _plain_char(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if category == "Pd" or char in "\u2212\u2043\u02d7":  # dashes, minus sign, hyphen bullet
        return "-"
    if category in ("Zs", "Zl", "Zp"):
        return " "
    return "" if category == FORMAT else char


def humanize(delta: timedelta) -> str:
    """A duration in words, to the minute: "2 hours 15 min", "1 day 3 hours", "under a minute"."""
    minutes = int(abs(delta).total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    units = ((days, "day", "days"), (hours, "hour", "hours"), (minutes, "min", "min"))
    words = [f"{count} {one if count == 1 else many}" for count, one, many in units if count]
    return " ".join(words) or "under a minute"


def as_sentence(reason: str) -> str:
    """A reason ("only managers …") as a sentence: first letter up, names kept, a full stop."""
    return reason[:1].upper() + reason[1:] + "."
