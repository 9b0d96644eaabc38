"""The demo's last act: the practice manager changes the team from Slack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.devkit.payloads import initial_values
from bot.slack.ids import Button, Callback, HomeButton

if TYPE_CHECKING:
    from bot.devkit.demo import Demo

NIA = "U0DEMONIA01"  # a new hire: in the Slack workspace, not in the demo's config
NEW_HIRES = {NIA: {"name": "Nia Okafor", "tz": "Asia/Manila"}}  # as the stand-in knows them


def roster_day(demo: Demo) -> None:
    """Issue 13: a manager grants a scope, adds a night assistant and opens an access report."""
    linda, jose = demo.who("Linda"), demo.who("José")
    person = demo.practice.people[jose]
    demo.step("Linda (manager) opens the Team view in App Home and edits José")
    demo.home(linda)
    team = demo.standin.home_view(linda)
    edit = f"{Button.ROSTER_EDIT}:{jose}"
    demo.show(linda, demo.slack.block_actions(edit, user_id=linda, view=team), True)
    demo.step("…and grants him prior authorization (audited; every process sees it within 10 s)")
    view = demo.modal(Callback.ROSTER)
    form = initial_values(view["blocks"]) | {
        "roster_scopes": sorted(person.scopes | {"prior_authorization"}),
    }
    demo.show(linda, demo.slack.view_submission(view, form, user_id=linda))
    demo.step("…then adds Nia, a new assistant on nights in Manila (audited as roster_added)")
    team = demo.standin.home_view(linda)
    add = demo.slack.block_actions(HomeButton.ROSTER_ADD, user_id=linda, view=team)
    demo.show(linda, add, True)
    view = demo.modal(Callback.ROSTER_ADD)
    form = initial_values(view["blocks"]) | {
        "roster_user": NIA,
        "roster_name": NEW_HIRES[NIA]["name"],
        "roster_role": "assistant",
        "roster_timezone": NEW_HIRES[NIA]["tz"],
        "roster_scopes": sorted(person.scopes),
        "roster_shift_days": ["mon", "tue", "wed", "thu", "fri"],
        "roster_shift_start": "21:00",
        "roster_shift_end": "06:00",
    }
    demo.show(linda, demo.slack.view_submission(view, form, user_id=linda))
    demo.step("Linda opens Maria's access report from the Team view: codes and times only, audited")
    team = demo.standin.home_view(linda)
    report = f"{Button.ACCESS_REPORT}:{demo.who('Maria')}"
    demo.show(linda, demo.slack.block_actions(report, user_id=linda, view=team), True)
