"""Shared fixtures: the read-only corpus beside the repo, and a private Virtuoso server.

When ``../shared`` (the corpus and the gold facts) is not beside the repo, the tests that read it
skip: the header says so once at the start, and every such skip gives the same reason.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HAVE_SHARED = (SHARED / "corpus" / "filings").is_dir() and (SHARED / "eval" / "gold").is_dir()
SHARED_REASON = "../shared (the corpus and the gold facts) is not beside the repo"
# how the test modules word a skip for want of ../shared ("needs ../shared", "shared corpus not
# present", "gold set not present", "filings/X not beside the repo", ...): with ../shared absent,
# all of them are that one reason
_SHARED_WORDS = re.compile(r"\bshared\b|\bgold set\b|not beside the repo", re.IGNORECASE)
# the Virtuoso fixture's skip (tests/graph/virtuoso.py require()): one line for all its tests
_VIRTUOSO_MISSING = "the Virtuoso server is not installed"


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "shared: reads ../shared (the corpus or the gold facts)")


def pytest_report_header(config) -> list[str]:
    if HAVE_SHARED:
        lines = [f"shared data: {SHARED} (corpus and gold facts found)"]
    else:
        lines = [f"shared data: {SHARED_REASON}; the tests that read it skip"]
    vt = _virtuoso_module()
    if not vt.find_binary():
        lines.append(f"virtuoso: {_VIRTUOSO_MISSING} (`{vt.INSTALL_COMMAND}`); its tests skip")
    return lines


# Tests measured slow (``--durations``: several seconds each, or a heavy setup of their own) in
# modules whose authors have not marked them ``slow`` in the module yet. Node ids without
# parameters; an entry that matches no test of a module that was collected is an error, so a
# renamed test cannot leave the fast tier (``-m "not slow"``) slow without anyone noticing.
SLOW_ELSEWHERE = (
    "tests/graph/test_ingest.py::test_post_ingest_links_amendments_and_terminations",
    "tests/graph/test_ingest.py::test_sigkill_midway_then_restart_leaves_no_partial_filing",
    "tests/graph/test_ingest.py::test_dask_local_cluster",
    "tests/graph/test_ingest.py::test_two_local_workers_give_the_same_graphs",
    "tests/graph/test_ingest.py::test_corpus_ingest_queries_and_reingest_on_every_backend",
    "tests/graph/test_ingest.py::test_cli_ingest_summary_and_exit_code",
    "tests/graph/test_crash_safety.py::"
    "test_nothing_committed_is_lost_and_repeated_kills_end_like_a_clean_ingest",
    "tests/graph/test_crash_safety.py::test_kill_of_cli_ingest_with_two_workers_then_restart",
    "tests/graph/test_crash_safety.py::"
    "test_reader_during_an_ingest_reads_published_views_with_only_whole_filings",
    "tests/graph/test_serve.py::test_result_size_is_bounded",
    "tests/graph/test_serve.py::"
    "test_endpoint_answers_503_while_a_writer_that_published_no_view_holds_the_store",
    "tests/test_bad_inputs.py::test_big_input_in_bounded_memory",
    "tests/test_bad_inputs.py::test_cli_ingest_of_a_bad_path_in_a_folder_does_not_hang",
    "tests/test_bad_inputs.py::test_cli_ingest_folder_of_bad_files_ingests_the_good_one",
    "tests/nlp/test_reader_bad_input.py::test_fifty_megabyte_html_report_reads",
    "tests/nlp/test_reader_bad_input.py::test_fifty_megabyte_html_exhibit_reads",
    "tests/nlp/test_reader_bad_input.py::test_fifty_megabyte_filing_reads",
    "tests/nlp/test_display.py::test_dev_set_evidence_is_highlighted",
    "tests/graph/test_endpoint_attack_run.py::"
    "test_limit_breaches_are_client_errors_and_head_is_get_without_a_body",
    "tests/graph/test_web_browser.py::"
    "test_seed_in_the_browser_search_company_agreement_filing_query",
    "tests/graph/test_serve.py::test_cors_is_off_by_default_and_configurable",
    "tests/graph/test_store.py::"
    "test_oxigraph_is_written_by_one_process_and_read_by_others_through_published_views",
    # a second or more each on an idle 2-core machine (pytest --durations, -m 'not slow')
    "tests/graph/test_cli_newcomer.py::"
    "test_demo_at_80_columns_shows_what_each_agreement_report_says",
    "tests/graph/test_crash_safety.py::test_a_full_disk_ends_ingest_with_one_clear_line",
    "tests/graph/test_crash_safety.py::"
    "test_a_kill_before_linking_is_finished_by_a_rerun_that_writes_nothing",
    "tests/graph/test_crash_safety.py::"
    "test_killing_only_the_ingest_process_leaves_no_worker_behind",
    "tests/graph/test_endpoint_hardening.py::test_heavy_cross_join_is_stopped_at_the_time_limit",
    "tests/graph/test_endpoint_hardening.py::"
    "test_several_heavy_queries_at_once_do_not_take_the_server_down",
    "tests/graph/test_endpoint_hardening.py::test_updates_are_refused_in_every_transport",
    "tests/graph/test_fetch.py::test_cached_files_are_not_requested_again",
    "tests/graph/test_fetch_bench.py::test_fetch_bench_measures_at_the_server",
    "tests/graph/test_fetch_ingest.py::test_fetch_ingest_on_corpus_filings",
    "tests/graph/test_fetch_resilience.py::test_429_waits_for_retry_after_then_succeeds",
    "tests/graph/test_fetch_resilience.py::test_503_backs_off_exponentially_then_succeeds",
    "tests/graph/test_fetch_resilience.py::"
    "test_killed_fetch_resumes_without_duplicates_or_partial_files",
    "tests/graph/test_fetch_resilience.py::test_persistent_503_fails_that_filing_only",
    "tests/graph/test_fetch_resilience.py::"
    "test_request_rate_measured_at_the_server_stays_within_the_limit",
    "tests/graph/test_fetch_resilience.py::test_slow_response_times_out_and_is_retried",
    "tests/graph/test_fetch_resilience.py::test_wrong_content_type_is_not_saved_as_a_filing",
    "tests/graph/test_ingest.py::"
    "test_a_file_name_that_is_not_utf8_fails_alone_and_the_others_are_ingested",
    "tests/graph/test_lifecycle_virtuoso.py::test_amendments_of_query_answers_the_same_on_virtuoso",
    "tests/graph/test_lifecycle_virtuoso.py::test_rdflib_dataset_over_the_endpoint_links_the_same",
    "tests/graph/test_lifecycle_virtuoso.py::test_virtuoso_dump_holds_the_lifecycle_graph",
    "tests/graph/test_resolve.py::test_an_ingest_writes_each_organisations_preferred_name",
    "tests/graph/test_endpoint_attack_run.py::test_memory_bombs_are_stopped_by_the_worker_cap",
    "tests/graph/test_endpoint_attack_run.py::"
    "test_service_bypasses_never_reach_the_network_fork_per_query",
    "tests/graph/test_endpoint_attack_run.py::test_short_queries_are_not_queued_behind_costly_ones",
    "tests/graph/test_endpoint_attack_run.py::test_slow_clients_cannot_take_the_endpoint",
    "tests/graph/test_load_poisoning.py::"
    "test_a_large_file_streams_through_the_bulk_loader_like_a_small_one",
    "tests/graph/test_load_poisoning.py::test_every_poisoning_case_is_refused_and_changes_nothing",
    "tests/graph/test_serve.py::test_endpoint_over_a_memory_store_with_concurrent_requests",
    "tests/graph/test_serve.py::test_endpoint_reads_published_views_while_another_process_writes",
    "tests/graph/test_serve.py::test_query_over_the_time_limit_is_stopped",
    "tests/graph/test_serve.py::test_seed_answers_same_through_cli_api_and_endpoint",
    "tests/graph/test_serve.py::test_web_ui_queries_are_bounded_like_the_endpoints",
    "tests/graph/test_store_views.py::test_a_reader_takes_only_the_present_writers_views",
    "tests/graph/test_store_views.py::test_no_view_yet_and_a_killed_writers_leftovers",
    "tests/graph/test_web.py::test_served_by_pactgraph_serve_beside_the_endpoint",
    "tests/graph/test_web.py::test_web_bench_picks_and_times_the_pages_on_the_seed",
    "tests/graph/test_web_browser.py::test_markup_in_a_filing_renders_as_text_in_the_browser",
    "tests/nlp/test_reader_covers.py::test_forty_thousand_item_headings_take_under_a_second",
    "tests/nlp/test_training.py::test_training_writes_a_pipeline_that_scores_every_label",
    "tests/test_bad_inputs.py::test_cli_extract_one_line_error",
    "tests/test_bad_inputs.py::test_the_fuzzer_drives_the_store_write_with_hostile_names",
    "tests/test_readme_snippets.py::test_a_readme_python_snippet_runs_as_written",
)


def _mark_slow_elsewhere(items) -> None:
    by_id = {}
    for item in items:
        by_id.setdefault(item.nodeid.split("[", 1)[0], []).append(item)
    for node in SLOW_ELSEWHERE:
        # checked in the source, not among the collected items: running a few tests by name
        # collects only those, which is no reason to fail
        path, name = node.split("::", 1)
        if f"def {name}(" not in (REPO / path).read_text("utf-8"):
            raise pytest.UsageError(
                f"tests/conftest.py SLOW_ELSEWHERE names {node}, which no longer exists"
            )
        for item in by_id.get(node, ()):
            item.add_marker(pytest.mark.slow)


def pytest_collection_modifyitems(config, items) -> None:
    """Marks the tests of :data:`SLOW_ELSEWHERE` slow; tests marked ``shared`` skip with the
    one reason when ../shared is missing."""
    _mark_slow_elsewhere(items)
    if HAVE_SHARED:
        return
    for item in items:
        if item.get_closest_marker("shared"):
            item.add_marker(pytest.mark.skip(reason=SHARED_REASON))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip for want of ../shared (however the module words it) gives the one reason, and
    it and a skip for want of Virtuoso are reported from one place, so that the summary folds
    each into one line instead of one per test."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2])
        if not HAVE_SHARED and _SHARED_WORDS.search(reason):
            reason = SHARED_REASON
        if reason == SHARED_REASON or _VIRTUOSO_MISSING in reason:
            report.longrepr = (str(Path(__file__).relative_to(REPO)), None, reason)
    return report


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus/filings`` (skips the test when it is not beside the repo)."""
    path = SHARED / "corpus" / "filings"
    if not path.is_dir():
        pytest.skip(SHARED_REASON)
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """``../shared/eval/gold`` (skips the test when it is not beside the repo)."""
    path = SHARED / "eval" / "gold"
    if not path.is_dir():
        pytest.skip(SHARED_REASON)
    return path


