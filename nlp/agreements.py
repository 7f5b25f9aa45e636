"""Agreements the report says were entered into, amended or terminated.

Mentions come from a title grammar (capitalised "X Agreement", "Agreement and Plan of Merger",
"Amendment No. 2 to X", "First Supplemental Indenture", ...) and from generic lower-case noun
phrases ("a note purchase agreement", "an indemnification agreement"). A mention is a fact when
its sentence reports the event (entered into / executed / amended / terminated / completed) in an
item section that reports agreements; other mentions of the same agreement (defined terms such as
``(the "Merger Agreement")``) only add exhibit numbers and parties.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .date_mentions import find_dates
from .kinds import decide_kind, kind_with_person
from .orgs import REGISTRANT_REFS, alias_after, exact_name, find_orgs, name_tokens, patterns, same_name
from .people import find_persons
from .sentences import sentence_spans

AGREEMENT_ITEMS = {"1.01", "1.02", "2.01", "2.03", "5.02", "2", "5"}


def _head_alternation() -> str:
    """The title heads ("Agreement", "Indenture", "Plan of Merger", ...): the ``AGREEMENT_HEAD`` patterns
    of ``patterns/agreement_heads.jsonl`` (which the spaCy pipeline's SpanRuler also loads)."""
    heads = sorted((r["pattern"] for r in patterns("agreement_heads") if r["label"] == "AGREEMENT_HEAD"), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(h).replace(r"\ ", r"[ \t\xa0]+") for h in heads) + ")"


_HEAD = _head_alternation()
_CAPW = r"(?:No\.[ \t\xa0]*\d+|[A-Z][\w'’\-]*|\d{1,4}(?:[-\u2011][A-Za-z]+)+|\d{4})"
_RUN = re.compile(
    rf"(?<![\w])(?:{_CAPW})(?:(?:[ \t\xa0]+|[-\u2011])(?:(?:and|of|&|to|for|on)[ \t\xa0]+)*(?:{_CAPW}))*"
)
_HEAD_RE = re.compile(rf"\b{_HEAD}\b")
_LEADING_JUNK = re.compile(
    r"^(?:(?:The|On|In|As|Our|Its|This|Each|Such|Item|Exhibit|Exhibits|Section|Under|Pursuant|Effective|New|Existing|Prior|"
    r"Original|Previous|Former|Description|Summary|Overview|Terms|Forms?|Copy|"
    r"\d+(?:\.\d+)?|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"to|and|of|for|on|&)[ \t\xa0]+(?:(?:of|to|into|the)[ \t\xa0]+)?)+(?=[A-Z0-9])")
_GENERIC_HEAD = re.compile(
    r"\b(agreements?|indentures?|guarant(?:y|ee)s?|amendments?|offer letters?|lease|commitment letter)\b(?![\"”])")
_STOP_BEFORE = {
    "a", "an", "the", "its", "their", "our", "into", "with", "to", "by", "of", "certain",
    "existing", "such", "this", "that", "these", "those", "other", "or", "entered", "executed", "signed",
    "under", "pursuant", "in", "on", "for", "which", "each", "any", "all", "two", "three", "four", "five",
    "separate", "respective", "is", "was", "were", "are", "be", "been", "has", "have", "had", "from", "as",
    "written", "same", "related", "previously", "prior", "original", "agreement", "agreements", "also",
    "amended", "restated", "not", "no", "if", "at", "between", "among", "his", "her", "thereto", "hereto",
    "described", "above", "below", "following", "foregoing", "applicable", "customary", "material",
}
_NOT_MODIFIER = {"covenants", "representations", "warranties", "terms", "conditions", "provisions", "obligations",
                 "documents", "instruments", "transactions", "arrangements", "other", "related", "ancillary"}
_MODIFIER_OK = re.compile(r"^(?:[a-z][a-z\-'’]*|\d{1,4}-[a-z]+)$")
# adjectives that say nothing about what the agreement is: "a definitive agreement", "a new agreement"
_SKIP_ADJ = {"definitive", "new", "binding", "final", "formal", "written"}
# an amount or tenor before the title: "a $4.0 billion, " / "its $800 million "
_AMOUNT = r"(?:(?:us)?\$\s?[\d.,]+(?:\s+(?:million|billion|thousand))?,?\s+|[\d.,]+\s+(?:million|billion)\s+(?:dollars?\s+)?,?\s*)"


@lru_cache(maxsize=1)
def _triggers() -> dict[str, re.Pattern]:
    data = json.loads(resources.files("pactgraph.nlp").joinpath("data/triggers.json").read_text("utf-8"))
    return {k: re.compile(r"\b(?:" + "|".join(v) + r")", re.I) for k, v in data.items() if not k.startswith("_")}


@dataclass
class Context:
    """What the whole report knows, shared by the sections: registrant, aliases, exhibits."""

    text: str
    registrant: str | None
    report_date: str | None
    registrant_aliases: set[str] = field(default_factory=set)
    org_aliases: dict[str, str] = field(default_factory=dict)  # alias (lower) -> full name
    orgs: list[str] = field(default_factory=list)  # full names in order of first mention
    persons: list[str] = field(default_factory=list)
    exhibit_index: list[tuple[str, str]] = field(default_factory=list)  # (number, description)


@dataclass
class Agreement:
    title: str
    kind: str
    action: str | None
    date: str | None
    parties: list[str]
    exhibit: str | None
    start: int
    end: int
    dated: str | None = None
    aliases: set[str] = field(default_factory=set)
    key: str = ""
    background: bool = False  # named only as background (prior, previously disclosed, long dated)

    def to_fact(self, text: str) -> dict:
        return {"title": self.title, "kind": self.kind, "action": self.action, "date": self.date,
                "parties": list(self.parties), "exhibit": self.exhibit,
                "evidence": {"start": self.start, "end": self.end, "text": text[self.start:self.end]}}


@dataclass
class Mention:
    start: int
    end: int
    title: str
    generic: bool
    reference: bool  # "the Agreement": points back to an agreement already named


