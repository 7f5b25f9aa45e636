"""Peer benchmark: pactgraph's filing reader against edgartools on EDGAR full submissions.

    python -m benchmarks.peer_edgartools [--corpus DIR] [--gold DIR] [--limit N] [--json FILE]

Over every SGML full submission in the corpus (found by content: ``<SEC-DOCUMENT>`` or
``<SEC-HEADER>``), both tools read the same files in the same run and their 8-K item numbers
are compared with

- the gold ``filing.items`` of the gold files whose source is such a submission, and
- the SGML header's ``ITEM INFORMATION`` titles, mapped to numbers here (modern titles from
  2004-08-23, the old items 1-12 before; titles and aliases from pactgraph's
  ``nlp/data/items.json``), on the files whose header lists every item by a known title.

pactgraph runs in this process (``read_filing(path).item_numbers``, which joins the header's
items and the body's; the body's alone are shown too). edgartools runs in its own venv
(``PACTGRAPH_EDGARTOOLS_PYTHON``, default ``/tmp/edgarvenv/bin/python``) through
``benchmarks/_edgartools_worker.py``, offline: a file for which it tries the network counts as
an error. Speed is files/s over the summed per-file read times, wall clock and CPU (imports
excluded; each file's best of ``--repeat`` passes).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
WORKER = Path(__file__).with_name("_edgartools_worker.py")
DEFAULT_EDGARTOOLS_PYTHON = "/tmp/edgarvenv/bin/python"
MODERN_SINCE = "2004-08-23"

_SGML_MARK = re.compile(rb"<SEC-(?:DOCUMENT|HEADER)>", re.I)
_HEADER_END = re.compile(r"</SEC-HEADER>|<DOCUMENT>", re.I)
_ITEM_LINE = re.compile(r"^[ \t]*ITEM INFORMATION:[ \t]*(.*?)[ \t]*$", re.M)
_FILED_LINE = re.compile(r"^[ \t]*FILED AS OF DATE:[ \t]*(\d{8})", re.M)


# ------------------------------------------------------------------ item titles -> numbers


def _norm_title(title: str) -> str:
    t = title.lower().replace("&", " and ").replace("\u2019", "'")
    t = re.sub(r"[^a-z0-9]+", " ", t.replace("'", ""))
    return " ".join(t.split())


def load_item_table() -> dict:
    """``{"modern_since": date, "modern": {title: number}, "legacy": {title: number}}``.

    From pactgraph's ``nlp/data/items.json`` (official titles and aliases seen in filings).
    """
    from importlib import resources

    raw = json.loads(
        resources.files("pactgraph.nlp").joinpath("data/items.json").read_text("utf-8")
    )
    table: dict = {"modern_since": raw.get("modern_since", MODERN_SINCE)}
    for era in ("modern", "legacy"):
        titles: dict[str, str] = {}
        for entry in raw[era]:
            for title in [entry["title"], *entry.get("aliases", [])]:
                titles[_norm_title(title)] = entry["number"]
        table[era] = titles
    return table


def title_to_number(title: str, filed: str | None, table: dict) -> str | None:
    """The item number of a header title, in the item scheme in force on ``filed`` (ISO date).

    Unknown or empty titles give ``None``. Without a date the modern scheme is tried first.
    """
    key = _norm_title(title)
    if not key:
        return None
    legacy = bool(filed) and filed < table["modern_since"]
    eras = ("legacy", "modern") if legacy else ("modern", "legacy")
    return table[eras[0]].get(key) or (None if filed else table[eras[1]].get(key))


@dataclass
class HeaderItems:
    titles: list[str]  # as written, empty strings kept
    filed: str | None  # ISO date from FILED AS OF DATE
    numbers: list[str] | None  # sorted numbers; None when the header cannot be compared
    why_not: str | None = None  # why the header is not comparable


def header_items(text: str, table: dict) -> HeaderItems:
    """The ``ITEM INFORMATION`` lines of a submission's SGML header, mapped to numbers."""
    end = _HEADER_END.search(text)
    head = text[: end.start()] if end else text[:20000]
    titles = _ITEM_LINE.findall(head)
    m = _FILED_LINE.search(head)
    filed = f"{m.group(1)[:4]}-{m.group(1)[4:6]}-{m.group(1)[6:]}" if m else None
    if not titles:
        return HeaderItems(titles, filed, None, "no ITEM INFORMATION")
    if any(not t.strip() for t in titles):
        return HeaderItems(titles, filed, None, "ITEM INFORMATION with an empty title")
    numbers = [title_to_number(t, filed, table) for t in titles]
    unknown = [t for t, n in zip(titles, numbers) if n is None]
    if unknown:
        return HeaderItems(titles, filed, None, f"unknown title {unknown[0]!r}")
    return HeaderItems(titles, filed, sort_items(set(numbers)))


