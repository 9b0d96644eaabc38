import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.phi import find_identifiers, looks_like_phi

EN = "\u2013"  # en dash


def full_width(text: str) -> str:
    """`text` with its ASCII letters, digits and punctuation in their full-width forms."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def arabic_indic(text: str) -> str:
    """`text` with its digits written as Arabic-Indic digits."""
    return "".join(chr(ord(c) - ord("0") + 0x0660) if c.isdigit() else c for c in text)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("born 03/14/1962, needs forms", ["date of birth"]),
        ("pt 3-14-62 called", ["date of birth"]),
        ("dob 1962-03-14", ["date of birth"]),
        ("DOB: 3/14", ["date of birth"]),
        ("d.o.b. March 14", ["date of birth"]),
        ("born in 1962", ["date of birth"]),
        ("birthday is March 14, 1962", ["date of birth"]),
        ("seen 14 Sept 1962", ["date of birth"]),
        ("call (555) 123-4567", ["phone number"]),
        ("call 555-123-4567 today", ["phone number"]),
        ("cell 555.123.4567", ["phone number"]),
        ("+1 555 123 4567", ["phone number"]),
        ("fax 15551234567", ["phone number"]),
        ("ssn 123-45-6789", ["SSN"]),
        ("SSN 123456789", ["SSN"]),
        ("social security number: 123 45 6789", ["SSN"]),
        ("MRN 12345", ["MRN-like number"]),
        ("mrn: A1234567", ["MRN-like number"]),
        ("chart #12345678", ["MRN-like number"]),
        ("patient 8675309 called", ["MRN-like number"]),
        ("email jane.doe+x@example.com", ["e-mail address"]),
        ("<mailto:jd@example.org|jd@example.org> re forms", ["e-mail address"]),
        (
            "jd@example.org, 555-123-4567, DOB 3/14/62, MRN 99887",
            ["e-mail address", "MRN-like number", "date of birth", "phone number"],
        ),
    ],
)
def test_flags_identifiers(text: str, kinds: list[str]) -> None:
    assert find_identifiers(text) == kinds
    assert looks_like_phi(text)


@pytest.mark.parametrize(
    "text",
    [
        "call back Tuesday",
        "at 3pm",
        "meeting 15:30",
        "by 3:30 PM",
        "tomorrow",
        "next week",
        "due 12/3",
        "due Dec 3",
        "due Dec 3rd at 10am",
        "CPT 99213",
        "99213 and 99214",
        "ICD-10 E11.9",
        "J45.909 and Z00.00",
        "see T-0042",
        "copay $125.00",
        "balance $125000",
        "$1,250,000.00 claim",
        "2 forms",
        "2026 renewal",
        "Q3 2026 audit",
        "room 12, ext 1234",
        "ping <@U123ABC|maria>",
        "",
        "prior auth for humira, fax from clinic",
    ],
)
def test_passes_ordinary_admin_text(text: str) -> None:
    assert find_identifiers(text) == []
    assert not looks_like_phi(text)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("DOB " + full_width("01/02/1960"), "date of birth"),
        (f"Call back 555{EN}123{EN}4567", "phone number"),
        ("MRN A-1234567", "MRN-like number"),
        ("Seen 01.02.1960", "date of birth"),
        ("123 45 6789", "SSN"),
        ("Call 555\u2011123\u20114567", "phone number"),  # non-breaking hyphens
        ("Call 555\u2212123\u22124567", "phone number"),  # minus signs
        ("Call 555—123—4567", "phone number"),  # em dashes
        ("Call 555\u00a0123\u00a04567", "phone number"),  # no-break spaces
        ("Call 555\u2009123\u20094567", "phone number"),  # thin spaces
        ("Call 555\u200b-123-\u200b4567", "phone number"),  # zero-width spaces between
        ("Call " + arabic_indic("555-123-4567"), "phone number"),
        ("SSN " + full_width("123-45-6789"), "SSN"),
        ("123.45.6789", "SSN"),
        ("DOB\u30003/14/62", "date of birth"),  # ideographic space
        ("Seen 1.2.60", "date of birth"),
        ("born 1962.03.14", "date of birth"),
        ("Lab 2.5.2026", "date of birth"),  # any full date may be a birth date
        ("MRN A 1234567", "MRN-like number"),
        ("Ref AB-1234567", "MRN-like number"),
        ("Ref #1234567", "MRN-like number"),
    ],
)
def test_look_alike_characters_and_other_separators_do_not_hide_identifiers(
    title: str, kind: str
) -> None:
    """These titles reached the channel before text was folded (issue 8, part 4)."""
    assert find_identifiers(title) == [kind]


@pytest.mark.parametrize(
    "title",
    [
        "Call back re: 3pm slot",
        "Refill request — lisinopril",
        "Prior auth for MRI",
        "Room 12 at 10:30",
        "Fax 2 pages",
        f"Fax 2 pages {EN} urgent",
        "Follow up in 2 weeks",
        f"1{EN}2 weeks",
        "v1.2.3",
        "Update to v2.10.15",
        f"Call back 10{EN}11am",
        f"Slots 9{EN}10, 2{EN}3",
        "Move 3/14 → 3/21",
        "Dose 0.5 mg",
        "A1c 7.2",
        "BP 120/80",
        f"CPT 99213{EN}99215",
        "ICD-10 E11.9",
        "Covid-19 booster",
        f"Budget 2026{EN}2027",
        "Room 101 102 103",
        "ext 1234 5678",
        "T-0042 follow-up",
        "Dr. Smith re: forms",
        full_width("Fax 2 pages"),
        "👩‍⚕️ Prior auth",
    ],
)
def test_ordinary_titles_still_pass_after_folding(title: str) -> None:
    assert find_identifiers(title) == []


@given(st.text())
def test_any_text_is_checked_without_error(text: str) -> None:
    assert looks_like_phi(text) == bool(find_identifiers(text))
