"""`bot serve`: gunicorn (gthread) in front of the WSGI app; each worker wires its own Handoff."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from bot.bootstrap import build
from bot.processes.web import WsgiApp, create_wsgi
from bot.settings import Settings


class HandoffServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> WsgiApp:
        handoff = build(self.settings)
        handoff.start_delivery()
        return create_wsgi(handoff)


def serve(settings: Settings, host: str = "0.0.0.0") -> None:
    options = {
        "bind": f"{host}:{settings.port}",
        "worker_class": "gthread",
        "workers": settings.web_concurrency,
        "threads": settings.web_threads,
        "timeout": 30,
        "graceful_timeout": 20,
        "loglevel": settings.log_level.lower(),
        "control_socket_disable": True,  # one per host otherwise; several serves would clash
    }
    HandoffServer(settings, options).run()
