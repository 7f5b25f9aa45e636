"""The web interface in a real browser: Debian's Chromium, headless, driven by Selenium.

Screenshots of every page go to a folder printed at the start (``PACTGRAPH_SCREENSHOTS`` to
choose it; run with ``-s`` to see the path). Without Chromium, its driver or Selenium the tests
skip, saying what to install; with ``PACTGRAPH_REQUIRE_BROWSER=1`` (CI, which installs them)
they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.shared]

INSTALL = (
    "needs Debian's chromium and chromium-driver (apt-get install -y chromium "
    "chromium-driver) and Selenium (pip install 'selenium>=4.20,<5')"
)
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
)


def _page_helpers():
    """The store and filing helpers of test_web.py (one copy of that setup)."""
    spec = importlib.util.spec_from_file_location(
        "_test_web_helpers", Path(__file__).with_name("test_web.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


helpers = _page_helpers()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    chosen = os.environ.get("PACTGRAPH_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("web-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots of the web pages: {folder}")
    return folder


def _missing() -> None:
    if os.environ.get("PACTGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail(INSTALL)
    pytest.skip(INSTALL)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from selenium import webdriver
    except ImportError:
        _missing()
    chromium, driver_exe = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_exe:
        _missing()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    downloads = tmp_path_factory.mktemp("downloads")
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver_exe))
    driver.downloads = downloads
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def serve(spec: str, corpus: Path):
    """The endpoint's server (with the web interface) over the store ``spec``, on 127.0.0.1."""
    from pactgraph.graph import web
    from pactgraph.graph.server import start_in_thread
    from pactgraph.graph.store import open_store

    store = open_store(spec, read_only=True)
    web.configure(filing_roots=[corpus])
    server, endpoint = start_in_thread(store)
    return store, server, endpoint.rsplit("/", 1)[0]


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory, seed_path):
    from pactgraph.graph import web

    spec = helpers.ingest([seed_path], tmp_path_factory.mktemp("browser-seed") / "store")
    store, server, base = serve(spec, seed_path.parent.parent)
    yield base
    server.shutdown()
    store.close()
    web.configure(filing_roots=[])


def wait_for(driver, css: str, timeout: float = 20.0, text: str | None = None):
    """The first element matching ``css`` (with ``text`` in it), waiting for it to appear."""
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + timeout
    while True:
        for element in driver.find_elements(By.CSS_SELECTOR, css):
            if text is None or text in element.text:
                return element
        if time.monotonic() > deadline:
            wanted = f"{css!r}" + (f" with {text!r}" if text else "")
            raise AssertionError(f"no {wanted} on {driver.current_url}")
        time.sleep(0.1)


def shoot(driver, folder: Path, name: str) -> None:
    """A screenshot of the whole page (the window made as tall as the page, up to 4000 px)."""
    height = driver.execute_script(
        "window.scrollTo(0, 0); return document.documentElement.scrollHeight"
    )
    driver.set_window_size(1280, max(900, min(int(height) + 120, 4000)))
    driver.save_screenshot(str(folder / f"{name}.png"))
    driver.set_window_size(1280, 900)


def console_errors(driver) -> list[str]:
    """Errors the pages logged to the console since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_seed_in_the_browser_search_company_agreement_filing_query(browser, seed_site, screenshots):
    """Search "Ascent", open the company, its agreement, the filing from the evidence link, then
    run a saved query; every page's screenshot taken, no console errors on any."""
    errors = []
    for step in (_search, _company, _agreement, _filing, _query):
        step(browser, seed_site, screenshots)
        errors += console_errors(browser)
    assert errors == []


def _search(d, site: str, screenshots: Path) -> None:
    d.get(site + "/")
    wait_for(d, "input[type=search]").send_keys("Ascent")
    hit = wait_for(d, ".suggestions a", text="Ascent Solar Technologies, Inc.")
    shoot(d, screenshots, "1-search")
    hit.click()


