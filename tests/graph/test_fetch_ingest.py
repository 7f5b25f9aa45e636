"""``pactgraph fetch ... --ingest`` against a local EDGAR replica: one command from EDGAR to
agreements that can be queried."""

from __future__ import annotations

import pytest
from edgar_replica import AGENT, EdgarReplica, filings_from_folder, small_market
from pactgraph.graph.cli import main
from pactgraph.graph.query import run_saved
from pactgraph.graph.store import open_store

AMD, INTEL, BOEING = "0000002488", "0000050863", "0000012927"


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    monkeypatch.setenv("PACTGRAPH_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("PACTGRAPH_USER_AGENT", raising=False)
    monkeypatch.delenv("PACTGRAPH_EDGAR_URL", raising=False)


def fetch_and_ingest(replica: EdgarReplica, tmp_path, *selection: str) -> str:
    store = f"oxigraph:{tmp_path / 'store'}"
    code = main(
        [
            "fetch",
            *selection,
            "--ingest",
            "--store",
            store,
            "--out",
            str(tmp_path / "filings"),
            "--base-url",
            replica.url,
            "--user-agent",
            AGENT,
        ]
    )
    assert code == 0
    return store


def agreements_of(store: str, company: str) -> list[dict]:
    with open_store(store, read_only=True) as st:
        return run_saved(st, "agreements-of", {"company": company}).records()


def test_fetch_ingest_makes_the_companys_agreements_queryable(tmp_path):
    filings, tickers = small_market()
    with EdgarReplica(filings, tickers) as replica:
        store = fetch_and_ingest(
            replica, tmp_path, "--ticker", "ADBE", "--items", "1.01", "--since", "2023-07-01"
        )
        fetched = replica.archive_requests()
    adobe = filings[0]
    assert fetched == [adobe.archive_path]
    rows = agreements_of(store, "Adobe")
    assert "Agreement and Plan of Merger" in {r["title"] for r in rows}
    assert {r["filing"].rsplit("/", 1)[-1] for r in rows} == {adobe.accession}


def test_fetch_ingest_on_corpus_filings(corpus_dir, tmp_path):
    filings = filings_from_folder(corpus_dir, ciks={AMD, INTEL, BOEING})
    wanted = {
        f.accession
        for f in filings
        if f.cik == AMD and f.filed >= "2025-01-01" and "1.01" in f.items
    }
    assert len(wanted) >= 2, "the corpus changed: pick another company"
    with EdgarReplica(filings, {"AMD": AMD, "INTC": INTEL, "BA": BOEING}, recent=3) as replica:
        store = fetch_and_ingest(
            replica, tmp_path, "--ticker", "AMD", "--items", "1.01", "--since", "2025-01-01"
        )
        fetched = {p.rsplit("/", 1)[-1].removesuffix(".txt") for p in replica.archive_requests()}
    assert fetched == wanted
    rows = agreements_of(store, "Advanced Micro Devices")
    assert rows and {r["filing"].rsplit("/", 1)[-1] for r in rows} <= wanted
