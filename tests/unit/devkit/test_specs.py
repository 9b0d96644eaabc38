"""Validation against the Slack spec data vendored in `bot/devkit/slack_specs/`."""

from __future__ import annotations

import pytest

from bot.devkit import specs
from bot.devkit.standin_files import FILE_METHODS
from bot.devkit.standin_methods import METHODS

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}


def test_required_args_come_from_the_reference_files_first() -> None:
    assert specs.check_call("chat.postMessage", {"channel": "C0FRONTDESK1", "text": "hi"}) == []
    assert specs.check_call("chat.postMessage", {"text": "hi"}) == [
        "missing required argument `channel`"
    ]
    # users.info: the OpenAPI spec says `user` is optional, the reference file requires it.
    assert specs.check_call("users.info", {}) == ["missing required argument `user`"]
    # chat.getPermalink has no reference file: the OpenAPI spec decides.
    assert specs.check_call("chat.getPermalink", {"channel": "C0FRONTDESK1"}) == [
        "missing required argument `message_ts`"
    ]


def test_token_comes_from_the_header_not_the_args() -> None:
    assert specs.check_call("auth.test", {}) == []
    assert specs.check_call("auth.test", {"token": "xoxb-1"}) == []


def test_alternatives() -> None:
    view = {"type": "modal"}
    assert specs.check_call("views.open", {"interactivity_pointer": "1.2.ab", "view": view}) == []
    assert specs.check_call("views.open", {"view": view}) == [
        "needs one of `trigger_id`, `interactivity_pointer`"
    ]
    assert specs.check_call("views.update", {"view": view}) == [
        "needs one of `view_id`, `external_id`"
    ]
    assert specs.check_call("chat.postMessage", {"channel": "C0FRONTDESK1"}) == [
        "needs one of `text`, `blocks`, `attachments`, `markdown_text`"
    ]


def test_unknown_args_only_when_neither_source_knows_them() -> None:
    # `metadata` is only in the 2026 reference file, not in the 2020 OpenAPI spec.
    args = {"channel": "C0FRONTDESK1", "text": "hi", "metadata": "{}", "mrkdwn": True}
    assert specs.check_call("chat.postMessage", args) == []
    assert specs.check_call("chat.postMessage", args | {"colour": "red"}) == [
        "unknown argument `colour` (in neither spec source)"
    ]


def test_without_an_override_the_vendored_copy_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a fresh clone (no ../shared/slack-specs) skipped every spec check."""
    monkeypatch.delenv(specs.SPECS_ENV, raising=False)
    assert specs.specs_dir() == specs.VENDORED
    assert specs.check_call("users.info", {}) == ["missing required argument `user`"]


def test_every_method_the_standin_serves_has_spec_data() -> None:
    served = [*METHODS, *FILE_METHODS]
    assert [method for method in served if specs.method_spec(method) is None] == []


def test_methods_without_spec_data_are_not_judged() -> None:
    assert specs.method_spec("made.up") is None
    assert specs.check_call("made.up", {"anything": 1}) == []


def test_blocks_against_the_block_kit_schema() -> None:
    assert specs.check_blocks([SECTION]) == []
    assert specs.check_blocks([{"type": "section"}]) == [
        "blocks[0]: matches no allowed shape for type 'section'"
        " (Must have text or fields (or both).)"
    ]
    label = {"type": "plain_text", "text": "x" * 100}
    actions = {"type": "actions", "elements": [{"type": "button", "text": label}]}
    assert specs.check_blocks([SECTION, actions]) == [
        "blocks[1].elements[0].text.text: 100 characters (max 75)"
    ]
    assert specs.check_blocks([{"type": "sparkle"}]) == [
        "blocks[0]: matches no allowed shape for type 'sparkle'"
        " (Discriminated union of every Block Kit block type.)"
    ]


def test_views_by_type() -> None:
    title = {"type": "plain_text", "text": "t" * 30}
    assert specs.check_view({"type": "home", "blocks": [SECTION]}) == []
    assert specs.check_view({"type": "modal", "title": title, "blocks": [SECTION]}) == [
        "title.text: 30 characters (max 24)"
    ]
    assert specs.check_view({"type": "popup", "blocks": [SECTION]}) == [
        "view.type: 'popup' is neither 'modal' nor 'home'"
    ]


def test_views_slack_sent_back_are_checked_without_their_read_only_fields() -> None:
    view = {"type": "home", "blocks": [SECTION], "id": "V0ABCDEF123", "hash": "1.a", "state": {}}
    assert specs.check_view(view) == []
