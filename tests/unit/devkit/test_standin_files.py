"""The external upload flow (files_upload_v2) against the stand-in, and the relay's `upload`."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.devkit.standin import SlackStandIn
from bot.outbox.uploads import FileToSend, upload, upload_payload, uploaded

CHANNEL = "C0DIGEST001"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))


def charts() -> list[FileToSend]:
    return [
        FileToSend("on_time.png", "On time by week", "Done on time: 87% this week", PNG),
        FileToSend("open_by_age.png", "Open work by age", "14 open, 6 overdue", PNG[:50]),
    ]


def test_files_upload_v2_runs_all_three_steps_and_shares_the_files(
    standin: SlackStandIn, client: WebClient
) -> None:
    result = upload(client, upload_payload(CHANNEL, "Charts for the week", charts()))
    assert result["channel"] == CHANNEL
    held = standin.files()
    assert list(held) == result["files"]
    first, second = (held[file_id] for file_id in result["files"])
    assert (first["content"], first["alt_txt"], first["channels"]) == (
        PNG,
        "Done on time: 87% this week",
        [CHANNEL],
    )
    assert (second["title"], len(second["content"])) == ("Open work by age", 50)
    [shared] = standin.messages(CHANNEL)
    assert shared["text"] == "Charts for the week"
    assert [f["id"] for f in shared["files"]] == result["files"]
    methods = [call.method for call in standin.calls]
    assert methods == ["files.getUploadURLExternal"] * 2 + ["files.completeUploadExternal"]
    standin.assert_clean()


def test_a_direct_message_upload_opens_the_dm_first(
    standin: SlackStandIn, client: WebClient
) -> None:
    result = upload(client, upload_payload("U0ALICE001", "Your week", charts()[:1]))
    assert result["channel"].startswith("D")
    assert standin.calls[0].method == "conversations.open"
    standin.assert_clean()


def test_once_sent_the_payload_keeps_file_ids_not_bytes() -> None:
    payload = upload_payload(CHANNEL, "c", charts())
    sent = uploaded(payload, {"channel": CHANNEL, "files": ["F1", "F2"]})
    assert [f["id"] for f in sent["files"]] == ["F1", "F2"]
    assert "content_base64" not in json.dumps(sent)
    assert sent["files"][0]["alt_txt"] == "Done on time: 87% this week"


def test_completing_a_file_that_was_never_uploaded_is_refused(
    standin: SlackStandIn, client: WebClient
) -> None:
    issued = client.files_getUploadURLExternal(filename="a.png", length=10)
    with pytest.raises(SlackApiError, match="file_not_found"):
        client.files_completeUploadExternal(files=[{"id": issued["file_id"]}], channel_id=CHANNEL)
    assert standin.violations == [
        f"files.completeUploadExternal: file {issued['file_id']} was completed before its upload"
    ]


def test_bytes_that_differ_from_the_announced_length_are_refused(
    standin: SlackStandIn, client: WebClient
) -> None:
    issued = client.files_getUploadURLExternal(filename="a.png", length=10)
    post = urllib.request.Request(issued["upload_url"], data=b"12345", method="POST")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(post, timeout=5)
    assert "5 bytes sent, 10 announced" in standin.violations[0]


@pytest.mark.parametrize(
    ("method", "args", "error"),
    [
        ("files.getUploadURLExternal", {"filename": "a.png"}, "missing required argument `length`"),
        ("files.getUploadURLExternal", {"filename": "a.png", "length": "0"}, "not a positive"),
        (
            "files.getUploadURLExternal",
            {"filename": "a", "length": "3", "colour": "x"},
            "unknown argument `colour`",
        ),
        (
            "files.getUploadURLExternal",
            {"filename": "a", "length": "3", "alt_txt": "x" * 1001},
            "max 1000",
        ),
        ("files.completeUploadExternal", {"files": "[]"}, "non-empty list"),
        (
            "files.completeUploadExternal",
            {"files": '[{"id": "F1"}]', "channel_id": "U0ALICE001"},
            "not a conversation id",
        ),
        ("files.completeUploadExternal", {"files": '[{"id": "FNOPE"}]'}, "never issued"),
    ],
)
def test_arguments_are_checked_like_every_other_method(
    standin: SlackStandIn, client: WebClient, method: str, args: dict[str, str], error: str
) -> None:
    with pytest.raises(SlackApiError):
        client.api_call(method, params=args)
    found = standin.violations  # Slack's reference file and the stand-in's own checks may both
    assert found  # speak: each names the method, one says what is wrong
    assert all(violation.startswith(f"{method}: ") for violation in found)
    assert any(error in violation for violation in found)
