"""The dry run, the import (historical mode), idempotence, resuming, the error sheet."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import threading
from pathlib import Path

import pytest
from django.db import connection
from openpyxl import load_workbook

from xinfang.cases import history
from xinfang.cases.chain import timeline_breaks
from xinfang.cases.models import Case, CaseEvent, Petitioner
from xinfang.cases.selectors import case_search
from xinfang.cases.states import Status
from xinfang.core.errors import InvalidParams, PermissionDenied
from xinfang.core.models import Job
from xinfang.deadlines.models import Deadline
from xinfang.deadlines.services import deadline_scan
from xinfang.imports import services, staff
from xinfang.imports.mapping import Mapping, guess_mapping, preset_mapping
from xinfang.imports.models import ImportBatch
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role

from .files import (
    HOTLINE_HEADERS,
    LEGACY_HEADERS,
    TEDDY_HEADERS,
    hotline_rows,
    write_csv,
    write_xlsx,
)

LONG = "长" * 12000
TEDDY = Path("/work/shared/data/teddy2020/messages_with_replies.csv")


@pytest.fixture
def clerk(county):
    return county.user(county.bureau, Role.REGISTRAR)


@pytest.fixture
def hotline(tmp_path, clerk):
    path = write_xlsx(tmp_path / "工单.xlsx", HOTLINE_HEADERS, hotline_rows(LONG), title="2021年工单导出",
                      second_sheet=True)
    source = services.source_save(name="12345热线", mapping=guess_mapping(HOTLINE_HEADERS), actor=clerk)
    return services.batch_create(source=source, upload=path, actor=clerk)


def test_the_dry_run_reports_every_row_and_writes_no_case(hotline):
    # when the 12345 export is planned
    result = services.plan(hotline)
    # then each row says what will happen, with its problems in Chinese, and nothing is written
    assert (result.total, result.new, result.skipped, result.errors) == (8, 5, 0, 3)
    by_row = {r.row: r for r in result.rows}
    assert by_row[7].action == "error" and by_row[7].problems == ["与第3行重复（原系统编号相同）"]
    assert by_row[8].action == "error" and "信访日期“去年春天”无法识别" in by_row[8].problems[0]
    assert by_row[9].problems == ["诉求内容为空"]
    assert any("未注明问题属地" in p for p in by_row[5].problems)
    assert any("问题属地“火星区”未在单位树中" in p for p in by_row[6].problems)
    assert any("诉求超过10000字，已截断（原文12000字）" == p for p in by_row[10].problems)
    assert result.other_sheets == ["统计"]
    assert Case.objects.count() == 0


def test_the_import_keeps_the_real_dates_replies_and_closing_as_events(hotline):
    # when the export is imported
    batch = services.run(hotline)
    # then the importable rows are cases, the others are counted as errors
    assert (batch.created_count, batch.skipped_count, batch.error_count) == (5, 0, 3)
    case = Case.objects.get(external_id="GD2021000001")
    assert (case.status, case.received_on, case.import_source) == (Status.CLOSED, dt.date(2021, 3, 5),
                                                                    "12345热线")
    assert case.outcome == "support"  # the reply says 予以支持 in so many words
    assert case.handling_unit.name == "A县住房和城乡建设局"
    events = list(case.events.order_by("pk"))
    assert [e.type for e in events] == ["imports.received", "imports.replied", "imports.closed"]
    assert [e.at.astimezone(dt.timezone(dt.timedelta(hours=8))).replace(tzinfo=None) for e in events] == [
        dt.datetime(2021, 3, 5, 9, 30), dt.datetime(2021, 3, 12, 16, 0), dt.datetime(2021, 3, 12, 16, 0)]
    assert events[1].note == "已安排疏通，经核实予以支持"
    # and the timeline's hash chain holds, as for any case
    assert list(timeline_breaks(CaseEvent.objects.order_by("case_id", "pk"))) == []


def test_the_imported_cases_are_in_the_shared_duplicate_index(hotline):
    from xinfang.triage.models import DupIndexed, DupPosting

    services.run(hotline)
    # each committed chunk's cases are indexed with their own dates (triage/dupindex.py)
    cases = dict(Case.objects.values_list("pk", "received_on"))
    indexed = dict(DupIndexed.objects.values_list("case_id", "received_on"))
    assert indexed == cases and len(cases) == 5
    assert set(DupPosting.objects.values_list("case_id", flat=True)) == set(cases)


def test_historical_mode_starts_no_clock_for_closed_matters_and_notifies_nobody(hotline):
    jobs, messages = Job.objects.count(), Notification.objects.count()
    services.run(hotline)
    # then closed matters have no clock, nobody is notified, no triage job is queued
    closed = Case.objects.filter(status=Status.CLOSED)
    assert closed.count() == 4
    assert not Deadline.objects.filter(case__in=closed).exists()
    assert (Job.objects.count(), Notification.objects.count()) == (jobs, messages)
    # and the nightly scan raises no overdue mark on them
    deadline_scan()
    assert not CaseEvent.objects.filter(case__in=closed, type="deadlines.overdue").exists()


def test_an_open_matter_gets_its_clock_from_its_real_date(hotline):
    services.run(hotline)
    # the work order of 2021-05-20 without a reply is still open at the bureau
    case = Case.objects.get(external_id="GD2021000003")
    clock = Deadline.objects.get(case=case)
    assert (case.status, clock.kind, clock.started_on) == (Status.REGISTERED, "intake", dt.date(2021, 5, 20))
    assert case.next_due == clock.due_on == dt.date(2021, 6, 4)  # 15 days from its real date (Art. 22)
    assert case.problem_unit == case.registered_unit.parent  # no district: the bureau's own area


def test_reimporting_the_same_file_creates_nothing_new(hotline, clerk):
    services.run(hotline)
    before = (Case.objects.count(), CaseEvent.objects.count(), Petitioner.objects.count())
    # when the same file is uploaded and imported again
    again = services.batch_create(source=hotline.source, upload=hotline.file.path, actor=clerk,
                                  file_name="工单.xlsx")
    again = services.run(again)
    # then every importable row is skipped as already imported
    assert (again.created_count, again.skipped_count, again.error_count) == (0, 5, 3)
    assert (Case.objects.count(), CaseEvent.objects.count(), Petitioner.objects.count()) == before
    assert services.plan(again).skipped == 5


@pytest.mark.parametrize("pipelined", [True, False], ids=["pipelined", "one-after-the-other"])
def test_a_killed_import_resumes_after_its_last_committed_chunk(hotline, settings, monkeypatch,
                                                                pipelined):
    # given chunks of two rows and a crash while writing the third chunk (the reading thread has
    # converted the fourth by then, when pipelined)
    settings.XINFANG_IMPORT_CHUNK_ROWS = 2
    settings.XINFANG_IMPORT_PIPELINE = pipelined
    real = history.history_write
    calls = itertools.count(1)

    def crash_on_third(items, *, actor, **options):
        if next(calls) == 3:
            raise KeyboardInterrupt("killed")
        return real(items, actor=actor, **options)

    monkeypatch.setattr(services, "history_write", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        services.run(hotline)
    hotline.refresh_from_db()
    # then the first two chunks are committed and recorded as such
    assert (hotline.state, hotline.last_row, Case.objects.count()) == ("running", 6, 4)
    # when the import is run again
    monkeypatch.setattr(services, "history_write", real)
    reported = []
    batch = services.run(ImportBatch.objects.get(pk=hotline.pk), progress=reported.append)
    # then it continues where it stopped: the same result as an uninterrupted import
    assert (batch.state, batch.created_count, batch.error_count, Case.objects.count()) == ("done", 5, 3, 5)
    assert sum(reported) == 8
    assert batch.row_errors.get(row=7).problems == ["与第3行重复（原系统编号相同）"]
    # and nothing was written twice: one case per imported row, each timeline's chain intact
    assert sorted(Case.objects.values_list("external_id", flat=True)) == [
        "GD2021000001", "GD2021000002", "GD2021000003", "GD2021000004", "GD2021000008"]
    assert batch.row_errors.count() == 3
    assert list(timeline_breaks(CaseEvent.objects.order_by("case_id", "pk"))) == []
    assert not [t for t in threading.enumerate() if t.name == "imports-convert"]


def test_the_pipelined_import_converts_in_a_thread_ahead_of_the_writing(hotline, settings,
                                                                         monkeypatch):
    # given chunks of two rows, the reading thread on, and a log of what happens in which thread
    settings.XINFANG_IMPORT_CHUNK_ROWS = 2
    log = []
    convert, write = services.Converter.convert, history.history_write

    def logged_convert(self, row):
        log.append(("convert", row.number, threading.current_thread().name))
        return convert(self, row)

    def logged_write(items, *, actor, **options):
        log.append(("write", items[0].case.external_id if items else "",
                    threading.current_thread().name))
        return write(items, actor=actor, **options)

    monkeypatch.setattr(services.Converter, "convert", logged_convert)
    monkeypatch.setattr(services, "history_write", logged_write)
    batch = services.run(hotline)
    # then the rows are converted in the reading thread and written in the caller's
    assert {t for what, _, t in log if what == "convert"} == {"imports-convert"}
    assert {t for what, _, t in log if what == "write"} == {threading.current_thread().name}
    # and the same result as one after the other
    assert (batch.state, batch.created_count, batch.error_count, batch.total_rows) == ("done", 5, 3, 8)


def test_an_error_while_reading_ahead_stops_the_import_after_the_committed_chunks(
        hotline, settings, monkeypatch):
    # given chunks of two rows and a reading thread that fails on the file's sixth row (a damaged
    # file, found while the first chunks are being written)
    settings.XINFANG_IMPORT_CHUNK_ROWS = 2
    convert = services.Converter.convert

    def failing(self, row):
        if row.number == 8:  # the sixth data row (title line, header)
            raise ValueError("damaged")
        return convert(self, row)

    monkeypatch.setattr(services.Converter, "convert", failing)
    # then the error reaches the caller
    with pytest.raises(ValueError, match="damaged"):
        services.run(hotline)
    hotline.refresh_from_db()
    # and the chunks before the damaged one are committed, no half chunk, the thread is gone
    assert (hotline.state, hotline.last_row) == ("running", 6)
    assert Case.objects.count() == 4
    assert not [t for t in threading.enumerate() if t.name == "imports-convert"]
    # when the file is read again without the failure, the import ends as an uninterrupted one
    monkeypatch.setattr(services.Converter, "convert", convert)
    batch = services.run(ImportBatch.objects.get(pk=hotline.pk))
    assert (batch.state, batch.created_count, batch.error_count, Case.objects.count()) == ("done", 5, 3, 5)


def test_the_pipelined_and_the_sequential_import_write_the_same(tmp_path, county, other_county,
                                                                  settings):
    # given one export imported by the city bureau under two sources, with and without the thread
    # (inline district derivation: the reading thread derives from the units loaded beforehand)
    clerk = _city_clerk(county, other_county)
    path = write_csv(tmp_path / "places.csv", HOTLINE_HEADERS, PLACE_ROWS)
    settings.XINFANG_IMPORT_CHUNK_ROWS = 3
    results = {}
    for pipelined in (True, False):
        settings.XINFANG_IMPORT_PIPELINE = pipelined
        name = f"pipelined {pipelined}"
        services.run(services.batch_create(
            source=services.source_save(name=name, mapping=guess_mapping(HOTLINE_HEADERS), actor=clerk),
            upload=path, actor=clerk))
        results[pipelined] = {
            c.external_id: (c.problem_unit_id, c.status, c.title,
                            [(e.type, e.at, e.new_value, {k: v for k, v in e.data.items() if k not in ("batch", "deadline", "source")})
                             for e in c.events.order_by("pk")])
            for c in Case.objects.filter(import_source=name)}
    # then the cases, their districts and their timelines are the same (but for the ids)
    assert results[True] == results[False]
    assert len(results[True]) == len(PLACE_ROWS)


def test_the_error_sheet_holds_each_rejected_row_and_its_problems(hotline):
    batch = services.run(hotline)
    sheet = load_workbook(batch.error_sheet.path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("源文件行号", "问题", *HOTLINE_HEADERS)
    assert [(r[0], r[2]) for r in rows[1:]] == [(7, "GD2021000001"), (8, "GD2021000006"), (9, "GD2021000007")]
    assert rows[2][1].startswith("信访日期“去年春天”无法识别") and rows[2][3] == "去年春天"


def test_an_imported_case_is_found_by_its_id_in_the_old_system(hotline, clerk):
    services.run(hotline)
    assert [c.external_id for c in case_search(clerk, "GD2021000004")] == ["GD2021000004"]


def test_legacy_rows_keep_their_petitioners_and_a_report_is_no_accusation(tmp_path, clerk, county):
    # given the old system's export: the same person twice, an anonymous row, a 举报, an open matter
    rows = [
        ["XF2020-01", "李四", "110105194912310021", "13900000001", "2020-05-06", "A县城关镇",
         "请求解决拖欠工资", "某公司拖欠工资三个月", "来访", "求决", "已办结", "2020-06-30", "经调查予以支持"],
        ["XF2020-02", "李四", "110105194912310021", "13900000001", "2020-07-01", "A县",
         "再次反映工资问题", "", "来信", "举报", "办理中", "", ""],
        ["XF2020-03", "", "", "", "2020-08-01", "A县", "举报某餐馆油烟扰民", "", "电话", "举报", "已办结",
         "", "已转交执法部门"],
    ]
    path = write_xlsx(tmp_path / "legacy.xlsx", LEGACY_HEADERS, rows)
    source = services.source_save(name="原信访信息系统", mapping=preset_mapping("legacy"), actor=clerk)
    batch = services.run(services.batch_create(source=source, upload=path, actor=clerk))
    assert batch.created_count == 3
    first, second, third = (Case.objects.get(external_id=f"XF2020-0{i}") for i in (1, 2, 3))
    # then one petitioner record holds both of 李四's cases, encrypted and indexed as usual
    assert first.parties.get().petitioner == second.parties.get().petitioner
    assert Petitioner.objects.get().name == "李四"
    assert [c.number for c in case_search(clerk, "110105194912310021").order_by("pk")] == [
        first.number, second.number]
    # an anonymous call has no petitioner; a 举报 stays 其他 with its label on the record
    assert not third.parties.exists()
    assert (third.purpose, third.accused_unit) == ("other", None)
    assert third.events.get(type="imports.received").data["label"] == "举报"
    # closed without a date in the export: closed, the date said to be unknown
    assert third.status == Status.CLOSED
    assert third.events.get(type="imports.closed").data["date_unknown"] is True
    # a matter in handling gets the 60-day clock from its real date; one content column → 事实和理由 says so
    assert (second.status, second.deadlines.get().kind) == (Status.ACCEPTED, "handling")
    assert second.facts_reasons == services.NOT_GIVEN_SEPARATELY
    assert (first.channel, second.channel, third.channel) == ("visit", "letter", "phone")
    assert first.problem_unit == county.township


def test_a_mapping_without_the_required_columns_is_kept_to_be_fixed(tmp_path, clerk):
    # given an export whose headers name neither the date nor the request (nothing can be guessed)
    path = write_csv(tmp_path / "x.csv", ["编号", "办理日", "事由"], [["1", "2021-03-01", "路灯不亮"]])
    source = services.source_save(name="某平台", mapping={}, actor=clerk)
    # when it is uploaded; then the batch is kept, the dry run says what is missing in Chinese and
    # reads no row, and the import is refused
    batch = services.batch_create(source=source, upload=path, actor=clerk)
    result = services.plan(batch)
    assert result.mapping_problems == ["“信访日期”没有对应的列", "“诉求”没有对应的列"]
    assert (result.total, batch.state) == (0, ImportBatch.State.UPLOADED)
    with pytest.raises(InvalidParams, match="列对应关系有误：“信访日期”没有对应的列"):
        services.run(batch)
    # when the mapping is fixed on the batch (the page's mapping form)
    staff.batch_remap(batch=batch, mapping=Mapping.from_dict(
        {"columns": {"received": "办理日", "request": "事由", "external_id": "编号"}}),
        actor=clerk, keep=False)
    # then the dry run reads the row and the import creates the case
    assert (services.plan(batch).new, services.run(batch).created_count) == (1, 1)


def test_a_mapping_naming_a_column_not_in_the_file_is_refused(tmp_path, clerk):
    path = write_csv(tmp_path / "x.csv", ["编号", "内容"], [["1", "无"]])
    source = services.source_save(name="某平台", mapping={}, actor=clerk)
    with pytest.raises(InvalidParams, match="“信访日期”对应的列“来电时间”不在文件中"):
        services.batch_create(source=source, upload=path, actor=clerk,
                              mapping={"columns": {"received": "来电时间", "request": "内容"}})


def test_a_file_over_the_limit_is_refused(tmp_path, clerk, settings):
    settings.XINFANG_IMPORT_MAX_BYTES = 10
    path = write_csv(tmp_path / "x.csv", HOTLINE_HEADERS, [["1", "2021-01-01", "内容", "", "", "", ""]])
    source = services.source_save(name="某平台", mapping=guess_mapping(HOTLINE_HEADERS), actor=clerk)
    with pytest.raises(InvalidParams, match="超过"):
        services.batch_create(source=source, upload=path, actor=clerk)


def test_only_an_administrator_or_registrar_imports(county):
    handler = county.user(county.housing, Role.HANDLER)
    with pytest.raises(PermissionDenied):
        services.source_save(name="x", mapping={}, actor=handler)


@pytest.mark.skipif(not TEDDY.exists(), reason="the shared Teddy-Cup data is not on this machine")
def test_real_teddy_cup_messages_with_replies_are_imported(tmp_path, clerk):
    # given the first 300 real messages with their official replies, as exported
    with TEDDY.open(encoding="utf-8") as fh:
        rows = list(itertools.islice(csv.reader(fh), 301))
    path = write_csv(tmp_path / "teddy.csv", rows[0], rows[1:])
    source = services.source_save(name="问政平台", mapping=guess_mapping(rows[0]), actor=clerk)
    batch = services.batch_create(source=source, upload=path, actor=clerk)
    planned = services.plan(batch)
    batch = services.run(batch)
    # then what the dry run announced is what the import did, and every row is accounted for
    assert (batch.created_count, batch.error_count) == (planned.new, planned.errors)
    assert batch.created_count + batch.error_count == 300
    assert batch.created_count >= 290
    replied = Case.objects.filter(status=Status.CLOSED).count()
    assert replied == CaseEvent.objects.filter(type="imports.replied").count() > 0
    assert not Petitioner.objects.exists()  # 留言用户 is an account id, kept in the event, not a name
    assert CaseEvent.objects.filter(type="imports.received", data__user_ref__startswith="A").exists()
    assert TEDDY_HEADERS == rows[0]


def test_a_missing_district_is_derived_from_the_text_with_its_evidence(tmp_path, clerk, county):
    # given a work order without district whose text names a community, and one naming nothing
    rows = [["GD1", "2021-03-01", "东街社区路灯不亮", "", "", "", ""],
            ["GD2", "2021-03-02", "路灯不亮", "", "", "", ""]]
    path = write_csv(tmp_path / "w.csv", HOTLINE_HEADERS, rows)
    source = services.source_save(name="12345热线", mapping=guess_mapping(HOTLINE_HEADERS), actor=clerk)
    batch = services.batch_create(source=source, upload=path, actor=clerk)
    notes = {r.row: r.problems for r in services.plan(batch).rows}
    services.run(batch)
    # then the first is placed in the district the text names, the evidence kept on its record
    derived = Case.objects.get(external_id="GD1")
    assert derived.problem_unit == county.county
    assert derived.events.get(type="imports.received").data["place_derived"] == "东街社区"
    assert f"未注明问题属地，推定为{county.county.name}（依据：东街社区）" in notes[2]
    # and the second, with nothing to go on, is filed under the bureau's own area and says so
    assumed = Case.objects.get(external_id="GD2")
    assert assumed.events.get(type="imports.received").data["place_assumed"] is True
    assert any(n.startswith("未注明问题属地，文中未提到") for n in notes[3])


def test_with_derivation_off_a_missing_district_is_the_importing_units_area(tmp_path, clerk, county,
                                                                             settings):
    settings.XINFANG_IMPORT_DERIVE_PLACE = False
    path = write_csv(tmp_path / "w.csv", HOTLINE_HEADERS, [["GD1", "2021-03-01", "东街社区路灯不亮", "", "", "", ""]])
    source = services.source_save(name="12345热线", mapping=guess_mapping(HOTLINE_HEADERS), actor=clerk)
    services.run(services.batch_create(source=source, upload=path, actor=clerk))
    received = Case.objects.get(external_id="GD1").events.get(type="imports.received")
    assert received.data == {"source": "12345热线", "external_id": "GD1", "batch": received.data["batch"],
                             "row": 2, "channel": "platform", "place_assumed": True}


def _city_clerk(county, other_county):  # noqa: ANN001, ANN202
    """A registrar of the city's petition bureau: the import's area is the whole city (A县, B县)."""
    from xinfang.orgs.models import Level, UnitType
    from xinfang.orgs.services import staff_create, unit_create

    bureau = unit_create(name="某市信访局", code="CXF", level=Level.CITY,
                         unit_type=UnitType.PETITION_BUREAU, parent=county.city)
    return staff_create(username="cxf_registrar", unit=bureau, roles=[Role.REGISTRAR],
                        display_name="市信访局登记员")


# rows with a district teach where the estates and roads lie; rows without one are derived from a
# place named in the text, an estate taught by an earlier row, the handling unit, or nothing
PLACE_ROWS = [
    ["P01", "2021-03-01", "阳光小区门口路灯坏了半个月", "A县", "", "", ""],
    ["P02", "2021-03-02", "幸福里小区电梯经常停运", "B县", "", "", ""],
    ["P03", "2021-03-03", "阳光小区门口垃圾无人清运", "", "", "", ""],
    ["P04", "2021-03-04", "幸福里小区地下车库漏水", "", "", "", ""],
    ["P05", "2021-03-05", "A县城关镇东街社区路面塌陷", "", "", "", ""],
    ["P06", "2021-03-06", "楼上住户深夜弹钢琴", "", "B县住房和城乡建设局", "", ""],
    ["P07", "2021-03-07", "楼上住户深夜弹钢琴", "", "", "", ""],
    ["P08", "2021-03-08", "红星路井盖缺失", "B县", "", "", ""],
    ["P09", "2021-03-09", "红星路路灯不亮", "火星区", "", "", ""],
    ["P10", "2021-03-10", "我户口在A县，房子在B县，两边都说不归自己管", "", "", "", ""],
]


def _placement(case: Case) -> tuple[int, str]:
    """The case's district and its evidence (the inline import's received event, or the batch
    step's placed event)."""
    placed = case.events.filter(type="imports.placed").first()
    data = placed.data if placed else case.events.get(type="imports.received").data
    return case.problem_unit_id, data.get("place_derived", "")