@pytest.fixture(scope="session")
def benchmark_module():
    """``benchmark_module("generate")``: a module of ``benchmarks/`` loaded from its file
    (``benchmarks/`` is not part of the installed package)."""
    import sys

    def load(name: str):
        spec = importlib.util.spec_from_file_location(
            f"_benchmarks_{name}_under_test", REPO / "benchmarks" / f"{name}.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture(scope="session")
def seed_path(corpus_dir: Path) -> Path:
    """The founding example: Ascent Solar's 8-K of 2007-12-19."""
    path = corpus_dir / "ascent-solar-technologies_2007-12-19_seed.txt"
    if not path.is_file():
        pytest.skip("the seed filing is missing")
    return path


def _virtuoso_module():
    spec = importlib.util.spec_from_file_location(
        "pactgraph_tests_virtuoso", REPO / "tests" / "graph" / "virtuoso.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso Open Source server on private loopback ports, for the whole session.

    Never installs anything: when Debian's ``virtuoso-opensource`` is missing the test skips
    with the install command in the reason (or fails when ``PACTGRAPH_REQUIRE_VIRTUOSO=1``, as
    in CI, which installs it first).
    """
    vt = _virtuoso_module()
    try:
        vt.require()
    except RuntimeError as exc:
        if os.environ.get("PACTGRAPH_REQUIRE_VIRTUOSO") == "1":
            raise
        pytest.skip(str(exc))
    server = vt.Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