def title_key(title: str) -> str:
    t = title.lower().replace("\u2011", "-").replace("-", " ")
    t = re.sub(r"^(the|a|an)\s+", "", t)
    t = re.sub(r"agreements\b", "agreement", t)
    return re.sub(r"\s+", " ", t).strip()


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Agreement mentions in ``text[start:end]`` (capitalised titles and generic noun phrases)."""
    out: list[Mention] = []
    for m in _RUN.finditer(text, start, end):
        run = m.group(0)
        heads = list(_HEAD_RE.finditer(run))
        if not heads:
            continue
        cut = heads[-1].end()
        number = re.match(r"[ \t\xa0]+No\.[ \t\xa0]*\d+", run[cut:])
        if number:
            cut += number.end()
        split = re.search(r" and (?!Plan of|Restated|General Release|Release)(?=(?:[A-Z][\w'’\-]* ){1,6}" + _HEAD + r"\b)", run[:cut])
        if split and _HEAD_RE.search(run[:split.start()]) and not re.fullmatch(_HEAD, run[split.end():cut]):
            right_start = m.start() + split.end()
            out.extend(_title_mention(text, right_start, run[split.end():cut]))
            cut = split.start()
        title = run[:cut]
        lead = _LEADING_JUNK.match(title)
        offset = lead.end() if lead else 0
        if re.match(r"(?:Amendment|Termination)(?: No\.\s*\d+)?\s+(?:to|of)\s+(?:the\s+)?[A-Z]", title) or re.fullmatch(r"(?:Termination|Amendment)\s+Agreement", title):
            offset = 0
        title = title[offset:]
        if not title or not _HEAD_RE.search(title):
            continue
        s = m.start() + offset
        single = bool(re.fullmatch(_HEAD, title))
        prev = text[max(0, s - 12):s].lower()
        reference = single and bool(re.search(r"\b(the|such|this|that|said)\s+$", prev)) \
            and not re.match(r",?\s*(?:dated|between|by and between|among|by and among)\b", text[s + len(title): s + len(title) + 20])
        if single and re.search(r"\b(an?|new)\s+$", prev):
            reference = False
        out.append(Mention(s, s + len(title), _clean_title(title), False, reference))
    taken = [(mm.start, mm.end) for mm in out]
    for m in _GENERIC_HEAD.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        words_start = m.start()
        cursor = m.start()
        modifiers: list[str] = []
        while len(modifiers) < 5:
            window = text[max(start, cursor - 40):cursor]
            pm = re.search(r"([A-Za-z$\d][\w\-'’.$]*)[ \t\xa0]+$", window)
            if not pm:
                break
            word = pm.group(1)
            if word.lower() in _SKIP_ADJ:  # "a definitive agreement": consumed, not part of the title
                cursor = cursor - len(window) + pm.start(1)
                words_start = cursor
                continue
            if word.lower() in _STOP_BEFORE or not _MODIFIER_OK.match(word):
                break
            modifiers.insert(0, word)
            cursor = cursor - len(window) + pm.start(1)
            words_start = cursor
        while modifiers and modifiers[0].lower() == "and":
            modifiers.pop(0)
            words_start = text.find(modifiers[0], words_start) if modifiers else m.start()
        money = [i for i, w in enumerate(modifiers) if w.lower() in ("million", "billion", "thousand") or w.startswith("$")]
        if money:
            modifiers = modifiers[money[-1] + 1:]
        modifiers = [w for w in modifiers if not w.endswith("ly")]
        det = text[max(start, words_start - 40):words_start].lower()
        if not re.search(r"\b(?:a|an|the|its|their|our|new|certain|two|three|four|five|such|separate|each|his|her|million|billion)\s+" + _AMOUNT
                         + r"?(?:(?:first |second |third |fourth )?amended and restated\s+)?$", det):
            continue
        if any(w.lower() in _NOT_MODIFIER for w in modifiers):
            continue
        if modifiers and all(re.fullmatch(r"(?:\w+-)?(?:year|month|day|week|term|long|short)s?", w) for w in modifiers):
            continue
        open_paren = text.rfind("(", max(start, m.start() - 150), m.start())
        if open_paren >= 0 and text.find(")", open_paren, m.start()) < 0:
            continue
        head = m.group(1)
        head_s = re.sub(r"s$", "", head) if head.endswith("ments") or head.endswith("ures") or head.endswith("ees") or head.endswith("ters") or head.endswith("ties") else head
        title = " ".join(modifiers + [head_s])
        prev = text[max(0, words_start - 12):words_start].lower()
        reference = not modifiers and bool(re.search(r"\b(the|such|this|that|said|these|those)\s+$", prev))
        out.append(Mention(words_start, m.end(), title, True, reference))
    out.sort(key=lambda mm: mm.start)
    return out


def _title_mention(text: str, s: int, title: str) -> list[Mention]:
    lead = _LEADING_JUNK.match(title)
    if lead:
        s += lead.end()
        title = title[lead.end():]
    if not _HEAD_RE.search(title):
        return []
    return [Mention(s, s + len(title), _clean_title(title), False, False)]


def _clean_title(title: str) -> str:
    title = re.sub(r"[ \t\xa0\n]+", " ", title).replace("\u2011", "-")
    title = re.sub(r"^(?:[A-Z][\w&.\-]*\s)*[A-Z][\w&.\-]*[’']s\s+(?=[A-Z0-9])", "", title)
    return re.sub(r"^(?:The|the) ", "", title).strip()


_EXHIBIT = re.compile(
    r"\bExhibits?[ \t\xa0]+(?:No\.[ \t\xa0]*)?(\d{1,3}(?:\.\d{1,3})?(?:\s?\([a-zA-Z0-9]{1,3}\))?)", re.I)
_OTHER_FILING = re.compile(r"^[^.;]{0,12}\bto (?:the |our |its |a |an |this |that )?[^.;]{0,60}?\b(?:Form|Report|Statement|Schedule|filed)\b", re.I)
_THIS_FILING = re.compile(r"^[^.;]{0,20}\bto (?:this|the) (?:current )?(?:report|form 8-k)(?! filed)", re.I)


def exhibits_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Exhibit numbers of this report named in ``text[start:end]`` (not those of other filings)."""
    out = []
    for m in _EXHIBIT.finditer(text, start, end):
        after = text[m.end(): m.end() + 100]
        if re.match(r"(?:,|,? and|,? through)\s+\d", after):
            continue
        if _OTHER_FILING.match(after) and not _THIS_FILING.match(after):
            continue
        out.append((m.start(), re.sub(r"\s", "", m.group(1))))
    return out


def _role_strip(item: str) -> str:
    item = re.sub(r"\s*\(\s*(?:the\s+)?[“\"][^)]*\)", "", item)
    item = re.split(r",?\s+(?:as|in its capacity as|in their capacities as|acting as|each as|solely as|together with)\s+", item)[0]
    item = re.sub(r"^(?:and|or)\s+", "", item.strip())
    item = re.sub(r"^(?:each|all|both|any) of\s+(?:the\s+)?", "", item)
    item = re.sub(r"^the\s+", "", item)
    return item.strip(" ,;:")


_LIST_START = re.compile(r"\b(?:by and among|by and between|among|between|with)\s+", re.I)
_LIST_END = re.compile(r"\(the|\(each|\(collectively|,?\s+dated\b|,?\s+pursuant\b|,?\s+which\b|,?\s+under which\b|;|(?<![A-Z])(?<!Inc)(?<!Ltd)(?<!Co)(?<!Corp)(?<!N\.A)\.\s|,?\s+to\s+(?:provide|amend|extend|acquire|purchase|sell)\b|,?\s+for\s+(?:the|a|an)\b|,?\s+relating\b|,?\s+regarding\b|,?\s+providing\b|,?\s+whereby\b|,?\s+that\b|,?\s+in connection\b")
_NOT_PARTY = re.compile(
    r"^(?:lenders?|banks?|purchasers?|underwriters?|initial purchasers?|parties|other|several|certain|various|"
    r"financial institutions|each|its|their|our|respect|affiliates|subsidiaries|representatives?|"
    r"holders?|trustees?|agents?|guarantors?|borrowers?|issuers?|respectively|thereto|one|two|three|"
    r"from time to time|named|party|signatories|collectively|the|a|an|[A-Z]\w+ Agreement)\b", re.I)


