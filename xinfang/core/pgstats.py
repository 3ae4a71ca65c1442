"""What PostgreSQL's planner must be told about the rows per unit and per case (migrations cases 0022
and deadlines 0007, issue 17): statistics targets and declared distinct counts, with the ANALYZE of
those columns. One function for both apps' migrations; they import it when they run, so what it
does must stay what they were written against."""

from __future__ import annotations


def declare_statistics(schema_editor, targets: tuple, per_case: tuple, *, undo: bool = False) -> None:  # noqa: ANN001
    """Set (or `undo`) the statistics target 1,000 on the columns `targets` [(table, column)] and
    the declared distinct counts `per_case` [(table, column, n_distinct)] (negative: a fraction of
    the rows), then ANALYZE those columns. PostgreSQL only: SQLite plans without them."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, column in targets:
            cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS {-1 if undo else 1000}")
        for table, column, n_distinct in per_case:
            cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} RESET (n_distinct)" if undo
                           else f"ALTER TABLE {table} ALTER COLUMN {column} SET (n_distinct = {float(n_distinct)})")
        analysed = [*targets, *((t, c) for t, c, _ in per_case)]
        for table in dict.fromkeys(t for t, _ in analysed):
            cursor.execute(f"ANALYZE {table} ({', '.join(c for t, c in analysed if t == table)})")
