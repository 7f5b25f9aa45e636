"""The one error family of pactgraph.

Every error the package raises on bad input is a :class:`PactgraphError`. Errors about a file
carry the file's path and a one-line reason, and print as ``PATH: reason``.
"""

from __future__ import annotations

from os import PathLike


class PactgraphError(Exception):
    """Base class of every error pactgraph raises on purpose."""

    def __init__(self, reason: str, path: str | PathLike | None = None) -> None:
        self.reason = reason
        self.path = None if path is None else str(path)
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class ReaderError(PactgraphError):
    """A file could not be read as an 8-K filing."""


class EmptyFileError(ReaderError):
    """The file has no content."""


class BinaryFileError(ReaderError):
    """The file is binary (PDF, ZIP, image, executable, ...), not a filing."""


class NotAFilingError(ReaderError):
    """The file is text but not an EDGAR filing in any format pactgraph reads."""


class WrongFormError(ReaderError):
    """The file is a filing, but of another form than 8-K / 8-K/A (10-K, S-1, ...)."""


class TruncatedFilingError(ReaderError):
    """The filing is cut off before any report text could be read."""


class FileTooLargeError(ReaderError):
    """The file is larger than the reader's size limit."""


class UnreadableFileError(ReaderError):
    """The path is a directory, a broken link, or cannot be opened."""


class ExtractionError(PactgraphError):
    """Extraction failed on a document that was read."""


class StoreError(PactgraphError):
    """A store could not be opened, read or written."""


class QueryError(PactgraphError):
    """A SPARQL query is malformed or failed."""


class ConfigError(PactgraphError):
    """A command-line option or configuration value is invalid."""


class ExhibitFileError(NotAFilingError):
    """The file is an exhibit filed with an 8-K (a contract, a press release), not the report.

    ``exhibit_type`` is its SGML type ("EX-10.1") or printed label ("Exhibit 99.1") when known,
    ``exhibit_number`` the number ("10.1"): enough for a caller holding the 8-K of the same
    submission to attach the exhibit to it instead."""

    def __init__(
        self,
        reason: str,
        path=None,
        *,
        exhibit_type: str | None = None,
        exhibit_number: str | None = None,
    ) -> None:
        super().__init__(reason, path)
        self.exhibit_type = exhibit_type
        self.exhibit_number = exhibit_number


class ReadTimeoutError(ReaderError):
    """Reading the file took longer than the reader's time budget (a pathological file must
    not stall a batch: the file is refused and the batch goes on)."""
