"""What the stand-in tells `bot doctor`: granted scopes, channel membership, users' state."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.devkit.standin import SlackStandIn
from bot.slack.manifest import BOT_SCOPES

CHANNEL = "C0FRONTDESK1"


def client_for(standin: SlackStandIn) -> WebClient:
    return WebClient(token="xoxb-test-token", base_url=standin.url)


def test_every_answer_carries_the_granted_scopes_header() -> None:
    with SlackStandIn(scopes=["chat:write", "commands"]) as standin:
        answer = client_for(standin).auth_test()
    assert answer.headers["X-OAuth-Scopes"] == "chat:write,commands"
    assert answer["team_id"] == standin.team_id


def test_by_default_the_token_holds_what_the_manifest_asks_for(standin: SlackStandIn) -> None:
    answer = client_for(standin).auth_test()
    assert answer.headers["X-OAuth-Scopes"].split(",") == BOT_SCOPES


def test_conversations_info_says_the_bot_is_a_member_unless_told_otherwise(
    standin: SlackStandIn,
) -> None:
    client = client_for(standin)
    assert client.conversations_info(channel=CHANNEL)["channel"]["is_member"] is True
    standin.channels[CHANNEL] = {"name": "front-desk", "is_member": False}
    channel = client.conversations_info(channel=CHANNEL)["channel"]
    assert (channel["name"], channel["is_member"]) == ("front-desk", False)
    standin.assert_clean()


def test_conversations_info_of_a_missing_channel_or_a_user_id_is_refused(
    standin: SlackStandIn,
) -> None:
    standin.channels[CHANNEL] = {"exists": False}
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client_for(standin).conversations_info(channel=CHANNEL)
    assert standin.violations == []
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client_for(standin).conversations_info(channel="U0DRPATEL01")
    assert standin.violations == [
        "conversations.info: channel 'U0DRPATEL01': use the DM id (D…), not a user id"
    ]


def test_users_info_reports_deleted_bots_and_time_zones_as_configured() -> None:
    users = {"U0GONE00001": {"deleted": True, "is_bot": True, "tz": "Asia/Tokyo"}}
    with SlackStandIn(users=users) as standin:
        user = client_for(standin).users_info(user="U0GONE00001")["user"]
    assert (user["deleted"], user["is_bot"], user["tz"]) == (True, True, "Asia/Tokyo")
