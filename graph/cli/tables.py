"""Query results on the terminal: a table when it fits the width, else one block per row.

A table of eight columns cut to 80 characters folds every value into a narrow column and
becomes unreadable, so when the table's natural width exceeds the console's, each row is printed
as a block of ``column  value`` lines instead (like psql's expanded display). Values are the
terms' lexical forms; IRIs are printed whole so they can be copied into the next query.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

# the narrowest a long column may get (folded) before the table is printed as blocks instead
READABLE = 20
MIN_COLUMN = 4


def show_term(term) -> str:
    """A term's lexical form ("" when unbound); decimals without trailing zeros."""
    if term is None:
        return ""
    value = term.toPython() if hasattr(term, "toPython") else term
    if isinstance(value, float):
        return f"{value:g}"
    return str(term)


def _table(columns: list[str], rows: list[dict], title: str | None) -> Table:
    table = Table(title=title, title_justify="left")
    for c in columns:
        table.add_column(c, overflow="fold", min_width=MIN_COLUMN)
    for row in rows:
        table.add_row(*(Text(show_term(row.get(c))) for c in columns))
    return table


def _blocks(columns: list[str], rows: list[dict], title: str | None) -> Group:
    parts: list = [Text(title, style="bold")] if title else []
    for i, row in enumerate(rows, 1):
        parts.append(Rule(f"{i}", align="left", style="dim"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for c in columns:
            if row.get(c) is not None:
                grid.add_row(c, Text(show_term(row[c])))
        parts.append(grid)
    return Group(*parts)


def fits(width: int, columns: list[str], rows: list[dict]) -> bool:
    """Whether a table is readable in ``width`` characters: each column gets its natural width,
    or at least :data:`READABLE` characters for the long ones (folded over a few lines)."""
    need = 3 * len(columns) + 1  # borders and padding
    for c in columns:
        natural = max([len(c)] + [len(show_term(row.get(c))) for row in rows])
        need += min(natural, READABLE)
    return need <= width


def print_rows(
    console: Console, columns: list[str], rows: list[dict], title: str | None = None
) -> None:
    """``rows`` (dicts from column to term) as a table, or as blocks when it would not fit."""
    if not rows:
        pass
    elif fits(console.width, columns, rows):
        console.print(_table(columns, rows, title))
    else:
        console.print(_blocks(columns, rows, title), soft_wrap=False)
    console.print(f"{len(rows)} result{'s' * (len(rows) != 1)}", highlight=False)
