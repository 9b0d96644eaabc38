"""Text as people see it."""

from __future__ import annotations

import unicodedata

FORMAT = "Cf"  # zero-width spaces and joiners, direction marks and overrides, BOMs
KEPT_CONTROLS = "\n\t"
CONTROLS = {c: None for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in KEPT_CONTROLS}


def visible(text: str) -> str:
    """`text` without invisible format characters and surrounding whitespace."""
    return "".join(c for c in text if unicodedata.category(c) != FORMAT).strip()


def printable(text: str) -> str:
    """`text` without control characters (C0, DEL, C1; U+0000 among them) but newlines and tabs."""
    return text.translate(CONTROLS)
