"""The checklist `bot doctor` prints: each check passes, warns or fails with its fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class Check:
    """One line of the checklist: what was checked, what was found, and how to fix it."""

    name: str
    outcome: Outcome
    detail: str
    fix: str = ""


def passed(name: str, detail: str) -> Check:
    return Check(name, Outcome.PASS, detail)


def failed(name: str, detail: str, fix: str) -> Check:
    return Check(name, Outcome.FAIL, detail, fix)


def warned(name: str, detail: str, fix: str) -> Check:
    return Check(name, Outcome.WARN, detail, fix)


def healthy(checks: Iterable[Check]) -> bool:
    """True when nothing failed (warnings allowed)."""
    return all(check.outcome is not Outcome.FAIL for check in checks)
