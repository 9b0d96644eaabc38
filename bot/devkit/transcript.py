"""A readable transcript of what each person saw in Slack, from the stand-in's records."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bot.devkit.standin import SlackStandIn
from bot.domain.practice import Practice

SHOWN_METHODS = {
    "chat.postMessage",
    "chat.update",
    "chat.postEphemeral",
    "views.open",
    "views.publish",
}


class Transcript:
    """Prints what is new since the last call: channel posts, DMs, ephemerals, modals."""

    def __init__(self, standin: SlackStandIn, practice: Practice) -> None:
        self.standin = standin
        self.practice = practice
        self._calls = 0
        self._responses = 0

    def name(self, user_id: str) -> str:
        """The name Slack would show: the config's, else the workspace's (someone added later)."""
        person = self.practice.person(user_id)
        known = self.standin.users.get(user_id, {}).get("name")
        return person.name if person else str(known or user_id)

    def where(self, channel: str) -> str:
        channels = self.practice.channels
        names = {channels.queue: "#queue", channels.escalations: "#escalations"}
        if channel in names:
            return names[channel]
        if re.fullmatch(r"[UW][A-Z0-9]+", channel):
            return f"DM → {self.name(channel)}"
        return f"#{channel.lower()}"

    def ack(self, who: str, body: str) -> Iterator[str]:
        """The ephemeral text a slash command's ack carried, if any."""
        if body.strip().startswith("{"):
            data = json.loads(body)
            if data.get("text"):
                yield from self._box(f"ephemeral → {self.name(who)}", data["text"])
            for field, problem in (data.get("errors") or {}).items():
                yield from self._box(f"form error on “{field}” → {self.name(who)}", problem)

    def new_activity(self, *, brief: bool = False) -> Iterator[str]:
        """What is new; `brief`: one line per message (its notification text), no card updates."""
        calls = self.standin.calls[self._calls :]
        responses = self.standin.responses[self._responses :]
        self._calls += len(calls)
        self._responses += len(responses)
        for call in calls:
            if brief and call.method == "chat.postMessage":
                place = self.where(str(call.args.get("channel", "")))
                yield f"   {place}: {self.readable(call.args.get('text', ''))}"
            elif call.method in SHOWN_METHODS and not brief:
                yield from self._call(call.method, call.args)
        for post in responses:
            yield from self._box("ephemeral", post.body.get("text", ""))

    def _call(self, method: str, args: dict[str, Any]) -> Iterator[str]:
        if method.startswith("views."):
            view = args["view"]
            title = view.get("title", {}).get("text", "")
            heading = (
                f"App Home → {self.name(args['user_id'])}"
                if "user_id" in args
                else f"modal “{title}”"
            )
            yield from self._box(heading, blocks_text(view.get("blocks", [])))
            return
        place = self.where(str(args.get("channel", "")))
        if args.get("thread_ts"):
            place += " (thread)"
        if method == "chat.update":
            place += " (card updated)"
        if method == "chat.postEphemeral":
            place = f"ephemeral → {self.name(args['user'])}" + (
                " (thread)" if args.get("thread_ts") else ""
            )
        yield from self._box(place, blocks_text(args.get("blocks")) or args.get("text", ""))

    def _box(self, heading: str, text: str) -> Iterator[str]:
        yield f"   ┌ {heading}"
        for line in self.readable(text).splitlines() or [""]:
            yield f"   │ {line}"

    def readable(self, text: str) -> str:
        text = re.sub(r"<@([UW][A-Z0-9]+)(\|[^>]*)?>", lambda m: "@" + self.name(m[1]), text)
        text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", text)
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def blocks_text(blocks: list[dict[str, Any]] | None) -> str:
    """Block Kit as plain lines: headers, sections, fields, inputs and buttons."""
    lines: list[str] = []
    for block in blocks or []:
        kind = block.get("type")
        if kind in ("header", "section", "context"):
            texts = [block.get("text"), *block.get("fields", []), *block.get("elements", [])]
            lines += [t["text"].replace("\n", ": ", 1) for t in texts if t and "text" in t]
        elif kind == "input":
            element = block.get("element", {})
            initial = element.get("initial_value") or (element.get("initial_option") or {}).get(
                "text", {}
            ).get("text", "")
            lines.append(f"[{block['label']['text']}] {initial}".rstrip())
        elif kind == "actions":
            lines.append("  ".join(_control(e) for e in block.get("elements", [])))
    return "\n".join(lines)


def _control(element: dict[str, Any]) -> str:
    if element.get("type") == "overflow":
        return "[⋯ " + " / ".join(o["text"]["text"] for o in element.get("options", [])) + "]"
    return f"[{element['text']['text']}]"
