"""Events API listeners: replies in task threads, and accounts Slack deactivates."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot.bootstrap import Handoff
from bot.handlers.common import practice_of
from bot.services.offboarding import account_changed, reroute_orphans
from bot.services.threads import ThreadReply, on_thread_reply


def register(app: App, handoff: Handoff) -> None:
    register_people(app, handoff)

    @app.event("message")
    def on_message(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
        """Thread replies may be commands; other channel conversation is the people's own."""
        if not is_human_thread_reply(event):
            return
        reply = ThreadReply(
            team_id=context.team_id or "",
            channel=event["channel"],
            thread_ts=event["thread_ts"],
            user=event["user"],
            text=event.get("text") or "",
            event_id=body.get("event_id", ""),
        )
        on_thread_reply(handoff.uow(), practice_of(handoff, context), reply, handoff.clock())


def is_human_thread_reply(event: dict[str, Any]) -> bool:
    return (
        not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool(event.get("thread_ts"))
        and event.get("thread_ts") != event.get("ts")
    )


def register_people(app: App, handoff: Handoff) -> None:
    @app.event("user_change")
    def on_user_change(event: dict[str, Any], context: BoltContext) -> None:
        """Slack deactivated (or restored) an account: act on it at once, and re-route."""
        user = event.get("user") or {}
        configured = handoff.practices[practice_of(handoff, context).team_id]  # no overlay
        now, deleted, slack_id = handoff.clock(), bool(user.get("deleted")), user.get("id", "")
        changed = account_changed(
            handoff.uow(), configured, slack_id=slack_id, deleted=deleted, now=now
        )
        if changed or deleted:  # the sweep is idempotent: a redelivered event finishes the job
            handoff.forget_people(configured.team_id)
            reroute_orphans(handoff.uow(), practice_of(handoff, context), now)
