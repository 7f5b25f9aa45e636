"""A small EDGAR replica on 127.0.0.1 for the fetch tests and benchmark, able to misbehave.

It serves, under one base URL, the paths of the SEC's servers: ``/files/company_tickers.json``,
``/submissions/CIK##########.json`` (the newest ``recent`` filings; older ones in a ``files``
page), ``/Archives/edgar/full-index/YYYY/QTRn/master.idx`` and the complete submission files
``/Archives/edgar/data/<cik>/<accession without dashes>/<accession>.txt``. Every request is
logged with its arrival time. Requests without a User-Agent naming a contact get 403, as at
the SEC. :meth:`EdgarReplica.misbehave` makes the next requests to a path answer 429 with
``Retry-After``, 503, slowly, cut mid-body, as HTML, or trickle their body.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_SGML_NAME = re.compile(r"^(\d{10})_(\d{4}-\d{2}-\d{2})_(\d{10}-\d{2}-\d{6})\.txt$")


@dataclass(frozen=True)
class ReplicaFiling:
    """A filing the replica lists; ``body`` None means listed but not served (e.g. a 10-K)."""

    cik: str  # ten digits
    accession: str
    form: str
    filed: str  # YYYY-MM-DD
    items: tuple[str, ...] = ()
    company: str = ""
    body: bytes | None = None

    @property
    def archive_path(self) -> str:
        return (
            f"/Archives/edgar/data/{int(self.cik)}/{self.accession.replace('-', '')}/"
            f"{self.accession}.txt"
        )


def filings_from_folder(
    folder: Path, limit_per_company: int | None = None, ciks: set[str] | None = None
) -> list[ReplicaFiling]:
    """The SGML full submissions of a corpus folder (``<cik>_<date>_<accession>.txt``), with
    form, company and items from the ``MANIFEST.csv`` beside or above it (of ``ciks`` only,
    when given)."""
    manifest = next(
        (p for p in (folder / "MANIFEST.csv", folder.parent / "MANIFEST.csv") if p.is_file()), None
    )
    rows = {}
    if manifest:
        for row in csv.DictReader(manifest.open(encoding="utf-8")):
            rows[row["file"].rsplit("/", 1)[-1]] = row
    out: list[ReplicaFiling] = []
    per_company: dict[str, int] = {}
    for path in sorted(folder.iterdir()):
        m = _SGML_NAME.match(path.name)
        row = rows.get(path.name)
        if not m or not row or not row["form"].startswith("8-K"):
            continue
        if ciks is not None and m.group(1) not in ciks:
            continue
        if limit_per_company and per_company.get(m.group(1), 0) >= limit_per_company:
            continue
        per_company[m.group(1)] = per_company.get(m.group(1), 0) + 1
        items = tuple(i for i in row["items"].split(";") if i)
        out.append(
            ReplicaFiling(
                m.group(1),
                m.group(3),
                row["form"],
                m.group(2),
                items,
                row["company"],
                path.read_bytes(),
            )
        )
    return out


def synthetic_copies(
    template: ReplicaFiling, count: int, first_day: str = "2020-01-02", cik: str | None = None
) -> list[ReplicaFiling]:
    """``count`` copies of ``template`` under new accession numbers, one a day from
    ``first_day`` (the body's accession lines are rewritten to match)."""
    cik = cik or template.cik
    start = dt.date.fromisoformat(first_day)
    copies = []
    for n in range(count):
        accession = f"{cik}-{(start.year % 100):02d}-{900000 + n:06d}"
        body = (template.body or b"").replace(template.accession.encode(), accession.encode())
        copies.append(
            replace(
                template,
                cik=cik,
                accession=accession,
                filed=(start + dt.timedelta(days=n)).isoformat(),
                body=body,
            )
        )
    return copies


def listed_only(
    cik: str, form: str, filed: str, n: int, company: str = "", items: tuple[str, ...] = ()
) -> ReplicaFiling:
    """A filing listed in the indexes but with no file (requests for it are a test failure)."""
    return ReplicaFiling(cik, f"{cik}-{filed[2:4]}-{800000 + n:06d}", form, filed, items, company)


@dataclass
class LogEntry:
    time: float  # time.monotonic() at arrival
    path: str
    agent: str
    status: int = 0


@dataclass
class _Rule:
    fragment: str
    kind: str
    times: int
    seconds: float


@dataclass
class EdgarReplica:
    """The replica server: ``with EdgarReplica(filings, {"ADBE": "0000796343"}) as r: r.url``."""

    filings: list[ReplicaFiling]
    tickers: dict[str, str] = field(default_factory=dict)
    recent: int = 2  # filings per company in ``filings.recent``; older ones in a files page
    latency: float = 0.0  # seconds every answer waits (a far server), misbehaviour aside
    log: list[LogEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self._routes = self._build_routes()
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------ control

    def start(self) -> EdgarReplica:
        replica = self

        class Handler(_Handler):
            owner = replica

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> EdgarReplica:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def misbehave(self, fragment: str, kind: str, times: int = 1, seconds: float = 1.0) -> None:
        """The next ``times`` requests whose path contains ``fragment`` answer with ``kind``:
        ``429`` (Retry-After: ``seconds``), ``503``, ``slow`` (wait ``seconds`` first),
        ``cut`` (half the body, then the connection closes), ``html`` (an HTML page, 200),
        ``trickle`` (the body in 16 KiB pieces, ``seconds`` apart)."""
        with self._lock:
            self._rules.append(_Rule(fragment, kind, times, seconds))

    def take_rule(self, path: str) -> _Rule | None:
        with self._lock:
            for rule in self._rules:
                if rule.times > 0 and rule.fragment in path:
                    rule.times -= 1
                    return rule
        return None

    def record(self, entry: LogEntry) -> None:
        with self._lock:
            self.log.append(entry)

    # ------------------------------------------------------------------ what the log says

    def paths(self, prefix: str = "") -> list[str]:
        with self._lock:
            return [e.path for e in self.log if e.path.startswith(prefix)]

    def archive_requests(self) -> list[str]:
        """Requests for filings' files (not indexes), in arrival order."""
        return self.paths("/Archives/edgar/data/")

    def max_in_window(self, window: float = 1.0) -> int:
        """The most requests that arrived within any ``window`` seconds."""
        with self._lock:
            times = sorted(e.time for e in self.log)
        best, lo = 0, 0
        for hi, t in enumerate(times):
            while t - times[lo] >= window:
                lo += 1
            best = max(best, hi - lo + 1)
        return best

    # ------------------------------------------------------------------ content

    def _build_routes(self) -> dict[str, tuple[str, bytes]]:
        routes: dict[str, tuple[str, bytes]] = {}
        table = {
            str(n): {"cik_str": int(cik), "ticker": t, "title": self._name(cik)}
            for n, (t, cik) in enumerate(sorted(self.tickers.items()))
        }
        routes["/files/company_tickers.json"] = ("application/json", json.dumps(table).encode())
        for cik in sorted({f.cik for f in self.filings}):
            routes.update(self._submissions(cik))
        for (year, q), text in self._master_indexes().items():
            routes[f"/Archives/edgar/full-index/{year}/QTR{q}/master.idx"] = (
                "text/plain",
                text.encode("latin-1"),
            )
        for f in self.filings:
            if f.body is not None:
                routes[f.archive_path] = ("text/plain", f.body)
        return routes

    def _name(self, cik: str) -> str:
        return next((f.company for f in self.filings if f.cik == cik and f.company), "COMPANY")

    def _submissions(self, cik: str) -> dict[str, tuple[str, bytes]]:
        mine = sorted(
            (f for f in self.filings if f.cik == cik), key=lambda f: f.filed, reverse=True
        )
        recent, older = mine[: self.recent], mine[self.recent :]
        page_name = f"CIK{cik}-submissions-001.json"
        files = (
            [
                {
                    "name": page_name,
                    "filingCount": len(older),
                    "filingFrom": older[-1].filed,
                    "filingTo": older[0].filed,
                }
            ]
            if older
            else []
        )
        doc = {
            "cik": str(int(cik)),
            "name": self._name(cik),
            "tickers": [t for t, c in self.tickers.items() if c == cik],
            "filings": {"recent": _columns(recent), "files": files},
        }
        routes = {f"/submissions/CIK{cik}.json": ("application/json", json.dumps(doc).encode())}
        if older:
            routes[f"/submissions/{page_name}"] = (
                "application/json",
                json.dumps(_columns(older)).encode(),
            )
        return routes

    def _master_indexes(self) -> dict[tuple[int, int], str]:
        head = (
            "Description:           Master Index of EDGAR Dissemination Feed\n"
            "Last Data Received:    (replica)\nComments:              webmaster@sec.gov\n"
            "Anonymous FTP:         ftp://ftp.sec.gov/edgar/\n\n\n\n"
            "CIK|Company Name|Form Type|Date Filed|Filename\n" + "-" * 80 + "\n"
        )
        quarters: dict[tuple[int, int], list[str]] = {}
        for f in sorted(self.filings, key=lambda f: (f.cik, f.filed)):
            day = dt.date.fromisoformat(f.filed)
            quarters.setdefault((day.year, (day.month - 1) // 3 + 1), []).append(
                f"{int(f.cik)}|{f.company}|{f.form}|{f.filed}|"
                f"edgar/data/{int(f.cik)}/{f.accession}.txt\n"
            )
        years = [y for y, _ in quarters] or [2000]
        every = {(y, q): "" for y in range(min(years), max(years) + 1) for q in (1, 2, 3, 4)}
        every.update({k: "".join(v) for k, v in quarters.items()})
        return {k: head + v for k, v in every.items()}

    def resource(self, path: str) -> tuple[str, bytes] | None:
        return self._routes.get(path)


def _columns(filings: list[ReplicaFiling]) -> dict[str, list]:
    return {
        "accessionNumber": [f.accession for f in filings],
        "filingDate": [f.filed for f in filings],
        "reportDate": [f.filed for f in filings],
        "acceptanceDateTime": [f"{f.filed}T16:05:00.000Z" for f in filings],
        "act": ["34" for _ in filings],
        "form": [f.form for f in filings],
        "items": [",".join(f.items) for f in filings],
        "size": [len(f.body or b"") for f in filings],
        "isXBRL": [0 for _ in filings],
        "primaryDocument": [f"{f.accession}.txt" for f in filings],
    }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the SEC's servers
    owner: EdgarReplica

    def log_message(self, *args: object) -> None:  # quiet
        return

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away (killed, or gave up on a slow answer)

    def do_GET(self) -> None:
        entry = LogEntry(time.monotonic(), self.path, self.headers.get("User-Agent", ""))
        self.owner.record(entry)
        if "@" not in entry.agent:
            entry.status = 403
            return self._send(403, "text/html", b"<html>Undeclared Automated Tool</html>")
        found = self.owner.resource(self.path)
        if found is None:
            entry.status = 404
            return self._send(404, "text/plain", b"not found")
        rule = self.owner.take_rule(self.path)
        if self.owner.latency:
            time.sleep(self.owner.latency)
        entry.status = self._answer(rule, *found)

    def _answer(self, rule: _Rule | None, kind: str, body: bytes) -> int:
        if rule is None:
            return self._send(200, kind, body)
        if rule.kind == "429":
            return self._send(
                429, "text/html", b"<html>slow down</html>", {"Retry-After": str(int(rule.seconds))}
            )
        if rule.kind == "503":
            return self._send(503, "text/html", b"<html>unavailable</html>")
        if rule.kind == "html":
            return self._send(200, "text/html", b"<html>Request Rate Threshold Exceeded</html>")
        if rule.kind == "slow":
            time.sleep(rule.seconds)
            return self._send(200, kind, body)
        if rule.kind == "cut":
            self._head(200, kind, len(body))
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return 200
        if rule.kind == "trickle":
            self._head(200, kind, len(body))
            for start in range(0, len(body), 16384):
                self.wfile.write(body[start : start + 16384])
                self.wfile.flush()
                time.sleep(rule.seconds)
            return 200
        raise ValueError(f"unknown misbehaviour {rule.kind}")

    def _head(self, status: int, kind: str, length: int, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()

    def _send(self, status: int, kind: str, body: bytes, extra: dict | None = None) -> int:
        self._head(status, kind, len(body), extra)
        self.wfile.write(body)
        return status


# ---------------------------------------------------------------------- test companies

#: the package's bundled full submission (Adobe's 8-K of 2023-12-18, items 1.01 1.02 8.01 9.01)
SAMPLES = Path(__file__).resolve().parents[2] / "nlp" / "samples"
ACME = "0000000042"  # a made-up second company, filings copied from the sample
AGENT = "pactgraph tests tests@example.com"


def sample_filing() -> ReplicaFiling:
    (adobe,) = filings_from_folder(SAMPLES)
    return adobe


def variant(
    template: ReplicaFiling,
    n: int,
    *,
    cik: str | None = None,
    form: str = "8-K",
    filed: str,
    items: tuple[str, ...] = (),
) -> ReplicaFiling:
    """A copy of ``template`` as another filing (accession number ``n`` of its filer)."""
    (copy,) = synthetic_copies(template, 1, filed, cik=cik)
    accession = f"{copy.cik}-{filed[2:4]}-{700000 + n:06d}"
    return replace(
        copy,
        accession=accession,
        form=form,
        items=items,
        company=copy.company if cik is None else "ACME CORP",
        body=copy.body.replace(copy.accession.encode(), accession.encode()),
    )


def small_market() -> tuple[list[ReplicaFiling], dict[str, str]]:
    """Two companies with 8-Ks, an 8-K/A, a 10-K and a 10-Q over 2022-2023; Adobe's older
    filings sit in its submissions ``files`` page."""
    adobe = sample_filing()
    filings = [
        adobe,  # 2023-12-18, 1.01 1.02 8.01 9.01
        variant(adobe, 1, form="8-K/A", filed="2023-06-01", items=("1.01",)),
        variant(adobe, 2, filed="2023-03-01", items=("2.02", "9.01")),
        listed_only(adobe.cik, "10-K", "2023-02-01", 3, adobe.company),
        variant(adobe, 4, filed="2022-05-02", items=("1.01", "9.01")),
        variant(adobe, 5, cik=ACME, filed="2023-12-20", items=("1.01",)),
        variant(adobe, 6, cik=ACME, filed="2023-04-03", items=("5.02",)),
        listed_only(ACME, "10-Q", "2023-11-01", 7, "ACME CORP"),
    ]
    return filings, {"ADBE": adobe.cik, "ACME": ACME}


# ---------------------------------------------------------------------- the command in a process

CLI = "import sys; from pactgraph.graph.cli import main; sys.exit(main(sys.argv[1:]))"


def fetch_command(replica: EdgarReplica, out: Path, *args: str) -> list[str]:
    """``pactgraph fetch ARGS`` against ``replica`` into ``out``, as a process's argv."""
    import sys

    return [
        sys.executable,
        "-c",
        CLI,
        "fetch",
        *args,
        "--out",
        str(out),
        "--base-url",
        replica.url,
        "--user-agent",
        AGENT,
    ]