def test_the_deferred_place_step_gives_the_same_districts_as_the_import(tmp_path, county,
                                                                        other_county):
    # given one export imported twice under two sources by the city bureau: inline, and deferred
    clerk = _city_clerk(county, other_county)
    path = write_csv(tmp_path / "places.csv", HOTLINE_HEADERS, PLACE_ROWS)
    inline = services.run(services.batch_create(
        source=services.source_save(name="inline", mapping=guess_mapping(HOTLINE_HEADERS), actor=clerk),
        upload=path, actor=clerk))
    deferred = services.run(services.batch_create(
        source=services.source_save(name="deferred", mapping=guess_mapping(HOTLINE_HEADERS), actor=clerk),
        upload=path, actor=clerk), defer=True)
    # then before the batch step the deferred rows wait on the city's own area, marked
    waiting = Case.objects.get(import_source="deferred", external_id="P03")
    assert waiting.problem_unit == county.city
    assert waiting.events.get(type="imports.received").data["place_pending"] is True
    # when the batch step runs (twice: the second run places nothing again)
    result = services.finish(deferred)
    again = services.finish(deferred)
    # then every case has the district and evidence the inline import gave it
    got = {c.external_id: _placement(c) for c in Case.objects.filter(import_source="deferred")}
    want = {c.external_id: _placement(c) for c in Case.objects.filter(import_source="inline")}
    assert got == want and len(got) == len(PLACE_ROWS)
    # which is what the rows say: the taught estate, the named community, the handling unit
    assert want["P03"][0] == county.county.pk and "阳光小区" in want["P03"][1]
    assert want["P04"][0] == other_county.county.pk and "幸福里小区" in want["P04"][1]
    assert want["P05"][0] == county.county.pk and "城关镇" in want["P05"][1]
    assert want["P06"] == (other_county.county.pk, "由办理单位推定")
    assert want["P07"][0] == want["P10"][0] == county.city.pk  # nothing to go on; two districts
    assert want["P09"][0] == other_county.county.pk and "红星路" in want["P09"][1]
    assert (result.derived, result.assumed, result.taught) == (5, 2, 3)
    assert (again.derived, again.assumed) == (0, 0)
    # and the cases are in the duplicate index, the timelines' chains hold
    from xinfang.triage.models import DupIndexed
    assert DupIndexed.objects.filter(case__import_source="deferred").count() == len(PLACE_ROWS)
    assert list(timeline_breaks(CaseEvent.objects.order_by("case_id", "pk"))) == []
    assert inline.created_count == deferred.created_count == len(PLACE_ROWS)