def list_parties(text: str, start: int, end: int, known: frozenset[str] | set[str] = frozenset()) -> list[tuple[int, str]]:
    """Names in party lists: "by and among A, B and C", "with X, as administrative agent"; ``known`` are
    defined terms of organisations (lower case) that count as names ("among the Registrant, Combinet and Sub")."""
    out = []
    for m in _LIST_START.finditer(text, start, end):
        seg_start = m.end()
        stop = _LIST_END.search(text, seg_start, end)
        seg_end = stop.start() if stop else end
        segment = text[seg_start:seg_end]
        if len(segment) > 600:
            segment = segment[:600]
        # protect legal forms after commas from the split
        protected = re.sub(r",(?=\s+(?:Inc|N\.A|L\.P|LLC|Ltd|Limited|Corp|S\.A|plc|PLC|AG|B\.V|N\.V|National Association|(?:[A-Z][a-z]+ ){1,2}Branch|Jr|Sr|III|II)\b)", "\u0001", segment)
        parts = re.split(r",\s+|\s+and\s+(?=[A-Z])|\s+and\s+the\s+", protected)
        pos = seg_start
        for part in parts:
            raw = part.replace("\u0001", ",")
            idx = text.find(raw, pos, seg_end + 1)
            if idx >= 0:
                pos = idx + len(raw)
            name = _role_strip(raw)
            if not name or not name[0].isupper() or _NOT_PARTY.match(name):
                if name.lower() in REGISTRANT_REFS or re.match(r"(?i)^(the )?(company|registrant|we|us)$", name):
                    out.append((idx, "__REGISTRANT__"))
                continue
            if name.lower() in REGISTRANT_REFS:
                out.append((idx, "__REGISTRANT__"))
                continue
            words = name.split()
            if len(words) > 9 or any(w[0].islower() and w not in {"of", "and", "de", "du", "la", "&", "des", "the", "für", "y"} for w in words):
                continue
            if re.search(r"%|\$", name) or (re.search(r"\d{4}", name) and not _INSTITUTION.search(name)):
                continue
            if name.lower() not in known and not _party_like(name):
                continue
            out.append((idx, name))
    return out


_INSTITUTION = re.compile(r"\b(?:Bank|Banco|Banque|Capital|Securities|Trust|Partners|Fund|Financial|Bancorp|Funding|"
                          r"Markets|Investments?|Insurance|Holdings?|Group|Company|Corporation|Association|GRAT|Foundation|"
                          r"University|Government|Ministry|Authority|Department|Agency|Republic|Kingdom|State of)\b")


def _party_like(name: str) -> bool:
    """A list item that can be a party: an organisation or a natural person's full name."""
    from .orgs import find_orgs as _orgs
    from .people import find_persons as _persons

    if re.search(r"\b(?:President|Officer|Director|Chairman|Vice|Secretary|Treasurer|Court|District|Act|Notes?|Shares|Stock|"
                 r"Statement|Report|Form|Prospectus|Schedule|Law|Laws|Code|Rules?|Regulations?|Articles|By-?[Ll]aws)\b", name):
        return False

    if _INSTITUTION.search(name) and len(name.split()) >= 2:
        return True
    if re.fullmatch(r"[A-Z]{2,5}(?: [A-Z][a-z]+){1,3}", name) and not _persons(name):
        return True  # "BNP Paribas", "UBS Switzerland": an acronym-led institution in a party list
    if any(o.name == name for o in _orgs(name)):
        return True
    return any(p.name == name for p in _persons(name))


