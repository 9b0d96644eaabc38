"""PHI guard for channel-visible text: spot identifiers such as birth dates and phone numbers.

Deliberately cautious: a full date with a year is reported as a possible date of birth,
while times, short dates, weekdays, billing codes and task codes pass. Text is folded first
(full-width digits, every dash and space variant, invisible characters), so look-alikes match.
"""

from __future__ import annotations

import re

from bot.domain.text import plain

_FLAGS = re.IGNORECASE | re.ASCII
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"[0-3]?[0-9](?:st|nd|rd|th)?"
_FULL_DATE = (
    r"[0-3]?[0-9][/-][0-3]?[0-9][/-](?:[0-9]{4}|[0-9]{2})"  # 03/14/1962, 3-14-62
    r"|[0-9]{4}[/-][01]?[0-9][/-][0-3]?[0-9]"  # 1962-03-14
    r"|[0-9]{4}\.[01]?[0-9]\.[0-3]?[0-9]"  # 1962.03.14
    rf"|{_MONTH}\s+{_DAY},?\s+[0-9]{{4}}"  # March 14, 1962
    rf"|{_DAY}\s+{_MONTH},?\s+[0-9]{{4}}"  # 14 March 1962
)
_ANY_DATE = rf"{_FULL_DATE}|[0-9]{{1,2}}[/-][0-9]{{1,2}}|{_MONTH}\s+{_DAY}|[0-9]{{4}}"
_DOB_LABEL = r"(?:dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|born(?:\s+(?:on|in))?)"
_NUMBER_LABEL = r"(?:\s+(?:number|no\.?|#))?"
_SSN_LABEL = rf"(?:ssn|ss#|social\s+security{_NUMBER_LABEL})[\s:#]*"
_MRN_LABEL = rf"(?:mrn|medical\s+record{_NUMBER_LABEL}|chart{_NUMBER_LABEL})[\s:#]*"
_DOTTED_DATE = r"[0-3]?[0-9]\.[0-3]?[0-9]\.(?:[0-9]{4}|[0-9]{2})"  # 14.03.1962, 1.2.60
_PHONE = r"(?:\+?1[\s.-]?)?(?:\([0-9]{3}\)|[0-9]{3})[\s.-]?[0-9]{3}[\s.-]?[0-9]{4}"


def _bounded(pattern: str) -> re.Pattern[str]:
    """`pattern` not glued to letters or digits on either side."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", _FLAGS)


def _standalone(pattern: str) -> re.Pattern[str]:
    """`pattern` as a number of its own, not part of an amount, decimal, date or code."""
    return re.compile(rf"(?<![\w$.,/-])(?:{pattern})(?!\w|[.,/-][0-9])", _FLAGS)


# Checked in order; each match is blanked before the next pattern looks, so a span is
# reported once (an SSN is not also a phone number).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("e-mail address", _bounded(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("SSN", _bounded(r"[0-9]{3}-[0-9]{2}-[0-9]{4}")),
    ("SSN", _standalone(r"[0-9]{3}([\s.])[0-9]{2}\1[0-9]{4}")),  # 123 45 6789, 123.45.6789
    ("SSN", _bounded(rf"{_SSN_LABEL}[0-9]{{3}}[\s-]?[0-9]{{2}}[\s-]?[0-9]{{4}}")),
    ("MRN-like number", _bounded(rf"{_MRN_LABEL}[a-z]{{0,3}}[\s-]?[0-9]{{3,}}")),
    ("date of birth", _bounded(rf"{_DOB_LABEL}[\s:]*(?:{_ANY_DATE})")),
    ("date of birth", _bounded(_FULL_DATE)),
    ("date of birth", _standalone(_DOTTED_DATE)),
    ("phone number", _bounded(_PHONE)),
    ("phone number", _standalone(r"[0-9]{10,}")),
    ("MRN-like number", _standalone(r"(?:[a-z]{1,3}-?)?#?[0-9]{6,}")),
)


def find_identifiers(text: str) -> list[str]:
    """The kinds of identifier found in `text`, each once, in a fixed order."""
    kinds: list[str] = []
    text = plain(text)
    for kind, pattern in _PATTERNS:
        text, hits = pattern.subn(" ", text)
        if hits and kind not in kinds:
            kinds.append(kind)
    return kinds


def looks_like_phi(text: str) -> bool:
    """Whether `text` holds anything that may identify a patient."""
    return bool(find_identifiers(text))
