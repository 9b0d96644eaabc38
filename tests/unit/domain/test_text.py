import pytest

from bot.domain.text import printable, visible


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


def test_printable_strips_nul_and_other_control_characters_but_keeps_newlines_and_tabs() -> None:
    assert (
        printable("Jane\x00 Doe\x07\r\n\tcalled\x7f\x85\x9b back é") == "Jane Doe\n\tcalled back é"
    )
