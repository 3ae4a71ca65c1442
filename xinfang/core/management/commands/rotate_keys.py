"""Finish a key rotation: re-encrypt personal data with the first field key, rebuild blind indexes with
the current index key, and report what still depends on an old key (docs/security.md, "Rotation")."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from tqdm import tqdm

from xinfang.core import crypto


def encrypted_fields() -> list[tuple[type, list[str]]]:
    """Every concrete model with EncryptedTextField columns, and those fields' names."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, crypto.EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def indexed_models() -> list[type]:
    """Models declaring BLIND_INDEXES ({index field: encrypted source field})."""
    return [m for m in apps.get_models() if getattr(m, "BLIND_INDEXES", None)]


def _raw_rows(model: type, names: list[str], pks: list) -> list[tuple]:  # noqa: ANN001
    """(pk, token, token, ...) as stored, without decrypting."""
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(n).column) for n in names)
    marks = ", ".join(["%s"] * len(pks))
    sql = (f"SELECT {quote(meta.pk.column)}, {columns} FROM {quote(meta.db_table)} "  # noqa: S608
           f"WHERE {quote(meta.pk.column)} IN ({marks})")
    with connection.cursor() as cursor:
        cursor.execute(sql, pks)
        return cursor.fetchall()


def _write_tokens(model: type, pk: object, tokens: dict[str, str]) -> None:
    """Store re-encrypted tokens as they are (no field conversion: a JSON field's token is not JSON)."""
    meta, quote = model._meta, connection.ops.quote_name
    sets = ", ".join(f"{quote(meta.get_field(n).column)} = %s" for n in tokens)
    sql = f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*tokens.values(), pk])


def _batches(model: type, size: int):  # noqa: ANN202
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    for i in range(0, len(pks), size):
        yield pks[i:i + size]


def reencrypt_model(model: type, names: list[str], *, size: int, check: bool) -> int:
    """Values of `model` not under the first field key; re-encrypted unless `check` (row-locked)."""
    stale = 0
    total = model._default_manager.count()
    with tqdm(total=total, desc=f"重新加密 {model._meta.label}", unit="行", disable=total == 0) as bar:
        for pks in _batches(model, size):
            with transaction.atomic():
                list(model._default_manager.select_for_update().filter(pk__in=pks).values_list("pk"))
                for pk, *tokens in _raw_rows(model, names, pks):
                    old = [n for n, t in zip(names, tokens, strict=True)
                           if t and not crypto.encrypted_with_current_key(t)]
                    stale += bool(old)
                    if old and not check:
                        _write_tokens(model, pk, {n: crypto.reencrypt(t)
                                                  for n, t in zip(names, tokens, strict=True) if n in old})
            bar.update(len(pks))
    return stale


def reindex_model(model: type, *, size: int, check: bool) -> int:
    """Rows of `model` whose blind indexes are not under the current index key; rebuilt unless `check`."""
    stale = 0
    total = model._default_manager.count()
    with tqdm(total=total, desc=f"重建索引 {model._meta.label}", unit="行", disable=total == 0) as bar:
        for pks in _batches(model, size):
            with transaction.atomic():
                for obj in model._default_manager.select_for_update().filter(pk__in=pks):
                    if hasattr(obj, "blind_index_values"):  # its own normalisation (names)
                        fresh = obj.blind_index_values()
                    else:
                        fresh = {index: crypto.blind_index(getattr(obj, source)) if getattr(obj, source)
                                 else "" for index, source in model.BLIND_INDEXES.items()}
                    if any(getattr(obj, k) != v for k, v in fresh.items()):
                        stale += 1
                        if not check:
                            model._default_manager.filter(pk=obj.pk).update(**fresh)
            bar.update(len(pks))
    return stale


class Command(BaseCommand):
    help = ("密钥轮换：用第一个字段密钥重新加密全部个人信息，用当前检索密钥重建检索索引，并报告仍依赖旧密钥的数据。"
            "--check 只检查不修改。步骤见 docs/security.md。")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--check", action="store_true",
                            help="只报告仍使用旧密钥的数据，不修改（退役旧密钥之前运行）")
        parser.add_argument("--batch-size", type=int, default=500, help="每批行数（默认 500）")

    def handle(self, *args, check: bool, batch_size: int, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        if batch_size < 1:
            raise CommandError("--batch-size 须为正整数")
        verb = "仍使用旧密钥" if check else "已更新"
        left = 0
        for model, names in encrypted_fields():
            n = reencrypt_model(model, names, size=batch_size, check=check)
            left += n if check else 0
            self.stdout.write(f"{model._meta.verbose_name}（{', '.join(names)}）：{verb} {n} 行")
        for model in indexed_models():
            n = reindex_model(model, size=batch_size, check=check)
            left += n if check else 0
            self.stdout.write(f"{model._meta.verbose_name} 检索索引：{verb} {n} 行")
        pending = self._portal_pending()
        if pending:
            self.stdout.write(self.style.WARNING(
                f"网上信访查询码：{pending} 件仍以旧检索密钥保存（查询码本身不保存，无法离线重算；"
                "信访人下次查询时自动改用新密钥）。在这些信访件办结前，请把旧密钥保留在 XINFANG_INDEX_KEYS_OLD 中。"))
        if check:
            if left:
                raise CommandError(f"仍有 {left} 行使用旧密钥：请先运行 manage.py rotate_keys（不带 --check）")
            self.stdout.write(self.style.SUCCESS(
                "个人信息与检索索引均已使用当前密钥：可以从 XINFANG_FIELD_KEYS 中删除旧的字段密钥"
                + ("。" if not pending else "；旧检索密钥仍需保留（见上）。")))
        else:
            self.stdout.write(self.style.SUCCESS("密钥轮换完成。用 --check 确认后再退役旧密钥。"))

    @staticmethod
    def _portal_pending() -> int:
        if not apps.is_installed("xinfang.portal"):
            return 0
        from xinfang.portal.models import Submission

        return Submission.objects.exclude(key_id=crypto.key_id(crypto.index_key())).count()
