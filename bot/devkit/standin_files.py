"""The stand-in's external file upload: getUploadURLExternal, the upload URL, completeUpload.

Slack's flow, checked step by step as the reference pages describe it: a file id and upload
URL per file (`filename` and a positive `length` required, `alt_txt` at most 1,000
characters); a POST of exactly `length` bytes to that URL; then `files.completeUploadExternal`
with `files` (a JSON list of `{"id", "title"}` for uploaded, not yet completed files) and a
conversation id in `channel_id` (a channel or DM id, not a user id). The shared files are held
as a message in the channel. Neither method is in the spec data, so their arguments are
checked here: required ones present, none unknown.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from typing import Any

from bot.devkit import ids
from bot.devkit.standin_methods import ApiError, Workspace

Args = Mapping[str, Any]
UNIVERSAL = frozenset({"token", "team_id"})
ALT_TEXT_MAX = 1000
GET_URL_ARGS = (frozenset({"filename", "length"}), frozenset({"alt_txt", "snippet_type"}))
COMPLETE_ARGS = (
    frozenset({"files"}),
    frozenset({"channel_id", "channels", "initial_comment", "thread_ts", "blocks"}),
)


def get_upload_url_external(ws: Workspace, args: Args) -> dict[str, Any]:
    _check_args("files.getUploadURLExternal", args, *GET_URL_ARGS)
    length = str(args.get("length"))
    if not length.isdigit() or int(length) <= 0:
        raise ApiError("invalid_arguments", f"length {length!r} is not a positive integer")
    alt = str(args.get("alt_txt") or "")
    if len(alt) > ALT_TEXT_MAX:
        raise ApiError("invalid_arguments", f"alt_txt is {len(alt)} characters (max 1000)")
    file_id = "F" + secrets.token_hex(5).upper()
    ws.files[file_id] = {
        "id": file_id, "name": str(args["filename"]), "length": int(length), "alt_txt": alt,
        "content": None, "channels": [],
    }  # fmt: skip
    return {"upload_url": f"{ws.upload_base}{file_id}", "file_id": file_id}


def receive_upload(ws: Workspace, file_id: str, content: bytes) -> str | None:
    """Hold the bytes POSTed to a file's upload URL; the violation if the POST is wrong."""
    held = ws.files.get(file_id)
    if held is None:
        return f"upload to unknown file id {file_id!r}"
    if held["content"] is not None:
        return f"file {file_id} uploaded twice"
    if len(content) != held["length"]:
        return f"file {file_id}: {len(content)} bytes sent, {held['length']} announced"
    held["content"] = content
    return None


def complete_upload_external(ws: Workspace, args: Args) -> dict[str, Any]:
    _check_args("files.completeUploadExternal", args, *COMPLETE_ARGS)
    entries = _files_arg(args.get("files"))
    channel = str(args.get("channel_id") or "")
    if channel and not ids.CHANNEL_RE.match(channel):
        raise ApiError("invalid_channel", f"channel_id {channel!r} is not a conversation id")
    completed = [_complete(ws, entry, channel) for entry in entries]
    if channel:
        ws.post(channel, {"text": str(args.get("initial_comment") or ""), "files": completed})
    return {"files": completed}


def _complete(ws: Workspace, entry: Mapping[str, Any], channel: str) -> dict[str, Any]:
    held = ws.files.get(str(entry.get("id")))
    if held is None:
        raise ApiError("file_not_found", f"file id {entry.get('id')!r} was never issued")
    if held["content"] is None:
        raise ApiError("file_not_found", f"file {held['id']} was completed before its upload")
    if held["channels"]:
        raise ApiError("file_already_completed", f"file {held['id']} was completed twice")
    held["title"] = str(entry.get("title") or held["name"])
    held["channels"] = [channel] if channel else ["(private)"]
    return {"id": held["id"], "name": held["name"], "title": held["title"], "mimetype": "image/png"}


FILE_METHODS = {
    "files.getUploadURLExternal": get_upload_url_external,
    "files.completeUploadExternal": complete_upload_external,
}


def _files_arg(value: Any) -> list[Mapping[str, Any]]:
    try:
        files = json.loads(value) if isinstance(value, str) else value
    except ValueError as error:
        raise ApiError("invalid_arguments", f"`files` is not JSON: {error}") from error
    if not isinstance(files, list) or not files or not all(isinstance(f, dict) for f in files):
        raise ApiError("invalid_arguments", "`files` must be a non-empty list of objects")
    return files


def _check_args(
    method: str, args: Args, required: frozenset[str], optional: frozenset[str]
) -> None:
    present = {name for name, value in args.items() if value not in (None, "")}
    if missing := sorted(required - present):
        raise ApiError("invalid_arguments", f"missing required argument `{missing[0]}`")
    if unknown := sorted(present - required - optional - UNIVERSAL):
        raise ApiError("invalid_arguments", f"unknown argument `{unknown[0]}` for {method}")
