from datetime import timedelta

import pytest

from bot.domain.text import humanize, visible


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("", ""),
        (" \u200b\u200b\n", ""),
        ("\u202e\u202c\ufeff\u2060", ""),
        ("\u202epatient called back\u202c", "patient called back"),
        ("👩‍⚕️ ok ", "👩⚕️ ok"),
        ("يرجى الاتصال", "يرجى الاتصال"),
    ],
)
def test_visible_drops_format_characters_and_outer_whitespace(text: str, seen: str) -> None:
    assert visible(text) == seen


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(seconds=59), "under a minute"),
        (timedelta(minutes=45), "45 min"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=2, minutes=15, seconds=59), "2 hours 15 min"),
        (timedelta(days=1, hours=3), "1 day 3 hours"),
        (timedelta(days=2, minutes=1), "2 days 1 min"),
        (-timedelta(minutes=90), "1 hour 30 min"),
    ],
)
def test_humanize_says_a_duration_to_the_minute(delta: timedelta, words: str) -> None:
    assert humanize(delta) == words
