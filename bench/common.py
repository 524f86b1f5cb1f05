"""What every benchmark shares: servers in their own processes, a low-overhead HTTP/SSE
client on raw asyncio sockets, statistics and the table.

Nothing here imports flowsmith: the load client must cost the same whichever server it
drives, and the servers run in separate processes (``bench/servers.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVERS = str(ROOT / "bench" / "servers.py")
PG_URL = os.environ.get("BENCH_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/4")


# --- process set-up -------------------------------------------------------------------------


def bench_token_subject(authorization: str, secret: str) -> str | None:
    """The subject of an ``Authorization: Bearer`` HS256 token, or None: the one check
    both reference apps (the baseline and the FastAPI floor) make."""
    import jwt

    if not authorization.lower().startswith("bearer "):
        return None
    try:
        claims = jwt.decode(
            authorization[7:].strip(),
            secret,
            algorithms=["HS256"],
            audience="authenticated",
            options={"require": ["exp", "sub", "aud"]},
        )
    except jwt.PyJWTError:
        return None
    return str(claims["sub"])


def raise_nofile() -> int:
    """Lift the soft fd limit to the hard one (10,000 listeners need it on both sides)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def use_uvloop() -> None:
    with contextlib.suppress(ImportError):
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Backend:
    """Where flowsmith keeps its state: embedded defaults, or Postgres + Redis."""

    name: str
    env: dict[str, str]
    schema: str | None = None

    @classmethod
    def embedded(cls, data_dir: Path) -> Backend:
        return cls("embedded", {"FLOWSMITH_DATA_DIR": str(data_dir)})

    @classmethod
    def postgres_redis(cls, data_dir: Path) -> Backend:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        env = {
            "FLOWSMITH_DATA_DIR": str(data_dir),
            "DATABASE_URL": PG_URL,
            "FLOWSMITH_DB_SCHEMA": schema,
            "REDIS_URL": REDIS_URL,
        }
        return cls("pg+redis", env, schema)

    def cleanup(self) -> None:
        if self.schema is not None:
            drop_schema(self.schema)
        if "REDIS_URL" in self.env:
            flush_redis(self.env["REDIS_URL"])


def drop_schema(schema: str) -> None:
    code = (
        "import asyncio, asyncpg\n"
        "async def main():\n"
        f"    c = await asyncpg.connect({_plain_pg(PG_URL)!r})\n"
        f"    await c.execute('DROP SCHEMA IF EXISTS {schema} CASCADE')\n"
        "    await c.close()\n"
        "asyncio.run(main())\n"
    )
    subprocess.run([PYTHON, "-c", code], check=False, capture_output=True, timeout=60)


def flush_redis(url: str) -> None:
    code = f"import redis; redis.Redis.from_url({url!r}).flushdb()"
    subprocess.run([PYTHON, "-c", code], check=False, capture_output=True, timeout=60)


def _plain_pg(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


class Server:
    """A server in its own process: ``bench/servers.py <kind>`` on a free port."""

    def __init__(
        self, kind: str, env: dict[str, str] | None = None, log_dir: Path | None = None
    ) -> None:
        self.kind = kind
        self.port = free_port()
        self.host = "127.0.0.1"
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("FLOWSMITH_", "SUPABASE_", "DATABASE_URL", "REDIS_URL"))
        }
        self.env = {**base, **(env or {}), "FLOWSMITH_PORT": str(self.port)}
        log_dir = log_dir or Path("/tmp")
        self.log_path = log_dir / f"{kind}-{self.port}.log"
        self._log = self.log_path.open("wb")
        # the machine is shared: a database restarted by someone else's test is waited out
        for attempt in range(4):
            self.proc = subprocess.Popen(
                [PYTHON, SERVERS, kind, "--port", str(self.port)],
                env=self.env,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                cwd=str(ROOT),
            )
            try:
                self._wait_ready()
                return
            except RuntimeError:
                if attempt == 3 or "refused" not in self.log_tail().lower():
                    raise
                print(f"  ({kind} could not reach its database; retrying)", file=sys.stderr)
                time.sleep(10)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} server died:\n{self.log_tail()}")
            try:
                status, _ = asyncio.run(simple_request(self.host, self.port, "GET", "/healthz"))
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.kind} server did not start:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def run_client(fn: Callable[..., Any], *args: Any) -> Any:
    """Run ``fn(*args)`` in a fresh process (the load client) and return its result.

    The client process is this file's interpreter running ``bench/client_main.py``, handed
    the function by module and name, its arguments and its result as JSON.
    """
    spec = {"module": fn.__module__, "name": fn.__name__, "args": list(args)}
    proc = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "client_main.py")],
        input=json.dumps(spec).encode(),
        capture_output=True,
        cwd=str(ROOT),
        timeout=900,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"load client failed:\n{proc.stderr.decode(errors='replace')[-4000:]}")
    return json.loads(proc.stdout.decode().strip().splitlines()[-1])


# --- the client ------------------------------------------------------------------------------


class Handler:
    """Receives one response: head, then body pieces (chunks as they arrive)."""

    status = 0

    def on_head(self, status: int, headers: dict[str, str], now: float) -> None:
        self.status = status

    def on_data(self, data: bytes, now: float) -> None:
        pass


