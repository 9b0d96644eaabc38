"""The modal an ack listener asks for opens after the ack, built then, and never raises."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from slack_bolt import BoltContext

from bot.handlers.modals import ACTION_FORM, modal_after_ack, want_delegate_form
from bot.slack.blocks.modals import DelegateForm
from bot.slack.parse import ModalOrigin
from tests.support import QUEUE
from tests.unit.handlers.conftest import served


class RecordingClient:
    """Records `views_open` calls; fails them when told to."""

    def __init__(self, fails: bool = False) -> None:
        self.opened: list[tuple[str, Any]] = []
        self.fails = fails

    def views_open(self, trigger_id: str, view: Any) -> None:
        if self.fails:
            raise RuntimeError("trigger_id expired")
        self.opened.append((trigger_id, view))


def with_client(context: BoltContext, client: RecordingClient) -> BoltContext:
    context["client"] = client
    return context


def test_nothing_asked_for_means_nothing_to_do_after_the_ack() -> None:
    context = with_client(served(), RecordingClient())
    assert modal_after_ack(context, {"trigger_id": "1.2.3"}) is None


def test_the_delegate_form_opens_with_the_trigger_only_when_the_work_runs() -> None:
    client = RecordingClient()
    context = with_client(served(), client)
    want_delegate_form(context, DelegateForm(details="call back"), ModalOrigin(channel_id=QUEUE))
    work = modal_after_ack(context, {"trigger_id": "1.2.3"})
    assert work is not None
    assert client.opened == []
    work()
    [(trigger, view)] = client.opened
    assert trigger == "1.2.3"
    assert view["type"] == "modal"


def test_a_form_without_a_trigger_is_not_opened() -> None:
    context = with_client(served(), RecordingClient())
    context[ACTION_FORM] = {"type": "modal"}
    assert modal_after_ack(context, {}) is None


def test_a_modal_that_fails_to_open_is_logged_by_kind_not_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    context = with_client(served(), RecordingClient(fails=True))
    context[ACTION_FORM] = {"type": "modal"}
    work = modal_after_ack(context, {"trigger_id": "1.2.3"})
    assert work is not None
    with caplog.at_level(logging.WARNING):
        work()
    assert [r.getMessage() for r in caplog.records] == ["a modal did not open: RuntimeError"]
