"""pactgraph fetch when EDGAR misbehaves, under the rate limit, and after a kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from edgar_replica import (
    AGENT,
    EdgarReplica,
    fetch_command,
    sample_filing,
    synthetic_copies,
)
from pactgraph.graph.edgar import FetchSettings, fetch_filings


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    monkeypatch.setenv("PACTGRAPH_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("PACTGRAPH_USER_AGENT", raising=False)
    monkeypatch.delenv("PACTGRAPH_EDGAR_URL", raising=False)


def copies(count: int):
    return synthetic_copies(sample_filing(), count, "2023-01-02")


def settings_for(replica: EdgarReplica, **kw) -> FetchSettings:
    base = FetchSettings(user_agent=AGENT, backoff=0.05, timeout=10, retries=3)
    return replace(base.with_base_url(replica.url), **kw)


def fetch(replica: EdgarReplica, out: Path, **kw):
    return fetch_filings(out, ciks=[replica.filings[0].cik], settings=settings_for(replica, **kw))


def requests_for(replica: EdgarReplica, fragment: str):
    return [e for e in replica.log if fragment in e.path]


def assert_complete(replica: EdgarReplica, out: Path) -> None:
    """Every filing once, whole, and no temporary file anywhere."""
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert not [p for p in files if p.name.startswith(".")]
    assert sorted(p.stem for p in files) == sorted(f.accession for f in replica.filings)
    bodies = {f.accession: f.body for f in replica.filings}
    assert all(p.read_bytes() == bodies[p.stem] for p in files)


# ---------------------------------------------------------------------- misbehaviour


def test_429_waits_for_retry_after_then_succeeds(tmp_path):
    with EdgarReplica(copies(2)) as replica:
        target = replica.filings[1].archive_path
        replica.misbehave(target, "429", seconds=1)
        report = fetch(replica, tmp_path)
        tries = requests_for(replica, target)
    assert [e.status for e in tries] == [429, 200]
    assert tries[1].time - tries[0].time >= 0.95  # Retry-After: 1, not the 0.05 s backoff
    assert report.retries == 1 and not report.errors
    assert_complete(replica, tmp_path)


def test_503_backs_off_exponentially_then_succeeds(tmp_path):
    with EdgarReplica(copies(1)) as replica:
        target = replica.filings[0].archive_path
        replica.misbehave(target, "503", times=3)
        report = fetch(replica, tmp_path, backoff=0.2)
        tries = requests_for(replica, target)
    assert [e.status for e in tries] == [503, 503, 503, 200]
    gaps = [b.time - a.time for a, b in zip(tries, tries[1:])]
    assert gaps[0] >= 0.19 and gaps[1] >= 0.39 and gaps[2] >= 0.79  # 0.2, 0.4, 0.8 s
    assert not report.errors
    assert_complete(replica, tmp_path)


def test_persistent_503_fails_that_filing_only(tmp_path):
    with EdgarReplica(copies(3)) as replica:
        target = replica.filings[1]
        replica.misbehave(target.archive_path, "503", times=100)
        report = fetch(replica, tmp_path, retries=2)
        tries = requests_for(replica, target.archive_path)
    assert len(tries) == 3  # the first attempt and two retries
    assert [a for a, _ in report.errors] == [target.accession]
    assert "503" in report.errors[0][1]
    assert report.downloaded == 2
    assert sorted(p.stem for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        f.accession for f in replica.filings if f is not target
    )


def test_slow_response_times_out_and_is_retried(tmp_path):
    with EdgarReplica(copies(1)) as replica:
        target = replica.filings[0].archive_path
        replica.misbehave(target, "slow", seconds=3)
        started = time.monotonic()
        report = fetch(replica, tmp_path, timeout=0.5)
        elapsed = time.monotonic() - started
        tries = requests_for(replica, target)
    assert len(tries) == 2 and not report.errors
    assert elapsed < 2.5  # the retry did not wait for the slow answer
    assert_complete(replica, tmp_path)


def test_connection_cut_mid_body_is_retried_and_no_partial_file_stays(tmp_path):
    with EdgarReplica(copies(2)) as replica:
        target = replica.filings[0].archive_path
        replica.misbehave(target, "cut")
        report = fetch(replica, tmp_path)
        tries = requests_for(replica, target)
    assert len(tries) == 2 and report.retries == 1 and not report.errors
    assert_complete(replica, tmp_path)


def test_wrong_content_type_is_not_saved_as_a_filing(tmp_path):
    with EdgarReplica(copies(2)) as replica:
        cik = replica.filings[0].cik
        replica.misbehave(f"/submissions/CIK{cik}.json", "html")
        replica.misbehave(replica.filings[0].archive_path, "html")
        replica.misbehave(replica.filings[1].archive_path, "html", times=100)
        report = fetch(replica, tmp_path, retries=1)
    assert len(requests_for(replica, "/submissions/")) == 2
    assert [a for a, _ in report.errors] == [replica.filings[1].accession]
    assert "text/html" in report.errors[0][1]
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.stem for p in files] == [replica.filings[0].accession]
    assert files[0].read_bytes() == replica.filings[0].body


# ---------------------------------------------------------------------- the rate limit


@pytest.mark.parametrize("rate", [10, 4])
def test_request_rate_measured_at_the_server_stays_within_the_limit(tmp_path, rate):
    count = 3 * rate
    with EdgarReplica(copies(count)) as replica:
        # the client in its own process: the replica's clock is then not held up by it
        subprocess.run(
            fetch_command(
                replica,
                tmp_path,
                "--cik",
                replica.filings[0].cik,
                "--rate",
                str(rate),
                "--workers",
                "4",
            ),
            check=True,
            capture_output=True,
            env=isolated_env(tmp_path),
        )
        busiest = replica.max_in_window(1.0)
        downloads = len(replica.archive_requests())
    assert downloads == count
    assert rate - 1 <= busiest <= rate, f"{busiest} requests within one second"


# ---------------------------------------------------------------------- kill -9 and resume


def isolated_env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PACTGRAPH_USER_AGENT", "PACTGRAPH_EDGAR_URL")
    }
    return {**env, "PACTGRAPH_CONFIG": str(tmp_path / "absent.toml")}


def _wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def test_killed_fetch_resumes_without_duplicates_or_partial_files(tmp_path):
    out = tmp_path / "out"
    with EdgarReplica(copies(6)) as replica:
        replica.misbehave("/Archives/edgar/data/", "trickle", times=100, seconds=0.04)
        child = subprocess.Popen(
            fetch_command(replica, out, "--cik", replica.filings[0].cik, "--workers", "2"),
            env=isolated_env(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:

            def some_whole_and_one_partial() -> bool:
                files = [p for p in out.rglob("*") if p.is_file()]
                return any(not p.name.startswith(".") for p in files) and any(
                    p.name.endswith(".part") and p.stat().st_size for p in files
                )

            _wait_for(some_whole_and_one_partial)
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait()
        left = [p for p in out.rglob("*") if p.is_file()]
        whole = {p for p in left if not p.name.startswith(".")}
        assert [p for p in left if p.name.endswith(".part")]  # the kill cut a download
        assert 0 < len(whole) < 6

        for rule in replica._rules:
            rule.times = 0
        time.sleep(0.5)  # requests the child sent just before it died reach the log first
        resumed = time.monotonic()
        report = fetch(replica, out)
        again = [
            e.path for e in replica.log if e.time >= resumed and e.path.startswith("/Archives/")
        ]
    assert report.cached == len(whole) and report.downloaded == 6 - len(whole)
    assert len(again) == len(set(again)) == 6 - len(whole)
    assert not {p.rsplit("/", 1)[-1] for p in again} & {p.name for p in whole}
    assert_complete(replica, out)
