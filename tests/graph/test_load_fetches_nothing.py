"""``pactgraph load FILE`` (the real command, in a subprocess) parses what users load without
network access and without XXE.

``tests/graph/test_load.py`` covers ``read_rdf``/``load_rdf`` in-process (XXE by file and
http, a billion-laughs bomb, a remote JSON-LD context, ``@import``). Here the command itself is
run, and the remaining ways a parser could be made to fetch or read something are tried: JSON-LD
contexts in arrays, property- and type-scoped contexts, ``@vocab``/``@base`` URLs, ``@import``
inside scoped contexts; Turtle ``owl:imports``, ``@base`` and a file: base; RDF/XML with a
DOCTYPE SYSTEM (local file and loopback URL), parameter entities, XInclude, ``xml:base`` and
an ``xml-stylesheet`` PI. Any request goes to a loopback trap server that records it; the only
file that could leak is a secret made here. The store must never hold the secret, the command
must not print a traceback, and a refused file must be named in a one-line error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import loopback
import pytest
from pactgraph.graph.store import open_store

PACTGRAPH = shutil.which("pactgraph", path=os.path.dirname(sys.executable)) or shutil.which(
    "pactgraph"
)
SECRET = "PACTGRAPH-LOAD-SECRET-a91c"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _leaky(path: str) -> tuple[int, str, bytes]:
    """What a fetched DTD, Turtle file or JSON-LD context would bring in."""
    if path.endswith(".dtd"):
        return 200, "application/xml-dtd", f'<!ENTITY leak "{SECRET}">'.encode()
    if path.endswith((".ttl", ".owl")):
        return 200, "text/turtle", f'<urn:x> <urn:says> "{SECRET}" .'.encode()
    context = {
        "@context": {
            "name": "http://example.org/name",
            "leak": {"@id": "http://example.org/leak", "@type": "@id"},
        }
    }
    return 200, "application/ld+json", json.dumps(context).encode()


@pytest.fixture(scope="module")
def trap():
    with loopback.trap(_leaky) as found:
        yield found


@pytest.fixture()
def secret(tmp_path) -> Path:
    s = tmp_path / "secret.txt"
    s.write_text(SECRET)
    return s


def load(tmp_path: Path, f: Path):
    """``pactgraph load F --store oxigraph:...``; returns (exit code, stdout, stderr, store
    dump)."""
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    db = tmp_path / f"store-{f.stem}"
    run = subprocess.run(
        [PACTGRAPH, "load", str(f), "--store", f"oxigraph:{db}"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "4000"},
        cwd=f.parent,
    )
    dump = ""
    if (db / "CURRENT").exists():
        with open_store(f"oxigraph:{db}", read_only=True) as st:
            res = st.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
            dump = "\n".join(" ".join(str(v) for v in row.values()) for row in res.rows)
    return run.returncode, run.stdout, run.stderr, dump


def assert_safe(tmp_path, f: Path, hits: list[str], *, must_load: bool = False) -> str:
    code, out, err, dump = load(tmp_path, f)
    assert "Traceback" not in err, err[-2000:]
    assert SECRET not in dump and SECRET not in out and SECRET not in err, "the secret was read"
    assert hits == [], f"{f.name}: the loader made network requests: {hits}"
    if code != 0:
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and str(f) in lines[0], (
            f"not a one-line error naming the file: {err!r}"
        )
        assert not must_load, f"{f.name} should load: {err}"
    return dump


# --------------------------------------------------------------------------- JSON-LD


def _jsonld_cases(url: str) -> dict[str, object]:
    node = {"@id": "http://example.org/a", "name": "A"}
    return {
        "context-url": {"@context": f"{url}/ctx.jsonld", **node},
        "context-array-url": {
            "@context": [{"name": "http://example.org/name"}, f"{url}/ctx.jsonld"],
            **node,
        },
        "scoped-property-context": {
            "@context": {
                "name": "http://example.org/name",
                "knows": {"@id": "http://example.org/knows", "@context": f"{url}/scoped.jsonld"},
            },
            "@id": "http://example.org/a",
            "knows": {"@id": "http://example.org/b", "name": "B"},
        },
        "scoped-type-context": {
            "@context": {
                "name": "http://example.org/name",
                "Org": {"@id": "http://example.org/Org", "@context": f"{url}/type.jsonld"},
            },
            "@id": "http://example.org/a",
            "@type": "Org",
            "name": "A",
        },
        "import-in-scoped": {
            "@context": {
                "@version": 1.1,
                "name": "http://example.org/name",
                "knows": {
                    "@id": "http://example.org/knows",
                    "@context": {"@import": f"{url}/imp.jsonld"},
                },
            },
            "@id": "http://example.org/a",
            "knows": {"@id": "http://example.org/b"},
        },
        "nested-graph-context": {
            "@context": {"name": "http://example.org/name"},
            "@graph": [{"@context": f"{url}/inner.jsonld", **node}],
        },
        "vocab-and-base-urls": {
            "@context": {"@vocab": f"{url}/vocab#", "@base": f"{url}/base/"},
            "@id": "a",
            "name": "A",
        },
        "remote-id-only": {
            "@context": {"name": "http://example.org/name"},
            "@id": f"{url}/doc",
            "name": "A",
            "http://www.w3.org/2002/07/owl#imports": {"@id": f"{url}/onto.owl"},
        },
    }


@pytest.mark.parametrize("case", list(_jsonld_cases("http://127.0.0.1:1")))
def test_jsonld_contexts_are_never_fetched(case, tmp_path, trap):
    url, hits = trap
    hits.clear()
    f = tmp_path / f"{case}.jsonld"
    f.write_text(json.dumps(_jsonld_cases(url)[case]))
    dump = assert_safe(
        tmp_path, f, hits, must_load=case in ("vocab-and-base-urls", "remote-id-only")
    )
    if case == "remote-id-only":
        assert f"{url}/onto.owl" in dump  # stored as an IRI, never dereferenced


# --------------------------------------------------------------------------- Turtle


def test_turtle_imports_and_base_fetch_nothing(tmp_path, trap, secret):
    url, hits = trap
    hits.clear()
    f = tmp_path / "onto.ttl"
    f.write_text(f"""@base <{url}/base/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<onto> a owl:Ontology ; owl:imports <{url}/imported.ttl>, <{secret.as_uri()}> .
