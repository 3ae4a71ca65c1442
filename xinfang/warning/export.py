"""Excel export of the dashboard tables (openpyxl). Personal data only masked (姓名、电话)."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from xinfang.cases.models import CasePetitioner
from xinfang.core.crypto import mask_name, mask_phone

from .selectors import Dashboard, level_label


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    for col, name in zip(ws.columns, header, strict=False):
        ws.column_dimensions[col[0].column_letter].width = max(10, min(40, 2 * len(name) + 4))


def _flatten(nodes: list[dict], depth: int = 0) -> list[list[Any]]:
    out = []
    for n in nodes:
        out.append(["　" * depth + n["name"], n["own"], n["total"]])
        out += _flatten(n["children"], depth + 1)
    return out


def dashboard_xlsx(d: Dashboard, *, user: Any) -> bytes:  # noqa: ARG001 - d is already scoped
    """The dashboard's tables in the reader's language (headers, sheet names, labels); the
    records' own texts (titles, unit names, summaries) as stored."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, _("指标"), [_("指标"), _("数值（%）"), _("分子"), _("分母"), _("计算方法")],
           [[i["name"], i["value"], i["num"], i["den"], i["formula"]] for i in d.indicators]
           + [[_("近30日信访量"), d.totals["last30"], None, None, _("信访日期在近30日内")],
              [_("环比（%）"), d.totals["change"], d.totals["last30"], d.totals["prev30"],
               _("近30日 ÷ 前30日 − 1")],
              [_("同比（%）"), d.totals["yoy_change"], d.totals["last30"], d.totals["yoy30"],
               _("近30日 ÷ 上年同期30日 − 1")]])
    _sheet(wb, _("按日"), [_("日期"), _("信访量")], [[day, n] for day, n in d.days])
    _sheet(wb, _("按周"), [_("周（周一）"), _("信访量")], [[day, n] for day, n in d.weeks])
    _sheet(wb, _("按信访形式"), [_("信访形式"), _("近一年信访量")], [list(r) for r in d.channels])
    _sheet(wb, _("按分类"), [_("一级分类"), _("近30日"), _("前30日"), _("环比（%）"), _("上年同期"),
                            _("同比（%）"), _("近一年")],
           [[c["name"], c["last30"], c["prev30"], c["change"], c["yoy30"], c["yoy_change"],
             c["last365"]] for c in d.categories])
    _sheet(wb, _("属地"), [_("单位"), _("本级"), _("合计（含下级）")], _flatten(d.tree))
    _sheet(wb, _("热点问题"), [_("预警编号"), _("热点"), _("等级"), _("热度"), _("件数"),
                              _("责任单位")],
           [[w.number, w.label, level_label(w.level), w.statistic, w.observed,
             w.responsible_unit.name] for w in d.hot])
    _sheet(wb, _("未办结预警"), [_("预警编号"), _("类型"), _("对象"), _("等级"), _("状态"),
                                _("最近信号"), _("责任单位"), _("说明")],
           [[w.number, w.get_kind_display(), w.label, level_label(w.level),
             w.get_status_display(), w.last_signal_on, w.responsible_unit.name, w.summary]
            for w in d.open_warnings])
    g = d.grassroots
    if g:
        w, sg = g["whistle"], g["suggestions"]
        dl = g.get("deliberation") or {"topics": 0, "closed": 0, "votes": 0, "eligible": 0,
                                        "turnout": None, "rows": []}
        _sheet(wb, _("基层治理与人民建议"), [_("指标"), _("数值"), _("分子"), _("分母"), _("计算方法")],
               [[_("吹哨事项"), w["whistled"], None, None, _("近一年吹哨的事项数")],
                [_("已办结"), w["closed"], None, None, _("其中经网格确认办结的")],
                [_("吹哨到办结平均天数"), w["average_days"], None, w["closed"],
                 _("已办结事项（办结时间 − 吹哨时间）的平均值，按小时折算为天")],
                [_("人民建议"), sg["count"], None, None, _("近一年提出的建议数")],
                [_("建议采纳率（%）"), sg["adoption_rate"], sg["adopted"], sg["decided"],
                 _("采纳与部分采纳 ÷ 已作出采纳决定（采纳、部分采纳、不予采纳）的建议")],
                [_("建议平均答复天数"), sg["average_days_to_answer"], None, sg["answered"],
                 _("已答复建议（答复日期 − 提出日期）的平均值")]]
               + [[_("网格") + "：" + r["name"], r["average_days"], r["closed"], r["whistled"],
                   _("吹哨到办结平均天数；分子为已办结，分母为吹哨事项")] for r in g["grids"]]
               + [[_("部门") + "：" + r["name"], r["average_days"], r["closed"], r["whistled"],
                   _("吹哨到办结平均天数；分子为已办结，分母为吹哨事项")] for r in g["departments"]]
               + [[_("议事议题"), dl["topics"], None, None, _("近一年开始议事的议题数（不含草稿和撤销的）")],
                  [_("已截止计票"), dl["closed"], None, None, _("其中已截止计票的（结果已固定）")],
                  [_("议事参与率（%）"), dl["turnout"], dl["votes"], dl["eligible"],
                   _("已截止议题的投票人数之和 ÷ 截止时应参与人数之和")]]
               + [[_("议题") + "：" + r["title"], r["turnout"], r["votes"], r["eligible"],
                   _("参与率（%）：投票人数 ÷ 截止时应参与人数；多数意见：") + (
                       f"{r['leading']} {r['leading_percent']}%" if r["leading"] else "—")]
                  for r in dl["rows"]]
               + _need_rows(g) + _sizhen_rows(g))
    if g and g.get("cross_border"):
        _sheet(wb, _("快速通道办理用时"), [_("范围"), _("登记件数"), _("步骤"), _("件数"), _("中位数（天）"),
                                      _("平均数（天）"), _("计算方法")], _cross_border_rows(g["cross_border"]))
    people: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for cid, name, phone in (CasePetitioner.objects
                             .filter(case__in=[x.case_id for x in d.overdue])
                             .values_list("case_id", "petitioner__name", "petitioner__phone")):
        people[cid].append((mask_name(name), mask_phone(phone)))
    _sheet(wb, _("超期事项"), [_("信访件编号"), _("概况"), _("期限"), _("责任单位"), _("到期日"),
                              _("信访人"), _("联系电话")],
           [[x.case.number, x.case.title, x.get_kind_display(), x.unit.name if x.unit else "",
             x.due_on, "、".join(p[0] for p in people[x.case_id]),
             "、".join(p[1] for p in people[x.case_id])] for x in d.overdue])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _need_rows(g: dict) -> list[list]:
    """信访超市 (小事不出村，大事不出镇): in all and per service point where the need was first
    recorded (formulas in docs/indicators.md)."""
    n = g["needs"]
    rows = [[_("群众需求"), n["recorded"], None, None, _("近一年在信访超市登记的群众需求数")],
            [_("村级化解率（%）"), n["village_rate"], n["village_done"], n["concluded"],
             _("在村（社区）服务点办结 ÷（已办结 + 转为信访件）")],
            [_("镇村化解率（%）"), n["local_rate"], n["local_done"], n["concluded"],
             _("在村或乡镇服务点办结 ÷（已办结 + 转为信访件）")],
            [_("转为信访件"), n["petitioned"], None, None, _("群众需求转为信访件登记的数量")]]
    for r in g["need_points"]:
        rows += [[_("服务点") + "：" + r["name"] + " · " + _("村级化解率（%）"), r["village_rate"],
                  r["village_done"], r["concluded"], _("按首次登记的服务点统计")],
                 [_("服务点") + "：" + r["name"] + " · " + _("镇村化解率（%）"), r["local_rate"],
                  r["local_done"], r["concluded"], _("按首次登记的服务点统计")]]
    return rows


