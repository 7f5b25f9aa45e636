"""Extraction of facts from a read filing: each kind of fact in its own subpackage of typed
stages."""
