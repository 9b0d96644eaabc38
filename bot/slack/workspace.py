"""What Slack says about the app's workspace (for `bot doctor`), through the WebClient."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.services.ports import SlackChannel, SlackIdentity, SlackRefused, SlackUser

SCOPES_HEADER = "x-oauth-scopes"


class SlackWorkspaceClient:
    """The SlackWorkspace port over Web API calls; Slack's errors become SlackRefused."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def identity(self) -> SlackIdentity:
        answer = _call(self.client.auth_test)
        headers = {name.lower(): value for name, value in answer.headers.items()}
        granted = headers.get(SCOPES_HEADER)
        scopes = None if granted is None else frozenset(s.strip() for s in granted.split(","))
        return SlackIdentity(str(answer["team_id"]), str(answer["user_id"]), scopes)

    def channel(self, channel_id: str) -> SlackChannel:
        found = _call(self.client.conversations_info, channel=channel_id)["channel"]
        return SlackChannel(
            channel_id, str(found.get("name", channel_id)), bool(found["is_member"])
        )

    def user(self, user_id: str) -> SlackUser:
        found = _call(self.client.users_info, user=user_id)["user"]
        return SlackUser(
            user_id,
            deleted=bool(found.get("deleted")),
            is_bot=bool(found.get("is_bot")),
            tz=str(found.get("tz") or ""),
        )


def _call(method: Callable[..., SlackResponse], **args: Any) -> SlackResponse:
    try:
        return method(**args)
    except SlackApiError as error:
        raise SlackRefused(str(error.response.get("error", "unknown_error"))) from None
    except OSError as error:  # connection refused, DNS, timeout
        raise SlackRefused(f"unreachable: {type(error).__name__}") from None
