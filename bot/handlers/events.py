"""Events API: replies in task threads, accounts Slack deactivates, the App Home opened."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.services.home import publish_home
from bot.services.offboarding import account_changed, reroute_orphans
from bot.services.threads import ThreadReply, on_thread_reply
from bot.slack.parse import is_human_thread_reply


def message(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    """Thread replies may be commands; other channel conversation is the people's own."""
    if not is_human_thread_reply(event):
        return
    reply = ThreadReply(
        team_id=context["practice"].team_id,
        channel=event["channel"],
        thread_ts=event["thread_ts"],
        user=event["user"],
        text=event.get("text") or "",
        event_id=body.get("event_id", ""),
    )
    on_thread_reply(context["handoff"].uow(), context["practice"], reply, context["now"])


def user_change(event: dict[str, Any], context: BoltContext) -> None:
    """Slack deactivated (or restored) an account: act on it at once, and re-route."""
    handoff, now = context["handoff"], context["now"]
    configured = handoff.practices[context["practice"].team_id]  # without the overlay
    user = event.get("user") or {}
    deleted, slack_id = bool(user.get("deleted")), user.get("id", "")
    changed = account_changed(
        handoff.uow(), configured, slack_id=slack_id, deleted=deleted, now=now
    )
    if changed or deleted:  # the sweep is idempotent: a redelivered event finishes the job
        handoff.forget_people(configured.team_id)
        reroute_orphans(handoff.uow(), handoff.practice(configured.team_id), now)


def app_home_opened(event: dict[str, Any], context: BoltContext) -> None:
    """The Home tab, published fresh for the person's role each time they open it."""
    if event.get("tab", "home") != "home":
        return  # the Messages tab
    publish_home(
        context["handoff"].uow(), context["practice"], user_id=event["user"], now=context["now"]
    )