def _company(d, site: str, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    wait_for(d, "h1", text="Ascent Solar Technologies, Inc.")
    assert d.current_url == site + "/id/org/ascent-solar-technologies"
    wait_for(d, "#agreements h3 a", text="Cooperation Agreement")
    assert "Norsk Hydro Produksjon AS" in wait_for(d, "#agreements .parties").text
    stake = wait_for(d, "#stakes li").text
    assert "Norsk Hydro Produksjon AS owns approximately 23%" in stake
    marked = [m.text for m in d.find_elements(By.CSS_SELECTOR, "#agreements mark.word")]
    assert {"Cooperation Agreement", "Norsk Hydro Produksjon AS"} <= set(marked)
    assert "23%" in [m.text for m in d.find_elements(By.CSS_SELECTOR, "#stakes mark.word")]
    colour = d.find_element(By.CSS_SELECTOR, "mark.word").value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert d.find_elements(By.CSS_SELECTOR, "svg.network .node.owner")
    shoot(d, screenshots, "2-company")
    wait_for(d, "#agreements h3 a", text="Cooperation Agreement").click()


def _agreement(d, site: str, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    wait_for(d, "h1", text="Cooperation Agreement")
    rows = [r.text for r in d.find_elements(By.CSS_SELECTOR, "table.parties tbody tr")]
    assert "Norsk Hydro Produksjon AS counterparty" in rows
    assert "Ascent Solar Technologies, Inc. registrant" in rows
    assert wait_for(d, "#evidence mark.word", text="Cooperation Agreement")
    shoot(d, screenshots, "3-agreement")
    wait_for(d, "#evidence cite a").click()


def _filing(d, site: str, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    wait_for(d, "pre.report-text", text="Item 1.01 Entry into a Material Definitive Agreement.")
    assert d.find_element(By.CSS_SELECTOR, "mark.span:target").text.startswith("On ")
    assert d.find_elements(By.CSS_SELECTOR, "pre.report-text .word")
    assert len(d.find_elements(By.CSS_SELECTOR, "#facts li.fact")) >= 3
    shoot(d, screenshots, "4-filing")


def _query(d, site: str, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    d.get(site + "/query")
    assert d.find_elements(By.CSS_SELECTOR, ".highlight .tok-keyword")  # syntax highlighted
    wait_for(d, ".saved-query", text="Counterparties that are also shareholders").click()
    wait_for(d, "#status", text="1 row")
    header = [th.text for th in d.find_elements(By.CSS_SELECTOR, "table.results th")]
    cells = [td.text for td in d.find_elements(By.CSS_SELECTOR, "table.results tbody td")]
    row = dict(zip(header, cells))
    assert row["counterparty"] == "Norsk Hydro Produksjon AS" and row["percent"] == "23"
    assert row["title"] == "Cooperation Agreement"
    shoot(d, screenshots, "5-query")
    d.find_element(By.ID, "csv").click()
    csv_file = d.downloads / "results.csv"
    deadline = time.monotonic() + 20
    while not csv_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert csv_file.read_text().splitlines()[0].startswith("counterparty,percent,qualifier")


def test_markup_in_a_filing_renders_as_text_in_the_browser(
    browser, tmp_path, seed_path, screenshots
):
    from pactgraph.graph import web
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    corpus = tmp_path / "corpus"
    injected = helpers.injected_copy(seed_path, corpus)
    spec = helpers.ingest([injected], tmp_path / "store")
    store, server, base = serve(spec, corpus)
    d = browser
    try:
        d.get(base + "/id/org/ascent-solar-technologies")
        evidence = wait_for(d, "#agreements blockquote.evidence").text
        assert "<script>document.title='pwned'</script><img src=x" in evidence
        d.find_element(By.CSS_SELECTOR, "#agreements cite a").click()
        report = wait_for(d, "pre.report-text", text="<b>Not bold</b> &amp; </pre></mark>").text
        assert "<script>alert(1)</script>" in report
        shoot(d, screenshots, "6-filing-with-markup")
        assert "pwned" not in d.title
        with pytest.raises(NoAlertPresentException):
            d.switch_to.alert.text
        scripts = [s.get_attribute("src") for s in d.find_elements(By.TAG_NAME, "script")]
        assert scripts == [base + "/static/search.js"]
        assert d.find_elements(By.CSS_SELECTOR, "pre.report-text img, pre.report-text b") == []
        assert console_errors(d) == []
    finally:
        server.shutdown()
        store.close()
        web.configure(filing_roots=[])
