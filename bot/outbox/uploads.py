"""File uploads through the outbox: the pseudo-method `files.upload_v2` and how it is relayed.

The row's payload carries the PNGs base64-encoded (each chart is tens of KB). That keeps an
upload in the same transaction as the change that announces it (the weekly ledger key), like
every other Slack call, with no table or file store of its own, and it survives restarts and
retries. Once Slack has the files, the bytes are replaced by the file ids (App Home shows the
charts by id), so sent rows stay small.

Relaying is slack_sdk's `files_upload_v2`: `files.getUploadURLExternal` per file, a POST of
the bytes to each upload URL, then one `files.completeUploadExternal` sharing them all in the
channel with the comment. A DM goes to the channel `conversations.open` gives for the user.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from slack_sdk import WebClient
from slack_sdk.errors import SlackRequestError

FILE_UPLOAD = "files.upload_v2"
USER_ID = re.compile(r"^[UW][A-Z0-9]+$")


class FileToSend(NamedTuple):
    filename: str
    title: str
    alt_text: str
    content: bytes


def upload_payload(channel: str, comment: str, files: Iterable[FileToSend]) -> dict[str, Any]:
    """The outbox payload of one upload of `files` to `channel` (a channel or a user's DM)."""
    return {
        "channel": channel,
        "initial_comment": comment,
        "files": [
            {
                "filename": f.filename,
                "title": f.title,
                "alt_txt": f.alt_text,
                "content_base64": base64.b64encode(f.content).decode("ascii"),
            }
            for f in files
        ],
    }


def upload(client: WebClient, payload: dict[str, Any]) -> dict[str, Any]:
    """Upload and share the payload's files; Slack's channel and file ids."""
    channel = str(payload["channel"])
    if USER_ID.match(channel):
        channel = str(client.conversations_open(users=channel)["channel"]["id"])
    files = [
        {
            "filename": f["filename"],
            "title": f["title"],
            "alt_txt": f["alt_txt"],
            "content": base64.b64decode(f["content_base64"]),
        }
        for f in payload["files"]
    ]
    try:
        answer = client.files_upload_v2(
            file_uploads=files, channel=channel, initial_comment=payload["initial_comment"]
        )
    except SlackRequestError as error:  # the upload URL refused the bytes: retry later
        raise ConnectionError(f"file upload failed: {error}") from error
    return {"channel": channel, "files": [str(f["id"]) for f in answer["files"]]}


def uploaded(payload: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The payload once sent: each file's bytes replaced by its Slack file id."""
    files = [
        {key: value for key, value in f.items() if key != "content_base64"} | {"id": file_id}
        for f, file_id in zip(payload["files"], result["files"], strict=True)
    ]
    return payload | {"files": files}