def test_imported_closed_matters_with_a_reply_count_in_the_resolution_rates(hotline, county):
    from xinfang.imports.models import PastOpinion
    from xinfang.resolution.indicators import (
        Period,
        Ratio,
        first_time_resolution_rate,
        participation,
        resolution_rate,
    )

    # when the export is imported: GD…001 (closed, replied by A县住建局 on 2021-03-12), GD…002
    # (closed, handling unit not in the file: the bureau's answer), GD…004 (closed, unknown unit),
    # GD…008 (closed, a long text); GD…003 is open
    services.run(hotline)
    # then each closed matter with a reply has its old system's answer on its real date
    answers = {o.case.external_id: (o.unit, o.issued_on, o.outcome)
               for o in PastOpinion.objects.select_related("case", "unit")}
    assert answers["GD2021000001"] == (county.housing, dt.date(2021, 3, 12), "support")
    assert answers["GD2021000002"][:2] == (county.bureau, dt.date(2021, 4, 9))
    assert set(answers) == {"GD2021000001", "GD2021000002", "GD2021000004", "GD2021000008"}
    # and the resolution rates count them as answered and settled (closed, no 不满意, no repeat)
    year = Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    units = [county.housing.pk, county.bureau.pk]
    assert resolution_rate(units, year)[county.housing.pk] == Ratio(1, 1)
    assert first_time_resolution_rate(units, year)[county.bureau.pk] == Ratio(3, 3)
    assert resolution_rate(units, Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31))) == {}
    # but not in the rating rates: the old system's ratings are not in the export
    assert participation(units, year) == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search tokens are PostgreSQL's")
