"""pactgraph.graph: facts to RDF, stores, queries, exports, networkx views and the endpoint."""
