"""Clients that send headers and then stall must not keep `bot serve` from answering."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

from bot.devkit.standin import SlackStandIn
from bot.processes.serve import READ_TIMEOUT_SECONDS
from bot.slack.ids import EVENTS_PATH
from tests.processes import free_port, healthz, process_env, start, wait_until

THREADS = 4
STALLED = 5  # more than the threads: the last waits for a thread, then stalls in turn
MARGIN = 3.0


def stall(port: int) -> socket.socket:
    """A client that announces a 5,000-byte body and never sends it."""
    client = socket.create_connection(("127.0.0.1", port))
    client.sendall(
        f"POST {EVENTS_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n".encode()
    )
    client.setblocking(False)
    return client


def closed(client: socket.socket) -> bool:
    """The server closed the connection (no answer is owed to a body that never came)."""
    try:
        return client.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def test_five_clients_stalling_mid_body_are_dropped_and_healthz_keeps_answering(
    tmp_path: Path,
    database_file: str,
    standin: SlackStandIn,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    """Reproduction: 5 stalled bodies held gthread's threads, then healthz timed out for 8 s."""
    port = free_port()
    tuning = {"PORT": str(port), "WEB_CONCURRENCY": "1", "WEB_THREADS": str(THREADS)}
    log = tmp_path / "serve.log"
    server = start(
        ["serve", "--host", "127.0.0.1"],
        process_env(standin, database_file, tmp_path, **tuning),
        log,
    )
    processes.append(server)
    up = wait_until(lambda: server.poll() is not None or healthz(port) == 200, 20)
    assert up, log.read_text(errors="replace")

    started = time.monotonic()
    stalled = [stall(port) for _ in range(STALLED)]
    freed = wait_until(lambda: healthz(port) == 200, READ_TIMEOUT_SECONDS + MARGIN)
    assert freed, log.read_text(errors="replace")
    while not all(closed(client) for client in stalled):  # the last one, a bound later
        assert time.monotonic() - started < 2 * READ_TIMEOUT_SECONDS + MARGIN
        assert healthz(port) == 200  # closing a dropped client holds up nobody
        time.sleep(0.1)
    assert healthz(port) == 200
    for client in stalled:
        client.close()