class Resolver:
    """Maps a name as written (alias, "the Company", short form) to the full name first given."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._index: dict[str, list] = {}
        self._index_size = -1

    def resolve(self, name: str) -> str | None:
        ctx = self.ctx
        low = name.lower().strip()
        if name == "__REGISTRANT__" or low in REGISTRANT_REFS or low in ctx.registrant_aliases:
            return ctx.registrant
        if ctx.registrant and same_name(name, ctx.registrant) and len(name_tokens(name)) >= 1:
            if name_tokens(ctx.registrant)[: len(name_tokens(name))] == name_tokens(name):
                return ctx.registrant
        if low in ctx.org_aliases:
            return ctx.org_aliases[low]
        toks = name_tokens(name)
        if not toks:
            return name
        if self._index_size != len(ctx.orgs):
            self._index = {}
            for full in ctx.orgs:
                ft = name_tokens(full)
                for i in range(1, len(ft) + 1):
                    self._index.setdefault(ft[:i], []).append(full)
            self._index_size = len(ctx.orgs)
        for full in self._index.get(toks, ())[:2]:
            if full != name:
                return full
        return name


def build_context(text: str, registrant: str | None, report_date: str | None,
                  exhibit_index: list[tuple[str, str]], regions: list[tuple[int, int]]) -> Context:
    ctx = Context(text, registrant, report_date, exhibit_index=exhibit_index)
    seen_orgs: set[tuple[str, ...]] = set()
    for start, end in regions:
        # a name inside a defined term's quotes ("(“JV Company”)") is the alias of the name before it
        region_orgs = [o for o in find_orgs(text[start:end])
                       if not re.search(r"\((?:the\s+)?[“\"”]\s*$", text[max(0, start + o.start - 8):start + o.start])]
        for k, org in enumerate(region_orgs):
            alias, _ = alias_after(text, start + org.end)
            if alias is None:
                limit = start + (region_orgs[k + 1].start if k + 1 < len(region_orgs) else end - start)
                far = re.compile(r"\((?:the\s+)?[“\"]([A-Z][^”\"]{0,40})[”\"]\)").search(text, start + org.end, min(limit, start + org.end + 160))
                between = text[start + org.end:far.start()] if far else ""
                if far and not re.search(r"[.;]\s|\n", between) and not _HEAD_RE.search(between):
                    alias = far.group(1).strip()
            full = org.name
            if registrant and (exact_name(full, registrant) or full.upper() == registrant.upper()):
                if alias:
                    ctx.registrant_aliases.add(alias.lower())
                continue
            toks = name_tokens(full)
            if toks not in seen_orgs:
                seen_orgs.add(toks)
                ctx.orgs.append(full)
            if alias and alias.lower() not in REGISTRANT_REFS and not _HEAD_RE.search(alias):
                ctx.org_aliases.setdefault(alias.lower(), full)
            elif alias and alias.lower() in REGISTRANT_REFS and not registrant:
                ctx.registrant = full
        for person in find_persons(text, start, end):
            if person.name not in ctx.persons:
                ctx.persons.append(person.name)
    if registrant:
        for word in name_tokens(registrant)[:1]:
            ctx.registrant_aliases.add(word)
    return ctx


def _date_for(text: str, mention: Mention, sent: tuple[int, int], action: str, item: str,
              report_date: str | None, next_mention: int | None = None) -> tuple[str | None, str | None]:
    """(event date, 'dated' date) for a mention in its sentence."""
    s, e = sent
    dates = find_dates(text[s:e], report_date)
    dated = None
    on_date = None
    first_other = None
    for d in dates:
        ds = s + d.start
        before = text[max(s, ds - 40):ds].lower()
        if re.search(r"\bfiled\b[^;]{0,140}\bon\s*$|\b(?:Form|Report|Statement)\s+[\w\-/]+\s+(?:filed\s+)?on\s*$", text[max(s, ds - 160):ds]):
            continue  # the date another document was filed
        if re.search(r"dated(?: as(?: of)?)?\s*$|date of\s*$", before):
            if re.search(r"to be dated(?: as(?: of)?)?\s*$", before):
                continue
            if ds >= mention.end and dated is None and ds - mention.end < 250 and (next_mention is None or ds < next_mention) \
                    and not re.search(r"\b(?:Form|Report|Statement|Schedule|filed)\b", text[mention.end:ds]):
                dated = d.iso
            continue
        if re.search(r"(?:due|until|through|expir\w*|matur\w*|ending|end of|terminates? on|extend\w* to|renew\w*|beginning|commencing|not later than|no later than|prior to|before|after|by|filed(?: with the [\w ]{3,40}?)?)\s*(?:on\s*)?$", before):
            continue
        if re.search(r"(?:^|\b)(?:on|effective|as of|effective as of|dated)\s*$", before) and on_date is None:
            on_date = d.iso
        elif first_other is None:
            first_other = d.iso
    if action == "entered":
        if item == "2.01" or item == "2":
            return (dated or on_date or first_other), dated
        return (dated or on_date or first_other), dated
    return (on_date or first_other or (dated if mention.title.lower().startswith(("amendment", "first", "second", "third", "fourth", "fifth", "sixth", "waiver")) else None)), dated


_AMENDMENT_TITLE = re.compile(r"(?i)^(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+)\s+)?(?:amendment|amended and restated|supplement(?:al agreement)?|waiver|joinder)\b(?:\s+no\.\s*\d+)?")
_TO_OBJECT = re.compile(r"^(?:[”\"'’]?\))?(?:\s*\([^)]*\))?\s*,?\s*to\s+(?:the\s+|its\s+|our\s+|that\s+certain\s+)?(?:existing\s+|outstanding\s+|original\s+|prior\s+)?(?:\$[\d.,]+\s+(?:million|billion)\s+)?$", re.I)
_BACKGROUND_SENT = re.compile(r"\b(?:as (?:previously )?(?:disclosed|reported|announced)|previously (?:disclosed|reported|filed|announced)|as disclosed|as described in (?:the|our|its) (?:current|annual|quarterly))\b", re.I)
_GOVERNED_BY = re.compile(r"\b(?:under|pursuant to)\s+(?:the|its|such|that)\s+$", re.I)
_CLOSED_UNDER = re.compile(r"\b(?:pursuant to|under|in accordance with)\s+(?:the terms (?:and conditions )?of\s+)?(?:the|an?|that certain)\s+$", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:in the event (?:of|that)|upon|following|if|should|unless|in case of|would|could|may|might)\b(?:(?!\b(?:and|but)\b)[^.;,]){0,60}$"
    r"|\b(?:(?:expects?|intends?|plans?|is|are) to|will|would|shall)\s+(?:enter into|execute|sign)\b[^.;]{0,150}$"
    r"|\b(?:agreed|agree|agrees) to\s+(?:enter into|execute|sign|deliver)\b[^.;]{0,60}\bat (?:the|such) closing\b[^.;]{0,150}$"
    r"|\bat (?:the|such) closing\b,?[^.;]{0,80}\b(?:will|shall|would|(?:agreed|agree|agrees) to)\s[^.;]{0,150}$"
    r"|\bto be (?:entered into|executed|signed)\b[^.;]{0,60}$"
    r"|\bto amend (?:the|this|our|its) (?:current )?report\b[^.;]{0,200}$", re.I)


def _hypothetical(low: str, pos: int) -> bool:
    """Whether the words before ``pos`` make the mention a future or hypothetical one."""
    return bool(_HYPOTHETICAL.search(low[max(0, pos - 220):pos]))


_CONDITIONAL = re.compile(r"^(?:In the event|If|Should|Subject to|Upon|Under|Following|After|Prior to|Unless|Once|When)\b")
_ITEM_HEADINGS = re.compile(
    r"entry into a material definitive agreement|termination of a material definitive agreement|"
    r"completion of acquisition or disposition of assets|creation of a direct financial obligation[^.]*|"
    r"departure of directors[^.]*|compensatory arrangements of certain officers|amendments? to articles[^.]*")
_ITEM_TITLE = re.compile(r"(?i)material definitive|off-balance sheet|entry into|^termination of|^amendment of|^completion of")
_BARE = {"agreement", "amendment", "guarantee", "guaranty", "lease", "indenture", "agreements", "commitment", "letter", "contract"}


def extract_agreements(ctx: Context, sections: list[tuple[str, int, int]], items: set[str] | None = None) -> list[Agreement]:
    """Agreement facts from the item sections ``(number, start, end)`` of ``ctx.text``; ``items`` are the
    report's item numbers (by default those of ``sections``): Item 8.01 is read when the report has an
    agreement item."""
    text = ctx.text
    trig = _triggers()
    resolver = Resolver(ctx)
    records: list[Agreement] = []  # every agreement named; .action None = background only
    alias_to: dict[str, Agreement] = {}
    by_key: dict[str, Agreement] = {}  # first agreement named with this title key
    alias_terms: dict[str, str] = {}  # defined term as written -> key in alias_to
    has_agreement_item = bool(AGREEMENT_ITEMS & (items if items is not None else {n for n, _, _ in sections}))
    for item, sec_start, sec_end in sections:
        if item not in AGREEMENT_ITEMS and not (item == "8.01" and has_agreement_item):
            continue
        section_records: list[Agreement] = []
        list_lead: tuple | None = None  # "entered into amendments dated X to:" + items
        for s, e in sentence_spans(text, sec_start, sec_end):
            sent = text[s:e]
            if list_lead is not None:
                item_m = _LIST_ITEM.match(sent)
                if item_m:
                    obj = re.sub(r"\s+", " ", item_m.group("obj")).strip()
                    title = f"amendment to {obj}"
                    rec = Agreement(title, decide_kind(obj, sent), "amended", list_lead[1], [], None, s, e, key=title_key(title))
                    rec.parties = _parties(ctx, resolver, text, s, e, rec)
                    records.append(rec)
                    section_records.append(rec)
                    list_lead = (list_lead[0], list_lead[1], list_lead[2] + 1, list_lead[3])
                    continue
                if not re.fullmatch(r"[-–•·*\s]*", sent):
                    list_lead = None
            lead_m = _LIST_LEAD.search(sent)
            if lead_m and not _CONDITIONAL.match(sent):
                dates = find_dates(sent, ctx.report_date)
                list_lead = ("amended", dates[-1].iso if dates else None, 0, (s, e, dates[-1].iso if dates else None))
                continue
            if re.match(r"(?i)item\s+\d", sent):
                continue
            mentions = [m for m in find_mentions(text, s, e) if not re.search(r"(?i)\bforms? of\s+(?:the\s+)?$", text[max(s, m.start - 12):m.start])]
            mentions = _with_alias_mentions(text, s, e, mentions, alias_terms)
            if not mentions:
                if exhibits_in(text, s, e) and section_records:
                    _exhibit_lists(text, s, e, [], [], section_records)
                continue
            low = sent.lower()
            blanked = low
            for mm in mentions:
                a, b = mm.start - s, mm.end - s
                blanked = blanked[:a] + " " * (b - a) + blanked[b:]
            blanked = _ITEM_HEADINGS.sub(lambda x: " " * len(x.group(0)), blanked)
            if not _VERB.search(blanked):
                low = blanked
            has_term = bool(trig["terminated"].search(low))
            has_amend = bool(trig["amended"].search(re.sub(r"\bas (?:previously )?amended\b", " ", low)))
            has_enter = bool(trig["entered"].search(low))
            is_future = bool(trig["future"].search(low)) and not re.search(r"\b(?:entered into|executed|signed|has entered|have entered)\b", low)
            # "as previously disclosed, ..." before a mention makes it background; "the form of which was
            # previously filed" speaks of the exhibit, not of when the agreement was made
            background_at = [m.start() for m in _BACKGROUND_SENT.finditer(sent) if not re.search(r"(?i)filed", m.group(0))]
            if _CONDITIONAL.match(sent):
                has_term = has_amend = has_enter = False
            sent_exhibits = exhibits_in(text, s, e)
            sent_records: list[Agreement] = []
            spots: list[tuple[int, Agreement]] = []
            for i, mention in enumerate(mentions):
                if _ITEM_TITLE.search(mention.title):
                    continue
                q = text[max(0, mention.start - 1): mention.start]
                if q and q in "\"“'‘":
                    if sent_records:
                        sent_records[-1].aliases.add(title_key(mention.title))
                        alias_to[title_key(mention.title)] = sent_records[-1]
                    continue
                key = title_key(mention.title)
                pre = text[max(s, mention.start - 45): mention.start].lower()
                if sent_records and i > 0 and _AMENDMENT_TITLE.match(sent_records[-1].title) and \
                        _TO_OBJECT.match(text[mentions[i - 1].end:mention.start]) and " to " not in sent_records[-1].title:
                    host = sent_records[-1]
                    host.title = f"{host.title} to {mention.title}"
                    host.key = title_key(host.title)
                    by_key.setdefault(host.key, host)
                    if host.kind == "other" or host.title.lower().startswith("amendment"):
                        host.kind = decide_kind(host.title, sent)
                    continue
                if sent_records and any(_AMENDMENT_TITLE.match(r.title) and r.action for r in sent_records) and \
                        re.search(r"\b(?:amending|amends|to amend|which amend\w*|amendment to|to|restat\w*|amend\w* and restat\w*)(?: in (?:its|their) entirety)?\s+(?:the\s+|its\s+)?(?:existing\s+)?$", pre):
                    continue
                background = any(p < mention.start - s for p in background_at)
                eventful = (has_term or has_amend or has_enter) and not is_future
                if eventful and mention.start - s <= 5 and not re.search(
                        r"\b(?:was|were|has been|have been|had been)\s+(?:entered|executed|signed|amended|terminated|approved)|\b(?:entered into|executed|signed|terminated|amended|approved|became effective)\b",
                        low[mention.end - s:]):
                    eventful = False  # "The X Agreement, among other things, amends ...": a description
                action = _action(mention, item, low, has_term, has_amend, pre, s) if eventful else None
                if action is not None and _hypothetical(low, mention.start - s):
                    action = None  # "agreed to enter into ... at the closing, including a X"
                if action == "entered" and item not in ("2.01", "2") and _GOVERNED_BY.search(pre) \
                        and not re.search(r"(?:issued|entered into|executed|signed|delivered)\s+(?:under|pursuant to)\s+\w+\s+$", pre):
                    action = None  # "obligations under the Ground Lease": the agreement something is done under
                if action is None and not is_future and not _CONDITIONAL.match(sent) and not _hypothetical(low, mention.start - s) \
                        and not (mention.generic and mention.title in _BARE):
                    if item == "1.02" and not mention.reference and not any(r.action for r in section_records):
                        action = "terminated"  # Item 1.02 reports terminations: "... ceased to be of further effect"
                    elif item in ("2.01", "2") and _CLOSED_UNDER.search(pre):
                        action = "entered"  # a completed deal: the agreement it closed under
                    elif item == "1.01" and re.search(r"\b(?:an?)\s+$", pre) and not any(r.action for r in section_records) \
                            and re.match(r"\s*,?\s*(?:\([^)]*\)\s*,?\s*)?(?:dated|between|by and between|among|by and among|with)\b", text[mention.end:mention.end + 40]):
                        action = "entered"  # Item 1.01's first agreement, introduced as new: "Pursuant to a letter agreement between ..."
                if action is None and not eventful and not is_future and not mention.generic and not _CONDITIONAL.match(sent) \
                        and not background and _recent(_dated_after(text, mention.end, e), ctx.report_date):
                    action = "amended" if re.match(r"(?i)(?:\w+ )?(?:amendment|amended)", mention.title) else "entered"
                was_background = False
                if action == "entered" and background and item not in ("2.01", "2"):
                    action, was_background = None, True
                prior = bool(re.search(r"\b(?:existing|prior|previous|previously|original|predecessor|current|former)\b[^,;]{0,30}$|\bas (?:previously )?(?:amended|supplemented|modified)(?: and (?:supplemented|restated))? by\s+(?:the\s+)?$", pre))
                if action == "entered" and prior:
                    action, was_background = None, True
                target = alias_to.get(key) or by_key.get(key)
                if target is None and not prior:
                    for a in reversed(records[-200:]):
                        if (a.key.endswith(" " + key) or a.key.startswith(key + " and ")) and len(key.split()) >= 2:
                            target = a
                            break
                if target is not None and target.action is None and not target.background \
                        and re.search(r"\bthe\s+$", pre) and len(mention.title.split()) <= 3:
                    live = [r for r in records[-200:] if r.action and r.kind == target.kind]
                    if live:
                        target = live[-1]
                if target is None and not mention.generic and not mention.reference and re.search(r"\bthe\s+$", pre) \
                        and len(mention.title.split()) <= 3:
                    mention_kind = decide_kind(mention.title, "")
                    same_kind = [r for r in records[-200:] if r.kind == mention_kind and r.action]
                    if same_kind:
                        target = same_kind[-1]  # "the Merger Agreement" whose defined term was lost
                if target is None and mention.reference and key in _BARE:
                    live = [r for r in section_records if r.action]
                    target = live[-1] if live else None
                if target is not None and prior and action == "terminated" and target.action == "entered":
                    target = None  # "terminated the existing Credit Agreement": another agreement
                if target is not None and not mention.reference:
                    own_dated = _dated_after(text, mention.end, e)
                    if own_dated and own_dated != (target.dated or target.date):
                        target = None  # (i) X dated 2005, (ii) X dated 2004, ...: separate agreements
                if target is None and mention.reference:
                    continue
                if target is None and item not in ("2.01", "2") and re.search(r"\bin connection with\s+(?:the\s+|such\s+)?$", pre) \
                        and not _recent(_dated_after(text, mention.end, e), ctx.report_date):
                    continue
                if target is not None:
                    if target.action is None and (action in ("terminated", "amended") or (action == "entered" and not target.background)):
                        target.action = action
                        target.start, target.end = s, e
                        target.date = _date_for(text, mention, (s, e), action, item, ctx.report_date)[0]
                        for party in _parties(ctx, resolver, text, s, e, target):
                            if not any(same_name(party, q) for q in target.parties):
                                target.parties.append(party)
                        if target.kind == "other" or target.title.lower() in _BARE:
                            target.kind = decide_kind(target.title, sent)
                    elif action is not None and action == target.action and target.date is None \
                            and not mention.reference and re.search(r"\b(?:an?)\s+$", pre):
                        # a later sentence tells the same event in full ("... entered into an indemnity
                        # agreement with him on June 21, 2005"): its date and parties complete the record
                        target.date = _date_for(text, mention, (s, e), action, item, ctx.report_date)[0]
                        for party in _parties(ctx, resolver, text, s, e, target):
                            if not any(same_name(party, q) for q in target.parties):
                                target.parties.append(party)
                    _merge_exhibit(text, target, mention, sent_exhibits, mentions, i)
                    spots.append((mention.start, target))
                    if target not in sent_records:
                        sent_records.append(target)
                    continue
                if mention.generic and mention.title in _BARE and not re.search(r"\b(?:an?|new)\s+$", pre):
                    continue
                if mention.title in ("Amendment", "Agreement", "Agreements", "Letter", "Contract", "Commitment", "Waiver"):
                    continue
                if re.match(r"\s*,?\s*to be (?:dated|entered|executed|signed)", text[mention.end:mention.end + 30]):
                    continue
                if _AMENDMENT_TITLE.fullmatch(mention.title) and re.match(r"\s*(?:\([^)]*\)\s*)?to (?:the |its |our )?(?:[A-Z0-9][\w\-’']*\s+){0,6}Plan\b(?! of)", text[mention.end:mention.end + 90]):
                    continue  # an amendment to a plan, not to an agreement
                inside = text[s:mention.start]
                if inside.count("\u201c") > inside.count("\u201d") or inside.count('"') % 2 == 1:
                    continue  # inside a quoted caption or title
                open_paren = text.rfind("(", s, mention.start)
                if open_paren >= 0 and text.find(")", open_paren, mention.start) < 0:
                    continue
                nxt = next((mm.start for mm in mentions[i + 1:] if text[mm.start - 1:mm.start] not in ("\"", "“", "'", "‘")), e)
                date, dated = _date_for(text, mention, (s, e), action or "entered", item, ctx.report_date, nxt)
                if action == "entered" and dated and ctx.report_date and item not in ("2.01", "2") \
                        and dated < ctx.report_date and not _recent(dated, ctx.report_date, PRIOR_PERIOD_DAYS):
                    action, was_background = None, True
                kind = decide_kind(mention.title, sent)
                if kind == "other":
                    kind = decide_kind(mention.title, text[sec_start:sec_end])
                record = Agreement(mention.title, kind, action, date, [], None, s, e, dated=dated, key=key,
                                   background=was_background)
                record.parties = _parties(ctx, resolver, text, s, e, record)
                if any(p in ctx.persons for p in record.parties):
                    record.kind = kind_with_person(record.kind)
                _merge_exhibit(text, record, mention, sent_exhibits, mentions, i)
                alias, _ = alias_after(text, _after_dated(text, mention.end, e))
                if alias and _HEAD_RE.search(alias):
                    record.aliases.add(title_key(alias))
                    alias_to[title_key(alias)] = record
                records.append(record)
                sent_records.append(record)
                section_records.append(record)
                spots.append((mention.start, record))
                by_key.setdefault(record.key, record)
            _exhibit_lists(text, s, e, mentions, sent_records, section_records)
            _defined_terms(text, s, e, spots, alias_to, alias_terms)
    found = _consolidate([r for r in records if r.action is not None])
    for rec in found:
        if rec.date is None:
            rec.date = _section_event_date(text, sections, rec.start, ctx.report_date)
    _from_exhibit_index(ctx, resolver, found)
    return _split_people(ctx, found)


_EXHIBIT_LIST = re.compile(
    r"\bExhibits?[ \t\xa0]+(?:Nos?\.[ \t\xa0]*)?((?:\d{1,3}(?:\.\d{1,3})?(?:\([a-z]{1,3}\))?)(?:(?:,|,? and|,? through)[ \t\xa0]+\d{1,3}(?:\.\d{1,3})?(?:\([a-z]{1,3}\))?)+)", re.I)


def _exhibit_lists(text: str, s: int, e: int, mentions, sent_records, section_records) -> None:
    """"X, Y and Z, filed as Exhibits 1.01, 4.01 and 4.02, respectively": numbers in mention order;
    "a copy of which is attached as Exhibit 10(a)" after the agreement's sentence: the last agreement."""
    for m in _EXHIBIT_LIST.finditer(text, s, e):
        after = text[m.end(): m.end() + 100]
        if _OTHER_FILING.match(after) and not _THIS_FILING.match(after):
            continue
        numbers = re.findall(r"\d{1,3}(?:\.\d{1,3})?(?:\([a-z]{1,3}\))?", m.group(1))
        before = [r for r in sent_records if r.start <= m.start()]
        pool = before if len(before) >= len(numbers) else [r for r in section_records if r.exhibit is None and r.action]
        for rec, number in zip([r for r in pool if r.exhibit is None or r in before], numbers):
            rec.exhibit = number
        return
    live = [r for r in section_records if r.action]
    if not mentions and live and live[-1].exhibit is None:
        found = exhibits_in(text, s, e)
        if len(found) == 1 and re.search(r"(?i)\b(?:agreement|amendment|indenture|guarant\w*|letter|copy)\b", text[s:e]):
            live[-1].exhibit = found[0][1]


