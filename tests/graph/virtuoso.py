"""A private Virtuoso Open Source server for the tests: configure, start, stop.

Uses Debian's ``virtuoso-opensource`` package, which must already be installed (the tests never
install it: see :func:`require`). The server gets its own database, temp database and loopback
ports in a temporary folder, runs in the foreground as our child process, and is stopped at the
end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx

CANDIDATES = ("/usr/bin/virtuoso-t", "/usr/lib/virtuoso-opensource-7/bin/virtuoso-t")
ISQL = ("/usr/bin/isql-vt", "/usr/lib/virtuoso-opensource-7/bin/isql")
VAD_DIR = "/usr/share/virtuoso-opensource-7/vad"
PLUGINS = "/usr/lib/x86_64-linux-gnu/virtuoso-opensource-7/hosting"

INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
AllowOSCalls             = 0
DirsAllowed              = ., {d}, {vad}
VADInstallDir            = {vad}/
NumberOfBuffers          = 20000
MaxDirtyBuffers          = 15000
MaxQueryMem              = 512M
ThreadsPerQuery          = 2

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {d}/vsp
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
Charset                     = UTF-8
EnabledGzipContent          = 0

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 300
"""


def find_binary(names=CANDIDATES) -> str | None:
    for name in names:
        if os.path.exists(name):
            return name
    return shutil.which(os.path.basename(names[0]))


INSTALL_COMMAND = "sudo apt-get install virtuoso-opensource"


def require() -> str:
    """The path of ``virtuoso-t``; a RuntimeError naming the install command when it is missing.

    The tests never install system packages themselves: CI installs the server first
    (``.ci/system-packages``), and a developer installs it once with the command in the error.
    """
    binary = find_binary()
    if not binary:
        raise RuntimeError(
            f"the Virtuoso server is not installed (install it with "
            f"`{INSTALL_COMMAND}` or `bash .ci/system-packages`)"
        )
    return binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    """One private server. ``start()`` then ``stop()``; URLs in ``query_url`` and ``auth_url``."""

    user, password = "dba", "dba"

    def __init__(self, workdir: Path) -> None:
        self.dir = Path(workdir)
        self.sql_port, self.http_port = free_port(), free_port()
        self.proc: subprocess.Popen | None = None
        self.start_seconds = 0.0

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def auth_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def spec(self, auth: bool = True) -> str:
        if auth:
            return (
                f"sparql:http://{self.user}:{self.password}@127.0.0.1:{self.http_port}/sparql-auth"
            )
        return f"sparql:{self.query_url}"

    def start(self, timeout: float = 180.0) -> None:
        binary = find_binary()
        if not binary:
            raise RuntimeError("virtuoso-t not found")
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "vsp").mkdir(exist_ok=True)
        ini = self.dir / "virtuoso.ini"
        ini.write_text(
            INI.format(d=self.dir, sql_port=self.sql_port, http_port=self.http_port, vad=VAD_DIR)
        )
        started = time.perf_counter()
        self.log = open(self.dir / "stdout.log", "wb")
        self.proc = subprocess.Popen(
            [binary, "+configfile", str(ini), "+foreground"],
            cwd=self.dir,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited ({self.proc.returncode}): {self.tail()}")
            try:
                r = httpx.get(
                    self.query_url,
                    params={"query": "ASK {}"},
                    headers={"Accept": "application/sparql-results+json"},
                    timeout=5,
                )
                if r.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            self.stop()
            raise RuntimeError(f"virtuoso did not answer within {timeout}s: {self.tail()}")
        self.start_seconds = time.perf_counter() - started
        # the anonymous /sparql endpoint may update too (the tests use both endpoints)
        self.isql(
            'GRANT SPARQL_UPDATE TO "SPARQL";', "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
        )

    def isql(self, *statements: str) -> str:
        binary = find_binary(ISQL)
        if not binary:
            raise RuntimeError("isql-vt not found")
        script = "\n".join(statements) + "\n"
        run = subprocess.run(
            [binary, f"127.0.0.1:{self.sql_port}", self.user, self.password],
            input=script,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if run.returncode != 0 or "*** Error" in run.stdout:
            raise RuntimeError(f"isql failed: {run.stdout}{run.stderr}")
        return run.stdout

    def tail(self, n: int = 2000) -> str:
        log = self.dir / "virtuoso.log"
        return log.read_text(errors="replace")[-n:] if log.exists() else ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.isql("shutdown();")
        except (RuntimeError, subprocess.TimeoutExpired):
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()
