"""Stage 4: one record per agreement (consolidation) and one per person for employment
agreements."""

from __future__ import annotations

import re


from ...orgs import same_name
from ...people import find_persons
from .dates import dated_after
from .mentions import BARE, CHANGING_INSTRUMENT, RESTATED_TITLE
from .model import Agreement, Context

# agreements of one person each: the same title signed with another person is another agreement
PERSONS_OWN = ("employment", "separation", "indemnification")
_LOOKBACK = (
    100  # records compared with each new one (a report names a few dozen agreements at most)
)


def _amendment_of(kept: Agreement, rec: Agreement) -> Agreement | None:
    """Of the pair, the "Amendment ... to <other>" amending the other (amended or restated), if
    any."""
    amends = [
        x
        for x, y in ((kept, rec), (rec, kept))
        if x.key.endswith(" to " + y.key) and x.action == "amended" and y.action == "amended"
    ]
    if not amends or _other_persons(kept, rec):
        return None  # Mr. Terhune's amendment does not amend Dr. Cheung's agreement
    return amends[0]


def add_parties(target: Agreement, parties: list[str]) -> None:
    for p in parties:
        if not any(same_name(p, q) for q in target.parties):
            target.parties.append(p)


def _absorb_amendment(kept: Agreement, rec: Agreement, amendment: Agreement) -> None:
    """``kept`` becomes the amendment record of the pair, with the other's date, kind and
    parties."""
    other = rec if amendment is kept else kept
    kept.title, kept.key, kept.action = amendment.title, amendment.key, "amended"
    kept.date = amendment.date or other.date
    kept.start, kept.end = amendment.start, amendment.end
    if kept.kind == "other":
        kept.kind = other.kind
    add_parties(kept, rec.parties)
    kept.exhibit = kept.exhibit or rec.exhibit


def person_parties(record: Agreement) -> set[str]:
    """The natural persons among the record's parties."""
    return {p for p in record.parties if any(m.name == p for m in find_persons(p))}


def persons_differ(mine: set[str], theirs: set[str]) -> bool:
    """Two agreements' persons (names or surnames) are known on both sides and none is shared:
    a person's own agreement of one is not the other's."""
    return bool(mine) and bool(theirs) and not mine & theirs


def _other_persons(kept: Agreement, rec: Agreement) -> bool:
    """Two person's own agreements (employment, ...) of different persons."""
    if kept.kind not in PERSONS_OWN or rec.kind not in PERSONS_OWN:
        return False
    return persons_differ(person_parties(kept), person_parties(rec))


def _amendments_of_two_dates(kept: Agreement, rec: Agreement) -> bool:
    """Two amending instruments made on different dates: "an amendment to X" in September, "a
    further amendment to X" in November."""
    both = all("amendment" in r.key for r in (kept, rec))
    return both and bool(kept.date and rec.date) and kept.date != rec.date


def _same_agreement(kept: Agreement, rec: Agreement) -> bool:
    """Same action and date, and one title within the other ("Credit Agreement" in "Revolving
    Credit Agreement") of the same kind, or a bare title; not two persons' own agreements."""
    if kept.action != rec.action or (kept.dated and rec.dated and kept.dated != rec.dated):
        return False
    if _named_and_dated_apart(kept, rec):
        return False
    one_sentence = kept.start == rec.start
    if (
        kept.key == rec.key
        and (one_sentence or (kept.named_with and rec.named_with))
        and _counterparties_apart(kept, rec)
    ):
        return False  # each told with its own counterparties: "(i) the Voting Agreement ...
        # between Sundown and Mr. Colquitt, and (ii) the Voting Agreement ... between Sundown
        # and Marlow"; or in two sentences, each "with" its own
    if _other_persons(kept, rec):
        return False
    if _amendments_of_two_dates(kept, rec):
        return False
    a, b = f" {kept.key} ", f" {rec.key} "
    if (a in b or b in a) and not _instrument_of_the_other(kept, rec):
        return rec.kind == kept.kind or rec.title.lower() in BARE or kept.title.lower() in BARE
    return _short_form_of_other(kept, rec)


def _named_and_dated_apart(kept: Agreement, rec: Agreement) -> bool:
    """Two records of one title, each given its own defined term and made on its own day: two
    agreements (the "Harborview Agreement" of November 7, the "Fenwick Agreement" of November
    8)."""
    named_apart = bool(kept.aliases and rec.aliases) and not kept.aliases & rec.aliases
    if named_apart and _counterparties_apart(kept, rec):
        return True  # the "Kessling Stockholders Agreement" and the "Pellham Stockholders
        # Agreement", each with its own holders
    return named_apart and bool(kept.date and rec.date) and kept.date != rec.date


def _counterparties_apart(kept: Agreement, rec: Agreement) -> bool:
    """Whether two records name counterparties (beside parties they share) and none in common."""
    shared = {p for p in kept.parties if any(same_name(p, q) for q in rec.parties)}
    mine = [p for p in kept.parties if p not in shared]
    theirs = [q for q in rec.parties if not any(same_name(q, p) for p in shared)]
    return bool(mine) and bool(theirs) and not any(same_name(p, q) for p in mine for q in theirs)


