"""Ephemeral answers that need no other change."""

from __future__ import annotations

from bot.services.ports import ReplyTo, UnitOfWork


def tell(uow: UnitOfWork, *, team_id: str, response_url: str, text: str) -> None:
    """Queue an ephemeral reply to a response_url."""
    with uow:
        uow.notify.tell(team_id, ReplyTo(response_url=response_url), text)
        uow.commit()
