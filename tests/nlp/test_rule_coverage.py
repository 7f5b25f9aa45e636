"""Every extraction rule is exercised by the labelled filings of two registrants, or is a guard
or normaliser with a stated reason; and the watcher that counts this sees real matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pactgraph.nlp import rule_coverage

LABELLED_HERE = [
    Path(__file__).parent / name for name in ("reviewed", "fresh", "fresh2", "fresh3", "fresh4")
]


def test_a_watched_rule_notes_the_registrant_of_each_match():
    from pactgraph.nlp.extraction.agreements import events

    from collections import defaultdict

    hits: dict[str, set] = defaultdict(set)
    current = ["group-a"]
    with rule_coverage.watching(hits, current):
        assert isinstance(events.VERB, rule_coverage._Watched)
        events.VERB.search("the Company entered into a lease")
        current[0] = "group-b"
        events.VERB.search("nothing happens here")
    assert isinstance(events.VERB, re.Pattern)  # put back
    assert hits["extraction.agreements.events.VERB"] == {"group-a"}


def test_exemptions_name_real_rules_with_reasons():
    from pactgraph.nlp.rule_coverage import _watched_modules, rule_homes

    homes = set(rule_homes(_watched_modules()).values())
    for rule, reason in rule_coverage.exemptions().items():
        assert rule in homes, f"{rule} is exempted but is no rule"
        assert len(reason.split()) >= 4, f"{rule}: give a reason"


@pytest.mark.slow
@pytest.mark.shared
def test_every_rule_is_exercised_by_two_registrants_or_exempt(gold_dir):
    filings = rule_coverage.labelled_for_development(gold_dir.parent, LABELLED_HERE)
    found = rule_coverage.coverage(filings)
    exempt = rule_coverage.exemptions()
    thin = {rule: groups for rule, groups in found.items() if len(groups) < 2}
    assert not {rule for rule in thin if rule not in exempt}, thin
    assert len({g for groups in found.values() for g in groups}) >= 20
