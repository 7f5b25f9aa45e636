"""pactgraph.nlp: read 8-K filings and extract agreements, parties, stakes and people."""
