"""The read-only web interface beside the SPARQL endpoint (``pactgraph serve``).

Pages are rendered on the server from Jinja2 templates; a few small scripts of the package
(no third-party front-end code) add search-as-you-type and the query editor. The server's
request handler calls :func:`handle_request` for every GET/HEAD off the endpoint path, with a
``run_select(sparql)`` that runs a read-only SELECT under the endpoint's limits.

Pages (every entity page at the path of its IRI: ``https://pactgraph.org/id/X`` -> ``/id/X``):

* ``/`` search, ``/search?q=`` results, ``/api/search?q=`` results as JSON (as you type);
* ``/id/org/...`` and ``/id/person/...`` a company or person: names, agreements, stakes,
  people, neighbourhood drawing, filings;
* ``/id/filing/KEY`` a filing's text with each fact's evidence marked;
* ``/id/filing/KEY/agreement/...`` an agreement: parties, lifecycle, evidence;
* any other ``/id/...`` its statements; ``/query`` the SPARQL editor; ``/static/NAME`` assets.
"""

from __future__ import annotations

from .app import configure, handle_request

__all__ = ["handle_request", "configure"]