def test_a_deferred_import_leaves_the_search_tokens_to_the_batch_step(tmp_path, county,
                                                                       other_county):
    # given one export imported inline and deferred under two sources by the city bureau
    clerk = _city_clerk(county, other_county)
    path = write_csv(tmp_path / "places.csv", HOTLINE_HEADERS, PLACE_ROWS)
    for name, defer in (("inline", False), ("deferred", True)):
        services.run(services.batch_create(
            source=services.source_save(name=name, mapping=guess_mapping(HOTLINE_HEADERS), actor=clerk),
            upload=path, actor=clerk), defer=defer)

    def tokens(name):
        with connection.cursor() as cursor:
            cursor.execute("SELECT external_id, search_tokens::text FROM cases_case "
                           "WHERE import_source = %s", [name])
            return dict(cursor.fetchall())

    # then the deferred cases have no search tokens yet, the inline ones have theirs
    assert set(tokens("deferred").values()) == {None}
    assert None not in tokens("inline").values()
    # when the batch step runs
    batch = ImportBatch.objects.get(source__name="deferred")
    result = services.finish(batch)
    # then they have the tokens the inline import wrote, and the text search finds them
    assert tokens("deferred") == tokens("inline")
    assert result.searchable == len(PLACE_ROWS)
    found = case_search(clerk, "幸福里小区")
    assert {"P02", "P04"} <= {c.external_id for c in found if c.import_source == "deferred"}
