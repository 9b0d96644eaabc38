"""`bot serve`: gunicorn (gthread) in front of the WSGI app; each worker wires its own Handoff."""

from __future__ import annotations

import socket
import struct
from contextlib import suppress
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger
from gunicorn.workers.gthread import ThreadWorker

from bot.bootstrap import build
from bot.logs import process_formatter
from bot.processes.web import WsgiApp, create_wsgi
from bot.settings import Settings

READ_TIMEOUT_SECONDS = 5  # a client silent this long mid-request is dropped


class ReadBoundedWorker(ThreadWorker):  # type: ignore[misc]
    """gthread, but a client that stalls mid-request is dropped instead of holding a thread.

    gthread waits for a request's first bytes on its poller, then reads the headers and the
    body on a pool thread with a blocking socket and no timeout. SO_RCVTIMEO bounds each of
    those reads (setblocking() leaves it alone); a stalled read raises, gunicorn closes the
    connection and the thread is free again. gunicorn closes on its main thread, lingering up
    to 2 s for the client's last bytes, which held up every other connection (healthz timed
    out for 8 s): with nothing left to read, the read side is shut first so it does not wait.
    """

    def handle(self, conn: Any) -> Any:
        timeval = struct.pack("ll", READ_TIMEOUT_SECONDS, 0)
        conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeval)
        keep = super().handle(conn)
        if keep is False and not _unread(conn.sock):
            with suppress(OSError):  # the main thread's graceful close then need not linger
                conn.sock.shutdown(socket.SHUT_RD)
        return keep


def _unread(sock: socket.socket) -> bool:
    """Bytes (or the peer's FIN) are waiting to be read: a graceful close must drain them."""
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) is not None
    except OSError:  # nothing yet (EAGAIN), or the socket is gone
        return False


class ProcessFormatLogger(Logger):  # type: ignore[misc]
    """gunicorn's loggers (which keep their own handlers), printing this process's line format."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in (*self.error_log.handlers, *self.access_log.handlers):
            handler.setFormatter(process_formatter())


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


def _forget_metrics_of(_server: Any, worker: Any) -> None:
    """A gunicorn process exited: its live gauges leave the shared metrics (counters stay)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


def serve(settings: Settings, host: str = "0.0.0.0") -> None:
    options = {
        "bind": f"{host}:{settings.port}",
        "worker_class": ReadBoundedWorker,
        "workers": settings.web_concurrency,
        "threads": settings.web_threads,
        "timeout": 30,
        "graceful_timeout": 20,
        "loglevel": settings.log_level.lower(),
        "logger_class": ProcessFormatLogger,
        "control_socket_disable": True,  # one per host otherwise; several serves would clash
        "child_exit": _forget_metrics_of,
    }
    HandoffServer(settings, options).run()
