"""``pactgraph load``: RDF files into the store, with no network access and no XXE.

The network checks are real: a local HTTP server records any request a parser would make.
"""

from __future__ import annotations

import json

import loopback
import pytest
import rdflib

from pactgraph.graph.cli import main
from pactgraph.graph.ingest.rdf_files import LOAD_GRAPH_BASE, load_rdf, read_rdf
from pactgraph.graph.export import export_rdf
from pactgraph.graph.query import run_query
from pactgraph.graph.store import open_store
from pactgraph.nlp.errors import EmptyFileError, FileTooLargeError, ReaderError, UnreadableFileError

TTL = """@prefix ex: <http://example.org/> .
ex:acme ex:name "Acme Corp." ; ex:owns [ ex:percent 23.5 ] .
"""
SECRET = "TOP-SECRET-7f3a"


@pytest.fixture()
def trap():
    """A local HTTP server that records every request; yields (base url, hits)."""
    body = json.dumps({"@context": {"name": "http://example.org/name"}}).encode()
    with loopback.trap(lambda path: (200, "application/ld+json", body)) as found:
        yield found


def test_load_turtle_into_a_named_graph_twice_changes_nothing(tmp_path):
    f = tmp_path / "a.ttl"
    f.write_text(TTL)
    st = open_store("memory:")
    first = load_rdf(st, f)
    ((graph, n),) = first.items()
    assert graph.startswith(LOAD_GRAPH_BASE) and n == 3
    before = run_query(st, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert load_rdf(st, f) == first
    after = run_query(st, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    key = lambda rows: sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)  # noqa: E731
    assert key(after) == key(before)
    res = run_query(st, "SELECT ?n WHERE { ?s <http://example.org/name> ?n }")
    assert res.values("n") == ["Acme Corp."]
    named = load_rdf(st, f, graph="urn:pactgraph:test")
    assert list(named) == ["urn:pactgraph:test"]


@pytest.mark.parametrize(
    "suffix,text",
    [
        (".nt", '<http://example.org/a> <http://example.org/name> "A" .\n'),
        (".nq", '<http://example.org/a> <http://example.org/name> "A" <http://example.org/g> .\n'),
        (
            ".trig",
            '<http://example.org/g> { <http://example.org/a> <http://example.org/name> "A" }\n',
        ),
        (
            ".jsonld",
            json.dumps(
                {
                    "@context": {"name": "http://example.org/name"},
                    "@id": "http://example.org/a",
                    "name": "A",
                }
            ),
        ),
        (
            ".rdf",
            '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            ' xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
            "<ex:name>A</ex:name></rdf:Description></rdf:RDF>",
        ),
    ],
)
def test_every_format_loads(tmp_path, suffix, text):
    f = tmp_path / f"x{suffix}"
    f.write_text(text)
    st = open_store("memory:")
    loaded = load_rdf(st, f)
    assert sum(loaded.values()) == 1
    assert run_query(st, 'ASK { <http://example.org/a> <http://example.org/name> "A" }').boolean


def test_xxe_file_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    f = tmp_path / "xxe.rdf"
    f.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&xxe;</ex:p></rdf:Description>
</rdf:RDF>
""")
    st = open_store("memory:")
    with pytest.raises(ReaderError) as err:
        load_rdf(st, f)
    assert str(f) in str(err.value)
    assert SECRET not in str(err.value)
    assert st.triple_count() == 0


def test_xxe_over_http_and_parameter_entities_make_no_request(tmp_path, trap):
    url, hits = trap
    for i, doctype in enumerate(
        [
            f'<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "{url}/xxe"> ]>',
            f'<!DOCTYPE rdf:RDF [ <!ENTITY % p SYSTEM "{url}/dtd"> %p; ]>',
            f'<!DOCTYPE rdf:RDF SYSTEM "{url}/external.dtd">',
        ]
    ):
        f = tmp_path / f"x{i}.rdf"
        f.write_text(f"""<?xml version="1.0"?>
{doctype}
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>{"&xxe;" if i == 0 else "x"}</ex:p>
  </rdf:Description>
</rdf:RDF>
""")
        try:
            read_rdf(f)
        except ReaderError:
            pass
    assert hits == []


def test_entity_bomb_is_refused(tmp_path):
    levels = ['<!ENTITY a "' + "a" * 50 + '">']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        levels.append(f'<!ENTITY {name} "' + f"&{prev};" * 10 + '">')
    f = tmp_path / "bomb.rdf"
    f.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ {" ".join(levels)} ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&j;</ex:p></rdf:Description>
</rdf:RDF>
""")
    with pytest.raises(ReaderError, match="amplification|entity"):
        read_rdf(f)


