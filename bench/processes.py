"""The processes a bench run drives: the Slack stand-in, the servers, the worker, databases."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bot.storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "tests" / "fixtures" / "practice.yml"
SECRET = "BenchSigningSecret0123456789abcd"
PG_ADMIN = os.environ.get("HANDOFF_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
BIN = Path(sys.executable).parent
STANDIN = (
    "import time\n"
    "from bot.devkit.standin import SlackStandIn\n"
    "standin = SlackStandIn(strict=False).start()\n"
    "print(standin.url, flush=True)\n"
    "time.sleep(86400)\n"
)


@dataclass(frozen=True)
class Layout:
    """gunicorn processes x threads per process."""

    processes: int
    threads: int

    def __str__(self) -> str:
        return f"{self.processes}x{self.threads}"


@contextmanager
def standin() -> Iterator[str]:
    """The Slack stand-in in a process of its own (its checks off); yields its API URL."""
    with standin_process() as running_standin:
        yield running_standin.url


@dataclass(frozen=True)
class StandIn:
    url: str  # its Web API base
    pid: int  # to read the CPU time Slack's side of a request costs


@contextmanager
def standin_process() -> Iterator[StandIn]:
    """The stand-in in a process of its own, with its process id."""
    process = subprocess.Popen([sys.executable, "-c", STANDIN], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield StandIn(process.stdout.readline().strip(), process.pid)
    finally:
        process.kill()
        process.wait()


@contextmanager
def database(kind: str) -> Iterator[str]:
    """A fresh, migrated database: a temporary SQLite file or a throwaway PostgreSQL database."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            upgrade(url)
            yield url
        return
    name = f"handoff_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
        upgrade(f"{url}/{name}")
        yield f"{url}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_env(database_url: str, standin_url: str, layout: Layout) -> dict[str, str]:
    """Handoff's settings for a bench run: outbox pacing off so the cards keep flowing."""
    return os.environ | {
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": standin_url,
        "DATABASE_URL": database_url,
        "PRACTICE_CONFIG": str(PRACTICE),
        "WEB_CONCURRENCY": str(layout.processes),
        "WEB_THREADS": str(layout.threads),
        "HANDOFF_OUTBOX_PACE_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def handoff(env: dict[str, str]) -> Iterator[Server]:
    """`bot serve` on a free loopback port, with `bot worker` beside it as in the Procfile."""
    port = free_port()
    env = env | {"PORT": str(port)}
    serve = [str(BIN / "bot"), "serve", "--host", "127.0.0.1"]
    with running(serve, env) as web, running([str(BIN / "bot"), "worker"], env) as worker:
        yield Server(f"http://127.0.0.1:{port}", web, worker)


@contextmanager
def bare(app: str, layout: Layout, standin_url: str) -> Iterator[Server]:
    """The bare Bolt app `app` (`inline` or `threaded`) under the same gunicorn worker class."""
    with gunicorn(f"bench.bare:{app}", layout, standin_url, {}) as server:
        yield server


@contextmanager
def floor(layout: Layout, standin_url: str, database_url: str) -> Iterator[Server]:
    """`bench.floor` (a delegation's job, and a modal after the ack), served as bare Bolt is."""
    with gunicorn("bench.floor:app", layout, standin_url, {"DATABASE_URL": database_url}) as server:
        yield server


@contextmanager
def gunicorn(
    target: str, layout: Layout, standin_url: str, env: dict[str, str]
) -> Iterator[Server]:
    """A bench app under Handoff's gunicorn worker class and `layout`; no worker beside it."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", target, "--bind", f"127.0.0.1:{port}",
        "--worker-class", "bot.processes.serve.ReadBoundedWorker", "--workers",
        str(layout.processes), "--threads", str(layout.threads), "--log-level", "warning",
    ]  # fmt: skip
    settings = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": standin_url}
    with running(command, os.environ | settings | env) as web:
        yield Server(f"http://127.0.0.1:{port}", web, None)


@dataclass(frozen=True)
class Server:
    url: str
    web: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes] | None

    @property
    def events_url(self) -> str:
        return self.url + "/slack/events"

    def wait_up(self) -> None:
        """Until the app answers on its port (any HTTP status will do)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1).close()
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"{self.url} did not come up")

    def web_peak_rss_mb(self) -> float:
        """The largest peak RSS among the gunicorn worker processes (the master serves none)."""
        return max((peak_rss_mb(pid) for pid in children(self.web.pid)), default=0.0)

    def worker_peak_rss_mb(self) -> float:
        return peak_rss_mb(self.worker.pid) if self.worker else 0.0


@contextmanager
def running(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a live process, all its threads (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine (its backends come and go)."""
    return [
        int(entry.parent.name)
        for entry in Path("/proc").glob("[0-9]*/comm")
        if _read(entry).strip() == "postgres"
    ]


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # the process ended meanwhile
        return ""


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a live process, in MiB (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1]) / 1024
