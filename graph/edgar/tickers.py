"""Companies named by ticker or CIK: normalised CIKs, the SEC's ticker table, selector files.

``company_tickers.json`` maps row numbers to ``{"cik_str": 320193, "ticker": "AAPL", "title":
"Apple Inc."}``; it is fetched once per run, and only when a ticker needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pactgraph.graph.errors import ConfigError

from .client import EdgarClient, FetchError

__all__ = ["is_cik", "normalize_cik", "read_selectors", "resolve_companies"]

_CIK = re.compile(r"^(?:CIK)?0*(\d{1,10})$", re.IGNORECASE)
_TICKER = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]{0,9}$")


def is_cik(text: str) -> bool:
    """True when ``text`` is a CIK (digits, optionally zero-padded or prefixed ``CIK``)."""
    return bool(_CIK.match(text.strip()))


def normalize_cik(text: str | int) -> str:
    """A CIK as the ten digits EDGAR's APIs use (``"320193"`` → ``"0000320193"``)."""
    m = _CIK.match(str(text).strip())
    if not m or int(m.group(1)) == 0:
        raise ConfigError(f"not a CIK: {text!r}")
    return m.group(1).zfill(10)


def read_selectors(path: str | Path) -> tuple[list[str], list[str]]:
    """The tickers and CIKs listed in a file: one or more per line, separated by commas or
    spaces; ``#`` starts a comment. Digits are CIKs, anything else a ticker."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the list of companies: {exc}", path=path) from exc
    tickers: list[str] = []
    ciks: list[str] = []
    for line in text.splitlines():
        for word in re.split(r"[,\s]+", line.split("#", 1)[0]):
            if not word:
                continue
            if is_cik(word):
                ciks.append(normalize_cik(word))
            elif _TICKER.match(word):
                tickers.append(word.upper())
            else:
                raise ConfigError(f"neither a ticker nor a CIK: {word!r}", path=path)
    return tickers, ciks


def ticker_table(client: EdgarClient) -> dict[str, str]:
    """Ticker (upper case) → ten-digit CIK, from the SEC's ``company_tickers.json``."""
    data = client.get_json(client.settings.tickers_url)
    rows = data.values() if isinstance(data, dict) else data
    table: dict[str, str] = {}
    for row in rows:
        try:
            table[str(row["ticker"]).upper()] = normalize_cik(row["cik_str"])
        except (KeyError, TypeError, ConfigError):
            continue  # a malformed row names no company
    if not table:
        raise FetchError(f"{client.settings.tickers_url}: no tickers in the answer")
    return table


def resolve_companies(
    client: EdgarClient, tickers: Iterable[str], ciks: Iterable[str]
) -> list[str]:
    """The ten-digit CIKs of ``tickers`` and ``ciks``, in the order given, without repeats.

    An unknown ticker is an error naming it (nothing is fetched for a half-known selection).
    """
    out = [normalize_cik(c) for c in ciks]
    wanted = [t.strip().upper() for t in tickers if t.strip()]
    if wanted:
        table = ticker_table(client)
        unknown = [t for t in wanted if t not in table]
        if unknown:
            raise FetchError(
                f"unknown ticker(s): {', '.join(unknown)} (not in {client.settings.tickers_url})"
            )
        out = [table[t] for t in wanted] + out
    return list(dict.fromkeys(out))