def _instrument_of_the_other(kept: Agreement, rec: Agreement) -> bool:
    """Whether of two agreements entered one is an instrument changing the other ("First
    Supplemental Indenture" and "Indenture"): the base and its supplement are two instruments,
    not one title written short and long. (An agreement amended and its amendment are one fact.)"""
    if kept.action != "entered":
        return False
    return bool(CHANGING_INSTRUMENT.search(kept.key)) != bool(CHANGING_INSTRUMENT.search(rec.key))


def _short_form_of_other(kept: Agreement, rec: Agreement) -> bool:
    """ "Merger Agreement" beside "Agreement and Plan of Merger" of the same kind, date and
    parties: the defined term whose link to its title was lost, one agreement."""
    words_a, words_b = set(kept.key.split()), set(rec.key.split())
    if not (words_a <= words_b or words_b <= words_a) or kept.kind != rec.kind:
        return False
    if _instrument_of_the_other(kept, rec):
        return False
    if not (kept.date and kept.date == rec.date):
        return False
    shared = [p for p in kept.parties if any(same_name(p, q) for q in rec.parties)]
    return len(shared) >= 2 and len(shared) >= min(len(kept.parties), len(rec.parties)) - 1


def _absorb_twin(twin: Agreement, rec: Agreement) -> None:
    """``twin`` takes ``rec``'s longer title and what it lacks."""
    if len(rec.title) > len(twin.title) and rec.title.lower() not in BARE:
        twin.title, twin.key = rec.title, rec.key
        twin.start, twin.end = rec.start, rec.end
    twin.exhibit = twin.exhibit or rec.exhibit
    twin.date = twin.date or rec.date
    twin.dated = twin.dated or rec.dated
    twin.aliases |= rec.aliases | {rec.key}
    add_parties(twin, rec.parties)


def consolidate(found: list[Agreement]) -> list[Agreement]:
    """One record per agreement: "Amendment No. 1 to X" and "X" amended together are one fact
    (new records; ``found`` is left as it is)."""
    out: list[Agreement] = []
    for rec in (a.copy() for a in found):
        twin = None
        absorbed = False
        for kept in out[-_LOOKBACK:]:
            amendment = _amendment_of(kept, rec)
            if amendment is not None:
                _absorb_amendment(kept, rec, amendment)
                absorbed = True
                break
            if _same_agreement(kept, rec):
                twin = kept
                break
        if absorbed:
            continue
        if twin is None:
            out.append(rec)
        else:
            _absorb_twin(twin, rec)
    return out


def _restates(restated: Agreement, original: Agreement) -> bool:
    """Whether ``restated`` ("Amended and Restated X", amended) is this report's restatement of
    ``original`` ("X"): amended by the same restatement, or entered before it (told as its
    history: "In connection with the Original Merger Agreement, X entered into a Voting
    Agreement dated February 8")."""
    m = RESTATED_TITLE.match(restated.key)
    if restated.action != "amended" or m is None or original.key != restated.key[m.end() :]:
        return False
    if persons_differ(person_parties(restated), person_parties(original)):
        return False  # Ms. Raghunathan's Employment Agreement is not Dr. Cheung's, restated
    if original.action == "amended":
        return True
    earlier = bool(original.date and restated.date) and original.date < restated.date
    return original.action == "entered" and earlier


def drop_restated_originals(found: list[Agreement]) -> list[Agreement]:
    """The records left when an agreement's restatement stands for it: the report amended it
    once, by restating it (in the labelled reports an amended and restated agreement is one
    ``amended`` fact, never beside its original)."""
    return [r for r in found if not any(_restates(other, r) for other in found if other is not r)]


def _own_dated(text: str, a: Agreement, person: str) -> str | None:
    """The date the agreement's sentence gives right after ``person``'s surname: "an Employment
    Agreement with Ms. Kassel, dated as of June 3, 1996, and an Employment Agreement with Mr.
    Mannheim, dated as of May 28, 1996" dates each one its own."""
    surname = re.escape(person.split()[-1])
    for m in re.finditer(rf"\b{surname}\b", text[a.start : a.end]):
        dated = dated_after(text, a.start + m.end(), a.end)
        if dated:
            return dated
    return None


def split_people(ctx: Context, found: list[Agreement]) -> list[Agreement]:
    """One agreement of a person's own (employment, separation, indemnification) per named
    person: "each of the New Directors entered into the Company's standard indemnification
    agreement" reports one agreement with each."""
    out = []
    for a in found:
        persons = [p for p in a.parties if p in ctx.persons]
        if a.kind in PERSONS_OWN and len(persons) > 1:
            others = [p for p in a.parties if p not in persons]
            for p in persons:
                out.append(
                    Agreement(
                        a.title,
                        a.kind,
                        a.action,
                        _own_dated(ctx.text, a, p) or a.date,
                        others + [p],
                        a.exhibit,
                        a.start,
                        a.end,
                        a.dated,
                        set(a.aliases),
                        a.key,
                    )
                )
        else:
            out.append(a)
    return out