_LIST_LEAD = re.compile(r"(?i)\b(?:entered into|executed|signed|approved)\s+(?:certain\s+|several\s+|the\s+following\s+)?amendments\b[^.;]*\bto\s*:\s*$")
_LIST_ITEM = re.compile(
    r"^(?:\(?[a-z0-9ivx]{1,4}\)\s*|[-–•·*]\s*)?(?:its|the|our|that certain)\s+(?:existing\s+)?(?:\$[\d.,]+\s+(?:million|billion)\s+)?"
    r"(?P<obj>[a-z][a-z\s\-]{2,80}(?:agreement|facility|indenture|guaranty|guarantee|lease|note|notes)(?: and (?:guaranty|guarantee|security agreement))?)\b")
_DEFINED = re.compile(r"\(\s*(?:the\s+|each,?\s+an?\s+|each\s+an?\s+|collectively,?\s+the\s+)?[\"“]([^\"“”]{3,60})[\"”]")
_TERM_WORDS = re.compile(r"\b(?:Agreements?|Facility|Indenture|Guaranty|Guarantee|Amendment|Letter|Lease|Notes?|Loan)\b")


def _defined_terms(text, s, e, spots, alias_to, alias_terms) -> None:
    """("Prior Revolving Facility") after an agreement's mention: a later name for that agreement."""
    if not spots:
        return
    for m in _DEFINED.finditer(text, s, e):
        term = m.group(1).strip()
        if not _TERM_WORDS.search(term) or title_key(term) in alias_to:
            continue
        before = [(pos, rec) for pos, rec in spots if pos < m.start()]
        if before:
            rec = max(before, key=lambda x: x[0])[1]
            alias_to[title_key(term)] = rec
            rec.aliases.add(title_key(term))
            alias_terms[term] = title_key(term)


