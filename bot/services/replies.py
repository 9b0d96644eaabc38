"""Ephemeral answers that need no other change."""

from __future__ import annotations

from bot.services.ports import UnitOfWork


def tell(uow: UnitOfWork, *, team_id: str, response_url: str, text: str) -> None:
    """Queue an ephemeral reply to a response_url."""
    with uow:
        uow.notify.reply(team_id, response_url, text)
        uow.commit()
