from datetime import timedelta

import pytest

from bot.domain.text import has_link, humanize, plain, printable, visible, without_bidi_controls
from tests.unit.domain.test_phi import arabic_indic, full_width


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


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        (full_width("01/02/1960"), "01/02/1960"),
        ("555\u2013123—4567", "555-123-4567"),
        ("a\u2011b\u2212c\ufe63d\uff0de", "a-b-c-d-e"),
        ("a\u00a0b\u2009c\u3000d\u202fe", "a b c d e"),
        ("5\u200b5\u20605", "555"),
        (arabic_indic("555 123"), "555 123"),
        ("Prior auth", "Prior auth"),
    ],
)
def test_plain_folds_look_alike_digits_dashes_and_spaces(text: str, folded: str) -> None:
    assert plain(text) == folded


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\u202eevil.exe\u202c", "evil.exe"),
        ("a\u202ab\u202bc\u202dd", "abcd"),
        ("\u2066x\u2067y\u2068z\u2069", "xyz"),
        ("\u200eleft\u200fright\u061c", "leftright"),
        ("👩‍⚕️ Ärztin عيادة", "👩‍⚕️ Ärztin عيادة"),  # joiners and scripts stay
    ],
)
def test_bidi_controls_are_removed_and_nothing_else(text: str, shown: str) -> None:
    assert without_bidi_controls(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "see https://portal.example/x",
        "HTTP://X",
        "ftp://files",
        "www.example.org",
        "portal.example.com/login",
        "bit.ly/abc",
        "claims.health",
        full_width("Https://x.y"),
    ],
)
def test_links_are_found(text: str) -> None:
    assert has_link(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Smith re: forms",
        "Dr.Smith",
        "e.g. forms",
        "10 a.m. slot",
        "U.S. insurance",
        "St. Mary's co.",
        "J45.909",
        "v1.2.3",
        "Refill request — lisinopril",
        "ratio 3:1",
    ],
)
def test_ordinary_text_has_no_link(text: str) -> None:
    assert not has_link(text)


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
