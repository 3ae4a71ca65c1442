"""Timeline anchors outside the database (Art. 21): a whole chain rewritten consistently, or a
case's last events cut, passes the hash chain check but not the anchors (docs/security.md)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from xinfang.cases.anchors import anchor_timeline, heads_digest
from xinfang.cases.chain import event_hash
from xinfang.cases.models import CaseEvent
from xinfang.cases.scenarios import act, drive_to, register
from xinfang.cases.states import Action, Status
from xinfang.core import clock, jobs

pytestmark = pytest.mark.django_db


def _run(command: str, *args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=StringIO())
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _rewrite_consistently(case, note: str) -> None:  # noqa: ANN001
    """What an operator with database access could do: change an event and recompute every hash."""
    events = list(case.events.order_by("pk"))
    CaseEvent.objects.filter(pk=events[1].pk).update(note=note)
    prev = ""
    for event in CaseEvent.objects.filter(case=case).order_by("pk"):
        digest = event_hash(event, prev)
        CaseEvent.objects.filter(pk=event.pk).update(prev_hash=prev, hash=digest)
        prev = digest


@pytest.fixture
def anchors(tmp_path):  # noqa: ANN001
    return tmp_path / "anchors.jsonl"


def test_art21_anchor_appends_the_head_of_every_chain_and_its_digest(county, anchors):
    first, second = register(county), register(county)
    code, output = _run("anchor_timeline", "--file", str(anchors))
    assert code == 0 and "已追加" in output
    [line] = _lines(anchors)
    heads = {case.pk: case.events.order_by("pk").last().hash for case in (first, second)}
    assert line["heads"] == {str(pk): head for pk, head in heads.items()}
    assert line["digest"] == heads_digest(heads) and line["digest"] in output
    assert (line["cases"], line["events"]) == (2, CaseEvent.objects.count())


def test_art21_the_next_anchor_holds_only_the_heads_that_moved(county, anchors):
    moved, still = register(county), register(county)
    anchor_timeline(path=anchors)
    act(county, moved, Action.TRIAGE)
    anchor_timeline(path=anchors)
    first, second = _lines(anchors)
    assert set(second["heads"]) == {str(moved.pk)}
    assert second["cases"] == 2 and second["digest"] != first["digest"]
    assert second["digest"] == heads_digest({moved.pk: moved.events.order_by("pk").last().hash,
                                             still.pk: first["heads"][str(still.pk)]})


def test_art21_events_appended_after_an_anchor_still_verify(county, anchors):
    case = register(county)
    anchor_timeline(path=anchors)
    act(county, case, Action.TRIAGE)
    register(county)  # a case that no anchor knows yet
    code, output = _run("verify_timeline", "--no-progress", "--anchors", str(anchors))
    assert code == 0, output
    assert "与 1 次锚定一致" in output


def test_art21_a_whole_chain_rewritten_consistently_passes_the_chain_but_not_the_anchors(
        county, anchors):
    case = drive_to(county, Status.ANSWERED)
    other = register(county)
    anchor_timeline(path=anchors)
    _rewrite_consistently(case, "篡改后的说明")
    code, output = _run("verify_timeline", "--no-progress")
    assert code == 0, output  # the chain alone cannot tell
    code, output = _run("verify_timeline", "--no-progress", "--anchors", str(anchors))
    assert code == 1
    assert case.number in output and "第1行" in output and other.number not in output
    assert "与锚定不符：1 件信访件" in output
    # one case at a time: the other case still agrees with its anchor
    assert _run("verify_timeline", "--no-progress", "--case", other.number,
                "--anchors", str(anchors))[0] == 0
    assert _run("verify_timeline", "--no-progress", "--case", case.number,
                "--anchors", str(anchors))[0] == 1


def test_art21_cutting_the_last_events_of_a_case_is_found_by_the_anchors(county, anchors):
    case = drive_to(county, Status.ANSWERED)
    anchor_timeline(path=anchors)
    last = case.events.order_by("pk").last()
    CaseEvent.objects.filter(pk=last.pk)._raw_delete(CaseEvent.objects.db)
    assert _run("verify_timeline", "--no-progress")[0] == 0  # the documented limit of the chain
    code, output = _run("verify_timeline", "--no-progress", "--anchors", str(anchors))
    assert code == 1 and case.number in output


def test_art21_the_first_anchor_that_no_longer_holds_is_reported(county, anchors):
    case = register(county)
    with clock.frozen(dt.datetime(2026, 11, 2, 23, 50, tzinfo=dt.UTC)):
        anchor_timeline(path=anchors)
    act(county, case, Action.TRIAGE)
    with clock.frozen(dt.datetime(2026, 11, 3, 23, 50, tzinfo=dt.UTC)):
        anchor_timeline(path=anchors)
    _rewrite_consistently(case, "改写")
    code, output = _run("verify_timeline", "--no-progress", "--anchors", str(anchors))
    assert code == 1
    assert "第1行（2026-11-02T23:50:00.000000Z）" in output
    assert "1 件信访件、2 个链头" in output


def test_art21_a_changed_anchor_line_no_longer_matches_its_digest(county, anchors):
    case = register(county)
    anchor_timeline(path=anchors)
    act(county, case, Action.TRIAGE)
    anchor_timeline(path=anchors)
    first, second = _lines(anchors)
    # someone who rewrote the chain "fixes" the second line's head too, but cannot fix its digest
    # without it differing from the digest the log collector keeps
    second["heads"][str(case.pk)] = "0" * 64
    anchors.write_text("\n".join(json.dumps(x) for x in (first, second)) + "\n", encoding="utf-8")
    code, output = _run("verify_timeline", "--no-progress", "--anchors", str(anchors))
    assert code == 1 and "第2行" in output and "锚定文件被改动" in output


def test_art21_anchor_is_logged_for_the_log_collector(county, anchors, caplog):
    register(county)
    with caplog.at_level(logging.INFO, logger="xinfang.audit"):
        record = anchor_timeline(path=anchors)
    [logged] = [r for r in caplog.records if getattr(r, "anchor", None)]
    assert logged.anchor == {"time": record["time"], "digest": record["digest"],
                             "cases": 1, "events": record["events"]}


def test_art21_anchoring_is_a_daily_periodic_job_writing_the_configured_file(county, settings,
                                                                              tmp_path):
    settings.XINFANG_ANCHOR_FILE = str(tmp_path / "var" / "anchors.jsonl")
    register(county)
    assert jobs.PERIODIC["cases.anchor_timeline"].hour is not None  # daily, with the other jobs
    result = jobs.periodic_run_due(only="cases.anchor_timeline")
    assert "1 cases" in result["cases.anchor_timeline"]
    assert len(_lines(tmp_path / "var" / "anchors.jsonl")) == 1


def test_a_missing_anchor_file_is_a_clear_error(county, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到锚定文件"):
        _run("verify_timeline", "--no-progress", "--anchors", str(tmp_path / "nope.jsonl"))
