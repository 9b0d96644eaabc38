import pytest

from bot.domain.text import visible


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
