"""预警提示函: the warning letter to the responsible unit, as a .docx (built by xinfang.documents).

Practice (Shenzhen): the petition bureau tells the responsible unit what was detected, on which
petitions, and by when it must report what it did. Accusation cases are never among the evidence
(services.py) and are filtered out again here, so the letter cannot pass an accuser's material to
the accused unit (Art. 30). No petitioner's name, ID or phone is printed.
"""

from __future__ import annotations

from typing import Any

from xinfang.cases.models import Purpose
from xinfang.documents import papers

from .models import Warning
from .selectors import level_label

MAX_ROWS = 50


def warning_letter_docx(warning: Warning, *, user: Any = None) -> bytes:  # noqa: ARG001
    """The letter for an issued warning (number, unit, evidence summary, response date)."""
    # The letter is the bureau's document to the unit: it lists the evidence cases, never an
    # accusation (Art. 30), and never a petitioner's name or numbers.
    cases = (warning.evidence.exclude(purpose=Purpose.ACCUSATION)
             .select_related("category").order_by("received_on", "pk"))
    evidence = list(cases[:MAX_ROWS + 1])
    total = cases.count()
    body: list[str | papers.Table] = [
        f"{warning.responsible_unit.name}：",
        f"经信访信息系统监测，{warning.label}出现{warning.get_kind_display()}情况"
        f"（预警编号{warning.number}，{level_label(warning.level)}预警）。{warning.summary}。",
        f"首次出现信号日期：{warning.first_signal_on:%Y年%m月%d日}；最近一次：{warning.last_signal_on:%Y年%m月%d日}。"
        f"涉及信访件{total}件，主要情况如下：",
        papers.Table(header=("信访件编号", "信访日期", "内容分类", "概况"),
                     rows=[(case.number, f"{case.received_on:%Y-%m-%d}",
                            str(case.category) if case.category else "—", case.title)
                           for case in evidence[:MAX_ROWS]]),
    ]
    if len(evidence) > MAX_ROWS:
        body.append(f"（仅列前{MAX_ROWS}件，其余详见平台。）")
    due = (f"{warning.response_due_on:%Y年%m月%d日}前" if warning.response_due_on
           else "收函后及时")
    body.append(f"请你单位高度重视，组织排查研判，依法及时就地化解，并于{due}将排查化解情况书面反馈"
                f"（可在平台“预警”页面直接填报）。")
    sign = (f"{warning.letter_unit.name if warning.letter_unit else ''}\n"
            f"{warning.letter_issued_on:%Y年%m月%d日}" if warning.letter_issued_on else "")
    return papers.build_docx(title="信访预警提示函",
                             number=warning.letter_number or "（未编号：尚未发函）",
                             sections=[("", body)], signature=[sign], style=papers.LETTER)
