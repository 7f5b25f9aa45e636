"""``pactgraph extract FILE [--json]``: the facts of one filing, as tables or pactgraph.facts/v1
JSON."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from .app import app, console


@app.command()
def extract(
    file: Path = typer.Argument(..., help="An 8-K filing (SGML .txt, HTML, or text rendering)."),
    as_json: bool = typer.Option(False, "--json", help="Print pactgraph.facts/v1 JSON."),
) -> None:
    """Extract the agreements, stakes and people one filing states, each with its evidence."""
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from pactgraph.nlp.extract import facts_for_path

    facts = facts_for_path(file)
    if as_json:
        typer.echo(json.dumps(facts, indent=2, ensure_ascii=False))
        return
    filing = facts["filing"]
    reg = filing["registrant"]
    console.print(
        f"[bold]{reg.get('name')}[/]  form {filing['form']}"
        f"  date of report {filing['date_of_report']}"
        f"  items {', '.join(filing['items'])}",
        highlight=False,
    )
    if not facts["agreements"]:
        console.print("no agreements", style="dim")
    for n, a in enumerate(facts["agreements"], 1):
        ev = a["evidence"]
        table = Table(title=f"Agreement {n}", show_header=False, title_justify="left")
        table.add_column("field", style="bold", no_wrap=True)
        table.add_column("value", overflow="fold")
        table.add_row("title", a["title"])
        table.add_row("kind", a["kind"])
        table.add_row("action", a["action"])
        table.add_row("date", a["date"] or "")
        table.add_row("parties", "\n".join(a["parties"]))
        table.add_row("exhibit", a["exhibit"] or "")
        snippet = ev["text"] if len(ev["text"]) <= 300 else ev["text"][:297] + "..."
        table.add_row("evidence", f"[{ev['start']}:{ev['end']}] {snippet}")
        console.print(table, highlight=False)
    stakes = Table(title="Stakes")
    for col in ("holder", "target", "percent", "qualifier", "evidence"):
        stakes.add_column(col, overflow="fold")
    for s in facts["stakes"]:
        ev = s["evidence"]
        stakes.add_row(
            s["holder"],
            s["target"],
            f"{s['percent']:g}",
            s["qualifier"],
            f"[{ev['start']}:{ev['end']}]",
        )
    console.print(stakes)
    people = Table(title="People")
    for col in ("name", "title", "organization"):
        people.add_column(col)
    for p in facts["people"]:
        people.add_row(p["name"], p.get("title") or "", p.get("organization") or "")
    console.print(people)
