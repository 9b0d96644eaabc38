"""The bare Bolt app the bench compares against: it only acknowledges `/delegate`.

`gunicorn bench.bare:inline` acknowledges after the listener returns
(`process_before_response=True`, as Handoff does); `bench.bare:threaded` is Bolt's default,
which runs the listener on a thread and answers once `ack()` is called.
"""

from __future__ import annotations

import os
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient


def bolt(*, process_before_response: bool) -> App:
    """A Bolt app as the bench serves one: the stand-in's Web API, the bench's signing secret."""
    return App(
        client=WebClient("xoxb-bench", base_url=os.environ["SLACK_API_URL"]),  # auth.test, once
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        token_verification_enabled=False,
        process_before_response=process_before_response,
    )


def bare_app(*, process_before_response: bool) -> SlackRequestHandler:
    app = bolt(process_before_response=process_before_response)

    @app.command("/delegate")
    def delegate(ack: Ack, **_: Any) -> None:
        ack()

    return SlackRequestHandler(app)


inline = bare_app(process_before_response=True)
threaded = bare_app(process_before_response=False)
