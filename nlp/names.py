"""Names as words: the one tokeniser of organisation and person names.

Extraction compares names by their words (:func:`pactgraph.nlp.orgs.name_tokens` drops "the" and
trailing legal forms from them); the graph makes its IRI keys from the same words. Case, accents
and punctuation are ignored: "Société Générale S.A." and "SOCIETE GENERALE SA" are the same
words, "Aaron's" is "aarons", "AT&T" is "at and t".
"""

from __future__ import annotations

import re
import unicodedata

_DROPPED = re.compile(r"[.,'\u2019`\"]")  # "N.A." -> "na", "Aaron's" -> "aarons"
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ``text`` without accents, "&" spelled "and"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("&", " and ").lower()


def name_words(name: str) -> list[str]:
    """The words of a name, folded (:func:`fold`), without dots, commas and apostrophes."""
    return _WORD.findall(_DROPPED.sub("", fold(name)))


_HONORIFICS = frozenset({"jr", "sr", "ii", "iii", "iv", "dr", "mr", "ms", "mrs"})


def person_key(name: str) -> str:
    """One person however the name is written ("Thomas B. Pickens, III", "Thomas B. Pickens
    III", "Mr. Thomas B. Pickens"): its words without honorifics and generational suffixes."""
    return "".join(w for w in name_words(name) if w not in _HONORIFICS)


# a courtesy title before a surname: "Mr. Parks", "Ms Yu" (a regex fragment)
# the courtesy titles a name may follow ("Ms. Mather")
COURTESY_TITLES = r"(?:Mr|Ms|Mrs|Dr)"
COURTESY = COURTESY_TITLES + r"\.?[ \t\xa0]+"
# ... at the start of a name: "Dr. Kanwar J.S. Chadha" is named "Kanwar J.S. Chadha"
COURTESY_LEAD = re.compile("^" + COURTESY)
_GENERATIONS = frozenset({"Jr", "Sr", "II", "III", "IV"})
# the dot of a courtesy title, which ends no sentence or clause ("grant Ms. Mather an option")
_COURTESY_DOT = re.compile(r"(?i)(?<=\b(?:mr|ms|dr))\.|(?<=\bmrs)\.")


# academic and professional letters after a name: "Jane Roe, M.D., Ph.D.", "John Doe, Esq."
DEGREES = r"(?:M\.D\.|Ph\.D\.|J\.D\.|D\.O\.|Pharm\.D\.|M\.B\.A\.|MBA|C\.P\.A\.|CPA|Esq\.?)"
DEGREE_TAIL = re.compile(rf"(?:,?\s+{DEGREES})+\s*$")
DEGREE_LEAD = re.compile(rf"^(?:{DEGREES},?\s+)+")


def bare_person_name(name: str) -> str:
    """A person's name without a courtesy title before it or degrees after it ("Dr. Jane Roe,
    M.D." -> "Jane Roe")."""
    return DEGREE_TAIL.sub("", COURTESY_LEAD.sub("", name)).strip(" ,")


def without_courtesy_dots(text: str) -> str:
    """``text`` with the dot of each courtesy title blanked (same length), so that patterns that
    stop at a full stop read past "Ms." and "Mr."."""
    return _COURTESY_DOT.sub(" ", text)


def surname(person: str) -> str:
    """The last name of a person's full name, a generational suffix aside ("Thomas B. Pickens,
    III" gives "Pickens")."""
    words = [w.strip(".,") for w in person.split()]
    while len(words) > 1 and words[-1] in _GENERATIONS:
        words.pop()
    return words[-1] if words else ""


def person_by_surname(
    persons: list[str], last: str, text: str = "", at: int | None = None
) -> str | None:
    """The person a surname ("Mr. Lauder") names among the report's ``persons``: the only one
    with that surname, or, when several share it, the one last named in full in ``text``
    before ``at`` ("Leonard A. Lauder ... Mr. Lauder owns"); None when that is not told."""
    found = list(dict.fromkeys(p for p in persons if surname(p) == last))
    if len(found) == 1:
        return found[0]
    if not found or at is None:
        return None
    where = {p: _last_named_before(text, p, at) for p in found}
    nearest = max(found, key=where.get)
    return nearest if where[nearest] >= 0 else None


# "the son of Gunnar E. Lindqvist": a person named as another's relative is not the one the
# text goes on about
_RELATIVE_OF = re.compile(
    r"\b(?:(?:grand|step)?(?:son|daughter|father|mother)|brother|sister|wife|husband|spouse|"
    r"widow|nephew|niece|cousin|uncle|aunt)(?:-in-law)?\s+of\s+$",
    re.I,
)


def named_as_relative(text: str, start: int) -> bool:
    """Whether the person whose name starts at ``start`` is named as someone's relative ("the
    brother of Gerald P. Stabile")."""
    return _RELATIVE_OF.search(text, max(0, start - 40), start) is not None


def _last_named_before(text: str, person: str, at: int) -> int:
    """Where ``person``'s full name last starts in ``text`` before ``at`` (-1: nowhere), the
    name's words broken over lines or spaces as printed; not where it names someone's
    relative."""
    words = r"\s+".join(re.escape(w) for w in person.split())
    starts = [
        m.start()
        for m in re.compile(rf"\b{words}\b").finditer(text, 0, at)
        if not named_as_relative(text, m.start())
    ]
    return starts[-1] if starts else -1
