"""The fetch benchmark runs on a few filings and reports what the replica saw."""

from __future__ import annotations


def test_fetch_bench_measures_at_the_server(benchmark_module, monkeypatch, tmp_path):
    monkeypatch.setenv("PACTGRAPH_CONFIG", str(tmp_path / "absent.toml"))
    bench = benchmark_module("fetch_bench")
    figures = bench.measure(count=12, workers=4, latency=0.0)
    assert figures["filings"] == 12 and figures["failed"] == 0
    assert figures["requests"] == 14  # the submissions document, its files page, 12 files
    assert figures["busiest"] <= 10
    assert 5 < figures["rate"] <= 10.5
