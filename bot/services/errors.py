"""Outcomes a service reports to the person acting: refusals and fields to fix."""

from __future__ import annotations


class Refused(Exception):
    """The action is not allowed or not possible; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Conflict(Refused):
    """Someone else changed the same thing at the same moment; a fresh look shows what is so."""


class InvalidFields(Exception):
    """Some inputs need fixing: field name → message (PHI-free)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
