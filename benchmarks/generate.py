"""Generate a large corpus of 8-K filings by varying real ones: names, dates, amounts.

    python -m benchmarks.generate OUT_DIR [--count 20000] [--corpus ../shared/corpus/filings]

Each generated file is a real corpus filing with, consistently through its header and report: the
distinctive words of its company names swapped for made-up words, every year shifted by the same
offset (-6..+6), dollar amounts and percentages scaled, and new accession numbers and CIKs — so
every variant is a distinct filing with its own IRIs, the same shape as real ones, and nothing
is copied verbatim from the original beyond its wording. Deterministic for a given ``--seed``.

Companies are made up per *group*: the variants are made in rounds over the corpus, and
:data:`GROUP_ROUNDS` consecutive rounds share one made-up name (and CIK) per real word (and CIK).
So a made-up company files what its real model filed, a few times over with shifted dates — a
handful of versions of each contract, as a real company has — instead of one company filing the
same contract ~100 times (the lifecycle links between versions grow with the square of their
number), or every variant being a company of its own (no lifecycle links at all). The names come
from the SGML header, the cover page and the registrant name pactgraph's reader finds (renderings
and HTML filings state it only in running text).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "filings"

_SYLLABLES = (
    "ka",
    "lo",
    "ven",
    "tar",
    "mi",
    "zo",
    "rex",
    "qua",
    "dor",
    "pel",
    "sun",
    "vi",
    "bra",
    "nor",
    "tek",
    "lum",
    "gal",
    "cor",
    "fin",
    "hel",
    "ost",
    "ra",
    "del",
    "mon",
    "tri",
)
_NUMBERS = re.compile(  # the look-ahead lets the regex engine skip fast to digits and $
    r"(?=[0-9$])(?:(?P<acc>\b\d{10}-\d{2}-\d{6}\b)"
    r"|\b(?P<ymd>(?:19[89]\d|20[0-2]\d)(?:0[1-9]|1[0-2])[0-3]\d)\b"
    r"|\b(?P<year>19[89]\d|20[0-2]\d)\b"
    r"|\$\s?(?P<money>\d{1,3}(?:,\d{3})+|\d+)(?P<cents>\.\d+)?"
    r"|\b(?P<pct>\d{1,2}(?:\.\d+)?)(?P<sign>\s?%|\s?percent\b))"
)
_HEAD = 200_000
#: consecutive rounds over the corpus whose variants share made-up company names and CIKs
GROUP_ROUNDS = 4
_CIK = re.compile(r"(CENTRAL INDEX KEY:\s*)(\d{10})")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z]{3,}")
_STOP = {
    "The",
    "Inc",
    "Corp",
    "Corporation",
    "Company",
    "Limited",
    "Holdings",
    "Group",
    "International",
    "Technologies",
    "Agreement",
    "America",
    "American",
    "National",
    "Bank",
    "Trust",
    "Capital",
    "Partners",
    "Energy",
    "Financial",
    "Services",
    "Systems",
    "Global",
    "United",
    "States",
    "North",
    "South",
    "General",
    "First",
    "Form",
    "Item",
    "Exhibit",
    "Section",
    "Securities",
    "Exchange",
    "Commission",
    "Report",
    "Date",
    "Current",
    "Registrant",
    "Company's",
}


def made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def company_words(text: str, registrant: str | None = None) -> list[str]:
    """Distinctive words of the company names a filing mentions (header and cover page, and
    ``registrant``: the name pactgraph's reader finds)."""
    names = [registrant] if registrant else []
    names += re.findall(r"COMPANY CONFORMED NAME:\s*(.+)", text)
    names += re.findall(
        r"(?m)^\s*([A-Z][\w.&,' -]{3,80}?"
        r"(?:Inc|Corp|Corporation|LLC|L\.P|Ltd|plc|AS|AG|N\.V|S\.A)\.?)\s*$",
        text[:20000],
    )
    words: list[str] = []
    for name in names:
        for w in _NAME_WORD.findall(name.title()):
            if w not in _STOP and w not in words:
                words.append(w)
    return words[:6]


def vary(
    text: str,
    rng: random.Random,
    serial: int,
    group: int | None = None,
    registrant: str | None = None,
    seed: int = 8,
) -> str:
    """One variant of a filing's text (see the module docstring).

    The facts come from the header and the report body, so only the head of the file (its first
    200,000 characters) is varied; a long tail (exhibit text) is kept as it was. Company words and
    CIKs are replaced by the same made-up ones in every variant of one ``group`` (default: each
    variant its own group) for a given ``seed``.
    """
    group = serial if group is None else group
    head, tail = text[:_HEAD], text[_HEAD:]
    words = company_words(head, registrant)
    if words:
        swap = {}
        for word in words:
            new = made_up_word(random.Random(f"{seed}/{word.lower()}/{group}"))
            swap[word], swap[word.upper()] = new, new.upper()
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(w) for w in sorted(swap, key=len, reverse=True)) + r")\b"
        )
        head = pattern.sub(lambda m: swap[m.group(1)], head)
    shift = rng.choice([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6])
    factor = rng.uniform(0.5, 2.0)

    def year(value: str) -> str:
        return str(min(2025, max(1990, int(value) + shift)))

    def one(m: re.Match) -> str:
        if m.group("acc"):
            return accession
        if m.group("ymd"):
            return year(m.group("ymd")[:4]) + m.group("ymd")[4:]
        if m.group("year"):
            return year(m.group("year"))
        if m.group("money"):
            value = float(m.group("money").replace(",", "") + (m.group("cents") or "")) * factor
            cents = m.group("cents")
            return f"${value:,.{len(cents) - 1 if cents else 0}f}"
        pct = m.group("pct")
        value = min(99.9, float(pct) * rng.uniform(0.6, 1.4))
        digits = len(pct.split(".")[1]) if "." in pct else 0
        return f"{value:.{digits}f}{m.group('sign')}"

    accession = (
        f"{9000000000 + serial // 100000:010d}-{(serial // 1000) % 100:02d}-{serial % 1000000:06d}"
    )
    head = _NUMBERS.sub(one, head)
    text = head + tail
    text = _CIK.sub(
        lambda m: (
            m.group(1) + f"{8000000000 + group * 1_000_000 + int(m.group(2)) % 1_000_000:010d}"
        ),
        text,
    )
    return text


