"""The plain-dict Block Kit builders give exactly what slack_sdk's models give."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    SectionBlock,
)

from bot.slack.blocks import plain

TEXT = "T-0042 · Réfill <paperwork> & *more* 🔴"


@pytest.mark.parametrize(
    ("built", "model"),
    [
        (plain.header(TEXT), HeaderBlock(text=TEXT)),
        (plain.section(TEXT), SectionBlock(text=MarkdownTextObject(text=TEXT))),
        (
            plain.fields(["*Due*\nnow", TEXT]),
            SectionBlock(fields=[MarkdownTextObject(text=t) for t in ("*Due*\nnow", TEXT)]),
        ),
        (plain.context(TEXT), ContextBlock(elements=[MarkdownTextObject(text=TEXT)])),
        (
            plain.button("Claim", "task_claim", value="7", style="primary"),
            ButtonElement(text="Claim", action_id="task_claim", value="7", style="primary"),
        ),
        (
            plain.button("Open thread", "open_thread", url="https://slack.com"),
            ButtonElement(text="Open thread", action_id="open_thread", url="https://slack.com"),
        ),
        (
            plain.overflow("task_more", [("Snooze…", "snooze:7")]),
            OverflowMenuElement(
                action_id="task_more", options=[Option(text="Snooze…", value="snooze:7")]
            ),
        ),
        (
            plain.actions("task_actions", [plain.button("View details", "v", value="7")]),
            ActionsBlock(
                block_id="task_actions",
                elements=[ButtonElement(text="View details", action_id="v", value="7")],
            ),
        ),
    ],
)
def test_a_plain_block_equals_the_models_output(built: dict[str, Any], model: Any) -> None:
    assert built == model.to_dict()
