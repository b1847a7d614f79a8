"""PostgreSQL and Redis servers of our own, on loopback, to stop, kill and restart.

The load benchmark's faults (bench/bench_load.py --faults) and the fault tests
(tests/faults) must never touch the servers other work shares, so each starts its own:
a PostgreSQL 15 cluster made with initdb in a temporary folder (run as the `postgres`
user when we are root, since PostgreSQL refuses to run as root) and a redis-server that
keeps nothing on disk. Plain functions over subprocesses; no Django.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("YINGDU_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    """Return once something accepts connections on 127.0.0.1:PORT."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing answers on port {port}")


# -- Redis ----------------------------------------------------------------------------------


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def start_redis(port: int) -> subprocess.Popen:
    """redis-server on 127.0.0.1:PORT that saves nothing (a cache: it comes back empty)."""
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", tempfile.gettempdir()],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for_port(port)
    return server


def stop_process(process: subprocess.Popen, seconds: float = 30) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=seconds)


# -- PostgreSQL -----------------------------------------------------------------------------


def postgres_available() -> bool:
    return (PG_BIN / "initdb").exists() and (os.geteuid() != 0 or shutil.which("runuser"))


@dataclass
class Postgres:
    folder: Path  # the cluster's data folder, owned by the user it runs as
    port: int
    max_connections: int = 100  # PostgreSQL's default

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


def _as_postgres(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _pg_ctl(cluster: Postgres, *args: str) -> None:
    options = f"-p {cluster.port} -k /tmp -c listen_addresses=127.0.0.1"
    options += f" -c max_connections={cluster.max_connections}"
    subprocess.run(
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(cluster.folder), "-o", options,
                      "-l", str(cluster.folder / "server.log"), "-w", "-t", "60", *args]),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def init_postgres(
    folder: Path | None = None, port: int | None = None, max_connections: int = 100
) -> Postgres:
    """A new PostgreSQL cluster (user postgres, trust on loopback), not yet started; in
    FOLDER (made anew) or a new temporary folder."""
    folder = Path(folder or tempfile.mkdtemp(prefix="yingdu-pg-"))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(mode=0o700, parents=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    subprocess.run(
        _as_postgres([str(PG_BIN / "initdb"), "-D", str(folder), "-U", "postgres",
                      "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return Postgres(folder=folder, port=port or free_port(), max_connections=max_connections)


def start_postgres(cluster: Postgres) -> None:
    _pg_ctl(cluster, "start")


def stop_postgres(cluster: Postgres, mode: str = "fast") -> None:
    """Stop the cluster; "fast" ends every connection, as a restart for an upgrade does."""
    _pg_ctl(cluster, "stop", "-m", mode)


def restart_postgres(cluster: Postgres) -> None:
    _pg_ctl(cluster, "restart", "-m", "fast")


def remove_postgres(cluster: Postgres) -> None:
    """Stop the cluster if it runs and delete its folder."""
    subprocess.run(
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(cluster.folder), "stop", "-m",
                      "immediate", "-w"]),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    shutil.rmtree(cluster.folder, ignore_errors=True)


def create_database(cluster: Postgres, name: str) -> str:
    """An empty database NAME in the cluster; its URL."""
    import psycopg

    with psycopg.connect(cluster.url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return cluster.database_url(name)


# -- gunicorn -------------------------------------------------------------------------------


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is PID (a gunicorn master's workers)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rpartition(")")[2].split()[1])
        if parent == pid:
            children.append(int(entry.name))
    return sorted(children)