class SSEHandler(Handler):
    """Splits a ``text/event-stream`` body into events and comments, with arrival times."""

    def __init__(
        self,
        on_event: Callable[[str | None, bytes, float], None] | None = None,
        on_comment: Callable[[float], None] | None = None,
    ) -> None:
        self._buf = b""
        self._on_event = on_event
        self._on_comment = on_comment

    def on_data(self, data: bytes, now: float) -> None:
        buf = self._buf + data
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                break
            block, buf = buf[:end], buf[end + 4 :]
            if block.startswith(b":"):
                if self._on_comment:
                    self._on_comment(now)
                continue
            event_id, payload = None, b""
            for line in block.split(b"\r\n"):
                if line.startswith(b"data: "):
                    payload = line[6:] if not payload else payload + b"\n" + line[6:]
                elif line.startswith(b"id: "):
                    event_id = line[4:].decode()
            if self._on_event:
                self._on_event(event_id, payload, now)
        self._buf = buf


class BodyHandler(Handler):
    def __init__(self) -> None:
        self.body = b""

    def on_data(self, data: bytes, now: float) -> None:
        self.body += data


class HttpConn(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection, one request at a time, body streamed to a handler."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._buf = bytearray()
        self._state = "idle"
        self._remaining = 0
        self._handler: Handler = Handler()
        self._done: asyncio.Future[Handler] | None = None
        self.closed = False
        self.close_after = False

    @classmethod
    async def open(cls, host: str, port: int) -> HttpConn:
        loop = asyncio.get_running_loop()
        _, proto = await loop.create_connection(cls, host, port)
        return proto

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        handler: Handler | None = None,
    ) -> asyncio.Future[Handler]:
        assert self.transport is not None and self._state == "idle"
        self._handler = handler or BodyHandler()
        self._done = asyncio.get_running_loop().create_future()
        self._state = "head"
        self.transport.write(encode_request(method, path, headers, body))
        return self._done

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        now = time.time()
        self._buf += data
        self._parse(now)

    def _parse(self, now: float) -> None:
        buf = self._buf
        while True:
            state = self._state
            if state == "head":
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    return
                head = bytes(buf[:end]).decode("latin-1").split("\r\n")
                del buf[: end + 4]
                status = int(head[0].split(" ", 2)[1])
                headers = {}
                for line in head[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                self._handler.on_head(status, headers, now)
                self.close_after = headers.get("connection", "").lower() == "close"
                if headers.get("transfer-encoding", "").lower() == "chunked":
                    self._state = "size"
                elif status in (204, 304) or "content-length" not in headers:
                    if status in (204, 304):
                        self._finish()
                        continue
                    self._state = "until-close"
                else:
                    self._remaining = int(headers["content-length"])
                    self._state = "body"
            elif state == "size":
                end = buf.find(b"\r\n")
                if end < 0:
                    return
                size = int(bytes(buf[:end]).split(b";")[0], 16)
                del buf[: end + 2]
                if size == 0:
                    self._state = "trailer"
                else:
                    self._remaining = size
                    self._state = "chunk"
            elif state == "chunk":
                if len(buf) < self._remaining + 2:
                    return
                data = bytes(buf[: self._remaining])
                del buf[: self._remaining + 2]
                self._state = "size"
                self._handler.on_data(data, now)
            elif state == "trailer":
                end = buf.find(b"\r\n")
                if end < 0:
                    return
                del buf[: end + 2]
                if end == 0:
                    self._finish()
            elif state == "body":
                if len(buf) < self._remaining:
                    return
                data = bytes(buf[: self._remaining])
                del buf[: self._remaining]
                self._handler.on_data(data, now)
                self._finish()
            elif state == "until-close":
                if buf:
                    self._handler.on_data(bytes(buf), now)
                    del buf[:]
                return
            else:  # idle: stray bytes
                return

    def _finish(self) -> None:
        self._state = "idle"
        if self._done is not None and not self._done.done():
            self._done.set_result(self._handler)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._state == "until-close":
            self._finish()
        elif self._done is not None and not self._done.done():
            self._done.set_exception(ConnectionError(f"connection lost in state {self._state}"))


def encode_request(
    method: str, path: str, headers: dict[str, str] | None, body: bytes | None
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


async def simple_request(
    host: str,
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 10.0,  # noqa: ASYNC109 - one deadline for connect and response
) -> tuple[int, bytes]:
    conn = await asyncio.wait_for(HttpConn.open(host, port), timeout)
    try:
        handler = await asyncio.wait_for(conn.request(method, path, headers, body), timeout)
        assert isinstance(handler, BodyHandler)
        return handler.status, handler.body
    finally:
        conn.close()


def json_headers(token: str | None) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


# --- statistics and the table ---------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass
class Row:
    bench: str
    metric: str
    flowsmith: str
    baseline: str
    ratio: str
    target: str
    ok: bool | None

    def cells(self) -> list[str]:
        verdict = "" if self.ok is None else ("met" if self.ok else "MISSED")
        return [
            self.bench,
            self.metric,
            self.flowsmith,
            self.baseline,
            self.ratio,
            self.target,
            verdict,
        ]


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args: Any) -> None:
        self.rows.append(Row(*args))

    def render(self) -> str:
        header = ["bench", "metric", "flowsmith", "baseline", "ratio/diff", "target", ""]
        rows = [header] + [r.cells() for r in self.rows]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]

        def line(cells: list[str]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        out = [f"### {self.title}", "", line(header)]
        out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        out += [line(r) for r in rows[1:]]
        if self.notes:
            out.append("")
            out += [f"- {n}" for n in self.notes]
        return "\n".join(out)


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def fmt_kib(kib: float) -> str:
    return f"{kib:.1f} KiB"


@contextlib.contextmanager
def timer(label: str) -> Iterator[None]:
    started = time.monotonic()
    print(f"  … {label}", file=sys.stderr, flush=True)
    try:
        yield
    finally:
        print(f"    {label}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
