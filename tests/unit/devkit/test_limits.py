"""The project's own Block Kit limits (pure functions, no spec data needed)."""

from __future__ import annotations

from typing import Any

from bot.devkit import limits
from bot.slack.blocks import text


def section(text: str = "hello", **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def button(action_id: str, label: str = "Go", **extra: Any) -> dict[str, Any]:
    text = {"type": "plain_text", "text": label}
    return {"type": "button", "action_id": action_id, "text": text, **extra}


def modal(**extra: Any) -> dict[str, Any]:
    title = {"type": "plain_text", "text": "Hand off"}
    return {"type": "modal", "title": title, "blocks": [section()], **extra}


def test_a_tidy_message_passes() -> None:
    actions = {"type": "actions", "elements": [button("a"), button("b")]}
    assert limits.check_message({"text": "hi", "blocks": [section(), actions]}) == []


def test_blocks_need_top_level_text() -> None:
    assert limits.check_message({"blocks": [section()]}) == [
        "text: top-level `text` is required when `blocks` are present"
    ]
    assert limits.check_message({"text": "  ", "blocks": [section()]})


def test_block_counts_per_surface() -> None:
    blocks = [section() for _ in range(51)]
    assert limits.check_message({"text": "x", "blocks": blocks}) == ["blocks: 51 items (max 50)"]
    assert limits.check_view(modal(blocks=blocks)) == []
    assert limits.check_view(modal(blocks=blocks * 2)) == ["blocks: 102 items (max 100)"]


def test_ids_must_be_unique_within_a_surface() -> None:
    blocks = [
        section(block_id="b1", accessory=button("same")),
        {"type": "actions", "block_id": "b1", "elements": [button("same")]},
    ]
    assert limits.check_message({"text": "x", "blocks": blocks}) == [
        "block_id 'b1' used 2 times (must be unique within a message or view)",
        "action_id 'same' used 2 times (must be unique within a message or view)",
    ]


def test_text_lengths() -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}
    context = {"type": "context", "elements": [{"type": "mrkdwn", "text": "c" * 2001}] * 11}
    found = limits.check_message(
        {"text": "t" * 40_001, "blocks": [section("s" * 3001), header, context]}
    )
    assert found == [
        "text: 40001 characters (max 40000)",
        "blocks[0].text.text: 3001 characters (max 3000)",
        "blocks[1].text.text: 151 characters (max 150)",
        "blocks[2].elements: 11 items (max 10)",
        *[f"blocks[2].elements[{i}].text: 2001 characters (max 2000)" for i in range(11)],
    ]


def test_element_limits() -> None:
    long_button = button("a" * 256, "b" * 76, value="v" * 2001, url="https://x/" + "u" * 3000)
    found = limits.check_message(
        {"text": "x", "blocks": [{"type": "actions", "elements": [long_button]}]}
    )
    path = "blocks[0].elements[0]"
    assert found == [
        f"{path}.action_id: 256 characters (max 255)",
        f"{path}.url: 3010 characters (max 3000)",
        f"{path}.text.text: 76 characters (max 75)",
        f"{path}.value: 2001 characters (max 2000)",
    ]


def test_menu_options() -> None:
    options = [{"text": {"type": "plain_text", "text": "o" * 76}, "value": "v" * 151}]
    menu = {"type": "static_select", "action_id": "pick", "options": options * 101}
    found = limits.check_message({"text": "x", "blocks": [section(accessory=menu)]})
    assert found[0] == "blocks[0].accessory.options: 101 items (max 100)"
    assert "blocks[0].accessory.options[100].value: 151 characters (max 150)" in found


def test_plain_text_input_limits() -> None:
    element = {
        "type": "plain_text_input",
        "action_id": "note",
        "max_length": 10,
        "initial_value": "x" * 11,
        "placeholder": {"type": "plain_text", "text": "p" * 151},
    }
    label = {"type": "plain_text", "text": "Note"}
    view = modal(blocks=[{"type": "input", "label": label, "element": element}])
    assert limits.check_view(view) == [
        "blocks[0].element.placeholder.text: 151 characters (max 150)",
        "blocks[0].element.initial_value: 11 characters (max_length 10)",
    ]


def test_modal_fields() -> None:
    label = {"type": "plain_text", "text": "t" * 30}
    view = modal(title=label, submit=label, close=label, private_metadata="m" * 3001)
    assert limits.check_view(view | {"callback_id": "c" * 256}) == [
        "title.text: 30 characters (max 24)",
        "submit.text: 30 characters (max 24)",
        "close.text: 30 characters (max 24)",
        "private_metadata: 3001 characters (max 3000)",
        "callback_id: 256 characters (max 255)",
    ]


def test_view_size() -> None:
    blocks = [section("s" * 2900) for _ in range(90)]
    [found] = limits.check_view(modal(blocks=blocks))
    assert found.startswith("view: 26")
    assert found.endswith(" bytes of JSON (max 250000)")


def test_the_builders_clip_to_the_limits_the_stand_in_checks() -> None:
    assert (text.SECTION_TEXT, text.HEADER_TEXT, text.CONTEXT_TEXT, text.INPUT_VALUE) == (
        limits.MAX_SECTION_TEXT,
        limits.MAX_HEADER_TEXT,
        limits.MAX_CONTEXT_TEXT,
        limits.MAX_INITIAL_VALUE,
    )