def _with_alias_mentions(text, s, e, mentions, alias_terms) -> list:
    if not alias_terms:
        return mentions
    out = list(mentions)
    for term in alias_terms:
        for m in re.finditer(r"(?<![\w\"“])" + re.escape(term) + r"(?![\w\"”])", text[s:e]):
            a, b = s + m.start(), s + m.end()
            if any(x.start < b and a < x.end for x in out):
                continue
            out.append(Mention(a, b, term, False, True))
    out.sort(key=lambda x: x.start)
    return out


def _consolidate(found: list[Agreement]) -> list[Agreement]:
    """One record per agreement: "Amendment No. 1 to X" and "X" amended together are one fact."""
    out: list[Agreement] = []
    for rec in found:
        twin = None
        for kept in out[-100:]:
            amends = [x for x, y in ((kept, rec), (rec, kept)) if x.key.endswith(" to " + y.key) and x.action == "amended"
                      and (y.action == "amended" or re.match(r"(?i)^(?:\w+ )?amended and restated", y.title))]
            if amends:
                amendment = amends[0]
                other = rec if amendment is kept else kept
                kept.title, kept.key, kept.action = amendment.title, amendment.key, "amended"
                kept.date = amendment.date or other.date
                kept.start, kept.end = amendment.start, amendment.end
                if kept.kind == "other":
                    kept.kind = other.kind
                twin = None
                for p in rec.parties:
                    if not any(same_name(p, q) for q in kept.parties):
                        kept.parties.append(p)
                kept.exhibit = kept.exhibit or rec.exhibit
                twin = kept
                rec = None
                break
            if kept.action != rec.action or (kept.dated and rec.dated and kept.dated != rec.dated):
                continue
            a, b = f" {kept.key} ", f" {rec.key} "
            if a in b or b in a:
                if rec.kind == kept.kind or rec.title.lower() in _BARE or kept.title.lower() in _BARE:
                    twin = kept
                    break
        if rec is None:
            continue
        if twin is None:
            out.append(rec)
            continue
        if len(rec.title) > len(twin.title) and rec.title.lower() not in _BARE:
            twin.title, twin.key = rec.title, rec.key
            twin.start, twin.end = rec.start, rec.end
        twin.exhibit = twin.exhibit or rec.exhibit
        twin.date = twin.date or rec.date
        twin.dated = twin.dated or rec.dated
        twin.aliases |= rec.aliases | {rec.key}
        for p in rec.parties:
            if not any(same_name(p, q) for q in twin.parties):
                twin.parties.append(p)
    return out


