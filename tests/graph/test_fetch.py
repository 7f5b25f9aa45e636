"""pactgraph fetch against a local EDGAR replica: selection, the User-Agent rule, the cache."""

from __future__ import annotations

from dataclasses import replace

import pytest
from edgar_replica import ACME, AGENT, EdgarReplica, small_market
from pactgraph.graph.edgar import (
    FetchError,
    FetchSettings,
    fetch_filings,
    load_settings,
)
from pactgraph.graph.edgar.index import parse_master_index, quarters
from pactgraph.graph.edgar.settings import require_user_agent
from pactgraph.nlp.errors import ConfigError

ADOBE = "0000796343"


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    """No config file, User-Agent or base URL from the machine running the tests."""
    monkeypatch.setenv("PACTGRAPH_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("PACTGRAPH_USER_AGENT", raising=False)
    monkeypatch.delenv("PACTGRAPH_EDGAR_URL", raising=False)


@pytest.fixture()
def market():
    filings, tickers = small_market()
    with EdgarReplica(filings, tickers) as replica:
        yield replica


def settings_for(replica: EdgarReplica, **kw) -> FetchSettings:
    base = FetchSettings(user_agent=AGENT, backoff=0.05, timeout=10, retries=3)
    return replace(base.with_base_url(replica.url), **kw)


def fetched(replica: EdgarReplica, out, **selection) -> tuple[set[str], object]:
    """The accession numbers a fetch requested and the report; checks the files it wrote."""
    report = fetch_filings(out, settings=settings_for(replica), **selection)
    requested = {p.rsplit("/", 1)[-1].removesuffix(".txt") for p in replica.archive_requests()}
    bodies = {f.accession: f.body for f in replica.filings}
    for path in report.paths:
        assert path.read_bytes() == bodies[path.stem]
    assert {p.stem for p in report.paths} == {f.accession for f in report.filings}
    return requested, report


def accessions(replica: EdgarReplica, cik: str, *dates: str) -> set[str]:
    return {f.accession for f in replica.filings if f.cik == cik and f.filed in dates}


def test_ticker_selects_its_8k_and_8ka_filings_only(market, tmp_path):
    requested, report = fetched(market, tmp_path, tickers=["adbe"])
    assert requested == accessions(
        market, ADOBE, "2023-12-18", "2023-06-01", "2023-03-01", "2022-05-02"
    )  # not the 10-K, nothing of ACME
    assert report.downloaded == 4 and report.cached == 0 and not report.errors
    # laid out like EDGAR's archives
    adobe = market.filings[0]
    assert (
        tmp_path
        / "edgar"
        / "data"
        / "796343"
        / adobe.accession.replace("-", "")
        / f"{adobe.accession}.txt"
    ).is_file()


def test_cik_and_date_range(market, tmp_path):
    requested, _ = fetched(market, tmp_path, ciks=["42"], since="2023-06-01")
    assert requested == accessions(market, ACME, "2023-12-20")


def test_items_filter_reads_the_submissions_items_and_files_page(market, tmp_path):
    requested, _ = fetched(market, tmp_path, tickers=["ADBE"], items=["1.01"])
    assert requested == accessions(market, ADOBE, "2023-12-18", "2023-06-01", "2022-05-02")
    assert f"/submissions/CIK{ADOBE}-submissions-001.json" in market.paths()


def test_files_page_not_read_when_the_range_ends_before_it(market, tmp_path):
    requested, _ = fetched(market, tmp_path, tickers=["ADBE"], since="2023-06-01")
    assert requested == accessions(market, ADOBE, "2023-12-18", "2023-06-01")
    assert not [p for p in market.paths() if "submissions-001" in p]


def test_forms_option_selects_amendments_only(market, tmp_path):
    requested, _ = fetched(market, tmp_path, tickers=["ADBE"], forms=["8-k/a"])
    assert requested == accessions(market, ADOBE, "2023-06-01")


def test_file_of_tickers_and_ciks(market, tmp_path):
    listing = tmp_path / "companies.txt"
    listing.write_text("# who\nADBE\n0000000042, \n")
    requested, _ = fetched(
        market, tmp_path / "out", companies_file=listing, items=["1.01"], since="2023-01-01"
    )
    assert requested == (
        accessions(market, ADOBE, "2023-12-18", "2023-06-01")
        | accessions(market, ACME, "2023-12-20")
    )


def test_whole_market_from_the_full_index(market, tmp_path):
    requested, _ = fetched(market, tmp_path, since="2023-10-01", until="2023-12-31", items=["1.01"])
    assert requested == accessions(market, ADOBE, "2023-12-18") | accessions(
        market, ACME, "2023-12-20"
    )
    assert [p for p in market.paths("/Archives/edgar/full-index/")] == [
        "/Archives/edgar/full-index/2023/QTR4/master.idx"
    ]


def test_whole_market_without_items_needs_no_submissions(market, tmp_path):
    requested, _ = fetched(market, tmp_path, since="2023-01-01", until="2023-06-30")
    assert requested == accessions(market, ADOBE, "2023-03-01", "2023-06-01") | accessions(
        market, ACME, "2023-04-03"
    )
    assert not market.paths("/submissions/")


def test_whole_market_needs_a_start_date(market, tmp_path):
    with pytest.raises(ConfigError, match="--since"):
        fetch_filings(tmp_path, settings=settings_for(market))


def test_unknown_ticker_is_named_and_nothing_is_fetched(market, tmp_path):
    with pytest.raises(FetchError, match="NOPE"):
        fetch_filings(tmp_path, tickers=["ADBE", "NOPE"], settings=settings_for(market))
    assert not market.archive_requests()


def test_cached_files_are_not_requested_again(market, tmp_path):
    _, first = fetched(market, tmp_path, tickers=["ADBE"])
    before = len(market.log)
    second = fetch_filings(tmp_path, tickers=["ADBE"], settings=settings_for(market))
    again = [e.path for e in market.log[before:]]
    assert second.cached == first.downloaded == 4 and second.downloaded == 0
    assert not [p for p in again if p.startswith("/Archives/edgar/data/")]
    assert [p.name for p in second.paths] == [p.name for p in first.paths]


# ---------------------------------------------------------------------- the User-Agent rule


def test_missing_user_agent_is_refused_before_any_request(market, tmp_path):
    settings = replace(settings_for(market), user_agent=None)
    with pytest.raises(ConfigError) as info:
        fetch_filings(tmp_path, tickers=["ADBE"], settings=settings)
    assert "User-Agent" in str(info.value) and "PACTGRAPH_USER_AGENT" in str(info.value)
    assert market.log == []


def test_user_agent_without_contact_is_refused():
    with pytest.raises(ConfigError, match="contact"):
        require_user_agent(FetchSettings(user_agent="my-scraper/1.0"))


def test_cli_without_user_agent_exits_with_the_reason(market, tmp_path, capsys):
    from pactgraph.graph.cli import main

    code = main(["fetch", "--ticker", "ADBE", "--out", str(tmp_path), "--base-url", market.url])
    assert code == 2
    assert "User-Agent" in capsys.readouterr().err
    assert market.log == []


def test_user_agent_and_mirror_from_the_environment(market, tmp_path, monkeypatch):
    monkeypatch.setenv("PACTGRAPH_USER_AGENT", "Env Person env@example.org")
    monkeypatch.setenv("PACTGRAPH_EDGAR_URL", market.url)
    report = fetch_filings(tmp_path, tickers=["ADBE"], since="2023-12-01")
    assert report.downloaded == 1
    assert {e.agent for e in market.log} == {"Env Person env@example.org"}


def test_user_agent_and_limits_from_the_config_file(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text(
        '[fetch]\nuser_agent = "File Person file@example.org"\n'
        'base_url = "http://mirror.example.org/"\nrate = 4\nworkers = 2\n'
    )
    monkeypatch.setenv("PACTGRAPH_CONFIG", str(config))
    settings = load_settings(workers=3)
    assert settings.user_agent == "File Person file@example.org"
    assert settings.data_url == "http://mirror.example.org"
    assert settings.archives_url == "http://mirror.example.org/Archives"
    assert settings.rate == 4.0 and settings.workers == 3  # the option wins over the file


def test_rate_above_the_sec_limit_is_refused():
    with pytest.raises(ConfigError, match="at most 10"):
        load_settings(user_agent=AGENT, rate=11)


# ---------------------------------------------------------------------- index formats


def test_master_index_rows_and_quarters():
    text = (
        "Description: Master Index\n\nCIK|Company Name|Form Type|Date Filed|Filename\n"
        "----------\n"
        "1000045|NICHOLAS FINANCIAL INC|8-K|2024-02-14|edgar/data/1000045/"
        "0000950170-24-015173.txt\n"
        "320193|A|B CORP|8-K/A|20240301|edgar/data/320193/0000320193-24-000001.txt\n"
    )
    rows = list(parse_master_index(text))
    assert [(r.cik, r.form, str(r.filed), r.accession, r.company) for r in rows] == [
        ("0001000045", "8-K", "2024-02-14", "0000950170-24-015173", "NICHOLAS FINANCIAL INC"),
        ("0000320193", "8-K/A", "2024-03-01", "0000320193-24-000001", "A|B CORP"),
    ]
    import datetime as dt

    assert quarters(dt.date(2023, 11, 5), dt.date(2024, 4, 1)) == [(2023, 4), (2024, 1), (2024, 2)]
