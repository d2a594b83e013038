"""The load side of the web benchmark: the server process, the HTTP clients, latency statistics.

`bench_web.py` decides what to measure and writes the report; this module starts
`newsweave serve`, drives it with many concurrent keep-alive clients (a light
asyncio client that writes HTTP/1.1 by hand, or httpx threads for comparison) and
records each request's latency.
"""

from __future__ import annotations

import asyncio
import math
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from bench_common import REPO_ROOT, median

NEWSWEAVE = Path(sys.executable).with_name("newsweave")  # the console script beside this interpreter
HOST = "127.0.0.1"
REQUEST_TIMEOUT_S = 60.0
START_TIMEOUT_S = 120.0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- statistics


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class LevelResult:
    """One endpoint at one number of clients."""

    endpoint: str
    clients: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_examples: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    stopped_by_deadline: bool = False

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.wall_s if self.wall_s else 0.0

    def figure(self, fraction: float) -> float:
        return median(self.latencies_ms) if fraction == 0.5 else percentile(self.latencies_ms, fraction)

    def error(self, text: str) -> None:
        self.errors += 1
        if len(self.error_examples) < 3:
            self.error_examples.append(text)


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """`newsweave serve` in a process of its own, with its log in the work folder."""

    def __init__(self, db: Path | str, workdir: Path) -> None:  # a database file, or a postgresql:// URL
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log_path = workdir / "server.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(NEWSWEAVE), "serve", "--db", str(db), "--host", HOST, "--port", str(self.port)],
            cwd=REPO_ROOT, stdout=self._log, stderr=subprocess.STDOUT,
            env={k: v for k, v in os.environ.items() if k != "NEWSWEAVE_TOKEN"},  # read-only, as a reader's server
        )

    def wait_ready(self) -> float:
        """Seconds from start until the server answers."""
        deadline = self.started + START_TIMEOUT_S
        with httpx.Client(timeout=5) as client:
            while time.perf_counter() < deadline:
                if self.process.poll() is not None:
                    raise SystemExit(f"the server exited with status {self.process.returncode}:\n{self.tail()}")
                try:
                    if client.get(f"{self.base}/openapi.json").status_code == 200:
                        return time.perf_counter() - self.started
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
        raise SystemExit(f"the server did not answer within {START_TIMEOUT_S:.0f} s:\n{self.tail()}")

    def proc(self, name: str) -> str:
        return Path(f"/proc/{self.process.pid}/{name}").read_text()

    def cpu_seconds(self) -> float:
        """User plus system CPU time of the server process so far (all its threads)."""
        fields = self.proc("stat").rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory_mib(self, key: str) -> float:
        """VmRSS or VmHWM (peak resident set) of the server, MiB."""
        for line in self.proc("status").splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) / 1024
        return math.nan

    def threads(self) -> int:
        for line in self.proc("status").splitlines():
            if line.startswith("Threads:"):
                return int(line.split()[1])
        return 0

    def tail(self, lines: int = 30) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Ask for a clean shutdown (as Ctrl-C does), then insist."""
        if self.process.poll() is None:
            self.process.send_signal(2)  # SIGINT: uvicorn finishes the lifespan, the store is closed
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


# --------------------------------------------------------------------------- load generators


class RawClient:
    """One keep-alive HTTP/1.1 connection, written by hand over asyncio streams.

    The load generator shares the two cores with the server, so its own cost per request
    is kept small: no HTTP library, one event loop, no threads.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        """Status and body of GET `path`; once more on a new connection if an idle one was closed meanwhile."""
        reused = self.writer is not None
        try:
            return await self._get(path)
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            nothing_read = not isinstance(error, asyncio.IncompleteReadError) or not error.partial
            if not (reused and nothing_read):
                raise
            await self.close()
            return await self._get(path)

    async def _get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\nAccept: */*\r\n"
            "User-Agent: newsweave-bench-web\r\n\r\n".encode("ascii")
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        version, status_text = lines[0].split(" ", 2)[:2]
        status = int(status_text)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            body = b"".join(parts)
        else:
            body = await self.reader.read()
            headers["connection"] = "close"
        keep_alive = "keep-alive" if version == "HTTP/1.1" else "close"
        if headers.get("connection", keep_alive).lower() == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


def run_raw(
    port: int, paths: Sequence[str], sizes: dict[str, int], clients: int, total: int, warmup: int, deadline_s: float,
    result: LevelResult,
) -> None:
    """`clients` connections in one event loop; together they make `total` measured requests."""

    async def main() -> None:
        connections = [RawClient(port) for _ in range(clients)]
        remaining = [total]
        go = asyncio.Event()
        phase_end = [0.0]

        async def one(client: RawClient, path: str, record: bool) -> None:
            started = time.perf_counter()
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT_S):
                    status, body = await client.get(path)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError) as error:
                await client.close()
                if record:
                    result.error(f"{path}: {type(error).__name__}: {error}")
                return
            elapsed_ms = (time.perf_counter() - started) * 1000
            if not record:
                return
            if status != 200 or not body or len(body) != sizes.get(path, len(body)):
                result.error(f"{path}: status {status}, {len(body)} bytes (expected {sizes.get(path, 'any')})")
            else:
                result.latencies_ms.append(elapsed_ms)

        async def worker(number: int, client: RawClient, warmed: asyncio.Event) -> None:
            turn = number  # clients start at different stories
            for _ in range(warmup):
                await one(client, paths[turn % len(paths)], record=False)
                turn += 1
            warmed.set()
            await go.wait()
            while remaining[0] > 0 and time.perf_counter() < phase_end[0]:
                remaining[0] -= 1
                await one(client, paths[turn % len(paths)], record=True)
                turn += 1

        warm_flags = [asyncio.Event() for _ in connections]
        tasks = [asyncio.create_task(worker(i, c, warm_flags[i])) for i, c in enumerate(connections)]
        await asyncio.gather(*(flag.wait() for flag in warm_flags))
        started = time.perf_counter()
        phase_end[0] = started + deadline_s
        go.set()
        await asyncio.gather(*tasks)
        result.wall_s = time.perf_counter() - started
        result.stopped_by_deadline = remaining[0] > 0
        for client in connections:
            await client.close()

    asyncio.run(main())


def run_httpx(
    port: int, paths: Sequence[str], sizes: dict[str, int], clients: int, total: int, warmup: int, deadline_s: float,
    result: LevelResult,
) -> None:
    """`clients` threads, each with its own httpx.Client (one keep-alive connection)."""
    base = f"http://{HOST}:{port}"
    lock = threading.Lock()
    remaining = [total]
    ready = threading.Barrier(clients + 1)
    go = threading.Event()
    phase_end = [0.0]

    def worker(number: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
            turn = number
            for _ in range(warmup):
                try:
                    client.get(paths[turn % len(paths)])
                except httpx.HTTPError:
                    pass
                turn += 1
            ready.wait()
            go.wait()
            while True:
                with lock:
                    if remaining[0] <= 0 or time.perf_counter() >= phase_end[0]:
                        return
                    remaining[0] -= 1
                path = paths[turn % len(paths)]
                turn += 1
                started = time.perf_counter()
                try:
                    answer = client.get(path)
                    body = answer.content
                except httpx.HTTPError as error:
                    with lock:
                        result.error(f"{path}: {type(error).__name__}: {error}")
                    continue
                elapsed_ms = (time.perf_counter() - started) * 1000
                with lock:
                    if answer.status_code != 200 or not body or len(body) != sizes.get(path, len(body)):
                        result.error(f"{path}: status {answer.status_code}, {len(body)} bytes "
                                     f"(expected {sizes.get(path, 'any')})")
                    else:
                        result.latencies_ms.append(elapsed_ms)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
    phase_end[0] = started + deadline_s
    go.set()
    for thread in threads:
        thread.join()
    result.wall_s = time.perf_counter() - started
    result.stopped_by_deadline = remaining[0] > 0


RUNNERS: dict[str, Callable[..., None]] = {"raw": run_raw, "httpx": run_httpx}


def measure(
    server: Server, runner: str, endpoint: str, paths: Sequence[str], sizes: dict[str, int], clients: int, total: int,
    warmup: int, deadline_s: float,
) -> LevelResult:
    """One endpoint at one level; `sizes` holds the body length each path must answer with (when known)."""
    result = LevelResult(endpoint, clients)
    server_cpu = server.cpu_seconds()
    client_cpu = _own_cpu()
    RUNNERS[runner](server.port, paths, sizes, clients, total, warmup, deadline_s, result)
    result.server_cpu_s = server.cpu_seconds() - server_cpu
    result.client_cpu_s = _own_cpu() - client_cpu
    note = " (stopped by the time limit)" if result.stopped_by_deadline else ""
    log(
        f"{endpoint:<18} {clients:>3} clients: {result.requests:,} requests in {result.wall_s:.1f} s, "
        f"median {result.figure(0.5):.1f} ms, p95 {result.figure(0.95):.1f} ms, p99 {result.figure(0.99):.1f} ms, "
        f"{result.throughput:.0f}/s, errors {result.errors}{note}"
    )
    for example in result.error_examples:
        log(f"    error: {example}")
    return result


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
