"""Modal submissions called directly: a service's refusal is shown on the form's field."""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import Ack

from bot.handlers import views
from bot.services.errors import InvalidFields
from tests.support import PATEL
from tests.unit.handlers.conftest import Calls, acked, served


def submitted(values: dict[str, Any], metadata: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    view = {"id": "V0001", "private_metadata": metadata, "state": {"values": values}}
    return {"type": "view_submission", "team": {"id": "T0HANDOFF01"}, "user": {"id": PATEL}}, view


def test_invalid_delegate_fields_come_back_next_to_their_inputs(
    calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    invalid = InvalidFields({"title": "no dates in titles", "due": "in the past"})
    monkeypatch.setattr(views.delegation, "delegate", calls.fake("delegate", invalid))
    ack = Ack()
    views.delegate(ack, *submitted({}), served())
    assert calls.names() == ["delegate"]
    assert acked(ack) == {
        "response_action": "errors",
        "errors": {"title": "no dates in titles", "due": "in the past"},
    }
