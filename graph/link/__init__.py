"""Links across filings, made after each ingest: entity resolution (one node per company) and
the agreement lifecycle (amendments, terminations)."""
