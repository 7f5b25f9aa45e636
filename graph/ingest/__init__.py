"""Getting data into a store: filings (read, extract, build, write, link, one at a time) and RDF
files a user has (checked so they never pass as a filing's facts)."""

from .filings import (
    FAILED,
    IngestReport,
    Outcome,
    expand_paths,
    file_sha256,
    ingest_paths,
    process_file,
)
from .rdf_files import load_rdf, read_rdf

__all__ = [
    "FAILED",
    "IngestReport",
    "Outcome",
    "expand_paths",
    "file_sha256",
    "ingest_paths",
    "load_rdf",
    "process_file",
    "read_rdf",
]