def bases(corpus: Path) -> list[Path]:
    return sorted(
        p
        for p in corpus.iterdir()
        if p.is_file()
        and p.suffix.lower() in (".txt", ".htm", ".html", ".xml")
        and p.name != "MANIFEST.csv"
    )


def registrant_name(path: Path) -> str | None:
    """The registrant's name as pactgraph's reader finds it (None when it cannot read the file)."""
    from pactgraph.nlp.errors import PactgraphError
    from pactgraph.nlp.reader import read_filing

    try:
        return read_filing(path).header.company_name
    except PactgraphError:
        return None


def _write_one(job: tuple[int, str, str, int, int]) -> None:
    serial, base, target, seed, group = job
    if base not in _BASES:
        _BASES[base] = (Path(base).read_bytes().decode("latin-1"), registrant_name(Path(base)))
    text, registrant = _BASES[base]
    rng = random.Random(seed * 1_000_003 + serial)
    Path(target).write_bytes(vary(text, rng, serial, group, registrant, seed).encode("latin-1"))


_BASES: dict[str, tuple[str, str | None]] = {}


#: written into the output folder (hidden: ingest skips it); variants made by another version of
#: this generator or with another seed are replaced, not mixed with new ones
STAMP_FILE, VERSION = ".generator", "2 (companies per group of rounds)"


def generate(
    out: Path,
    count: int = 20000,
    corpus: Path = DEFAULT_CORPUS,
    seed: int = 8,
    processes: int | None = None,
) -> int:
    """Write ``count`` variants into ``out`` (variants of the same generator version and seed
    already there are kept); return the count."""
    import os
    from multiprocessing import Pool

    out.mkdir(parents=True, exist_ok=True)
    stamp, wanted = out / STAMP_FILE, f"{VERSION} seed={seed}\n"
    if not stamp.exists() or stamp.read_text() != wanted:
        for old in out.iterdir():
            if old.is_file() and re.match(r"\d{5}_", old.name):
                old.unlink()
        stamp.write_text(wanted)
    files = bases(corpus)
    if not files:
        raise SystemExit(f"no filings in {corpus}")
    jobs = []
    for serial in range(count):
        base = files[serial % len(files)]
        target = out / f"{serial:05d}_{base.stem[:60]}{base.suffix}"
        if not target.exists():
            jobs.append(
                (serial, str(base), str(target), seed, serial // (len(files) * GROUP_ROUNDS))
            )
    jobs.sort(key=lambda j: j[1])  # one base after the other: each worker reads a base once
    with Pool(processes or os.cpu_count() or 1) as pool:
        for _ in pool.imap_unordered(_write_one, jobs, chunksize=64):
            pass
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    n = generate(args.out, args.count, args.corpus, args.seed)
    print(f"{n} filings in {args.out} ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
