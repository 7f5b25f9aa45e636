"""Inputs the fuzz benchmark found that broke an invariant of the reader, each cut down to a few
lines, kept as regression tests."""

from __future__ import annotations

from pactgraph.nlp.reader import read_filing

#: found by ``python -m benchmarks.fuzz --n 100000 --seed 23`` (input 66,266), reduced by lines:
#: the signature block's first sentence on the line after an item heading in HTML
HEADING_RUNS_INTO_SIGNATURE = (
    b"\t\t\t\t<b>Item 8.01.&nbsp;&nbsp;&nbsp;&nbsp;Other Events</b>\n"
    b"\t\t\tPursuant to the requirements of the Securities Exchange Act of 1934, the registrant "
    b"has duly caused this report to be signed on its behalf by the undersigned hereunto\n"
    b'\t\t<div  align="left" Style="text-indent:4%">'
)


def test_an_item_heading_never_ends_after_its_item():
    filing = read_filing("heading.htm", data=HEADING_RUNS_INTO_SIGNATURE)
    assert filing.items, "the item heading was not found"
    bad = [
        (it.number, it.start, it.heading_end, it.end)
        for it in filing.items
        if not it.start <= it.heading_end <= it.end <= len(filing.text)
    ]
    assert not bad, bad
