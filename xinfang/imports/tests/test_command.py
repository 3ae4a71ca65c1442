"""manage.py import_cases: dry run, import, resume, units, and clear errors for bad input."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from xinfang.cases.models import Case
from xinfang.imports.models import ImportBatch
from xinfang.orgs.models import Role, Unit

from .files import HOTLINE_HEADERS, hotline_rows, write_csv, write_xlsx


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command("import_cases", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def clerk(county):
    return county.user(county.bureau, Role.REGISTRAR)


def test_dry_run_then_import_then_again(tmp_path, clerk):
    path = str(write_xlsx(tmp_path / "工单.xlsx", HOTLINE_HEADERS, hotline_rows("长" * 20), second_sheet=True))
    # when the file is dry-run
    out = _call(path, "--preset", "12345", "--dry-run", "--user", clerk.username)
    # then every row's outcome and the summary are printed, the other sheet is named, nothing written
    assert "其他工作表：统计" in out
    assert "第6行 无法导入：与第2行重复（原系统编号相同）" in out
    assert "预检：共8行，将新建5件" in out and "无法导入3行" in out
    assert Case.objects.count() == 0
    # when imported; then the summary and the error sheet's path are printed
    out = _call(path, "--preset", "12345", "--user", clerk.username)
    assert "新建5件" in out and "无法导入3行" in out and "错误清单" in out
    assert Case.objects.count() == 5
    # when imported again; then nothing new
    out = _call(path, "--preset", "12345", "--user", clerk.username)
    assert "新建0件，已导入过跳过5件" in out
    assert Case.objects.count() == 5


def test_an_interrupted_batch_is_resumed_by_its_number(tmp_path, clerk):
    path = str(write_csv(tmp_path / "w.csv", HOTLINE_HEADERS, [["GD9", "2021-01-02", "内容", "A县", "", "", ""]]))
    _call(path, "--dry-run", "--user", clerk.username)
    batch = ImportBatch.objects.get()
    out = _call(path, "--resume", str(batch.pk), "--user", clerk.username)
    assert f"导入完成（批次{batch.pk}）：共1行，新建1件" in out


@pytest.mark.parametrize(("args", "message"), [
    (["missing.xlsx"], "无法打开文件"),
    (["{bad}", "--sheet", "没有的表"], "CSV 文件只有一个表，不能选择工作表"),
    (["{bad}", "--resume", "999"], "没有编号为999的导入批次"),
])
def test_bad_input_is_a_clear_command_error(tmp_path, clerk, args, message):
    bad = str(write_csv(tmp_path / "w.csv", HOTLINE_HEADERS, []))
    args = [a.replace("{bad}", bad) for a in args]
    with pytest.raises(CommandError, match=message):
        _call(*args, "--user", clerk.username)


def test_the_importer_must_be_named(tmp_path, county):
    with pytest.raises(CommandError, match="--user"):
        _call("x.csv")


def test_a_handler_may_not_import(tmp_path, county):
    path = str(write_csv(tmp_path / "w.csv", HOTLINE_HEADERS, [["GD9", "2021-01-02", "内容", "", "", "", ""]]))
    with pytest.raises(CommandError, match="管理员或登记员"):
        _call(path, "--user", county.user(county.housing, Role.HANDLER).username)


def test_a_unit_tree_is_imported_once(tmp_path, clerk, county):
    # given a sheet of units whose parents come later in the sheet or already exist
    rows = [["A县城关镇人民路社区", "A县城关镇", "社区", ""],
            ["A县水利局", "A县委县政府", "职能部门", "AXSL"],
            ["A县河长办", "A县水利局", "部门", ""],
            ["无名上级的单位", "不存在的单位", "部门", ""]]
    path = str(write_xlsx(tmp_path / "units.xlsx", ["名称", "上级单位", "类型", "代码"], rows))
    before = Unit.objects.count()
    # when dry-run; then nothing is created
    out = _call(path, "--units", "--dry-run", "--user", clerk.username)
    assert "将新建单位3个" in out and Unit.objects.count() == before
    # when imported; then the tree is there with the right levels and types
    out = _call(path, "--units", "--user", clerk.username)
    assert "新建单位3个，已存在0个，无法导入1行" in out
    assert "上级单位“不存在的单位”不存在" in out
    water = Unit.objects.get(code="AXSL")
    office = Unit.objects.get(name="A县河长办")
    community = Unit.objects.get(name="A县城关镇人民路社区")
    assert (water.parent, water.level, water.unit_type) == (county.county, 3, "department")
    assert (office.parent, office.level) == (water, 3)
    assert (community.parent, community.level, community.unit_type) == (county.township, 5, "party_gov")
    # when imported again; then nothing new
    out = _call(path, "--units", "--user", clerk.username)
    assert "新建单位0个，已存在3个" in out
    assert Unit.objects.count() == before + 3
