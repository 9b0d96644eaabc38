"""Running the real `bot` processes in tests: their settings, starting them, waiting on them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bot.devkit.standin import SlackStandIn
from tests.support import PRACTICE_FILE, SIGNING_SECRET

ROOT = Path(__file__).resolve().parents[1]
BOT = Path(sys.executable).with_name("bot")
SETTINGS_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "PRACTICE_CONFIG",
    "PORT",
    "LOG_LEVEL",
    "WEB_CONCURRENCY",
    "WEB_THREADS",
)


def process_env(
    standin: SlackStandIn, database_url: str, home: Path, **extra: str
) -> dict[str, str]:
    """Settings for a child process; HOME is a temp folder since gunicorn (>= 25.1) puts its
    control socket at $HOME/.gunicorn/gunicorn.ctl (or $XDG_RUNTIME_DIR) by default."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.pop("XDG_RUNTIME_DIR", None)
    return env | {
        "HOME": str(home),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": standin.url,
        "DATABASE_URL": database_url,
        "PRACTICE_CONFIG": str(without_digests(home)),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def without_digests(home: Path) -> Path:
    """The test practice minus its digests: processes keep real time, and a digest due at this
    hour of the real day would land among the messages a test counts."""
    text = PRACTICE_FILE.read_text(encoding="utf-8").split("\ndigests:")[0]
    path = home / "practice.yml"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(
            [str(BOT), *args], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def healthz(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None
