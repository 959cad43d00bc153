"""Private Redis and PostgreSQL servers that a fault test or bench/outages.py starts, stops and
freezes at will, on ports of their own (the shared servers on the default ports are left alone).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import redis


def free_port():
    """A loopback port nothing listens on now, so parallel runs never share a private server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds=15, what="the condition"):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds} s for {what}")
        time.sleep(0.05)


def running(pid):
    """Whether the process still runs: an exited one that nobody reaped yet (a zombie) has
    closed its sockets already."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


class PrivateRedis:
    def __init__(self, port, directory):
        self.port = port
        self.directory = Path(directory)
        self.pidfile = self.directory / f"redis-{port}.pid"
        self.url = f"redis://127.0.0.1:{port}/0"
        self.frozen = False

    @staticmethod
    def available():
        return shutil.which("redis-server") is not None

    def client(self):
        # Through a pool from the URL: a plain redis.Redis() retries a refused connection
        # for seconds.
        return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)

    def answers(self):
        try:
            with self.client() as client:
                return client.ping()
        except redis.RedisError:
            return False

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.answers():  # left running by an interrupted run on this private port
            self.stop()
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--dir",
                str(self.directory),
                "--pidfile",
                str(self.pidfile),
                "--logfile",
                str(self.directory / f"redis-{self.port}.log"),
            ],
            check=True,
        )
        wait_for(self.answers, what=f"Redis on port {self.port}")

    @property
    def pid(self):
        return int(self.pidfile.read_text())

    def stop(self):
        """Shut down without saving: it comes back empty, as a restarted cache server does."""
        if self.frozen:
            self.thaw()
        pid = self.pid
        try:
            with self.client() as client:
                client.shutdown(nosave=True)
        except redis.ConnectionError:
            pass  # the server closes the connection as it shuts down
        # Gone, not only deaf: it stops listening first and its clients' connections close
        # as the process exits.
        wait_for(lambda: not running(pid), what=f"Redis on port {self.port} to stop")

    def freeze(self):
        """Stopped by the kernel, with its port open: connections are accepted, never answered."""
        os.kill(self.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self):
        os.kill(self.pid, signal.SIGCONT)
        self.frozen = False


class PrivatePostgres:
    """A PostgreSQL cluster of its own under `directory`, run as the postgres user."""

    def __init__(self, port, directory):
        self.port = port
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.url = f"postgres://postgres@127.0.0.1:{port}"

    @staticmethod
    def binaries():
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        return found[-1].parent if found else None

    @classmethod
    def available(cls):
        return cls.binaries() is not None and shutil.which("runuser") is not None

    def as_postgres(self, *command):
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            check=True,
            capture_output=True,
            text=True,
        )

    def initialise(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        shutil.chown(self.directory, "postgres", "postgres")
        self.as_postgres(
            str(self.binaries() / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"
        )

    def start(self):
        self.as_postgres(
            str(self.binaries() / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            "-l",
            str(self.directory / "postgres.log"),
            "-w",
            "start",
        )

    def stop(self):
        self.as_postgres(
            str(self.binaries() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"
        )
