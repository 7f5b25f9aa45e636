"""Settings of ``pactgraph fetch``: the declared User-Agent, the EDGAR base URLs and the limits.

Each setting comes from, in increasing precedence: the defaults below, the ``[fetch]`` table of
the config file, environment variables, and keyword overrides (the command-line options).

The config file is ``$PACTGRAPH_CONFIG`` when set, else ``$XDG_CONFIG_HOME/pactgraph/config.toml``
(``~/.config/pactgraph/config.toml``)::

    [fetch]
    user_agent = "Jane Doe jane.doe@example.com"
    base_url = "https://edgar-mirror.example.org"   # optional: a mirror with EDGAR's paths

Environment variables: ``PACTGRAPH_USER_AGENT`` and ``PACTGRAPH_EDGAR_URL`` (a base URL).

The SEC's fair-access policy asks automated clients to declare who they are in the User-Agent,
with a contact e-mail address, and blocks requests that do not; so does :func:`require_user_agent`
before any request is made.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from pactgraph.graph.errors import ConfigError

__all__ = ["FetchSettings", "config_path", "load_settings", "require_user_agent"]

USER_AGENT_ENV = "PACTGRAPH_USER_AGENT"
BASE_URL_ENV = "PACTGRAPH_EDGAR_URL"
CONFIG_ENV = "PACTGRAPH_CONFIG"

SEC_WWW = "https://www.sec.gov"
SEC_DATA = "https://data.sec.gov"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@dataclass(frozen=True)
class FetchSettings:
    """Where to fetch from, who is asking, and how politely.

    ``archives_url`` serves ``edgar/data/...`` and ``edgar/full-index/...``; ``data_url`` serves
    ``submissions/CIK##########.json``; ``tickers_url`` is ``company_tickers.json``.
    """

    user_agent: str | None = None
    archives_url: str = f"{SEC_WWW}/Archives"
    data_url: str = SEC_DATA
    tickers_url: str = f"{SEC_WWW}/files/company_tickers.json"
    rate: float = 10.0  # requests per second, across all workers (the SEC's limit)
    timeout: float = 30.0  # seconds for one whole request, body included
    retries: int = 5  # further attempts after a 429, a 5xx or a transport error
    backoff: float = 1.0  # first wait before a retry; doubles each time
    max_backoff: float = 60.0  # longest wait between attempts (a longer Retry-After is obeyed)
    workers: int = 4  # downloads in flight at once (the rate limit still holds for all)

    def with_base_url(self, base_url: str) -> FetchSettings:
        """These settings pointed at a server laid out like EDGAR under ``base_url``."""
        base = base_url.rstrip("/")
        return replace(
            self,
            archives_url=f"{base}/Archives",
            data_url=base,
            tickers_url=f"{base}/files/company_tickers.json",
        )


def config_path() -> Path:
    """The config file read by :func:`load_settings` (it need not exist)."""
    explicit = os.environ.get(CONFIG_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    root = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
    return Path(root) / "pactgraph" / "config.toml"


def _config_table(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the config file: {exc}", path=path) from exc
    table = data.get("fetch", {})
    if not isinstance(table, dict):
        raise ConfigError("[fetch] must be a table", path=path)
    return table


def _apply(settings: FetchSettings, values: dict[str, Any], origin: str) -> FetchSettings:
    """``settings`` with ``values`` applied (``base_url`` first, explicit URLs after it)."""
    known = {f.name: f.type for f in fields(FetchSettings)}
    values = {k: v for k, v in values.items() if v is not None}
    unknown = sorted(set(values) - set(known) - {"base_url"})
    if unknown:
        raise ConfigError(f"unknown fetch setting(s) in {origin}: {', '.join(unknown)}")
    if values.get("base_url"):
        settings = settings.with_base_url(str(values["base_url"]))
    changes = {}
    for name, value in values.items():
        if name == "base_url":
            continue
        default = getattr(FetchSettings, name, None)
        try:
            changes[name] = type(default)(value) if isinstance(default, (int, float)) else value
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                f"fetch setting {name} in {origin}: {value!r} is not a number"
            ) from exc
    return replace(settings, **changes)


def load_settings(**overrides: Any) -> FetchSettings:
    """Settings from the config file, then the environment, then ``overrides`` (None = unset).

    ``overrides`` take the field names of :class:`FetchSettings`, plus ``base_url``.
    """
    path = config_path()
    settings = _apply(FetchSettings(), _config_table(path), str(path))
    env = {
        "user_agent": os.environ.get(USER_AGENT_ENV, "").strip() or None,
        "base_url": os.environ.get(BASE_URL_ENV, "").strip() or None,
    }
    settings = _apply(settings, env, "the environment")
    settings = _apply(settings, overrides, "the options")
    _check_limits(settings)
    return settings


def _check_limits(settings: FetchSettings) -> None:
    if not 0 < settings.rate <= 10:
        raise ConfigError(
            f"rate must be above 0 and at most 10 requests/s (the SEC's limit), "
            f"not {settings.rate:g}"
        )
    if settings.timeout <= 0 or settings.retries < 0 or settings.workers < 1:
        raise ConfigError("timeout must be positive, retries >= 0 and workers >= 1")


def require_user_agent(settings: FetchSettings) -> str:
    """The declared User-Agent, or a :class:`ConfigError` saying why and how to declare one."""
    agent = (settings.user_agent or "").strip()
    if agent and _EMAIL.search(agent):
        return agent
    problem = (
        f"the User-Agent {agent!r} gives no contact e-mail address"
        if agent
        else "no User-Agent is declared"
    )
    raise ConfigError(
        f"{problem}. The SEC's fair-access policy requires automated clients to declare who they "
        f"are with a contact address, and blocks those that do not; pactgraph fetch makes no "
        f'request without one. Declare it with --user-agent "Your Name you@example.com", the '
        f"{USER_AGENT_ENV} environment variable, or user_agent in the [fetch] table of "
        f"{config_path()}."
    )
