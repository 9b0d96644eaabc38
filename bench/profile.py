"""Where a request's time goes: the WSGI app called in-process under cProfile, no HTTP.

`python -m bench.profile quick|help|claim|form|modal [--db sqlite|postgresql] [-n N]` sends N
signed requests of one kind straight into Handoff's WSGI application (deliveries are queued,
not sent); prints the median time and the CPU time per request, and the top of the profile by
cumulative time (also saved to /tmp/handoff-KIND.prof).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench import processes as p
from bench import traffic
from bot.bootstrap import build
from bot.config import load_practice
from bot.devkit.sender import Outgoing, Reply
from bot.devkit.signing import ON_TIME, Delivery, slack_headers
from bot.domain.practice import Practice
from bot.processes.web import create_wsgi
from bot.settings import load_settings
from bot.slack.ids import EVENTS_PATH
from bot.storage.sync import sync_practice

KINDS: dict[str, Callable[[Practice], traffic.Request]] = {
    "help": lambda practice: traffic.help_request,
    "quick": lambda practice: traffic.quick_write,
    "modal": lambda practice: traffic.modal_open,
    "form": traffic.form_submission,
    "claim": lambda practice: traffic.claim_press(),
}


class InProcessSender(traffic.StandInSender):
    """Sends each signed request straight into a WSGI application."""

    def __init__(self, app: Callable[..., Any], standin_url: str) -> None:
        super().__init__("http://in-process", p.SECRET, standin_url)
        self.app = app

    def send(self, request: Outgoing, delivery: Delivery = ON_TIME) -> Reply:
        headers = slack_headers(self.signing_secret, request.body, request.content_type, delivery)
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": EVENTS_PATH, "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "CONTENT_TYPE": request.content_type, "CONTENT_LENGTH": str(len(request.body)),
            "wsgi.input": io.BytesIO(request.body),
        } | {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}  # fmt: skip
        answer: dict[str, Any] = {}
        started = time.perf_counter()
        chunks = self.app(environ, lambda status, _headers: answer.update(status=status))
        text = b"".join(chunks).decode()
        elapsed = time.perf_counter() - started  # the answer is sent; what follows is after it
        getattr(chunks, "close", lambda: None)()
        return Reply(int(answer["status"].split()[0]), {}, text, elapsed, request)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    practice = load_practice(p.PRACTICE)
    with p.standin() as standin_url, p.database(args.db) as url:
        handoff = build(load_settings(p.app_env(url, standin_url, p.Layout(1, 8))))
        sync_practice(handoff.engine, practice, handoff.clock())
        slack = InProcessSender(create_wsgi(handoff), standin_url)
        request = KINDS[args.kind](practice)
        for _ in range(args.n + 20 if args.kind == "claim" else 0):
            traffic.quick_write(slack)  # a task for each press
        for _ in range(20):
            request(slack)  # warm up
        profiler = cProfile.Profile()
        plain = _timed(request, slack, args.n // 2)
        profiled = _timed(request, slack, args.n - args.n // 2, profiler)
        handoff.close()
    print(
        f"{args.kind} on {args.db}: p50 {plain[0]:.2f} ms, CPU {plain[1]:.2f} ms a request "
        f"({profiled[0]:.2f} ms profiled)"
    )
    profiler.dump_stats(f"/tmp/handoff-{args.kind}.prof")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


def _timed(
    request: traffic.Request,
    slack: InProcessSender,
    n: int,
    profiler: cProfile.Profile | None = None,
) -> tuple[float, float]:
    """The median wall time of `n` requests and their mean CPU time, in ms."""
    times, cpu = [], time.process_time()
    for _ in range(n):
        if profiler:
            profiler.enable()
        reply = request(slack)
        if profiler:
            profiler.disable()
        assert reply.status == 200, reply.text
        assert "saved nothing" not in reply.text, reply.text
        times.append(reply.elapsed)
    return statistics.median(times) * 1000, (time.process_time() - cpu) / n * 1000


if __name__ == "__main__":
    main()
