"""A throw-away local Prefect 3 server for tests, plus bounded CLI/subprocess helpers.

Everything listens on and talks to 127.0.0.1 only, with telemetry off and an isolated
``PREFECT_HOME`` (its own SQLite database, profiles and settings), so a test never touches the
developer's ``~/.prefect`` or a server configured in their shell. By default the server and
its clients also get a dead-end HTTP(S) proxy on 127.0.0.1 (see :func:`dead_end_proxy`), so
that anything Prefect tries to fetch from the internet fails at once, without a DNS query.

Usage::

    with prefect_server() as server:            # or the ``local_prefect_server`` fixture
        server.prefect("work-pool", "create", "nightwire", "--type", "process")
        with server.http() as api:
            api.get("/health").raise_for_status()

Processes are started in their own session (process group) and stopped with SIGTERM, then
SIGKILL, for the group *and* every descendant recorded by PID (Prefect puts flow-run
processes in process groups of their own), so nothing is left behind when a test fails or
times out.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest

LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT_S = 120.0
STOP_GRACE_S = 15.0
CLI_TIMEOUT_S = 120.0

# Settings for every Prefect process we start: offline, non-interactive, machine-readable.
_QUIET_ENV: dict[str, str] = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLI_PROMPT": "false",
    "PREFECT_CLI_COLORS": "false",
    "PREFECT_CLI_WRAP_LINES": "false",
    # Never `uv run`/install anything before a flow run (that would need the network).
    "PREFECT_RUNNER_AUTO_INSTALL_DEPENDENCIES": "false",
    "NO_COLOR": "1",
    # Loopback only, even if the caller's shell has an HTTP(S) proxy configured.
    "NO_PROXY": f"{LOOPBACK},localhost",
    "no_proxy": f"{LOOPBACK},localhost",
}
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def prefect_command() -> list[str]:
    """The ``prefect`` CLI of the interpreter running the tests (the project's venv)."""
    script = Path(sys.executable).with_name("prefect")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "prefect"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (the server binds it moments later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def isolated_env(
    home: Path, extra: Mapping[str, str] | None = None, *, proxy: str | None = None
) -> dict[str, str]:
    """The caller's environment minus any ``PREFECT_*``/proxy settings, pointed at ``home``.

    ``proxy`` (see :func:`dead_end_proxy`) becomes the HTTP(S) proxy for everything but
    127.0.0.1/localhost.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PREFECT_") and key not in _PROXY_VARS
    }
    env.update(_QUIET_ENV)
    if proxy:
        env.update(dict.fromkeys(_PROXY_VARS, proxy))
    env["PREFECT_HOME"] = str(home)
    env.update(extra or {})
    return env


@contextlib.contextmanager
def dead_end_proxy() -> Iterator[str]:
    """A proxy URL on 127.0.0.1 that refuses every connection, for as long as the block runs.

    The port is bound but never listened on, so a connection to it is refused at once. Used
    as HTTP(S)_PROXY it makes proxy-aware HTTP clients (httpx, requests, urllib) fail fast
    without resolving any name; notably ``prefect work-pool create`` makes the *server*
    fetch the worker catalogue from raw.githubusercontent.com, and falls back to the copy
    bundled with Prefect when that fails.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        yield f"http://{LOOPBACK}:{sock.getsockname()[1]}"


# --------------------------------------------------------------------------- processes


def start_process(
    args: Sequence[str], *, env: Mapping[str, str], cwd: Path, log_path: Path
) -> subprocess.Popen[bytes]:
    """Start ``args`` in a new session with stdout+stderr appended to ``log_path``."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        return subprocess.Popen(
            list(args),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        children: list[psutil.Process] = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []
    return children


def stop_process_tree(
    proc: subprocess.Popen[bytes],
    grace: float = STOP_GRACE_S,
    also: Iterable[psutil.Process] = (),
) -> None:
    """Stop ``proc``, its process group and all its descendants: SIGTERM, then SIGKILL.

    Descendants are recorded by PID (psutil also checks their start time, so a reused PID is
    never hit) before signalling, so children that moved to a process group of their own
    (Prefect's flow-run supervisor does) are stopped too; ``also`` adds processes recorded
    earlier, e.g. children already orphaned by a leader that has exited.
    """
    family = [*also, *_descendants(proc.pid)]
    if proc.poll() is None:
        _signal_group(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _signal_group(proc.pid, signal.SIGKILL)
            proc.wait(timeout=grace)
    # Whatever outlived the leader: terminate, then kill, by recorded PID.
    alive = [p for p in {*family, *_descendants(proc.pid)} if p.is_running()]
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, still_alive = psutil.wait_procs(alive, timeout=grace)
    for child in still_alive:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(still_alive, timeout=grace)


def run_bounded(
    args: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    log_path: Path,
    timeout: float = CLI_TIMEOUT_S,
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion, killing its whole tree if it exceeds ``timeout``.

    Output (stdout+stderr) goes to ``log_path`` and is returned as ``stdout``; a time-out
    raises ``subprocess.TimeoutExpired`` carrying that output. Descendants are recorded
    while it runs and any still alive at the end are stopped as well.
    """
    start = log_path.stat().st_size if log_path.exists() else 0
    proc = start_process(args, env=env, cwd=cwd, log_path=log_path)
    seen: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None:
            seen.update((child.pid, child) for child in _descendants(proc.pid))
            if time.monotonic() > deadline:
                stop_process_tree(proc, also=seen.values())
                raise subprocess.TimeoutExpired(
                    list(args), timeout, output=_read_from(log_path, start)
                )
            time.sleep(0.2)
    finally:
        stop_process_tree(proc, also=seen.values())  # no-op when nothing is left
    return subprocess.CompletedProcess(list(args), proc.returncode, _read_from(log_path, start), "")


def _read_from(path: Path, offset: int) -> str:
    with path.open("rb") as fh:
        fh.seek(offset)
        return fh.read().decode("utf-8", errors="replace")


def tail(path: Path, lines: int = 60) -> str:
    """Last ``lines`` lines of a log file, for assertion messages."""
    if not path.exists():
        return f"<{path} does not exist>"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --------------------------------------------------------------------------- the server


@dataclass(frozen=True)
class PrefectServer:
    """A running local server: its API URL and the isolated home its clients must share."""

    api_url: str  # e.g. http://127.0.0.1:4200/api
    home: Path
    log_path: Path
    pid: int
    proxy: str | None = None  # the dead-end proxy given to the server and its clients

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """Environment for a client process (CLI, worker, flow run) of this server."""
        return isolated_env(
            self.home, {"PREFECT_API_URL": self.api_url, **(extra or {})}, proxy=self.proxy
        )

    def prefect(
        self,
        *args: str,
        cwd: Path | None = None,
        extra_env: Mapping[str, str] | None = None,
        timeout: float = CLI_TIMEOUT_S,
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        """Run ``prefect <args>`` against this server (bounded); raise if it fails."""
        log_path = self.home / "cli.log"
        result = run_bounded(
            [*prefect_command(), *args],
            env=self.env(extra_env),
            cwd=cwd or self.home,
            log_path=log_path,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"`prefect {' '.join(args)}` exited {result.returncode}:\n{result.stdout}"
            )
        return result

    def http(self, timeout: float = 30.0) -> httpx.Client:
        """A REST client for the API (``trust_env=False``: never via a proxy)."""
        return httpx.Client(base_url=self.api_url, timeout=timeout, trust_env=False)


def _wait_healthy(
    proc: subprocess.Popen[bytes], api_url: str, log_path: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2.0, trust_env=False) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"prefect server exited with {proc.returncode} before becoming healthy:\n"
                    f"{tail(log_path)}"
                )
            with contextlib.suppress(httpx.HTTPError):
                if client.get(f"{api_url}/health").status_code == 200:
                    return
            time.sleep(0.25)
    raise TimeoutError(f"prefect server not healthy after {timeout:.0f}s:\n{tail(log_path)}")


@contextlib.contextmanager
def prefect_server(
    home: Path | None = None,
    *,
    port: int | None = None,
    scheduler: bool = True,
    ui: bool = False,
    startup_timeout: float = STARTUP_TIMEOUT_S,
    extra_env: Mapping[str, str] | None = None,
    offline: bool = True,
) -> Iterator[PrefectServer]:
    """Run ``prefect server start`` on 127.0.0.1 for the duration of the ``with`` block.

    ``home`` becomes ``PREFECT_HOME`` (a temporary directory, removed afterwards, when not
    given). The server is stopped, with its whole process tree, however the block exits.
    A port taken between :func:`free_port` and the server binding it is retried.
    ``offline`` gives the server and its clients a :func:`dead_end_proxy`, so that nothing
    they do goes (or even resolves a name) beyond 127.0.0.1.
    """
    with contextlib.ExitStack() as stack:
        if home is None:
            home = Path(
                stack.enter_context(
                    tempfile.TemporaryDirectory(prefix="prefect-home-", ignore_cleanup_errors=True)
                )
            )
        home.mkdir(parents=True, exist_ok=True)
        log_path = home / "server.log"
        proxy = stack.enter_context(dead_end_proxy()) if offline else None
        last_error: Exception | None = None
        for _attempt in range(3):
            chosen = port or free_port()
            api_url = f"http://{LOOPBACK}:{chosen}/api"
            env = isolated_env(
                home,
                {
                    "PREFECT_SERVER_API_HOST": LOOPBACK,
                    "PREFECT_SERVER_API_PORT": str(chosen),
                    "PREFECT_SERVER_UI_ENABLED": str(ui).lower(),
                    "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": str(scheduler).lower(),
                    **(extra_env or {}),
                },
                proxy=proxy,
            )
            proc = start_process(
                [*prefect_command(), "server", "start", "--host", LOOPBACK, "--port", str(chosen)],
                env=env,
                cwd=home,
                log_path=log_path,
            )
            stack.callback(stop_process_tree, proc)
            try:
                _wait_healthy(proc, api_url, log_path, startup_timeout)
            except RuntimeError as exc:  # exited early, e.g. the port was taken meanwhile
                last_error = exc
                if port is not None:
                    raise
                continue
            yield PrefectServer(
                api_url=api_url, home=home, log_path=log_path, pid=proc.pid, proxy=proxy
            )
            return
        raise RuntimeError("could not start a prefect server") from last_error


@pytest.fixture
def local_prefect_server(tmp_path: Path) -> Iterator[PrefectServer]:
    """Pytest fixture: a fresh server whose ``PREFECT_HOME`` lives in ``tmp_path``.

    Make it available with ``pytest_plugins = ["prefect_server"]`` in the root conftest.py,
    or use :func:`prefect_server` directly as a context manager.
    """
    with prefect_server(tmp_path / "prefect-home") as server:
        yield server
