import pytest

from bot.domain.phi import find_identifiers, looks_like_phi


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
