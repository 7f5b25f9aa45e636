"""edgartools side of ``python -m benchmarks.peer_edgartools`` (runs in edgartools' own venv).

Reads one file path per line on stdin, and for each prints one JSON line on stdout:
``{"path", "items", "seconds", "cpu_seconds", "error", "network"}``. ``items`` are edgartools'
``CurrentReport(Filing.from_sgml(path)).items`` without the "Item " prefix ("1.01", "5").

The run is offline: every socket connection and DNS look-up is refused and counted. A file for
which edgartools tried the network counts as an error ("needs network"), even if edgartools
swallowed the failure and returned something. The first line is a ``{"meta": ...}`` line.
Does not import pactgraph (it is not installed in this venv).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time

_NETWORK_CALLS: list[str] = []


class NetworkBlocked(OSError):
    """A connection attempt during the offline benchmark."""


def _block_network() -> None:
    def refuse(what):
        def _refused(*args, **kwargs):
            _NETWORK_CALLS.append(f"{what} {args[1:2] if what == 'connect' else args[:1]}")
            raise NetworkBlocked(f"network blocked by the benchmark ({what})")

        return _refused

    socket.socket.connect = refuse("connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse("connect")  # type: ignore[method-assign]
    socket.create_connection = refuse("create_connection")  # type: ignore[assignment]
    socket.getaddrinfo = refuse("getaddrinfo")  # type: ignore[assignment]


def _item_number(label: str) -> str:
    label = str(label).strip()
    if label.lower().startswith("item"):
        label = label[4:].strip()
    return label.rstrip(".")


def main() -> int:
    out = sys.stdout
    sys.stdout = sys.stderr  # whatever edgartools prints must not mix with the JSON lines
    _block_network()
    # A User-Agent lets edgartools get as far as opening a connection (which is then refused
    # and counted) instead of stopping earlier with IdentityNotSetError.
    os.environ.setdefault("EDGAR_IDENTITY", "pactgraph benchmark offline@example.invalid")
    t0 = time.perf_counter()
    import edgar  # noqa: PLC0415
    from edgar import Filing  # noqa: PLC0415
    from edgar.company_reports.current_report import CurrentReport  # noqa: PLC0415

    try:  # no retry sleeps on refused connections
        import stamina  # noqa: PLC0415

        stamina.set_testing(True, attempts=1)
    except Exception:  # noqa: BLE001 - older stamina: retries stay, still offline
        pass
    meta = {
        "version": getattr(edgar, "__version__", "?"),
        "import_seconds": round(time.perf_counter() - t0, 3),
    }
    out.write(json.dumps({"meta": meta}) + "\n")
    out.flush()
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        before = len(_NETWORK_CALLS)
        items, error = None, None
        start, cpu = time.perf_counter(), time.process_time()
        try:
            report = CurrentReport(Filing.from_sgml(path))
            items = sorted(
                {_item_number(i) for i in report.items},
                key=lambda n: tuple(int(p) if p.isdigit() else 0 for p in n.split(".")),
            )
        except BaseException as exc:  # noqa: BLE001 - one bad file must not stop the run
            if isinstance(exc, KeyboardInterrupt):
                raise
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        network = len(_NETWORK_CALLS) > before
        if network:
            error = "needs network" + (f" ({error})" if error else " (failure swallowed)")
        out.write(
            json.dumps(
                {
                    "path": path,
                    "items": items,
                    "seconds": round(seconds, 6),
                    "cpu_seconds": round(cpu, 6),
                    "error": error,
                    "network": network,
                }
            )
            + "\n"
        )
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
