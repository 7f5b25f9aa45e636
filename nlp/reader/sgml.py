"""EDGAR SGML submissions: the header fields and the ``<DOCUMENT>`` blocks.

Reads the three shapes EDGAR has used: full submissions (``<SEC-DOCUMENT>`` with a
``<SEC-HEADER>`` of ``KEY: value`` lines, also inside a PEM wrapper), dissemination files
(``<SUBMISSION>`` with ``<TAG>value`` header tags, often without line breaks) and single
``<DOCUMENT>`` blocks saved on their own. Markup inside a document's ``<TEXT>`` is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class SgmlDocument:
    type: str | None
    sequence: str | None
    filename: str | None
    description: str | None
    body: str  # the content of <TEXT> (HTML, plain text, uuencoded, ...)
    start: int  # offset of the body in the submission text
    complete: bool = True  # False when </TEXT> or </DOCUMENT> is missing


@dataclass
class Submission:
    header: dict[str, str] = field(default_factory=dict)  # normalised keys, first filer only
    items: list[str] = field(default_factory=list)  # ITEM INFORMATION lines / <ITEMS> values
    documents: list[SgmlDocument] = field(default_factory=list)
    has_header: bool = False


# KEY: value lines of the <SEC-HEADER>; key names are normalised to these.
_HEADER_KEYS = {
    "ACCESSION NUMBER": "accession",
    "CONFORMED SUBMISSION TYPE": "form",
    "CONFORMED PERIOD OF REPORT": "period",
    "FILED AS OF DATE": "filing_date",
    "COMPANY CONFORMED NAME": "conformed_name",
    "CENTRAL INDEX KEY": "cik",
    "STANDARD INDUSTRIAL CLASSIFICATION": "sic",
    "IRS NUMBER": "irs_ein",
    "STATE OF INCORPORATION": "state_of_incorporation",
    "SEC FILE NUMBER": "commission_file_number",
    "FORM TYPE": "form_type",
    "STREET 1": "street1",
    "STREET 2": "street2",
    "CITY": "city",
    "STATE": "state",
    "ZIP": "zip",
    "BUSINESS PHONE": "phone",
}
# <TAG>value tags of dissemination (.nc) headers.
_NC_KEYS = {
    "ACCESSION-NUMBER": "accession",
    "TYPE": "form",
    "PERIOD": "period",
    "FILING-DATE": "filing_date",
    "CONFORMED-NAME": "conformed_name",
    "CIK": "cik",
    "ASSIGNED-SIC": "sic",
    "IRS-NUMBER": "irs_ein",
    "STATE-OF-INCORPORATION": "state_of_incorporation",
    "FILE-NUMBER": "commission_file_number",
    "FORM-TYPE": "form_type",
    "STREET1": "street1",
    "STREET2": "street2",
    "CITY": "city",
    "STATE": "state",
    "ZIP": "zip",
    "PHONE": "phone",
}
_ADDRESS_KEYS = {"street1", "street2", "city", "state", "zip", "phone"}

_HEADER_LINE = re.compile(r"^[ \t]*([A-Z][A-Z0-9 ./&()-]*?):[ \t]*(.*?)[ \t]*$", re.M)
_NC_TAG = re.compile(r"<([A-Z][A-Z0-9-]*)>([^<\r\n]*)")
_DOC_OPEN = re.compile(r"<DOCUMENT>", re.I)
_DOC_CLOSE = re.compile(r"</DOCUMENT>", re.I)
_DOC_FIELD = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^<\r\n]*)", re.I)
_TEXT_OPEN = re.compile(r"<TEXT>", re.I)
_TEXT_CLOSE = re.compile(r"</TEXT>", re.I)
_WRAPPER = re.compile(r"^\s*<(XBRL|XML|PDF)>\s*|\s*</(XBRL|XML|PDF)>\s*$", re.I)


def parse_submission(text: str) -> Submission:
    """Split an SGML submission into its header fields and documents."""
    sub = Submission()
    first_doc = _DOC_OPEN.search(text)
    head_end = first_doc.start() if first_doc else len(text)
    head = text[:head_end]
    h_open = re.search(r"<(SEC|IMS)-HEADER>", head, re.I)
    if h_open:
        h_close = re.search(r"</(SEC|IMS)-HEADER>", head, re.I)
        _parse_key_value_header(head[h_open.end() : h_close.start() if h_close else len(head)], sub)
        sub.has_header = True
    elif re.search(r"<SUBMISSION>", head, re.I) or "<ACCESSION-NUMBER>" in head:
        _parse_tag_header(head, sub)
        sub.has_header = True
    elif "ACCESSION NUMBER:" in head:
        _parse_key_value_header(head, sub)
        sub.has_header = True
    sub.documents = list(_documents(text, head_end))
    return sub


def _parse_key_value_header(head: str, sub: Submission) -> None:
    filers = 0
    section = ""
    for m in _HEADER_LINE.finditer(head):
        key, value = m.group(1).strip().upper(), m.group(2).strip()
        if key in ("FILER", "SUBJECT COMPANY", "FILED BY", "ISSUER", "REPORTING-OWNER"):
            filers += 1
            section = key
            continue
        if key in (
            "BUSINESS ADDRESS",
            "MAIL ADDRESS",
            "FORMER COMPANY",
            "COMPANY DATA",
            "FILING VALUES",
        ):
            section = key
            continue
        if key == "ITEM INFORMATION":
            if value:
                sub.items.append(value)
            continue
        name = _HEADER_KEYS.get(key)
        if not name or not value:
            continue
        if filers > 1:  # only the first filer describes the registrant
            continue
        if name in _ADDRESS_KEYS and section != "BUSINESS ADDRESS":
            continue
        if section == "FORMER COMPANY":
            continue
        sub.header.setdefault(name, value)


def _parse_tag_header(head: str, sub: Submission) -> None:
    filers = 0
    section = ""
    for m in _NC_TAG.finditer(head):
        tag, value = m.group(1).upper(), m.group(2).strip()
        if tag in ("FILER", "SUBJECT-COMPANY", "FILED-BY", "ISSUER", "REPORTING-OWNER"):
            filers += 1
            continue
        if tag in ("BUSINESS-ADDRESS", "MAIL-ADDRESS", "FORMER-COMPANY", "COMPANY-DATA"):
            section = tag
            continue
        if tag == "ITEMS":
            if value:
                sub.items.append(value)
            continue
        name = _NC_KEYS.get(tag)
        if not name or not value or filers > 1:
            continue
        if name in _ADDRESS_KEYS and section != "BUSINESS-ADDRESS":
            continue
        if section == "FORMER-COMPANY":
            continue
        sub.header.setdefault(name, value)


def _documents(text: str, pos: int):
    while True:
        m = _DOC_OPEN.search(text, pos)
        if not m:
            return
        close = _DOC_CLOSE.search(text, m.end())
        nxt = _DOC_OPEN.search(text, m.end())
        end = close.start() if close else len(text)
        complete = close is not None
        if nxt and nxt.start() < end:  # a <DOCUMENT> without its </DOCUMENT>
            end, complete = nxt.start(), False
        block_start = m.end()
        t_open = _TEXT_OPEN.search(text, block_start, end)
        fields_end = t_open.start() if t_open else end
        fields: dict[str, str] = {}
        for f in _DOC_FIELD.finditer(text, block_start, fields_end):
            fields.setdefault(f.group(1).upper(), f.group(2).strip())
        if t_open:
            t_close = _TEXT_CLOSE.search(text, t_open.end(), end)
            body_start = t_open.end()
            body_end = t_close.start() if t_close else end
            if not t_close:
                complete = False
        else:
            body_start = body_end = fields_end
        body = text[body_start:body_end]
        w = _WRAPPER.match(body)
        if w:
            body_start += w.end()
            body = body[w.end() :]
        w = re.search(r"\s*</(XBRL|XML|PDF)>\s*$", body[-200:], re.I)
        if w:
            body = body[: len(body) - (len(body[-200:]) - w.start())]
        yield SgmlDocument(
            type=fields.get("TYPE") or None,
            sequence=fields.get("SEQUENCE") or None,
            filename=fields.get("FILENAME") or None,
            description=fields.get("DESCRIPTION") or None,
            body=body,
            start=body_start,
            complete=complete,
        )
        if not close or (nxt and nxt.start() < close.start()):
            if not nxt:
                return
            pos = nxt.start()
        else:
            pos = close.end()