def _section_event_date(text: str, sections, pos: int, report_date: str | None) -> str | None:
    """The event date the section states before ``pos`` ("On May 23, 2008, ..."), when recent."""
    for _, start, end in sections:
        if start <= pos < end:
            window = text[max(start, pos - 3000):pos]
            found = None
            for m in re.finditer(r"\b(?:On|Effective|As of|Effective as of)\s+", window):
                dates = find_dates(window[m.end(): m.end() + 25])
                if dates and dates[0].start == 0:
                    found = dates[0].iso
            if found and _recent(found, report_date):
                return found
    return None


# The reporting window: an 8-K is due four business days after its event, but the date compared with is
# often the filing date (renderings without a Date of Report) and late or amended reports are common;
# 45 days holds the event of the report while leaving out agreements made in earlier quarters.
EVENT_WINDOW_DAYS = 45
# An agreement dated more than a quarter before the report was due in an earlier 8-K (four business days)
# or in the 10-Q of its quarter: "entered into X, dated <then>" recalls it rather than reports it.
PRIOR_PERIOD_DAYS = 92


def _recent(iso: str | None, report_date: str | None, days: int = EVENT_WINDOW_DAYS) -> bool:
    """Whether ``iso`` falls within the reporting window before the report date (the event's time)."""
    if not iso or not report_date:
        return False
    from datetime import date

    try:
        delta = (date.fromisoformat(report_date) - date.fromisoformat(iso)).days
    except ValueError:
        return False
    return -1 <= delta <= days


def _dated_after(text: str, pos: int, limit: int) -> str | None:
    m = re.match(r"(?:,?\s*of\s+[A-Z][^;()]{0,60}?)?,?\s*(?:\([^)]*\)\s*,?\s*)?dated(?: as(?: of)?)?\s+", text[pos:limit])
    if not m:
        return None
    dates = find_dates(text[pos + m.end(): min(limit, pos + m.end() + 25)])
    return dates[0].iso if dates and dates[0].start == 0 else None


def _after_dated(text: str, pos: int, limit: int) -> int:
    m = re.match(r",?\s*dated(?: as of)?\s+[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}", text[pos:limit])
    return pos + m.end() if m else pos


_VERB = re.compile(
    r"\b(?P<t>terminat\w*|cancel\w*|ceased? to (?:be of|have) (?:any )?further (?:force (?:and|or) )?effect)\b|\b(?<!as )(?<!previously )(?P<a>amend(?:ed|s|ing)?|extend(?:ed|s)?|modif(?:y|ied|ies))\b(?! and restated)|"
    r"\b(?P<e>entered into|enter into|entry into|executed|signed|agreed|completed|consummated|closed|delivered|issued|entered|(?:being|were|was|are|is) ?issued (?:pursuant to|under))\b",
    re.I)


def _nearest_verb(sentence: str, pos: int) -> str | None:
    sentence = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), sentence)
    before = [m for m in _VERB.finditer(sentence, 0, pos)]
    # a modal verb in a relative clause ("..., which was scheduled to terminate on ...") describes the
    # agreement named before it; the verb that governs this mention is further back
    while len(before) > 1 and _is_modal(sentence, before[-1]) and re.search(r",\s*(?:which|who)\b[^,;]*$", sentence[max(0, before[-1].start() - 80):before[-1].start()]):
        before.pop()
    verb = before[-1] if before else _VERB.search(sentence, pos)
    if verb is None:
        return None
    if _is_modal(sentence, verb):
        return "modal"
    return verb.lastgroup


def _is_modal(sentence: str, verb: re.Match) -> bool:
    return bool(re.search(r"\b(?:may|might|could|would|will|shall|can|must|not|never|(?<!agreed )to)\s+(?:be\s+)?$", sentence[max(0, verb.start() - 20):verb.start()])
                or _hypothetical(sentence, verb.start()))


def _action(mention: Mention, item: str, low: str, has_term: bool, has_amend: bool, pre: str, sent_start: int = 0) -> str | None:
    title = mention.title.lower()
    verb = _nearest_verb(low, mention.start - sent_start)
    if verb == "modal":
        return None
    if verb == "t" and "termination" not in title and item not in ("2.01", "2"):
        return "terminated"
    if verb == "a" and not re.match(r"(?:amended and restated|second amended|third amended)", title) and "supplemental indenture" not in title:
        if item not in ("2.01", "2"):
            return "amended"
    if verb == "e" and not re.match(r"(?:amendment|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|amended and restated|waiver|\w+ amended)", title):
        if item != "1.02" or "termination" in title:
            return "entered"
    if "termination" in title:
        return "entered"
    if item in ("2.01", "2") and not has_term:
        return "entered"
    if "supplemental indenture" in title:
        return "entered"
    if has_term and (item == "1.02" or re.search(r"terminat\w*\s+(?:the\s+|its\s+|each\s+of\s+)?", low)):
        if item == "1.02" or not re.search(r"\b(?:entered into|executed|signed)\b", low) or "terminat" in pre:
            return "terminated"
    if re.match(r"(?:amendment|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|amended and restated|waiver|\w+ amended)", title):
        return "amended"
    if has_amend and not re.search(r"\b(?:entered into|executed|signed)\b[^.]{0,40}$", pre):
        return "amended"
    return "entered"