def _sizhen_rows(g: dict) -> list[list]:
    """四诊合一接访 (formulas in docs/indicators.md)."""
    z = g.get("sizhen")
    if not z:
        return []
    return [
        [_("坐诊接访事项"), z["sitting"], None, None, _("近一年在固定坐诊日登记的事项数（含网上预约到场的）")],
        [_("预约到场率（%）"), z["kept_rate"], z["kept"], z["kept"] + z["no_show"],
         _("已接诊的坐诊预约 ÷（已接诊 + 未到场）；坐诊日未到的不计入")],
        [_("入户巡诊完成率（%）"), z["visit_rate"], z["visits_done"], z["visits_due"],
         _("已巡诊 ÷ 计划日期已到的入户巡诊（含取消的）")],
        [_("疑难分诊事项"), z["routed"], None, None, _("近一年分诊到责任单位的事项数")],
        [_("分诊按期化解率（%）"), z["routed_on_time_rate"], z["routed_on_time"], z["routed_due"],
         _("限期内化解的分诊事项 ÷ 已办结或已过限期的分诊事项")],
        [_("会诊化解率（%）"), z["convened_resolved_rate"], z["convened_resolved"], z["convened"],
         _("提级会诊后化解的事项 ÷ 提级会诊的事项")],
        [_("未转信访件化解率（%）"), z["without_case_rate"], z["resolved"], z["concluded"],
         _("化解办结的四诊事项 ÷（化解办结 + 转为信访件）")],
    ]


def _cross_border_rows(x: dict) -> list[list]:
    """涉港澳台侨、涉外快速通道: days from registration to the acceptance decision and to the
    answer, the track against all cases (formulas in docs/indicators.md)."""
    rows = []
    for key, label in (("cross_border", _("快速通道")), ("all", _("全部信访件"))):
        for step, name, how in (
                ("decision", _("登记至受理决定"), _("登记日至首次受理、不予受理或不再受理之日的自然日数")),
                ("answer", _("登记至答复"), _("登记日至首次出具处理意见之日的自然日数"))):
            r = x[key][step]
            rows.append([label, x[key]["cases"], name, r["count"], r["median"], r["mean"], how])
    return rows
