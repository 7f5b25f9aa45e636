"""Which extraction rules the labelled filings exercise, by registrant.

A rule here is a module-level compiled regex of the extractor (``nlp/extraction/`` and the
shared recognisers it calls: organisations, people, stakes, signatures). Every rule is watched
while the extractor reads each labelled filing (the held-out registrants excluded: their filings
are never read for development), and the registrants whose filings it matched are counted. A
wording rule exercised by one registrant's filings is suspect of fitting that registrant; the
annotation issue asks every rule to be exercised by at least two, or to go, unless it is a
guard or a normaliser with a stated reason (``data/rule_exemptions.json``).

    python -m pactgraph.nlp.rule_coverage [--min 2] [--json] [--also tests/nlp/reviewed ...]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import pkgutil
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

# the modules whose rules are watched: the extraction stages and the recognisers they call
WATCHED = ("extraction", "orgs", "people", "stakes", "reader.signature", "kinds", "extract")


class _Watched:
    """A compiled pattern that notes the current registrant whenever it matches."""

    __slots__ = ("_pattern", "_hits", "_current")

    def __init__(self, pattern: re.Pattern, hits: set, current: list) -> None:
        self._pattern, self._hits, self._current = pattern, hits, current

    def _note(self, found):
        if found:
            self._hits.add(self._current[0])
        return found

    def search(self, *a, **k):
        return self._note(self._pattern.search(*a, **k))

    def match(self, *a, **k):
        return self._note(self._pattern.match(*a, **k))

    def fullmatch(self, *a, **k):
        return self._note(self._pattern.fullmatch(*a, **k))

    def finditer(self, *a, **k):
        found = list(self._pattern.finditer(*a, **k))
        self._note(found)
        return iter(found)

    def findall(self, *a, **k):
        return self._note(self._pattern.findall(*a, **k))

    def split(self, *a, **k):
        parts = self._pattern.split(*a, **k)
        self._note(len(parts) > 1)
        return parts

    def sub(self, repl, string, *a, **k):
        out, n = self._pattern.subn(repl, string, *a, **k)
        self._note(n)
        return out

    def subn(self, repl, string, *a, **k):
        out = self._pattern.subn(repl, string, *a, **k)
        self._note(out[1])
        return out

    def __getattr__(self, name):
        return getattr(self._pattern, name)


def _watched_modules() -> list:
    package = importlib.import_module("pactgraph.nlp")
    out = []
    for info in pkgutil.walk_packages(package.__path__, "pactgraph.nlp."):
        short = info.name.removeprefix("pactgraph.nlp.")
        if any(short == w or short.startswith(w + ".") for w in WATCHED):
            out.append(importlib.import_module(info.name))
    return out


def rule_homes(modules: list) -> dict[int, str]:
    """id(pattern) -> "module.NAME" of the module whose source assigns it."""
    homes: dict[int, str] = {}
    for module in modules:
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            assigned = re.search(rf"(?m)^{re.escape(name)}\s*(?::[^=\n]*)?=", source)
            if isinstance(value, re.Pattern) and assigned:
                home = f"{module.__name__.removeprefix('pactgraph.nlp.')}.{name}"
                homes.setdefault(id(value), home)
    return homes


@contextmanager
def watching(hits: dict[str, set], current: list) -> Iterator[None]:
    """Every watched rule replaced, in every module holding it, by a watcher filling ``hits``."""
    modules = _watched_modules()
    homes = rule_homes(modules)
    every = [m for m in sys.modules.values() if getattr(m, "__name__", "").startswith("pactgraph.")]
    swapped = []
    for module in every:
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern) and id(value) in homes:
                home = homes[id(value)]
                setattr(module, name, _Watched(value, hits[home], current))
                swapped.append((module, name, value))
    try:
        yield
    finally:
        for module, name, value in swapped:
            setattr(module, name, value)


def coverage(filings) -> dict[str, list[str]]:
    """rule -> the registrant groups whose filings it matched (labelled ``filings``)."""
    from .crossval import plain_extract

    hits: dict[str, set] = defaultdict(set)  # every watched rule has its key, matched or not
    current = [None]
    with watching(hits, current):
        for filing in filings:
            current[0] = filing.group
            plain_extract(filing.filing_path)
    return {rule: sorted(groups) for rule, groups in sorted(hits.items())}


def exemptions() -> dict[str, str]:
    """Rules kept though fewer than two registrants exercise them, each with its reason."""
    text = resources.files("pactgraph.nlp").joinpath("data/rule_exemptions.json").read_text()
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def labelled_for_development(eval_dir: Path, also: list[Path] = ()) -> list:
    """The labelled filings development may read: gold, gold-extra (less the held-out
    registrants) and the folders ``also`` (the repository's own labelled sets)."""
    from .labelled import corpus_of, holdout_ciks, load_labelled, split_holdout

    dirs = [eval_dir / "gold", eval_dir / "gold-extra"]
    dirs += [d for d in also if d.is_dir()]
    filings = load_labelled(dirs, corpus_of(eval_dir / "gold"))
    return split_holdout(filings, holdout_ciks())[0]


def main(argv: list[str] | None = None) -> int:
    from .labelled import find_eval_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=int, default=2, help="registrants a rule needs")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--also",
        type=Path,
        action="append",
        default=[],
        help="another folder of labelled facts (repeatable)",
    )
    args = parser.parse_args(argv)
    eval_dir = find_eval_dir()
    if eval_dir is None:
        print("no labelled data found (../shared/eval beside the repository)", file=sys.stderr)
        return 2
    found = coverage(labelled_for_development(eval_dir, args.also))
    if args.json:
        print(json.dumps(found, indent=1))
        return 0
    exempt = exemptions()
    for rule, groups in found.items():
        if len(groups) < args.min:
            note = f"exempt: {exempt[rule]}" if rule in exempt else "NOT EXEMPT"
            print(f"{len(groups)}  {rule:60} {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
