"""Text as people see it."""

from __future__ import annotations

import unicodedata

FORMAT = "Cf"  # zero-width spaces and joiners, direction marks and overrides, BOMs


def visible(text: str) -> str:
    """`text` without invisible format characters and surrounding whitespace."""
    return "".join(c for c in text if unicodedata.category(c) != FORMAT).strip()
