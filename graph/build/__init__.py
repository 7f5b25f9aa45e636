"""Building RDF from extracted facts: one named graph per filing, checked against the shapes."""
