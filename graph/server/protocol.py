"""The SPARQL protocol's rules for one request, apart from the socket: a POST body's
parameters, the query and format a request asks for, its body length, the service description.
Each refusal is a :class:`Refused` with the HTTP status to answer."""

from __future__ import annotations

from urllib.parse import parse_qs

from pactgraph.graph.errors import Refused

from .checks import check_query
from .config import EndpointConfig
from .negotiate import negotiate

UPDATE_REFUSED = "read-only endpoint: SPARQL Update is refused"


def service_description(url: str) -> bytes:
    """The endpoint's SPARQL service description (Turtle), for a request without a query."""
    return (
        f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
[] a sd:Service ;
  sd:endpoint <{url}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
    fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:RDF_XML, fmt:JSON-LD ;
  sd:feature sd:UnionDefaultGraph .
"""
    ).encode()


def body_length(header: str | None, config: EndpointConfig) -> int:
    """The ``Content-Length`` of a request: 400 when it is not a number, 413 when it is
    negative or longer than a query may be (with room for the form's other fields)."""
    try:
        length = int(header or 0)
    except ValueError:
        raise Refused("bad Content-Length", 400) from None
    if length < 0 or length > config.max_query_bytes + 4096:
        raise Refused(f"request body longer than {config.max_query_bytes} bytes", 413)
    return length


def post_params(content_type: str | None, query_string: str, raw: bytes) -> dict[str, list[str]]:
    """The parameters of a POST: those of the URL and those of the body, which is a form
    (``application/x-www-form-urlencoded``, or no type) or a query (``application/sparql-query``).
    An update body is refused (403), a body that is not UTF-8 (400) and other types (415)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    params = parse_qs(query_string, keep_blank_values=True)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("the request body is not UTF-8", 400) from None
    if ctype == "application/sparql-query":
        params.setdefault("query", []).append(text)
    elif ctype == "application/sparql-update":
        raise Refused(UPDATE_REFUSED, 403)
    elif ctype in ("application/x-www-form-urlencoded", ""):
        for k, v in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(k, []).extend(v)
    else:
        raise Refused(
            f"unsupported Content-Type {ctype!r}; use "
            "application/x-www-form-urlencoded or application/sparql-query",
            415,
        )
    return params


def sparql_request(
    params: dict[str, list[str]], accept: str | None, config: EndpointConfig
) -> tuple[str, str, str] | None:
    """``(query, format, content type)`` that the request's parameters ask for, or None when
    they name no query (the answer is then the service description). Raises :class:`Refused`
    for an update, more than one query, dataset parameters, and what :func:`check_query` or
    :func:`negotiate` refuse."""
    if "update" in params:
        raise Refused(UPDATE_REFUSED, 403)
    queries = params.get("query", [])
    if not queries:
        return None
    if len(queries) > 1:
        raise Refused("more than one query parameter", 400)
    for key in ("default-graph-uri", "named-graph-uri"):
        if params.get(key):
            raise Refused(
                f"{key} is not supported here; name graphs with FROM / GRAPH in the query", 400
            )
    sparql = queries[0]
    form = check_query(sparql, config)
    if form == "unknown":  # not a query at all: let the parser say why
        form = "select"
    fmt_param = (params.get("format") or params.get("output") or [None])[0]
    fmt, ctype = negotiate(form, accept, fmt_param)
    return sparql, fmt, ctype
