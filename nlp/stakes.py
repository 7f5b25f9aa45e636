"""Ownership stakes the report states: "X, a roughly 23% shareholder of Y", "owned 60% by X",
"X, a wholly-owned subsidiary of Y" (100, exact). Stakes only to be acquired later are skipped."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .extraction.roles import normalise_title
from .legal_forms import ends_with_form
from .offices import office_noun_regex
from .lists import listed_before, listed_from, tuple_bounds
from .orgs import DOMAIN, find_orgs, inside_quotes
from .people import find_persons


@dataclass
class Stake:
    holder: str
    target: str
    percent: float
    qualifier: str
    start: int
    end: int

    def to_fact(self, text: str) -> dict:
        return {
            "holder": self.holder,
            "target": self.target,
            "percent": self.percent,
            "qualifier": self.qualifier,
            "evidence": {"start": self.start, "end": self.end, "text": text[self.start : self.end]},
        }


@lru_cache(maxsize=1)
def _qualifiers() -> list[tuple[str, str]]:
    data = json.loads(
        resources.files("pactgraph.nlp").joinpath("data/qualifiers.json").read_text("utf-8")
    )
    pairs = [(w, q) for q, words in data.items() if not q.startswith("_") for w in words]
    return sorted(pairs, key=lambda p: -len(p[0]))


def qualifier_before(text: str) -> str:
    """The qualifier the words before a percentage give it ("approximately (a) 42%")."""
    low = re.sub(r"\s+(?:a|an)$", "", text.lower().rstrip())
    for words, q in _qualifiers():
        if low.endswith(words):
            return q
    return "exact"


_WHOLLY = re.compile(
    # "a wholly owned subsidiary of Y", "a 70%-owned subsidiary of Y"
    r"\b(?:wholly[- \u2011]owned|(?P<p>\d{1,3}(?:\.\d+)?)(?:%|\s?percent)[- \u2011]owned)\s+"
    r"(?:[\"“”]?[a-z\-]+[\"“”]?\s+){0,3}?"
    r"[\"“”]?subsidiar(?:y|ies)[\"“”]?\s*(?:\((?:[^()]|\([^()]*\)){0,200}\)\s*)?of\s+",
    re.I,
)
_POSSESSIVE = re.compile(
    r"(?:’s|'s|(?<=s)’|(?<=s)')\s+(?:direct\s+|indirect\s+)?wholly[- \u2011]owned\s+"
    r"(?:[a-z\-]+\s+){0,3}?subsidiar(?:y|ies),?\s+",
    re.I,
)
# between two names of a list: ", ", " and ", ", and ", perhaps after the first's defined term
# ('A ("Alpha") and B')
# ('A ("Alpha") and B'); a bracket that gathers the names before it ("(together, the
# “Guarantors”)") closes the list
_LIST_GAP = re.compile(
    r"\s*(?:\((?!(?:together|collectively)\b)[^()]{0,80}\)\s*)?(?:,\s*(?:and\s+)?|and\s+)"
)
# a percentage in figures, perhaps after the same in words: "fourteen and six-tenths percent
# (14.6%)"
_FIGURE = (
    r"(?:[a-z\-]+(?:\s+and\s+[a-z\-]+)?\s+percent\s+\()?"
    r"(?<![\d.,\-\u2212])(?P<p>\d{1,3}(?:\.\d+)?)(?![\d,])\s*(?:%|percent)\)?"
)
# a share written as a fraction: "approximately one-third of the outstanding shares"
_FRACTION_PERCENT = {
    "one-half": 50.0,
    "one-third": 33.3,
    "two-thirds": 66.7,
    "one-quarter": 25.0,
    "three-quarters": 75.0,
}


# the fractions, as a pattern ("one-third", "one third")
FRACTIONS = "|".join(k.replace("-", r"[- \u2011]") for k in _FRACTION_PERCENT)

_PCT_HOLDER = re.compile(
    # "a 23% shareholder", "a two-thirds membership interest"
    rf"(?P<q>[a-z ]{{0,20}}?)\s*(?:{_FIGURE}|(?P<f>{FRACTIONS}))"
    r"\s+(?:(?:general|limited|common|preferred|managing)\s+)?"
    r"(?:(?:equity|ownership|voting|economic|membership|partnership)\s+)?"
    r"(?:shareholder|stockholder|owner|holder|interest|stake|equity interest)"
    # "a 50% general partnership interest and Y holds a 50% limited partnership interest in Z";
    # "X, a partnership in which Y holds a 50% interest." (what it is in stands before)
    r"(?:\s+(?:of|in)\s+|\s+(?=and\s)|(?=[.,;]))",
    re.I,
)
_OWNED_BY = re.compile(
    r"\b(?:is|are|was)?\s*owned\s+(?P<q>[a-z ]{0,20}?)\s*"
    r"(?<![\d.,\-\u2212])(?P<p>\d{1,3}(?:\.\d+)?)(?![\d,])\s*(?:%|percent)\s+by\s+"
    # "is approximately 62% owned by"
    r"|\b(?:is|are|was)\s+(?P<q2>[a-z ]{0,20}?)\s*(?<![\d.,\-\u2212])"
    r"(?P<p2>\d{1,3}(?:\.\d+)?)(?![\d,])\s*(?:%|percent)[- \u2011]owned\s+by\s+"
    # "X, a special purpose subsidiary wholly owned by the Company"; "X is wholly owned by Y";
    # "X, a Delaware limited liability company wholly owned by Mr. Y" (what kind of entity X is)
    r"|(?P<w>\b(?:is|are|was|subsidiary|subsidiaries|company|entity|corporation|partnership)"
    r"\s+wholly[- \u2011]owned\s+by\s+)",
    re.I,
)
# all of an entity's equity: "owns all of the partnership interests in Y", "holds all of the
# outstanding capital stock of Y" (not "all of the assets of Y")
_ALL_EQUITY = (
    r"(?P<all>all)(?=\s+of\s+the\s+(?:issued\s+and\s+)?(?:outstanding\s+)?(?:[a-z\-]+\s+){0,2}?"
    r"(?:stock|shares|equity|interests?|units|membership\s+interests?)\s+(?:of|in)\b"
    # ... of an entity, not of a class of stock ("all of the shares of Class B Common Stock")
    r"(?!\s+(?:Class|Series|[Cc]ommon|[Pp]referred)\b))"
)
# "X beneficially owns approximately 12.5% of ...",
# "became the owner of 100% of the outstanding stock of Y"
_OWNS = re.compile(
    r"\b(?:(?:beneficially|individually|collectively)\s+)?(?:owns?|owned|holds?|held|controls?|"
    r"became\s+the\s+(?:sole\s+)?(?:beneficial\s+)?(?:owner|holder)\s+of|"
    r"(?:is|was|remains)\s+the\s+(?:sole\s+)?(?:beneficial\s+)?(?:owner|holder)\s+of|acquired|"
    r"purchased)"
    # "owns, indirectly through Parks Holdings and OB Parks, 100% of"
    r"(?:,\s*(?:directly|indirectly)(?:\s+through\s+[^,;()]{1,80})?,)?\s+"
    # "owns 2,140,000 shares (of X common stock), or approximately 13.3%, of ..."
    # "owns 14,250,000 of the Company's common shares (the "Shares"), representing 34.6% of"
    r"(?:(?P<count>[\d,]{3,}\s+(?:of\s+(?:the\s+)?(?:[A-Z][\w.&\-]*[’']s\s+|its\s+|our\s+)?"
    r"(?:[a-z]+\s+){0,2})?(?:shares|units)\b[^;]{0,120}?),\s+(?:or|representing)\s+)?"
    r"(?:(?:directly|indirectly|individually|collectively)\s+)?(?P<q>[a-z ]{0,20}?)\s*"
    rf"(?:{_FIGURE}|(?P<f>{FRACTIONS})|{_ALL_EQUITY})"
    r",?\s+(?:(?:of|in)\s+|(?=and\s))",
    re.I,
)


def owned_percent(m: re.Match) -> float:
    """The percentage an ownership match states, in figures or as a fraction."""
    if m.group("p"):
        return float(m.group("p"))
    if m.groupdict().get("all"):
        return 100.0
    return _FRACTION_PERCENT[re.sub(r"[\s\u2011]+", "-", m.group("f").lower())]


# what the percentage is of, before the entity: "the outstanding capital stock of",
# "the equity interests in"
_OF_WHAT = re.compile(
    r"(?:the\s+)?(?:issued\s+and\s+)?(?:outstanding\s+)?(?:[A-Za-z\-]+\s+){0,3}?"
    r"(?i:stock|shares|equity|equity\s+interests?|interests?|units|securities|voting\s+power|"
    r"capital)"
    # "common units of limited partnership interest in the Operating Partnership"
    r"(?:\s+of\s+(?:limited\s+partnership|partnership|membership|beneficial)\s+interests?)?"
    # "is the general partner of, and owns 98% of the units in, the Partnership"
    r"\s+(?:of|in),?\s+"
)
# "33% of the outstanding shares of common stock" with no company named: the registrant's
_OWN_STOCK = re.compile(
    # "of the 14,150,000 shares of the Company's common stock outstanding"
    r"(?:the\s+[\d,]{3,}\s+shares\s+of\s+the\s+(?:Company|Registrant|Corporation)[’']s\s+"
    r"(?i:common|capital)\s+(?i:stock|shares)\b|"
    r"(?:the\s+)?(?:(?:(?:Company|Registrant|Corporation)[’']s\s+|(?P<its>its)\s+|our\s+)"
    # "our common stock", "our outstanding shares": a possessive says whose stock it is
    r"(?:issued\s+and\s+)?(?:(?P<out>outstanding)\s+)?|(?:issued\s+and\s+)?outstanding\s+)"
    r"(?:shares\s+of\s+)?(?:its\s+|our\s+)?"
    # "Company Common Stock" (the registrant's stock as a defined term), "Class B Common Stock"
    r"(?:(?:Company|Registrant)\s+)?(?:Class\s+[A-Z]\s+)?"
    # "common stock", "capital stock", "common shares" (a report's own stock, no company named)
    r"(?:(?i:common|capital)\s+(?i:stock|shares)|(?(out)shares|(?!x)x))\b"
    r"(?!\s+of\b))"
)
# the verbs of what is still to come (the verb "may", not the month)
_MODAL_VERBS = r"will|would|shall|(?-i:may)|might|could"
_FUTURE_OWN = re.compile(
    # ("continues to own" is held now)
    rf"\b(?:{_MODAL_VERBS}|(?<!continues )(?<!continue )(?<!continued )to|expects? to|intends? to)"
    r"\s+(?:\w+\s+)?$",
    re.I,
)
# the verb "may", not the month ("On May 2, our subsidiary ...")
_FUTURE = re.compile(r"\b(?:will|would|shall|to become|to be|(?-i:may))\b[^.;]{0,60}$", re.I)
# "Prior to the Merger, X owned 41% of Y": a holding the clause says ended with the event
_BEFORE_THE_EVENT = re.compile(
    r"\b(?:prior\s+to|before)\s+(?:the|its|such)\b[^;,]{0,60},[^;]*$"
    # "..., which prior to the sale owned the remaining 55% interest in Y"
    r"|\b(?:prior\s+to|before)\s+(?:the|its|such)\s+\w+\s+(?:(?:owned|held)\b[^;,]{0,60})?$",
    re.I,
)
# "... which owned approximately 11.2% of the outstanding common stock before the private
# placement": the same, said after the figure
_BEFORE_THE_EVENT_AFTER = re.compile(
    r"[^;]{0,100}?\b(?:prior\s+to|before)\s+(?:the|its|such)\s+(?!date\b)", re.I
)
# the clause holds no holding: "No other Investor beneficially owns more than 9.9%", "for so
# long as Kanemori holds at least a 25% interest" (a condition's threshold)
_NO_HOLDER = re.compile(
    r"(?:^|[,;]\s+|\b(?:and|but)\s+)(?:no|neither|none\s+of)\b[^,;]{0,80}$"
    r"|\b(?:so|as)\s+long\s+as\b[^,;]{0,80}$",
    re.I,
)
_PAST_HOLDING = re.compile(r"\b(?:owned|held)\b", re.I)
# "acquired an additional 26% of Y": a percentage that changed hands, not the holding
_INCREMENT = re.compile(r"\b(?:additional|further|another)\b")
# ... said of what changed hands: "acquired" or "purchased", not "holds" ("Mr. Kessler holds
# directly an additional 2.8%", a holding beside another's)
_ACQUIRING = re.compile(r"(?i)acquired|purchased")
# "... and continues to own": the subject's second verb
_AND_THEN_OWNS = re.compile(
    # "... and, as of the date of this report, owns": a phrase set off by commas between
    r"\band(?:\s*,[^,;]{1,60},)?\s+(?:(?:continues|continued|still|currently|also|now)\s+)?"
    r"(?:to\s+)?$"
)
# the verb of holding is the second of its subject's: "X owns and operates ... and holds a 45%
# interest in Y"
_COORDINATED_HOLDS = re.compile(r"\band\s+(?:currently\s+|also\s+)?(?:holds|owns)\s+(?:an?\s+)?$")
# "at the time a wholly owned subsidiary", "formerly a": a holding before the event
_FORMERLY = re.compile(r"\b(?:at the time|then|formerly|previously)\s*,?\s*(?:an?\s+)?$", re.I)


# a person's office set off by commas: "Franklin T. Ostrowski, the Chairman of the Board of the
# Company, owns approximately 35% of ..." (the company it names holds nothing)
_OFFICE_APPOSITIVE = re.compile(
    r",\s+(?:the|its|our|(?:the\s+)?Company[’']s)\s+(?:[\w\-]+,?\s+){0,6}?"
    + office_noun_regex()
    + r"(?:\s+(?:of|and)\s+(?:the\s+)?[\w&\-]+(?:\s+[\w&\-]+){0,4}?)?(?=,)"
)
# "The Reinholt family, including Gerald M. Reinholt and Mark D. Reinholt, owns": the names the
# clause lists are members of the holder, not the holder
_INCLUDING = re.compile(
    r",\s+including\s+[^;()]{1,160}?,"
    # (the holder's verb follows: not "including the right of X, which owns")
    r"(?=\s+(?:(?:together|collectively|beneficially|jointly|currently|also|now)\s+){0,2}"
    r"(?:owns?|owned|holds?|held)\b)"
)
_APPOSITIVE = re.compile(
    r"\b(?:a|an)\s+(?:(?:newly[- ]formed|newly[- ]created|special[- ]purpose|single[- ]purpose|"
    r"bankruptcy[- ]remote)\s+)*"
    r"(?:[A-Z][\w.]*\s+)*(?:private |public |newly[- ]formed |newly[- ]created )?"
    r"(?:company limited by shares|(?:un)?limited liability company|exempted company|"
    r"(?:public|private) limited company|limited company|corporation|company|"
    r"limited partnership|general partnership|partnership|entity)"
    r"(?:\s+(?:incorporated|organized|formed|existing)\s+under\s+the\s+laws\s+of\s+"
    r"(?:[Tt]he\s+)?[A-Z][\w]*(?:\s+(?:of\s+)?[A-Z][\w]*)*)?"
    r"(?:\s+and)?\s*"
    r"|\b(?:a|an)\s+(?:newly[- ]formed|newly[- ]created|direct|indirect)"
    r"(?:,?\s+(?:and\s+)?(?:direct|indirect)?)?,?\s*(?:and\s+)?"
    r"|\b(?:and\s+)?(?:a\s+)?(?:direct|indirect),\s*"
)
_BECOMING = re.compile(
    r"^[ \t\xa0,]*"
    r"(?:continuing|continued|continues|surviving|survived|becoming|became|and becoming)\b[^.;]*$"
)


# sentences that open with a condition state stakes that may come, not stakes held
_CONDITION_LEAD = re.compile(
    r"(?:Subject to|Upon|Following|If|In the event|At the effective time|After|"
    r"Pursuant to the terms)\b"
)
# "X and its affiliated funds own", "X and members of his family own": X holds what they own
_WITH_AFFILIATES = re.compile(
    r",?\s+and\s+(?:certain\s+)?(?:members\s+of\s+)?(?:its|his|her|their)\s+"
    r"(?:immediate\s+)?(?:affiliates|affiliated\s+(?:\w+\s+)?(?:funds|entities|partnerships)|"
    r"family(?:\s+members)?|families)\b"
)
# "acquisition of the 50% interest in Y", "sold its 35% interest in Y": a stake that changed
# hands, whose holder the deal's parties and completion tell
_DEAL_OBJECT = re.compile(
    r"\b(?:acquisition|purchase|sale|disposition|transfer|acquired?|purchased?|sold|sell|"
    r"transferred)\s+(?:of\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+|our\s+)?"
    r"(?:remaining\s+|additional\s+)?\s*$",
    re.I,
)
# "each of A and B holds": every name of the list holds the stake
_EACH_OF = re.compile(r"\b[Ee]ach\s+of\s+(?:the\s+)?[A-Z]")
# a verb of what is still to come: "Upon completion of the merger, X will own"; without one,
# "Following the sale, X owns 19.6%" states the holding the event left
_MODAL = re.compile(rf"\b(?:{_MODAL_VERBS}|expects?|intends?)\b", re.I)
# "the merger of a wholly-owned subsidiary of X, NAME, with ...": the subsidiary is named after
_PREPOSITIONAL = re.compile(
    r"\b(?:of|by|with|to|from|into|through|in|for|on)\s+(?:a|an|one|another)\s+"
    r"(?:direct\s+|indirect\s+|newly[- ]formed\s+)?$"
)
# "our (direct) wholly owned subsidiary", "its ...", "the Company's ..."
_OWN_SUBSIDIARY = re.compile(
    r"(?:,\s+|\b)(?P<who>our|its|the Company[’']?s)\s+(?:direct\s+|indirect\s+|newly[- ]formed\s+)?"
    # "its wholly-owned, special-purpose subsidiary"
    r"wholly[- \u2011]owned,?\s+(?:[A-Za-z\-]+,?\s+){0,3}?subsidiar(?:y|ies)\b"
    # "its wholly owned subsidiaries, including A and B": the list follows "including"
    r"(?P<tail>,?\s+(?:(?:including|namely)\s+)?)?"
)
# "... owned 60% by X and 40% by Y": the second holder of a passive stake
_AND_BY = re.compile(
    r"\band\s+(?P<q>[a-z ]{0,20}?)\s*(?<![\d.,\-\u2212])(?P<p>\d{1,3}(?:\.\d+)?)(?![\d,])\s*"
    r"(?:%|percent)\s+by\s+"
)
# "... that it owns": the sentence's subject owns
_IT_BEFORE = re.compile(r"\b(?:that\s+)?it\s+(?:beneficially\s+)?$")
# where a relative clause opens after the name it describes
_RELATIVE_OPENS = re.compile(r",\s+(?:which|who)\b")
# "60% and": the percentage is of what the next statement names
_AND_NEXT = re.compile(r"\s*and\s+")
# the parent named in an appositive about the subject: "X, a wholly-owned subsidiary of Y, ..."
_PARENT_IN_APPOSITIVE = re.compile(r"\bsubsidiary\s+of\s+(?:the\s+)?$")
# ... unless a relative clause makes the parent its subject: "a subsidiary of Y, which owns 87%"
_RELATIVE_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*(?:which|who)\b")
# a name after a preposition is an object, not the subject "its" refers to
_OBJECT_BEFORE = re.compile(
    r"\b(?:to|with|from|by|for|into|under|among|between)\s+(?:the\s+)?$", re.I
)
# ", each a wholly owned subsidiary of": every name listed before is one
# "A and B, each a wholly owned subsidiary", "..., each of which is a wholly owned subsidiary"
_EACH_BEFORE = re.compile(r"\beach\s+(?:of\s+which\s+(?:is|was)\s+)?(?:an?\s+)?$", re.I)
# "A and B are wholly-owned subsidiaries of X": all the names before are
_ARE_ALL = re.compile(r"\b(?:are|were|remain)\s+(?:(?:direct|indirect|both)\s+)?$", re.I)
# "... and is owned": a second verb of the sentence's subject
_AND_IS = re.compile(r"\band\s+$")
# words in the gap before a name that make the name the subject of what is still to come
_TO_COME = re.compile(r"\b(?:surviv\w*|continu\w*|becom\w*|will|would|shall)\b")


@dataclass
class _Reading:
    """One sentence being read for stakes: its names and where the stakes found go."""

    sent: str
    span: tuple[int, int]
    refs: list[tuple[int, int, str]]
    sellers: list[tuple[int, int, str]]  # names after "from": never holders, but may be held
    orgs: list
    completed: bool
    resolve: Callable[[str], str | None]
    out: list[Stake]
    asides: list[tuple[int, int]] = field(default_factory=list)  # clauses listing no holder

    def add(self, holder, target, percent: float, qualifier: str) -> None:
        _add(self.out, self.resolve, holder, target, percent, qualifier, *self.span)

    def name_after(self, pos: int) -> str | None:
        """The name that starts at ``pos`` (a few characters of slack, or after "the ": "in the
        Venture", the defined term "Venture")."""
        ref = self.ref_at(pos)
        return ref[2] if ref else None

    def ref_at(self, pos: int) -> tuple[int, int, str] | None:
        """The name (start, end, name) :meth:`name_after` reads at ``pos``."""
        found = next((ref for ref in self.refs if ref[0] >= pos and ref[0] - pos <= 3), None)
        if found is None and self.sent.startswith("the ", pos):
            found = next((ref for ref in self.refs if ref[0] == pos + 4), None)
        return found

    def name_before(self, pos: int, held: bool = False) -> str | None:
        """The last name before ``pos`` with only an appositive, a parenthesis or other names
        between (or, in a completed deal, a "continuing as" clause); ``held``: the name is the
        one owned, so a seller ("from AOL, a wholly owned subsidiary of X") may be it."""
        best = None
        for ps, pe, name in sorted(self.refs + self.sellers) if held else self.refs:
            if pe > pos:
                continue
            if (
                not held
                and _PARENT_IN_APPOSITIVE.search(self.sent, max(0, ps - 30), ps)
                and not _RELATIVE_AFTER.match(self.sent, pe)
            ):
                continue  # "X, a wholly-owned subsidiary of Y (the Registrant), acquired": X did
            gap = _WITH_AFFILIATES.sub("", self._gap(pe, pos))
            if len(gap) <= 60 and not re.search(r"[.;]|\band\b", gap):
                if not (_TO_COME.search(gap) and not self.completed):
                    best = name
            elif self.completed and len(gap) <= 120 and _BECOMING.match(gap):
                best = name
        return best

    def other_before(self, pos: int, holder: str | None) -> str | None:
        """The last name before ``pos`` that is not ``holder``: what "its" stands for when the
        holder is the clause's subject."""
        others = [name for ps, pe, name in self.refs if pe <= pos and name != holder]
        return others[-1] if others and holder else None

    def it_antecedent(self, pos: int) -> str | None:
        """What "it" before ``pos`` stands for in a relative clause: "X, which has reported ...
        that it beneficially owns 16.8%" is X, not a name inside the clause ("the
        Commission")."""
        relatives = list(_RELATIVE_OPENS.finditer(self.sent, 0, pos))
        return self.name_before(relatives[-1].start()) if relatives else None

    def sole_subject(self, pos: int) -> str | None:
        """The sentence's subject when no organisation is named between it and ``pos`` (place
        names may be: "owns stations in Arizona and Nevada and holds ...")."""
        subject = next(iter(self.refs), None)
        if self.subject() is None or any(subject[1] <= o.start < pos for o in self.orgs):
            return None
        return subject[2]

    def subject(self) -> str | None:
        """The name the sentence opens with (its subject), if any."""
        first = next(iter(self.refs), None)
        return first[2] if first and first[0] <= 3 else None

    def _gap(self, start: int, end: int) -> str:
        """The words between two positions, names inside them written as "X" ("from Northwind
        Europe B.V." is words, not a stop), appositives and parentheses removed."""
        between = self.sent[start:end]
        for a, b in self.asides:
            if start <= a and b <= end:
                between = between.replace(self.sent[a:b], "")
        names = self.refs + self.sellers
        for a, b in [(r[0], r[1]) for r in names] + [(o.start, o.end) for o in self.orgs]:
            if start <= a and b <= end:
                between = between.replace(self.sent[a:b], "X")
        between = _OFFICE_APPOSITIVE.sub("", between)
        return _APPOSITIVE.sub("", re.sub(r"\([^)]*\)", "", between))


def _reading(
    text: str, s: int, e: int, resolve, completed: bool, out: list, aliases: re.Pattern | None
) -> _Reading:
    sent = text[s:e]
    orgs = find_orgs(sent)
    asides = [(m.start(), m.end()) for m in _INCLUDING.finditer(sent)]
    appositives = asides + [
        (m.start(), m.end())
        for pattern in (_APPOSITIVE, _OFFICE_APPOSITIVE)
        for m in pattern.finditer(sent)
        if m.end() > m.start()
    ]
    named = [r for r in _refs(sent, orgs) if not any(a <= r[0] < b for a, b in appositives)]
    named = _with_aliases(named, sent, aliases)
    refs = [r for r in named if not _SELLER.search(sent[max(0, r[0] - 6) : r[0]])]
    sellers = [r for r in named if r not in refs]
    return _Reading(sent, (s, e), refs, sellers, orgs, completed, resolve, out, asides)


def alias_pattern(aliases) -> re.Pattern | None:
    """One pattern for the short names the report defined ("AOL LLC (“AOL”)" defines "AOL"),
    longest first; a defined alias is a name wherever it is used, legal form or not."""
    words = sorted({a for a in aliases if a and a[:1].isalnum()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w&])(?i:" + "|".join(map(re.escape, words)) + r")(?![\w&])")


def _with_aliases(refs, sent: str, aliases: re.Pattern | None) -> list[tuple[int, int, str]]:
    """``refs`` and the capitalised uses of the report's defined aliases no ref covers."""
    if aliases is None:
        return refs
    extra = [
        (m.start(), m.end(), m.group(0))
        for m in aliases.finditer(sent)
        if m.group(0)[:1].isupper()
        and sent[max(0, m.start() - 1) : m.start()] not in ('"', "“", "(")
        and not any(a <= m.start() < b or m.start() <= a < m.end() for a, b, _ in refs)
    ]
    return sorted(refs + extra)


def _wholly_owned_of(r: _Reading) -> None:
    """ "X, a wholly-owned subsidiary of Y": Y holds 100 of X ("a 70%-owned subsidiary": 70)."""
    for m in _WHOLLY.finditer(r.sent):
        lead = r.sent[max(0, m.start() - 60) : m.start()]
        if _FUTURE.search(lead) and not re.search(r"\bbecame\b", lead):
            continue
        if _FORMERLY.search(lead):
            continue  # "Altera, at the time a wholly owned subsidiary of Intel": no longer held
        holder = r.name_after(m.end())
        if holder is None:
            continue
        if _PREPOSITIONAL.search(r.sent[max(0, m.start() - 30) : m.start()]):
            target = None
        else:
            target = r.name_before(m.start(), held=True)
        if target is None and (tail := re.match(r"[^,]{0,80},\s+", r.sent[m.end() :])):
            target = r.name_after(m.end() + tail.end())
        percent = float(m.group("p") or 100)
        r.add(holder, target, percent, "exact")
        plural = "subsidiaries" in m.group(0).lower()
        if _EACH_BEFORE.search(lead) or (plural and _ARE_ALL.search(lead)):
            # "A and B, each a wholly owned subsidiary of X"; "A and B are wholly-owned
            # subsidiaries of X"
            for other in _listed_before(r.refs, r.sent, target):
                r.add(holder, other, percent, "exact")


def _own_subsidiaries(r: _Reading) -> None:
    """ "X, our wholly owned subsidiary" / "its wholly owned subsidiaries, X and Y"."""
    for m in _OWN_SUBSIDIARY.finditer(r.sent):
        if _FUTURE.search(r.sent[max(0, m.start() - 60) : m.start()]) and not r.completed:
            continue
        if m.group("who").lower() == "its":
            holder = None
            for ps, pe, name in r.refs:
                if pe > m.start() or _OBJECT_BEFORE.search(r.sent[max(0, ps - 16) : ps]):
                    continue  # "sold to the Counterparty ... its subsidiary": not its owner
                if (
                    r.resolve(name) != name
                    or ends_with_form(name, "strong")
                    or name == r.resolve("the Company")  # "Acme Company and its ...": a weak form
                ):
                    holder = name
            if holder is None:
                continue
        else:
            holder = "the Company"
        # "its wholly owned subsidiaries A and B": the names right after; else "X, our ..."
        listed = _listed_from(r.refs, r.sent, m.end()) if m.group("tail") is not None else []
        said = r.sent[m.start() : m.start("tail") if m.group("tail") is not None else m.end()]
        if not said.lower().endswith("subsidiaries"):
            listed = listed[:1]  # "its wholly owned subsidiary, X, Council Grove, Kansas": one
        for target in listed or [r.name_before(m.start())]:
            r.add(holder, target, 100.0, "exact")


def _possessive_subsidiaries(r: _Reading) -> None:
    """ "X’s wholly owned subsidiaries, A and B": X holds 100 of each."""
    for m in _POSSESSIVE.finditer(r.sent):
        holder = r.name_before(m.start()) or _alias_before(r.sent, m.start())
        for target in _listed_from(r.refs, r.sent, m.end()):
            r.add(holder, target, 100.0, "exact")


def _percent_holders(r: _Reading) -> None:
    """ "X, a 23% shareholder of Y" / "a 49% interest in Y"."""
    for m in _PCT_HOLDER.finditer(r.sent):
        figure = m.start("p") if m.group("p") else m.start("f")
        percent = owned_percent(m)
        if _FUTURE.search(r.sent, 0, m.start()):
            continue  # "will be held by X, representing a 50% interest in Y": still to come
        if _DEAL_OBJECT.search(r.sent[: m.start() + len(m.group("q") or "")] + " "):
            continue  # "its acquisition of the 50% interest in Y": what changed hands
        if _NO_HOLDER.search(r.sent, 0, figure):
            continue  # "for so long as X holds at least a 25% interest in Y": a threshold
        if _BEFORE_THE_EVENT.search(r.sent, 0, figure) and _PAST_HOLDING.search(
            r.sent, max(0, m.start() - 40), figure
        ):
            continue  # "which prior to the sale owned the remaining 55% interest in Y"
        target = r.name_after(m.end())
        if target is None and _AND_NEXT.match(r.sent, m.end()):
            nxt = _PCT_HOLDER.search(r.sent, m.end(), m.end() + 150)
            target = r.name_after(nxt.end()) if nxt else None  # X holds 50% and Y 50% in Z
        at = m.start() + len(m.group("q") or "")  # (the qualifier's words may be names' too)
        if target is None:
            target = _relative_target(r, at)
        holder = r.name_before(at)
        if holder is None and _COORDINATED_HOLDS.search(r.sent, 0, figure):
            # "X owns and operates ... and holds a 45% interest in Y"
            holder = r.sole_subject(figure)
        qualifier = qualifier_before(" " + (m.group("q") or ""))
        r.add(holder, target, percent, qualifier)
        if _EACH_OF.search(r.sent, 0, m.start()):  # "Each of A and B holds a 50% interest in Y"
            for other in _listed_before(r.refs, r.sent, holder):
                r.add(other, target, percent, qualifier)


def _owners(r: _Reading) -> None:
    """ "X owns 60% of (the outstanding shares of) Y"; not "will own"."""
    for m in _OWNS.finditer(r.sent):
        if _FUTURE_OWN.search(r.sent[max(0, m.start() - 30) : m.start()]):
            continue  # "will own", "agreed to acquire": not held once the event has happened
        if _INCREMENT.search(m.group("q") or "") and _ACQUIRING.match(m.group(0)):
            continue  # "acquired an additional 26% of Y": what changed hands, not the holding
        if _PAST_HOLDING.match(r.sent, m.start()) and (
            _BEFORE_THE_EVENT.search(r.sent, 0, m.start())
            or _BEFORE_THE_EVENT_AFTER.match(r.sent, m.end())
        ):
            continue  # "Prior to the Merger, X owned 41% of Y": held only before the event
        if _NO_HOLDER.search(r.sent, 0, m.start()):
            continue  # "No other Investor owns more than 9.9%", "so long as X holds 25%"
        holder = r.name_before(m.start())
        if holder is None and _AND_THEN_OWNS.search(r.sent, 0, m.start()):
            holder = r.sole_subject(m.start())  # "X sold shares and continues to own 31.5% of"
        if _IT_BEFORE.search(r.sent, 0, m.start()):
            # "X, which has reported ... that it beneficially owns 16.8%"; "X has reported ...
            # that it beneficially owns 14.2%"
            holder = r.it_antecedent(m.start()) or holder or r.subject()
        target = _owned_at(r, m.end(), holder)
        if target is None and _AND_NEXT.match(r.sent, m.end()):
            target = _next_owned(r, m.end())  # "X owns 60% and Y owns 40% of Z"
        if target is None and m.group("count"):
            target = _count_target(r, m)
        percent = owned_percent(m)
        qualifier = qualifier_before(" " + (m.group("q") or ""))
        r.add(holder, target, percent, qualifier)
        if _EACH_OF.search(r.sent, 0, m.start()):  # "each of A and B owns 50% of Y"
            for other in _listed_before(r.refs, r.sent, holder):
                r.add(other, target, percent, qualifier)


def _owned_at(r: _Reading, pos: int, holder: str | None = None) -> str | None:
    """What the percentage ending at ``pos`` is of: "of the outstanding shares of Common Stock"
    with no company named is the registrant's ("its" stock is the sentence's subject's when the
    subject is not the ``holder``), else the entity named after it."""
    if _ITS_UNITS.match(r.sent, pos):
        return r.other_before(pos, holder)
    own = _OWN_STOCK.match(r.sent, pos)
    if own is None:
        return _held_after(r, pos)
    subject = r.subject() if own.group("its") else None
    if subject and subject != holder:
        return subject  # "Holdco was formed ..., and each of A and B owns 50% of its stock"
    return "the Company"


# "X is the general partner of Y and owns 97% of its outstanding common units": units and
# partnership interests are an entity's the clause named, not the holder's own stock
_ITS_UNITS = re.compile(
    r"(?:its|their)\s+(?:issued\s+and\s+)?outstanding\s+(?:[A-Za-z]+\s+){0,3}?"
    r"(?i:units|(?:partnership|membership)\s+interests)\b"
)


def _count_target(r: _Reading, m: re.Match) -> str | None:
    """ "owns 187,000 shares of Conestoga common stock, or approximately 4.9%": the company the
    share count names."""
    of = re.search(r"\bof\s+", m.group("count"))
    return r.name_after(m.start("count") + of.end()) if of else None


def _held_after(r: _Reading, pos: int) -> str | None:
    """The entity a percentage at ``pos`` is of: after what it is of ("the outstanding shares
    of common stock of X", one or more such phrases), or right at ``pos``."""
    after = pos
    while (what := _OF_WHAT.match(r.sent, after)) is not None:
        after = what.end()
        name = r.name_after(after)
        if name is not None:
            return name
    return r.name_after(pos)


def _next_owned(r: _Reading, pos: int) -> str | None:
    """The target of the next ownership statement of the sentence, within a clause's reach."""
    nxt = _OWNS.search(r.sent, pos, pos + 120)
    if nxt is None:
        return None
    return _owned_at(r, nxt.end())


# "X, a special purpose, bankruptcy-remote Delaware limited liability company wholly owned by Y":
# the words that say what X is ("Delaware" is no name)
_DESCRIBED = re.compile(r"\b(?:a|an)\s+(?:[^,;()\"“]|,(?=\s+[a-z]))" + "{0,80}$")


def _owned_by(r: _Reading) -> None:
    """ "Y is owned 60% by X (and 40% by Z)"; "Y was formed in 1996 and is owned 50% by X": the
    sentence's subject."""
    for m in _OWNED_BY.finditer(r.sent):
        described = _DESCRIBED.search(r.sent, 0, m.start()) if m.group("w") else None
        target = r.name_before(described.start() if described else m.start())
        if target is None and _AND_IS.search(r.sent[max(0, m.start() - 10) : m.start()]):
            target = r.subject()
        r.add(
            r.name_after(m.end()),
            target,
            100.0 if m.group("w") else float(m.group("p") or m.group("p2")),
            qualifier_before(" " + (m.group("q") or m.group("q2") or "")),
        )
        for m2 in _AND_BY.finditer(r.sent[m.end() : m.end() + 200]):
            r.add(
                r.name_after(m.end() + m2.end()),
                target,
                float(m2.group("p")),
                qualifier_before(" " + (m2.group("q") or "")),
            )


# "X, a general partnership in which Y holds a 50% interest": the entity the clause is about,
# named right before it or before the kind of entity it is
_IN_WHICH = re.compile(
    r",?\s*(?:an?\s+(?:[A-Za-z\-]+\s+){0,4}?(?:partnership|company|corporation|venture|trust)\s+)?"
    r"in\s+which\s+"
)


def _relative_target(r: _Reading, pos: int) -> str | None:
    """The entity (a name with a legal form) a relative clause "in which" before ``pos`` is
    about."""
    found = list(_IN_WHICH.finditer(r.sent, 0, pos))
    if not found:
        return None
    named = next((ref for ref in r.refs if ref[1] == found[-1].start()), None)
    return named[2] if named and find_orgs(named[2]) else None


# "The remaining 50% interest in X is held by Y": the holding said in the passive
_INTEREST_IN = re.compile(rf"{_FIGURE}\s+(?:[a-z]+\s+){{0,3}}?(?:interests?|stake)\s+in\s+", re.I)
_IS_HELD_BY = re.compile(r",?\s+(?:is|are)\s+(?:now\s+)?(?:held|owned)\s+by\s+")


def _held_by(r: _Reading) -> None:
    """ "The remaining 50% interest in X is held by Y"."""
    for m in _INTEREST_IN.finditer(r.sent):
        held = r.ref_at(m.end())
        by = _IS_HELD_BY.match(r.sent, held[1]) if held else None
        if held and by:
            r.add(r.name_after(by.end()), held[2], float(m.group("p")), "exact")


# the stake rules, in the order a sentence is read
# "X holds 51% of Y and Z holds the remaining 49%": the rest of the entity the sentence's stake
# is in
_REMAINING = re.compile(
    r"\b(?:holds?|owns?|owned|held|retains?|continues\s+to\s+own)\s+the\s+"
    rf"(?:remaining|other|balance\s+of\s+the)\s+{_FIGURE}",
    re.I,
)


# the "and" that opens a coordinated clause, and its article: "..., and the Trust holds"
_AND_THE = re.compile(r"\band\s+(?:the\s+)?")


def _remaining_share(r: _Reading) -> None:
    """ "..., and Shinwa holds the remaining 49%": its holder holds that share of the entity
    the sentence's earlier stake is in."""
    for m in _REMAINING.finditer(r.sent):
        earlier = [st for st in r.out if (st.start, st.end) == r.span]
        ands = list(_AND_THE.finditer(r.sent, 0, m.start()))
        # the clause's subject, right after its "and" ("and KB Beverage, which holds the
        # permits, holds the remaining 1%"), else the name just before the verb
        holder = r.name_after(ands[-1].end()) if ands else None
        holder = holder or r.name_before(m.start())
        if earlier and holder:
            r.add(holder, earlier[-1].target, float(m.group("p")), "exact")


_RULES = (
    _wholly_owned_of,
    _own_subsidiaries,
    _possessive_subsidiaries,
    _percent_holders,
    _owners,
    _owned_by,
    _held_by,
    _remaining_share,
)


def extract_stakes(
    text: str,
    sentences: list[tuple[int, int]],
    resolve,
    completed: bool = False,
    aliases: re.Pattern | None = None,
    resolve_at: Callable[[str, int], str | None] | None = None,
) -> list[Stake]:
    """Stakes in the given sentences of ``text``; ``resolve(name)`` maps aliases to full names
    (``resolve_at(name, offset)``, when given, also knows where the name is written: which
    "Mr. Lauder" a sentence means); ``completed``: the report's deal has closed (a "continuing
    as" clause states a holding); ``aliases``: the report's defined short names
    (:func:`alias_pattern`)."""
    out: list[Stake] = []
    for s, e in sentences:
        if not completed and _CONDITION_LEAD.match(text, s, e) and _MODAL.search(text, s, e):
            continue
        here = resolve if resolve_at is None else _resolving_at(resolve_at, s)
        reading = _reading(text, s, e, here, completed, out, aliases)
        for rule in _RULES:
            rule(reading)
    return out


def _resolving_at(resolve_at: Callable[[str, int], str | None], at: int):
    return lambda name: resolve_at(name, at)


_NOT_HOLDER = set(calendar.month_name[1:]) | {
    # a courtesy title is the start of a person's name, never a name ("15% by Dr. Voss")
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "Such",
    "Each",
    "Its",
    "Our",
    "Their",
    "His",
    "Her",
    "A",
    "An",
    "In",
    "On",
    "As",
    "At",
    "By",
    "For",
    "Following",
    "Upon",
    "After",
    "Pursuant",
    "Under",
    "Subject",
    "If",
    "It",
    "We",
    "They",
    "All",
    "Any",
    "Both",
    "Either",
    "Neither",
    "Item",
    "Section",
    "Exhibit",
    "Schedule",  # "reported in a Schedule 13D that it owns 14.2%": a filing, no holder
    "Form",
}


# "Mr. " before a surname: the surname names a person the resolver may know in full
_COURTESY_BEFORE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.[ \t\xa0]+$")
_COURTESY_LED = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.[ \t\xa0]")
# "acquired from X": X is the seller, neither holder nor held
_SELLER = re.compile(r"\bfrom\s+$")


_MIDDLE_INITIAL = re.compile(r"^[A-Z][a-z]+\s+[A-Z]\.\s+[A-Z]")


def _refs(sent: str, orgs) -> list[tuple[int, int, str]]:
    refs = [(o.start, o.end, o.name) for o in orgs]
    # people with a middle initial by their full names ("Conrad J. Millrace": the capitalised
    # words pattern below stops at the initial)
    refs += [
        (p.start, p.end, p.name)
        for p in find_persons(sent)
        if _MIDDLE_INITIAL.search(p.name)
        and not any(a <= p.start < b or p.start <= a < p.end for a, b, _ in refs)
    ]
    for m in re.finditer(
        r"\b(?:(?i:the (?:company|registrant|corporation))|ours|us|Parent|Merger Sub(?: [IVX]+)?"
        rf"|[A-Z][A-Za-z&\-]+{DOMAIN}(?: [A-Z][A-Za-z&\-]+){{0,3}})\b",
        sent,
    ):
        if sent[max(0, m.start() - 1) : m.start()] in ('"', "“", "(") and m.start() > 0:
            continue
        if inside_quotes(sent, 0, m.start()):
            continue  # ("Halvern\nBroadcasting"): a word of a defined term broken over lines
        if m.group(0) in _NOT_HOLDER:
            continue  # a determiner is no holder
        courtesy = _COURTESY_BEFORE.search(sent, 0, m.start())
        start = courtesy.start() if courtesy else m.start()
        if not any(a <= m.start() < b for a, b, _ in refs):
            refs.append((start, m.end(), sent[start : m.end()]))
    refs.sort()
    return refs


def _listed_from(refs, sent: str, pos: int) -> list[str]:
    """The names listed from ``pos`` on: "Acme Bank, Inc., and Beta Trust, Inc." gives both."""
    return [ref[2] for ref in listed_from(refs, sent, pos, _LIST_GAP, tuple_bounds)]


def _listed_before(refs, sent: str, last: str | None) -> list[str]:
    """The names listed before ``last`` in one list ("A, B and C": B and A for C)."""
    at = next((i for i, ref in enumerate(refs) if ref[2] == last), None)
    if at is None:
        return []
    return [ref[2] for ref in listed_before(refs, sent, at, _LIST_GAP, tuple_bounds)]


def _alias_before(sent: str, pos: int) -> str | None:
    m = re.search(rf"([A-Z][\w&\-]*{DOMAIN}(?: [A-Z][\w&\-]*){{0,4}})$", sent[:pos])
    return m.group(1) if m else None


def _add(out, resolve, holder, target, percent, qualifier, s, e) -> None:
    if not holder or not target:
        return
    holder, target = resolve(holder), resolve(target)
    if not _org_like(holder) or not _org_like(target):
        return
    if _COURTESY_LED.match(holder) or _COURTESY_LED.match(target):
        return  # "Mr. Solberg" whose full name the report leaves unclear
    if not holder or not target or holder == target or not (0 < percent <= 100):
        return
    if any(x.holder == holder and x.target == target for x in out):
        return
    out.append(Stake(holder, target, percent, qualifier, s, e))


_INSTRUMENT_NAME = re.compile(r"\b(?:Agreements?|Indentures?|Guarant(?:y|ee)|Facility|Amendment)$")


def _org_like(name: str | None) -> bool:
    if not name:
        return False
    if re.fullmatch(
        r"(?:Merger Sub(?: [IVX]+)?|Merger|Parent|Purchaser|Buyer|Seller|Company|Sub|"
        # a defined term for a group ("the Guarantors"): its members are named elsewhere
        r"Guarantors|Borrowers|Sellers|Purchasers|Investors|Holders|Lenders|Obligors|Parties|"
        # a defined term for an entity the resolver could not name ("the Partnership")
        r"Partnership|Operating Partnership|Joint Venture|Venture|JV|Issuer|Target)",
        name,
    ):
        return False
    if re.search(r"\b(?:Shares|Stock|Notes|Securities|Units|Interests?)$", name):
        return False
    if _INSTRUMENT_NAME.search(name):
        return False  # "the Credit Agreement": an instrument, never a holder or a target
    if normalise_title(name) and not find_orgs(name):
        return False  # an office ("Chief Compliance Officer of X") is no holder or target
    return bool(re.search(r"[A-Z]", name))
