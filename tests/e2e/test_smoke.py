"""The app over HTTP: signatures, url_verification, help, health."""

from __future__ import annotations

from bot.bootstrap import build
from bot.devkit.appserver import LocalAppServer
from bot.devkit.sender import Delivery
from bot.devkit.standin import SlackStandIn
from bot.processes.web import create_wsgi
from bot.settings import load_settings
from tests.conftest import RunningApp, app_settings
from tests.e2e.helpers import get_status
from tests.support import PATEL, QUEUE


def test_url_verification_echoes_the_challenge(app: RunningApp) -> None:
    reply = app.slack.url_verification("challenge-xyz")
    assert reply.status == 200
    assert "challenge-xyz" in reply.text


def test_a_forged_signature_is_refused_with_401(app: RunningApp) -> None:
    reply = app.slack.slash_command(
        "/delegate", "help", user_id=PATEL, channel_id=QUEUE, delivery=Delivery(bad_signature=True)
    )
    assert reply.status == 401
    assert [call.method for call in app.standin.calls if call.method != "auth.test"] == []


def test_a_six_minute_old_replay_is_refused_with_401(app: RunningApp) -> None:
    reply = app.slack.slash_command(
        "/delegate", "help", user_id=PATEL, channel_id=QUEUE, delivery=Delivery(age_seconds=360)
    )
    assert reply.status == 401


def test_signed_delegate_help_acks_with_an_ephemeral_guide(app: RunningApp) -> None:
    reply = app.slack.slash_command("/delegate", "help", user_id=PATEL, channel_id=QUEUE)
    assert reply.status == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    assert "Insurance verification" in body["text"]
    assert "/delegate" in body["text"]


def test_healthz_is_200_when_the_database_answers(app: RunningApp) -> None:
    assert get_status(app.url + "/healthz") == 200


def test_healthz_is_503_when_the_database_is_unreachable(standin: SlackStandIn) -> None:
    env = app_settings("postgresql+psycopg://postgres@127.0.0.1:1/nowhere", standin)
    handoff = build(load_settings(env))
    server = LocalAppServer(create_wsgi(handoff)).start()
    try:
        assert get_status(server.url + "/healthz") == 503
    finally:
        server.stop()
        handoff.close()
