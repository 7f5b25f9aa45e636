"""RDF terms, SPARQL text and query results as plain data: the layer below every store, query,
export and server module (it imports none of them)."""
