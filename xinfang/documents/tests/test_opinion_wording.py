"""The 信访处理意见书 says only what happened (issue 15 item 9): 信访请求 heading, the remedy naming
the higher unit and the period (Art. 35, 36), the statement of what was done from the recorded
handling steps (Art. 31 (6))."""

from __future__ import annotations

import pytest

from xinfang.cases.models import ProgressKind
from xinfang.cases.scenarios import act, actor_for, drive_to
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.deadlines.rules import DeadlineKind, period_words, rule_for
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.models import Document
from xinfang.documents.render import docx_text

pytestmark = pytest.mark.django_db

HEARD_WORDS, CHECKED_WORDS = "听取了你的陈述", "进行了调查核实"


def _record(county, case, kind: ProgressKind) -> None:  # noqa: ANN001
    case_transition(case_id=case.pk, action=Action.RECORD_PROGRESS,
                    actor=actor_for(county, case, Action.RECORD_PROGRESS),
                    params={"kind": kind.value, "text": f"{kind.label}：与有关方面沟通了解情况。"})


def _opinion(county, steps: list[ProgressKind]) -> tuple[Document, str]:  # noqa: ANN001
    case = drive_to(county, Status.ACCEPTED)
    for kind in steps:
        _record(county, case, kind)
    case = act(county, case, Action.ANSWER)
    document = Document.objects.get(case=case, kind=K.OPINION)
    return document, docx_text(bytes(document.docx))


@pytest.mark.parametrize(("steps", "heard", "checked"), [
    ([], False, False),
    ([ProgressKind.PHONE], True, False),
    ([ProgressKind.INVESTIGATION], False, True),
    ([ProgressKind.INTERVIEW, ProgressKind.MEETING], True, True),
    ([ProgressKind.OTHER], False, False),
])
def test_what_was_done_comes_from_the_recorded_steps(county, steps, heard, checked) -> None:  # noqa: ANN001
    # given a case whose handling recorded exactly `steps`, when the opinion is issued
    _document, text = _opinion(county, steps)
    intro = next(line for line in text.splitlines() if "现将处理意见告知如下" in line)
    # then it says the petitioner was heard / facts were checked only when that was recorded
    assert (HEARD_WORDS in intro) is heard, intro
    assert (CHECKED_WORDS in intro) is checked, intro
    assert "第三十一条第（六）项" in intro


def test_heading_is_the_petition_request_and_the_remedy_names_the_higher_unit(county) -> None:  # noqa: ANN001
    document, text = _opinion(county, [])
    lines = text.splitlines()
    assert "一、信访请求" in lines and "一、投诉请求" not in lines
    remedy = next(line for line in lines if "书面请求复查" in line)
    assert "（上一级机关、单位）" not in remedy
    higher = document.unit.parent
    assert higher is not None and higher.name in remedy
    days = rule_for(DeadlineKind.REVIEW_REQUEST)
    assert f"{period_words(days.days, days.unit)}内" in remedy and "第三十五条" in remedy
