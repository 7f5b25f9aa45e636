"""pactgraph.ontology: the OWL ontology and SHACL shapes (Turtle) and their Python namespace."""
