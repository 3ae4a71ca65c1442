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


def _convert(connection, table: str, columns: list[str], *, encrypting: bool,  # noqa: ANN001
             also: Callable[[dict[str, str]], dict[str, str]] | None = None) -> int:
    """Encrypt (or decrypt) `columns` of every row of `table`; values already in the wanted form are
    left alone. `also(clear values)` may add columns computed from the clear text (a blind index)."""
    quote = connection.ops.quote_name
    select = f"SELECT id, {', '.join(quote(c) for c in columns)} FROM {quote(table)} ORDER BY id"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(select)
        rows = cursor.fetchall()
    done = 0
    for start in range(0, len(rows), BATCH):
        updates: dict[tuple[str, ...], list[list]] = {}
        for pk, *values in rows[start:start + BATCH]:
            new, clear = {}, {}
            for column, value in zip(columns, values, strict=True):
                if value is None or value == "":
                    clear[column] = ""
                    continue
                value = str(value)
                plain = crypto.try_decrypt(value)  # None: not a token, i.e. clear text
                clear[column] = value if plain is None else plain
                if encrypting and plain is None:
                    new[column] = crypto.encrypt(value)
                elif not encrypting and plain is not None:
                    new[column] = plain
            if also is not None:
                new.update(also(clear))
            if new:
                updates.setdefault(tuple(new), []).append([*new.values(), pk])
        with connection.cursor() as cursor:
            for names, params in updates.items():
                sets = ", ".join(f"{quote(c)} = %s" for c in names)
                cursor.executemany(f"UPDATE {quote(table)} SET {sets} WHERE id = %s", params)  # noqa: S608
                done += len(params)
    return done


def encrypt_columns(table: str, columns: list[str], *,
                    also: Callable[[dict[str, str]], dict[str, str]] | None = None,
                    also_back: Callable[[dict[str, str]], dict[str, str]] | None = None
                    ) -> migrations.RunPython:
    """Encrypt the clear values of `columns` in `table` (forwards); decrypt them (backwards)."""

    def forwards(apps, schema_editor) -> None:  # noqa: ANN001, ARG001
        _convert(schema_editor.connection, table, columns, encrypting=True, also=also)

    def backwards(apps, schema_editor) -> None:  # noqa: ANN001, ARG001
        _convert(schema_editor.connection, table, columns, encrypting=False, also=also_back)

    return migrations.RunPython(forwards, backwards, elidable=False)
