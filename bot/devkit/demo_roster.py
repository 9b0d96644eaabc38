"""The demo's last act: the practice manager changes the team from Slack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.slack.ids import Button, Callback

if TYPE_CHECKING:
    from bot.devkit.demo import Demo


def roster_day(demo: Demo) -> None:
    """Issue 13: a manager grants a scope from the Team view and opens an access report."""
    linda, jose = demo.who("Linda"), demo.who("José")
    person = demo.practice.people[jose]
    demo.step("Linda (manager) opens the Team view in App Home and edits José")
    demo.home(linda)
    team = demo.standin.home_view(linda)
    edit = f"{Button.ROSTER_EDIT}:{jose}"
    demo.show(linda, demo.slack.block_actions(edit, user_id=linda, view=team), True)
    demo.step("…and grants him prior authorization (audited; every process sees it within 10 s)")
    form = {
        "roster_role": person.role.value,
        "roster_scopes": sorted(person.scopes | {"prior_authorization"}),
        "roster_status": "active",
    }
    view = demo.modal(Callback.ROSTER)
    demo.show(linda, demo.slack.view_submission(view, form, user_id=linda))
    demo.step("Linda opens Maria's access report from the Team view: codes and times only, audited")
    team = demo.standin.home_view(linda)
    report = f"{Button.ACCESS_REPORT}:{demo.who('Maria')}"
    demo.show(linda, demo.slack.block_actions(report, user_id=linda, view=team), True)