def test_harmless_internal_entities_still_load(tmp_path):
    """Protégé-style RDF/XML abbreviates namespaces with internal entities: that keeps working."""
    f = tmp_path / "onto.owl"
    f.write_text("""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="&ex;a"><ex:name>A</ex:name></rdf:Description>
</rdf:RDF>
""")
    ((g, triples),) = read_rdf(f).items()
    assert g is None
    assert triples == [
        (
            rdflib.URIRef("http://example.org/a"),
            rdflib.URIRef("http://example.org/name"),
            rdflib.Literal("A"),
        )
    ]


def test_jsonld_remote_context_is_not_fetched(tmp_path, trap):
    url, hits = trap
    f = tmp_path / "remote.jsonld"
    f.write_text(
        json.dumps(
            {"@context": f"{url}/context.jsonld", "@id": "http://example.org/a", "name": "A"}
        )
    )
    with pytest.raises(ReaderError, match="remote context|context"):
        read_rdf(f)
    f.write_text(
        json.dumps(
            {
                "@context": [{"@import": f"{url}/c.jsonld"}],
                "@id": "http://example.org/a",
                "name": "A",
            }
        )
    )
    with pytest.raises(ReaderError):
        read_rdf(f)
    assert hits == []


def test_bad_paths_and_bad_content(tmp_path):
    with pytest.raises(UnreadableFileError):
        read_rdf(tmp_path / "missing.ttl")
    with pytest.raises(UnreadableFileError):
        read_rdf(tmp_path)
    (tmp_path / "link.ttl").symlink_to(tmp_path / "nowhere.ttl")
    with pytest.raises(UnreadableFileError):
        read_rdf(tmp_path / "link.ttl")
    empty = tmp_path / "empty.ttl"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        read_rdf(empty)
    big = tmp_path / "big.ttl"
    big.write_text(TTL)
    with pytest.raises(FileTooLargeError):
        read_rdf(big, max_bytes=10)
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<< .")
    with pytest.raises(ReaderError, match="not valid"):
        read_rdf(bad)
    binary = tmp_path / "blob.ttl"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ReaderError):
        read_rdf(binary)


def test_export_then_load_gives_the_same_store(tmp_path):
    src = open_store("memory:")
    f = tmp_path / "a.ttl"
    f.write_text(TTL)
    load_rdf(src, f)
    load_rdf(src, f, graph="urn:pactgraph:second")
    dump = tmp_path / "dump.trig"
    export_rdf(src, "trig", dump)
    dst = open_store(f"oxigraph:{tmp_path / 'dst'}")
    with pytest.raises(ReaderError, match="allow-project-iris"):  # it carries bookkeeping
        load_rdf(dst, dump)
    load_rdf(dst, dump, allow_project_iris=True)
    q = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    as_set = lambda st: {tuple(str(r[k]) for k in "gspo") for r in run_query(st, q).rows}  # noqa: E731
    assert as_set(dst) == as_set(src)
    dst.close()


def test_cli_load(tmp_path, capsys):
    f = tmp_path / "a.ttl"
    f.write_text(TTL)
    spec = f"oxigraph:{tmp_path / 'store'}"
    assert main(["load", str(f), "--store", spec]) == 0
    assert "3 triples" in capsys.readouterr().out
    bad = tmp_path / "bad.rdf"
    bad.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]><x>&e;</x>'
    )
    assert main(["load", str(bad), "--store", spec]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "bad.rdf" in lines[0] and "root:" not in err