def sort_items(items) -> list[str]:
    def key(n: str):
        return tuple(int(p) if p.isdigit() else 0 for p in str(n).split("."))

    return sorted(set(items), key=key)


# ------------------------------------------------------------------ the file set


def is_full_submission(path: Path) -> bool:
    """An EDGAR full-submission SGML file (judged by content, not name)."""
    try:
        with open(path, "rb") as fh:
            return bool(_SGML_MARK.search(fh.read(65536)))
    except OSError:
        return False


@dataclass
class Case:
    path: Path
    size: int
    gold: list[str] | None = None  # gold filing.items when a gold file names this file
    gold_file: str | None = None
    header: HeaderItems | None = None


def collect_cases(
    corpus: Path, gold_dir: Path | None, table: dict, limit: int | None = None
) -> list[Case]:
    files = sorted(p for p in corpus.iterdir() if p.is_file() and is_full_submission(p))
    if limit:
        files = files[:limit]
    cases = {p.resolve(): Case(p, p.stat().st_size) for p in files}
    if gold_dir and gold_dir.is_dir():
        for g in sorted(gold_dir.glob("*.json")):
            data = json.loads(g.read_text("utf-8"))
            src = (data.get("source") or {}).get("file")
            if not src:
                continue
            path = (gold_dir.parent.parent / "corpus" / src).resolve()
            if not path.exists():
                path = (corpus / Path(src).name).resolve()
            if path in cases:
                cases[path].gold = sort_items(data.get("filing", {}).get("items") or [])
                cases[path].gold_file = g.name
    for case in cases.values():
        text = case.path.read_bytes()[:200_000].decode("latin-1")
        case.header = header_items(text, table)
    return list(cases.values())


# ------------------------------------------------------------------ the two tools


@dataclass
class Result:
    items: list[str] | None  # None on error
    seconds: float
    error: str | None = None
    body_items: list[str] | None = None  # pactgraph: items found in the body alone
    cpu_seconds: float = 0.0  # CPU time of this process for the file (less noisy under load)


@dataclass
class ToolRun:
    name: str
    results: dict[str, Result] = field(default_factory=dict)  # by str(path)
    note: str | None = None


def _keep(run: ToolRun, path: str, result: Result) -> None:
    """First pass gives the answer; later passes only lower the time (best of the passes)."""
    old = run.results.get(path)
    if old is None:
        run.results[path] = result
    else:
        old.seconds = min(old.seconds, result.seconds)
        old.cpu_seconds = min(old.cpu_seconds, result.cpu_seconds)


def run_pactgraph(cases: list[Case], repeat: int = 1) -> ToolRun:
    from pactgraph.nlp.reader import read_filing

    run = ToolRun("pactgraph")
    for _ in range(repeat):
        for case in cases:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                filing = read_filing(case.path)
                items = list(filing.item_numbers)
                body = sort_items({i.number for i in filing.items})
                err = None
            except Exception as exc:  # noqa: BLE001 - a failure is a measured outcome here
                items, body, err = None, None, f"{type(exc).__name__}: {exc}"
            _keep(
                run,
                str(case.path),
                Result(items, time.perf_counter() - start, err, body, time.process_time() - cpu),
            )
    return run


def edgartools_python() -> str | None:
    """The edgartools venv's python: $PACTGRAPH_EDGARTOOLS_PYTHON, else the default if present."""
    env = os.environ.get("PACTGRAPH_EDGARTOOLS_PYTHON")
    if env:
        return env if Path(env).exists() else None
    return DEFAULT_EDGARTOOLS_PYTHON if Path(DEFAULT_EDGARTOOLS_PYTHON).exists() else None


