"""`workflow.save_changes` (issue 17): after a creating effect inserted the row, `create` writes only what
changed since, or nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xinfang.cases.models import Case
from xinfang.cases.scenarios import register
from xinfang.core.workflow import save_changes

pytestmark = pytest.mark.django_db


def test_an_unchanged_record_is_not_written_again(county):
    case = register(county)
    with CaptureQueriesContext(connection) as ctx:
        assert save_changes(case) == []
    assert ctx.captured_queries == []


def test_only_the_changed_fields_and_the_update_stamp_are_written(county):
    case = register(county)
    case.title = "楼道漏水（补充）"
    with CaptureQueriesContext(connection) as ctx:
        written = save_changes(case)
    assert set(written) == {"title", "updated_at"}
    (update,) = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]
    assert '"title"' in update and '"request"' not in update
    assert Case.objects.get(pk=case.pk).title == "楼道漏水（补充）"


def test_a_change_written_elsewhere_is_not_overwritten_by_the_stale_copy(county):
    # given two copies of the case: one changes the title and saves it through save_changes
    case = register(county)
    other = Case.objects.get(pk=case.pk)
    other.request = "另一处写入的请求"
    other.save(update_fields=["request"])
    case.title = "新标题"
    save_changes(case)
    # then the other writer's field is kept (a full-row save would have written the stale request back)
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.title, fresh.request) == ("新标题", "另一处写入的请求")


def test_a_record_loaded_without_a_remembered_save_is_written_whole(county):
    case = Case.objects.get(pk=register(county).pk)
    assert save_changes(case) == ["*"]
