"""Data migrations that move personal-data columns from clear text to encrypted tokens and back.

Used by the migrations that turned names, addresses and the other personal fields into
`EncryptedTextField`s (docs/security.md). They read and write the columns with plain SQL, not through
the models, because a model would try to decrypt the clear text still stored. Rows already holding a
token are skipped, so a migration interrupted half-way can simply run again. Reversible: going back
decrypts every token into clear text (it needs the same field keys).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import migrations

from xinfang.core import crypto

BATCH = 1000


def _convert(connection, table: str, columns: list[str], change: Callable[[str], str | None],  # noqa: ANN001
             also: Callable[[dict[str, str]], dict[str, str]] | None = None) -> int:
    """Rewrite `columns` of every row of `table` with `change(value)` (None: leave the value).
    `also(clear values)` may add columns computed from the clear text (a blind index)."""
    quote = connection.ops.quote_name
    select = f"SELECT id, {', '.join(quote(c) for c in columns)} FROM {quote(table)} ORDER BY id"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(select)
        rows = cursor.fetchall()
    done = 0
    for start in range(0, len(rows), BATCH):
        updates = []
        for pk, *values in rows[start:start + BATCH]:
            new, clear = {}, {}
            for column, value in zip(columns, values, strict=True):
                if value is None or value == "":
                    clear[column] = value or ""
                    continue
                value = str(value)
                changed = change(value)
                if changed is not None:
                    new[column] = changed
                clear[column] = value if not crypto.is_token(value) else crypto.decrypt(value)
            if also is not None:
                new.update(also(clear))
            if new:
                updates.append((new, pk))
        with connection.cursor() as cursor:
            for new, pk in updates:
                sets = ", ".join(f"{quote(c)} = %s" for c in new)
                cursor.execute(f"UPDATE {quote(table)} SET {sets} WHERE id = %s",  # noqa: S608
                               [*new.values(), pk])
        done += len(updates)
    return done


def _encrypt(value: str) -> str | None:
    return None if crypto.is_token(value) else crypto.encrypt(value)


def _decrypt(value: str) -> str | None:
    return crypto.decrypt(value) if crypto.is_token(value) else None


def encrypt_columns(table: str, columns: list[str], *,
                    also: Callable[[dict[str, str]], dict[str, str]] | None = None,
                    also_back: Callable[[dict[str, str]], dict[str, str]] | None = None
                    ) -> migrations.RunPython:
    """Encrypt the clear values of `columns` in `table` (forwards); decrypt them (backwards)."""

    def forwards(apps, schema_editor) -> None:  # noqa: ANN001, ARG001
        _convert(schema_editor.connection, table, columns, _encrypt, also)

    def backwards(apps, schema_editor) -> None:  # noqa: ANN001, ARG001
        _convert(schema_editor.connection, table, columns, _decrypt, also_back)

    return migrations.RunPython(forwards, backwards, elidable=False)
