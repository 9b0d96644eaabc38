"""Reading the stand-in's recorded calls over HTTP, as the bench does from another process."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from slack_sdk import WebClient

from bot.devkit.standin import SlackStandIn


def inspect(standin: SlackStandIn, query: str, data: bytes | None = None) -> tuple[int, Any]:
    url = standin.url.removesuffix("api/") + "inspect/calls?" + query
    try:
        with urllib.request.urlopen(url, data=data, timeout=5) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_calls_since_a_mark_are_listed_with_their_args(
    standin: SlackStandIn, client: WebClient
) -> None:
    client.chat_postMessage(channel="C0FRONTDESK1", text="first")
    _, first = inspect(standin, "since=0")
    client.users_info(user="U0ALICE001")
    client.chat_postMessage(channel="C0FRONTDESK1", text="second")
    status, later = inspect(standin, f"since={first['next']}&method=chat.postMessage")
    assert status == 200
    assert [call["args"]["text"] for call in later["calls"]] == ["second"]
    assert later["calls"][0]["at"] > first["calls"][0]["at"]
    assert later["next"] == 3
    assert "headers" not in later["calls"][0]


def test_only_a_get_with_a_numeric_mark_is_answered(standin: SlackStandIn) -> None:
    assert inspect(standin, "since=x")[0] == 400
    assert inspect(standin, "since=0", data=b"")[0] == 404
