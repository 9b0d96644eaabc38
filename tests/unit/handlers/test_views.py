"""Modal submissions called directly: a service's refusal is shown on the form's field."""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import Ack

from bot.handlers import views
from bot.services.errors import InvalidFields
from bot.services.lifecycle import ActionResult
from bot.slack.ids import ActionInput
from tests.support import LENA, PATEL
from tests.unit.handlers.conftest import Calls, acked, served

LENA_NAME = "Lena Vogel"


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


def test_a_refused_reassign_keeps_the_assistants_name_as_written(
    calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reproduction: the form said "Lena vogel is not cleared…" (str.capitalize lowercased it)."""
    refused = ActionResult(done=False, task=None, refusal=f"{LENA_NAME} is not cleared for this")
    monkeypatch.setattr(views, "perform", calls.fake("perform", refused))
    ack = Ack()
    target = {ActionInput.TARGET: {ActionInput.TARGET: {"selected_user": LENA}}}
    views.task_action(ack, *submitted(target, '{"task_id": 42, "action": "reassign"}'), served())
    [(_, (_, _, request, _), _)] = calls.made
    assert (request.task_id, request.target_id, request.dedupe_key) == (42, LENA, "view:V0001")
    assert acked(ack)["errors"] == {ActionInput.TARGET: "Lena Vogel is not cleared for this."}