def _merge_exhibit(text: str, agreement: Agreement, mention: Mention, sent_exhibits, mentions, i) -> None:
    if agreement.exhibit:
        return
    nxt = mentions[i + 1].start if i + 1 < len(mentions) else 10 ** 9
    for pos, number in sent_exhibits:
        if mention.end <= pos < nxt:
            agreement.exhibit = number
            return


def _parties(ctx: Context, resolver: Resolver, text: str, s: int, e: int, agreement: Agreement) -> list[str]:
    names: list[str] = []
    sent = text[s:e]
    own = ["the Company", "the Registrant", "the Corporation", "us", "ours"]
    if ctx.registrant:
        own.insert(0, re.escape(ctx.registrant).replace(r"\ ", r"\s+"))
    # "X, a wholly-owned subsidiary of <the registrant>, entered into": the subsidiary signs, not the registrant
    sent = re.sub(r"\b(?:a |an |the )?(?:direct |indirect |wholly[- ]owned )*(?:subsidiary|subsidiaries|affiliate|affiliates|division) of (?:"
                  + "|".join(own) + r")\b(?:\s*\([^)]*\))?", " ", sent, flags=re.I)
    if re.search(r"\b(?:the Company|we|our|us|the Registrant|the Corporation)\b", sent) or \
            (ctx.registrant and any(re.search(r"\b" + re.escape(a) + r"\b(?![’']s)(?!,?\s+(?-i:[A-Z]))", sent, re.I) for a in ctx.registrant_aliases | {ctx.registrant.lower()})):
        names.append("__REGISTRANT__")
    spans = [(o.start, o.name) for o in find_orgs(sent)]
    verb = _VERB.search(sent)
    subject = sent[: verb.start()] if verb else ""
    subject_low = subject.lower()
    for alias in ctx.org_aliases:
        if len(alias) > 2 and alias in subject_low:
            am = re.search(r"(?<![\w“\"])" + re.escape(alias) + r"(?![\w”\"])", subject, re.I)
            if am and subject[am.start()].isupper():
                spans.append((am.start(), alias))
    listed = list_parties(text, s, e, set(ctx.org_aliases))
    listed_names = {n for _, n in listed}
    spans += [(p - s if p >= 0 else 0, n) for p, n in listed]
    spans.sort()
    for pos, name in spans:
        before = sent[max(0, pos - 40):pos].lower()
        if re.search(r"(?:affiliates?|business|division|unit|parent|subsidiar(?:y|ies)|owned by|shareholder|stockholder|member) of\s*$|% (?:of|in)\s*$", before) and "wholly" not in before:
            continue
        names.append(name)
    person_kinds = ("employment", "separation", "indemnification", "other", "governance")
    if agreement.kind in person_kinds:
        for p in find_persons(text, s, e):
            names.append(p.name)
    else:  # a person is a party of any agreement when named among its signatories ("with Jan H. Loeb")
        persons = {p.name for p in find_persons(text, s, e)}
        names = [n for n in names if n not in persons or n in listed_names]
    for m in re.finditer(r"\b(?:with|between|among|and)\s+(?:Mr|Ms|Mrs|Dr)\.[ \t\xa0]+([A-Z][\w'’\-]+)\b", sent):
        full = [p for p in ctx.persons if p.split()[-1].rstrip(".,") == m.group(1)]
        if len(full) == 1:
            names.append(full[0])  # "with Mr. Hetzel": the person named in full before
    if re.search(r"\b(?:with|between|among)\s+(?:him|her)\b|\b(?:him|her) and (?:the Company|us)\b", sent):
        before = find_persons(text, max(0, s - 1500), s) or find_persons(text, s, e)
        if before:
            names.append(before[-1].name)  # "with him": the person just named
    names = [n for n in names if not any(n != o and len(n) < len(o) and o.endswith(n) for o in names)]
    names = [n for n in names if n == "__REGISTRANT__" or not re.search(r"\b(?:President|Officer|Director|Chairman|Secretary|Treasurer|Court|District)\b", n)]
    names = [n for n in names if n == "__REGISTRANT__" or not (_HEAD_RE.search(n) or re.search(r"\bFacility\b", n))]
    names = [re.split(r"\s*[(“\"]", n)[0].strip(" ,") if n != "__REGISTRANT__" else n for n in names]
    names = [n for n in names if n == "__REGISTRANT__" or (n and not re.search(r"\w[’']s\s", n))]
    split_names = []
    for n in names:
        if " and " in n and n != "__REGISTRANT__":
            left, right = n.split(" and ", 1)
            full_left = resolver.resolve(left)
            if full_left != left and full_left != n and not same_name(full_left, n):
                split_names += [left, right]
                continue
        split_names.append(n)
    out: list[str] = []
    for n in split_names:
        full = resolver.resolve(n)
        if not full or full.lower() in REGISTRANT_REFS:
            continue
        if any(name_tokens(full) == name_tokens(o) for o in out):
            continue
        out.append(full)
    if not out and ctx.registrant:
        out.append(ctx.registrant)
    if ctx.registrant in out:
        out.remove(ctx.registrant)
        out.insert(0, ctx.registrant)
    return out


def _from_exhibit_index(ctx: Context, resolver: Resolver, found: list[Agreement]) -> None:
    from .orgs import find_orgs as _orgs
    used = {a.exhibit for a in found if a.exhibit}
    for number, description in ctx.exhibit_index:
        if not re.match(r"^(?:1|2|4|10)\b", number.split(".")[0].split("(")[0]):
            continue
        desc_key = title_key(description)
        best, best_sim = None, 0.0
        for a in found:
            sim = _title_sim(a.title, description)
            if a.key and a.key in desc_key:
                sim += 0.5
            if sim > best_sim and (a.exhibit is None or a.exhibit == number):
                best, best_sim = a, sim
        if best is None or best_sim < 0.5:
            continue
        if best.exhibit is None and number not in used:
            best.exhibit = number
            used.add(number)
        if best.exhibit == number:
            for org in _orgs(description):
                if re.search(r"(?:stockholders?|shareholders?|subsidiar(?:y|ies)|affiliates?|holders?|members?) of\s*$", description[:org.start]):
                    continue
                full = resolver.resolve(org.name)
                if not full or _HEAD_RE.search(full) or re.search(r"\b(?:President|Officer|Director)\b", full):
                    continue
                if any(same_name(full, p) or full in p or p in full for p in best.parties if p):
                    continue
                best.parties.append(full)


def _title_sim(a: str, b: str) -> float:
    stop = {"the", "a", "an", "of", "to", "and", "by", "among", "between", "with", "for", "its", "dated", "as"}
    ta = set(name_tokens(a)) - stop
    tb = set(name_tokens(b)) - stop
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta)


def _split_people(ctx: Context, found: list[Agreement]) -> list[Agreement]:
    """One employment (or separation, indemnification) agreement per named person."""
    out = []
    for a in found:
        persons = [p for p in a.parties if p in ctx.persons]
        if a.kind in ("employment", "separation") and len(persons) > 1:
            others = [p for p in a.parties if p not in persons]
            for p in persons:
                out.append(Agreement(a.title, a.kind, a.action, a.date, others + [p], a.exhibit, a.start, a.end,
                                     a.dated, set(a.aliases), a.key))
        else:
            out.append(a)
    return out
