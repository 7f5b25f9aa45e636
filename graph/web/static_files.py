"""The page assets shipped in the package's ``static`` folder, served at ``/static/NAME``."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\.(css|js|svg|png|txt)")


@lru_cache(maxsize=64)
def asset(name: str) -> tuple[str, bytes] | None:
    """(content type, bytes) of the asset ``name``, or None when there is no such asset.

    Only plain file names of the known types are looked up (no folders, no ``..``)."""
    if not _NAME.fullmatch(name):
        return None
    entry = resources.files(__package__).joinpath("static", name)
    if not entry.is_file():
        return None
    return TYPES["." + name.rsplit(".", 1)[1]], entry.read_bytes()
