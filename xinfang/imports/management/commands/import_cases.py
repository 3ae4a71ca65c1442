"""manage.py import_cases FILE: bring an export (.xlsx/.csv) of an old system in (issue 16)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xinfang.core.errors import DomainError
from xinfang.imports import services
from xinfang.imports.mapping import FIELDS, PRESETS, guess_mapping, preset_mapping
from xinfang.imports.models import ImportSource, SourceKind
from xinfang.imports.tables import TableError, read_table


class Command(BaseCommand):
    help = "导入历史信访件（或单位树）：.xlsx / .csv；先 --dry-run 预检，再正式导入（可续传、可重复执行）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="导出文件（.xlsx 或 .csv）")
        parser.add_argument("--source", default="", help="来源名称（保存列对应关系；默认取预设名称或文件名）")
        parser.add_argument("--preset", choices=sorted(PRESETS), help="列对应预设：12345、teddy、legacy")
        parser.add_argument("--sheet", default="", help="工作表名称（默认第一个）")
        parser.add_argument("--dry-run", action="store_true", help="只预检，不写入")
        parser.add_argument("--units", action="store_true", help="导入单位树（名称/上级单位/类型/代码）")
        parser.add_argument("--user", default="", help="以哪个工作人员的名义导入（用户名，须为管理员或登记员）")
        parser.add_argument("--resume", type=int, default=0, help="续传：中断的批次编号")
        parser.add_argument("--show", type=int, default=20, help="预检时列出前N行的结果")
        parser.add_argument("--defer", "--defer-places", action="store_true", dest="defer",
                            help="问题属地推定和查重索引留到导入后批量执行（manage.py import_finish 批次编号）；"
                                 "大文件（超过 XINFANG_IMPORT_DEFER_BYTES）默认如此，并在导入后自动执行")

    def handle(self, *args: Any, **opts: Any) -> None:
        actor = self._actor(opts["user"])
        try:
            if opts["units"]:
                return self._units(actor, opts)
            return self._cases(actor, opts)
        except (DomainError, TableError) as exc:
            raise CommandError(str(exc)) from exc

    def _actor(self, username: str) -> Any:
        User = get_user_model()  # noqa: N806
        if not username:
            raise CommandError("请用 --user 指定导入人（本单位的管理员或登记员）的用户名")
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"没有用户名为“{username}”的在用账号") from exc

    def _units(self, actor: Any, opts: dict[str, Any]) -> None:
        result = services.units_import(upload=opts["file"], actor=actor, sheet=opts["sheet"],
                                       dry_run=opts["dry_run"])
        verb = "将新建" if opts["dry_run"] else "新建"
        self.stdout.write(f"{verb}单位{len(result.created)}个，已存在{len(result.existing)}个，"
                          f"无法导入{len(result.errors)}行")
        for row, problem in result.errors:
            self.stdout.write(f"  第{row}行：{problem}")

    def _cases(self, actor: Any, opts: dict[str, Any]) -> None:
        from xinfang.imports.models import ImportBatch

        if opts["resume"]:
            try:
                batch = ImportBatch.objects.get(pk=opts["resume"])
            except ImportBatch.DoesNotExist as exc:
                raise CommandError(f"没有编号为{opts['resume']}的导入批次") from exc
        else:
            table = read_table(opts["file"], sheet=opts["sheet"] or None)
            mapping = (preset_mapping(opts["preset"]) if opts["preset"]
                       else guess_mapping(table.headers))
            name = opts["source"] or (PRESETS[mapping.preset]["label"] if mapping.preset
                                      else table.sheet or opts["file"].rsplit("/", 1)[-1])
            source = ImportSource.objects.filter(name=name).first()
            if source is None or opts["preset"]:
                source = services.source_save(name=name, mapping=mapping, actor=actor,
                                              kind=SourceKind.CASES)
            if table.other_sheets:
                self.stdout.write(f"读取工作表“{table.sheet}”；其他工作表：{'、'.join(table.other_sheets)}"
                                  "（用 --sheet 选择）")
            batch = services.batch_create(source=source, upload=opts["file"], actor=actor,
                                          sheet=opts["sheet"])
            columns = batch.mapping.get("columns", {})
            self.stdout.write("列对应：" + "；".join(f"{FIELDS[f][0]}←{h}" for f, h in columns.items()))
        if opts["dry_run"]:
            result = services.plan(batch, limit=opts["show"])
            if result.mapping_problems:
                raise CommandError("列对应关系有误：" + "；".join(result.mapping_problems)
                                   + f"。批次{batch.pk}已保存，请在导入页面修改列对应关系后再预检")
            for row in result.rows:
                line = f"第{row.row}行 {row.action_label}"
                if row.problems:
                    line += "：" + "；".join(row.problems)
                self.stdout.write(line)
            self.stdout.write(f"预检：共{result.total}行，将新建{result.new}件（其中{result.with_warnings}件有提示），"
                              f"已导入过{result.skipped}件，无法导入{result.errors}行。未写入任何数据。"
                              f"批次编号{batch.pk}")
            return
        import time

        from tqdm import tqdm

        from xinfang.core.conf import get

        large = batch.file.size > int(get("XINFANG_IMPORT_DEFER_BYTES"))
        defer = opts["defer"] or large
        start = time.perf_counter()
        with tqdm(total=batch.total_rows or None, unit="行", desc="导入", disable=None,
                  file=self.stderr._out) as bar:
            batch = services.run(batch, progress=bar.update, defer=defer)
        self.stdout.write(f"导入完成（批次{batch.pk}）：共{batch.total_rows}行，新建{batch.created_count}件，"
                          f"已导入过跳过{batch.skipped_count}件，无法导入{batch.error_count}行"
                          f"（{time.perf_counter() - start:.1f}秒）")
        if batch.error_sheet:
            self.stdout.write(f"无法导入的行及原因见错误清单：{batch.error_sheet.path}")
        if opts["defer"]:
            self.stdout.write(f"问题属地推定、查重索引和全文检索尚未执行：请运行 manage.py import_finish {batch.pk}")
        elif defer:  # a large file: the batch step now, reported separately
            finish_report(self.stdout, batch)


def finish_report(out: Any, batch: Any) -> None:
    """Run the batch step after a deferred import and say what it did (and how long it took)."""
    import time

    start = time.perf_counter()
    result = services.finish(batch)
    out.write(f"导入后批量处理（批次{batch.pk}）：推定问题属地{result.derived}件，未能推定{result.assumed}件"
              f"（暂按导入单位辖区），加入查重索引{result.indexed}件，建立全文检索{result.searchable}件"
              f"（{time.perf_counter() - start:.1f}秒）")
    names = {"places": "问题属地", "duplicates": "查重索引", "search": "全文检索"}
    out.write("各部分用时（墙钟/本进程CPU，秒）：" + "，".join(
        f"{names[k]} {wall:.1f}/{cpu:.1f}" for k, (wall, cpu) in result.seconds.items()))