<a> <p> <{secret.as_uri()}> .
""")
    dump = assert_safe(tmp_path, f, hits, must_load=True)
    assert f"{url}/imported.ttl" in dump and secret.as_uri() in dump  # IRIs, not contents
    g = tmp_path / "filebase.ttl"
    g.write_text(f"@base <{secret.as_uri()}> .\n<> <urn:p> <secret.txt> .\n")
    assert_safe(tmp_path, g, hits, must_load=True)


def test_ntriples_and_trig_with_file_iris_load_as_plain_iris(tmp_path, trap, secret):
    url, hits = trap
    hits.clear()
    f = tmp_path / "x.trig"
    f.write_text(f"<{secret.as_uri()}> {{ <{secret.as_uri()}> <urn:p> <{url}/x.ttl> }}\n")
    assert_safe(tmp_path, f, hits, must_load=True)


# --------------------------------------------------------------------------- RDF/XML

BODY = (
    f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">'
    '<rdf:Description rdf:about="http://example.org/a"><ex:p>{content}</ex:p></rdf:Description></rdf:RDF>'
)


def _xml_cases(url: str, secret: Path, tmp: Path) -> dict[str, str]:
    dtd = tmp / "evil.dtd"
    dtd.write_text(
        f'<!ENTITY % file SYSTEM "{secret.as_uri()}">'
        f"<!ENTITY % wrap \"<!ENTITY leak '%file;'>\"> %wrap;"
    )
    return {
        "xxe-file": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        + BODY.format(content="&x;"),
        "xxe-relative-path": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM '
        f'"{secret.name}">]>' + BODY.format(content="&x;"),
        "xxe-http": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{url}/x.txt">]>'
        + BODY.format(content="&x;"),
        "external-dtd-file": f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "{dtd.as_uri()}">'
        + BODY.format(content="&leak;"),
        "external-dtd-http": f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "{url}/e.dtd">'
        + BODY.format(content="&leak;"),
        "public-dtd-http": f'<?xml version="1.0"?><!DOCTYPE r PUBLIC "-//X//Y" "{url}/p.dtd">'
        + BODY.format(content="x"),
        "parameter-entity-oob": (
            f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % f SYSTEM "{secret.as_uri()}">'
            f'<!ENTITY % d SYSTEM "{url}/oob.dtd"> %d;]>' + BODY.format(content="x")
        ),
        "xinclude": (
            f'<?xml version="1.0"?><rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/" '
            'xmlns:xi="http://www.w3.org/2001/XInclude"><rdf:Description rdf:about="http://example.org/a">'
            f'<ex:p rdf:parseType="Literal"><xi:include href="{secret.as_uri()}" '
            f'parse="text"/></ex:p><ex:q><xi:include href="{url}/inc.txt" parse="text"/></ex:q>'
            "</rdf:Description></rdf:RDF>"
        ),
        "stylesheet-pi": (
            f'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="{url}/s.xsl"?>'
            + BODY.format(content="x")
        ),
        "xml-base-and-resource": (
            f'<?xml version="1.0"?><rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/" '
            f'xml:base="{url}/base/"><rdf:Description rdf:about="a">'
            f'<ex:p rdf:resource="{secret.as_uri()}"/><ex:q rdf:resource="b"/>'
            "</rdf:Description></rdf:RDF>"
        ),
        "schema-location": (
            f'<?xml version="1.0"?><rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:schemaLocation="http://example.org/ {url}/schema.xsd">'
            '<rdf:Description rdf:about="http://example.org/a"><ex:p>x</ex:p></rdf:Description></rdf:RDF>'
        ),
    }


XML_CASES = [
    "xxe-file",
    "xxe-relative-path",
    "xxe-http",
    "external-dtd-file",
    "external-dtd-http",
    "public-dtd-http",
    "parameter-entity-oob",
    "xinclude",
    "stylesheet-pi",
    "xml-base-and-resource",
    "schema-location",
]


@pytest.mark.parametrize("case", XML_CASES)
def test_rdfxml_reads_no_file_and_makes_no_request(case, tmp_path, trap, secret):
    url, hits = trap
    hits.clear()
    # the command runs in tmp_path, where a relative-path XXE would find secret.txt
    f = tmp_path / f"{case}.rdf"
    f.write_text(_xml_cases(url, secret, tmp_path)[case])
    assert_safe(
        tmp_path,
        f,
        hits,
        must_load=case in ("stylesheet-pi", "xml-base-and-resource", "schema-location"),
    )


def test_entity_bomb_through_the_command(tmp_path, trap):
    _, hits = trap
    hits.clear()
    ents = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 12)
    )
    f = tmp_path / "bomb.rdf"
    f.write_text(f'<?xml version="1.0"?><!DOCTYPE r [{ents}]>' + BODY.format(content="&a11;"))
    code, _, err, dump = load(tmp_path, f)
    assert code != 0 and "Traceback" not in err
    assert len(dump) < 1_000_000