def run_edgartools(
    cases: list[Case], python: str, repeat: int = 1, timeout: float = 1800
) -> ToolRun:
    run = ToolRun("edgartools")
    stdin = "".join(f"{c.path}\n" for c in cases) * repeat
    proc = subprocess.run(
        [python, str(WORKER)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    for line in proc.stdout.splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "meta" in row:
            run.note = f"edgartools {row['meta'].get('version')}"
            continue
        items = row.get("items")
        _keep(
            run,
            row["path"],
            Result(
                None if items is None else sort_items(items),
                float(row.get("seconds") or 0.0),
                row.get("error"),
                None,
                float(row.get("cpu_seconds") or 0.0),
            ),
        )
    if run.note is None and not run.results:
        tail = proc.stderr.strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
        raise RuntimeError(f"the edgartools worker failed under {python}: {tail[0]}")
    missing = [c for c in cases if str(c.path) not in run.results]
    for c in missing:  # the worker died before this file
        run.results[str(c.path)] = Result(
            None,
            0.0,
            f"worker exited ({proc.returncode}): {proc.stderr.strip().splitlines()[-1:] or ''}",
        )
    return run


# ------------------------------------------------------------------ scoring and the table


@dataclass
class Summary:
    name: str
    files: int
    errors: int
    gold_match: int
    gold_total: int
    header_match: int
    header_total: int
    seconds: float
    megabytes: float
    cpu_seconds: float = 0.0
    gold_misses: list[tuple[str, list[str], list[str] | None]] = field(default_factory=list)
    header_misses: list[tuple[str, list[str], list[str] | None]] = field(default_factory=list)

    @property
    def files_per_s(self) -> float:
        return self.files / self.seconds if self.seconds > 0 else float("inf")

    @property
    def files_per_cpu_s(self) -> float:
        return self.files / self.cpu_seconds if self.cpu_seconds > 0 else float("inf")


def summarise(name: str, run: ToolRun, cases: list[Case], *, body_only: bool = False) -> Summary:
    s = Summary(name, len(cases), 0, 0, 0, 0, 0, 0.0, 0.0)
    for case in cases:
        r = run.results.get(str(case.path)) or Result(None, 0.0, "not run")
        found = r.body_items if body_only else r.items
        s.errors += r.error is not None
        s.seconds += r.seconds
        s.cpu_seconds += r.cpu_seconds
        s.megabytes += case.size / 1e6
        if r.error is not None:
            found = None
        elif found is not None:
            found = sort_items(found)
        if case.gold is not None:
            s.gold_total += 1
            if found == case.gold:
                s.gold_match += 1
            else:
                s.gold_misses.append((case.path.name, case.gold, found))
        if case.header and case.header.numbers is not None:
            s.header_total += 1
            if found == case.header.numbers:
                s.header_match += 1
            else:
                s.header_misses.append((case.path.name, case.header.numbers, found))
    return s


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def format_table(summaries: list[Summary]) -> str:
    """The side-by-side table (first summary is the reference for the ratio column)."""
    head = [
        "tool",
        "files",
        "errors",
        "= gold items",
        "= ITEM INFORMATION",
        "files/s",
        "MB/s",
        "files/CPU-s",
        "CPU speed vs 1st row",
    ]
    rows = [head]
    base = summaries[0].files_per_cpu_s if summaries else 0
    for s in summaries:
        mbps = s.megabytes / s.seconds if s.seconds else float("inf")
        rows.append(
            [
                s.name,
                str(s.files),
                str(s.errors),
                f"{s.gold_match}/{s.gold_total}",
                f"{s.header_match}/{s.header_total}",
                f"{s.files_per_s:.1f}",
                f"{mbps:.1f}",
                f"{s.files_per_cpu_s:.1f}",
                _ratio(s.files_per_cpu_s, base),
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for n, r in enumerate(rows):
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_misses(s: Summary, limit: int = 40) -> str:
    out = []
    for label, misses in (("gold", s.gold_misses), ("ITEM INFORMATION", s.header_misses)):
        if not misses:
            continue
        out.append(f"{s.name}: {len(misses)} file(s) differ from {label} (expected -> found):")
        for name, expected, found in misses[:limit]:
            shown = "ERROR" if found is None else ",".join(found) or "(none)"
            why = ""
            if found is not None and label != "gold":
                if set(found) > set(expected):
                    why = "   [more than the header lists]"
                elif set(found) < set(expected):
                    why = "   [fewer than the header lists]"
            out.append(f"  {name}: {','.join(expected)} -> {shown}{why}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.peer_edgartools", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "filings")
    ap.add_argument("--gold", type=Path, default=SHARED / "eval" / "gold")
    ap.add_argument("--limit", type=int, default=None, help="only the first N submissions")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="read every file N times per tool; the time kept is each file's best (default 3)",
    )
    ap.add_argument("--json", type=Path, default=None, help="also write every file's result here")
    args = ap.parse_args(argv)

    table = load_item_table()
    cases = collect_cases(args.corpus, args.gold, table, args.limit)
    if not cases:
        print(f"no SGML full submissions in {args.corpus}", file=sys.stderr)
        return 1
    excluded = [c for c in cases if c.header.numbers is None]
    print(
        f"{len(cases)} SGML full submissions in {args.corpus}; "
        f"{sum(c.gold is not None for c in cases)} with gold; "
        f"{len(cases) - len(excluded)} whose ITEM INFORMATION maps completely "
        + (
            f"({len(excluded)} not comparable: "
            + ", ".join(sorted({c.header.why_not for c in excluded}))
            + ")"
            if excluded
            else ""
        )
    )

    repeat = max(1, args.repeat)
    runs = [run_pactgraph(cases, repeat)]
    summaries = [
        summarise("pactgraph", runs[0], cases),
        summarise("pactgraph (body only)", runs[0], cases, body_only=True),
    ]
    py = edgartools_python()
    if py is None:
        print(
            "edgartools column skipped: no edgartools venv found (set PACTGRAPH_EDGARTOOLS_PYTHON "
            f"to its python; default {DEFAULT_EDGARTOOLS_PYTHON})"
        )
    else:
        try:
            et = run_edgartools(cases, py, repeat)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            print(f"edgartools column skipped: {exc}")
        else:
            runs.append(et)
            summaries.append(summarise(et.note or "edgartools", et, cases))
    print()
    print(format_table(summaries))
    print()
    if len(summaries) > 2:
        p, e = summaries[0], summaries[-1]
        both = [
            c
            for c in cases
            if runs[0].results[str(c.path)].error is None
            and runs[1].results[str(c.path)].error is None
        ]
        p_both = summarise("pactgraph", runs[0], both)
        e_both = summarise("edgartools", runs[1], both)
        print(
            f"on the {len(both)} files both read without error: "
            f"pactgraph {p_both.files_per_s:.1f} files/s ({p_both.files_per_cpu_s:.1f}/CPU-s), "
            f"edgartools {e_both.files_per_s:.1f} files/s ({e_both.files_per_cpu_s:.1f}/CPU-s); "
            f"ratio {_ratio(p_both.files_per_s, e_both.files_per_s)} wall, "
            f"{_ratio(p_both.files_per_cpu_s, e_both.files_per_cpu_s)} CPU"
        )
        print(
            "pactgraph / edgartools (all files): "
            f"speed {_ratio(p.files_per_cpu_s, e.files_per_cpu_s)} CPU, "
            f"{_ratio(p.files_per_s, e.files_per_s)} wall, "
            f"gold matches {p.gold_match} vs {e.gold_match} of {p.gold_total}, "
            f"ITEM INFORMATION matches {p.header_match} vs {e.header_match} of {p.header_total}, "
            f"errors {p.errors} vs {e.errors}"
        )
    print(
        "files/s = files / summed per-file wall time; files/CPU-s = the same over the process's "
        f"CPU time (steadier when the machine is busy); each file's best of {repeat} pass(es), "
        "imports excluded. An error (a network attempt included) counts as a miss."
    )
    print(
        "'pactgraph' is Filing.item_numbers (header ITEM INFORMATION + body headings); "
        "'body only' is the same run's Filing.items (no header), like edgartools' .items."
    )
    for s in summaries:
        text = format_misses(s)
        if text:
            print()
            print(text)
    if len(runs) > 1:
        errs = [(Path(p).name, r.error) for p, r in runs[1].results.items() if r.error]
        if errs:
            print()
            print(f"edgartools errors ({len(errs)}):")
            for name, e in errs:
                print(f"  {name}: {e}")
    if args.json:
        rows = []
        for c in cases:
            row = {
                "file": c.path.name,
                "gold": c.gold,
                "header": c.header.numbers,
                "header_titles": c.header.titles,
            }
            for run in runs:
                r = run.results[str(c.path)]
                row[run.name] = {
                    "items": r.items,
                    "seconds": r.seconds,
                    "cpu_seconds": r.cpu_seconds,
                    "error": r.error,
                }
                if r.body_items is not None:
                    row[run.name]["body_items"] = r.body_items
            rows.append(row)
        args.json.write_text(json.dumps(rows, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
