"""Page URLs from entity IRIs and back.

Every page of the web interface is addressed by the path of the entity's IRI: the IRI
``https://pactgraph.org/id/org/cik-0001234567`` is shown at ``/id/org/cik-0001234567`` on the
server, so a page's URL stays the same as long as the IRI does (IRIs are stable across runs:
see :mod:`pactgraph.graph.iris`). IRIs outside the pactgraph namespace have no page.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from pactgraph.graph.iris import BASE

#: the URL path prefix that stands for :data:`pactgraph.graph.iris.BASE`
ID_PREFIX = "/id/"

# what an IRI path made by pactgraph.graph.iris may contain (slugs, accession numbers, hashes)
_SAFE_REST = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*")


def page_url(iri: str | None) -> str | None:
    """The page of ``iri`` on this server, or None when it is not a pactgraph entity IRI."""
    if not iri or not iri.startswith(BASE):
        return None
    rest = iri[len(BASE) :]
    if not _SAFE_REST.fullmatch(rest) or ".." in rest.split("/"):
        return None
    return ID_PREFIX + rest


def iri_of_path(path: str) -> str | None:
    """The entity IRI a page path stands for, or None when the path names none.

    Only the characters pactgraph's IRIs are made of are accepted: the IRI goes into SPARQL
    text, so anything else (``>``, quotes, spaces, ``..``) is no entity.
    """
    if not path.startswith(ID_PREFIX):
        return None
    rest = path[len(ID_PREFIX) :].rstrip("/")
    if not _SAFE_REST.fullmatch(rest) or ".." in rest.split("/"):
        return None
    return BASE + rest


def entity_kind(iri: str) -> str:
    """What page an entity IRI gets: organization, person, filing, agreement, fact or other."""
    parts = iri[len(BASE) :].split("/")
    if parts[0] == "org":
        return "organization"
    if parts[0] == "person":
        return "person"
    if parts[0] == "filing" and len(parts) == 2:
        return "filing"
    if parts[0] == "filing" and len(parts) == 4 and parts[2] == "agreement":
        return "agreement"
    if parts[0] == "filing" and len(parts) == 4 and parts[2] in ("stake", "position"):
        return "fact"
    return "other"


def query_url(path: str, **params: str) -> str:
    """``path`` with query parameters, each percent-encoded."""
    if not params:
        return path
    return path + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())


def fact_anchor(fact: str) -> str:
    """The id of a fact's evidence on its filing's page: ``ev-`` and the fact IRI's path after
    the filing (``ev-agreement-cooperation-agreement-eb162a17``)."""
    rest = fact[len(BASE) :].split("/", 2)[-1] if fact.startswith(BASE + "filing/") else fact
    return "ev-" + re.sub(r"[^A-Za-z0-9_-]+", "-", rest)
