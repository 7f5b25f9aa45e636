"""Download the selected filings into a folder laid out like EDGAR's archives, as a cache.

``OUT/edgar/data/<cik>/<accession without dashes>/<accession>.txt`` — the paths of
``https://www.sec.gov/Archives/`` below ``OUT``. A file at its final name is complete: the client
writes a hidden ``.<accession>.txt.<pid>.part`` beside it and renames it only when the body is
whole, so a file there is never fetched again, and an interrupted run (even ``kill -9``) is
finished by running it again. Temporary files a dead process left are removed when their filing
is fetched again; ``pactgraph ingest`` skips hidden files in any case.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .client import EdgarClient, FetchError
from .index import FilingRef

__all__ = ["FetchProgress", "FetchReport", "download_filings", "local_path"]


@dataclass(frozen=True)
class FetchProgress:
    """Where a download run stands, for a progress bar (requests and seconds since the client
    started, index requests included)."""

    total: int
    done: int
    downloaded: int
    cached: int
    failed: int
    requests: int
    seconds: float

    @property
    def rate(self) -> float:
        """Requests per second so far (index requests included)."""
        return self.requests / self.seconds if self.seconds > 0 else 0.0


@dataclass
class FetchReport:
    """What one fetch selected, downloaded, found on disk and could not get."""

    filings: list[FilingRef] = field(default_factory=list)  # the selection, oldest first
    paths: list[Path] = field(default_factory=list)  # the selection's files now on disk
    downloaded: int = 0
    cached: int = 0  # complete on disk already: not requested
    errors: list[tuple[str, str]] = field(default_factory=list)  # (accession, reason)
    requests: int = 0  # every HTTP request, index requests and retries included
    retries: int = 0
    bytes: int = 0
    seconds: float = 0.0

    @property
    def selected(self) -> int:
        return len(self.filings)

    @property
    def failed(self) -> int:
        return len(self.errors)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def local_path(out_dir: str | os.PathLike, ref: FilingRef) -> Path:
    """Where ``ref`` is kept below ``out_dir``."""
    return Path(out_dir) / ref.archive_path


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clear_dead_parts(dest: Path) -> None:
    """Remove the temporary files of ``dest`` left by processes that no longer run."""
    for part in dest.parent.glob(f".{dest.name}.*.part"):
        pid = part.name[len(dest.name) + 2 : -len(".part")]
        if not pid.isdigit() or not _pid_alive(int(pid)):
            part.unlink(missing_ok=True)


def download_filings(
    client: EdgarClient,
    refs: Iterable[FilingRef],
    out_dir: str | os.PathLike,
    report: FetchReport,
    on_progress: Callable[[FetchProgress], None] | None = None,
) -> FetchReport:
    """Fetch each of ``refs`` not complete on disk yet, ``client.settings.workers`` at a time."""
    refs = list(refs)
    report.filings = refs
    todo = []
    for ref in refs:
        dest = local_path(out_dir, ref)
        if dest.is_file():
            report.cached += 1
        else:
            todo.append((ref, dest))

    def tick() -> None:
        report.requests = client.stats.requests
        if on_progress:
            on_progress(
                FetchProgress(
                    len(refs),
                    report.cached + report.downloaded + report.failed,
                    report.downloaded,
                    report.cached,
                    report.failed,
                    client.stats.requests,
                    time.monotonic() - client.started,
                )
            )

    tick()
    base = client.settings.archives_url.rstrip("/")

    def fetch_one(ref: FilingRef, dest: Path) -> int:
        clear_dead_parts(dest)
        return client.download(f"{base}/{ref.archive_path}", dest)

    pool = ThreadPoolExecutor(
        max_workers=client.settings.workers, thread_name_prefix="pactgraph-fetch"
    )
    try:
        pending: dict[Future, FilingRef] = {pool.submit(fetch_one, r, d): r for r, d in todo}
        while pending:
            finished, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in finished:
                ref = pending.pop(future)
                try:
                    future.result()
                    report.downloaded += 1
                except (FetchError, OSError) as exc:
                    report.errors.append((ref.accession, str(exc)))
            tick()
    finally:  # on an interrupt, start nothing more; downloads under way finish or are dropped
        pool.shutdown(wait=True, cancel_futures=True)
    report.paths = [p for p in (local_path(out_dir, r) for r in refs) if p.is_file()]
    return report
