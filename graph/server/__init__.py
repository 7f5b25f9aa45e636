"""A read-only SPARQL 1.1 Protocol endpoint over a pactgraph store (``pactgraph serve``).

GET ``/sparql?query=...``, POST form-encoded (``query=...``) and POST
``application/sparql-query`` bodies. Results are negotiated from ``Accept`` (or ``?format=``):
SPARQL JSON / XML / CSV / TSV for SELECT and ASK, Turtle / N-Triples / RDF-XML / JSON-LD for
CONSTRUCT and DESCRIBE.

Hardening (all on by default):

* read-only: SPARQL Update (``update=``, ``application/sparql-update``, an update in ``query=``)
  is refused with 403; ``LOAD`` is an update and is refused with it;
* ``SERVICE`` (federated calls to other hosts) is refused unless ``allow_service``;
* ``FROM``/``FROM NAMED``/``default-graph-uri`` naming a ``file:`` IRI is refused (nothing is
  ever read from disk or the network on a query's behalf);
* each query runs in a forked worker process that is killed when it passes ``timeout`` seconds
  (503); results above ``max_rows`` rows or ``max_bytes`` bytes are refused (500); queries longer
  than ``max_query_bytes`` are refused (413);
* CORS headers only for the origins configured (``cors_origins``; ``("*",)`` for any).

The server is the standard library's threading HTTP server; queries run in warm worker processes
that hold the store open. (rdflib-endpoint was judged and not used: it runs queries in rdflib's
engine inside the event loop, where a query cannot be stopped at a time limit and SERVICE is
executed; see the module's report in the issue.)
"""

from pactgraph.graph.errors import Refused

from .checks import check_parsed, check_query
from .config import EndpointConfig
from .fork import ForkPerQuery, execute_with_limits
from .limits import Confinement, cap_memory, forbid_network
from .listener import make_server, serve, start_in_thread
from .negotiate import negotiate
from .webhook import WEB_MODULE, run_select, web_dispatch
from .workers import WorkerPool

__all__ = [
    "Confinement",
    "EndpointConfig",
    "ForkPerQuery",
    "Refused",
    "WEB_MODULE",
    "WorkerPool",
    "cap_memory",
    "check_parsed",
    "check_query",
    "execute_with_limits",
    "forbid_network",
    "make_server",
    "negotiate",
    "run_select",
    "serve",
    "start_in_thread",
    "web_dispatch",
]
