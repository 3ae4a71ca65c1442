"""年度信访工作报告 (Art. 41): the annual report of a petition bureau drafted from the data, as .docx.

The figures are read, never recomputed differently: volumes from the cases its staff may see
(`visible_cases`, the same reach as every page, Art. 30 included), the indicators from
xinfang.resolution.indicators (`jurisdiction_figures`, as on the dashboard), hot issues from the
warnings (xinfang.warning). The three suggestions are drafted from the figures (the largest growth
by category and place, the weakest indicator) and marked as a draft for the bureau to edit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from xinfang.cases.models import Case, CaseEvent, Category, Channel
from xinfang.cases.selectors import visible_cases
from xinfang.cases.states import Action
from xinfang.core import clock
from xinfang.documents import papers
from xinfang.orgs.models import Role, Unit
from xinfang.orgs.selectors import jurisdiction_root, supervises, units_under
from xinfang.resolution import indicators as official
from xinfang.resolution.models import Recommendation, SupervisionOrder
from xinfang.warning.models import Warning, WarningKind
from xinfang.warning.selectors import level_label, visible_warnings

#: who may draw up the report: the head, the supervisors and the leaders of a bureau or government
REPORT_ROLES = (Role.LEADER, Role.APPROVER, Role.SUPERVISOR)
TOP = 10
DRAFT = "【初稿】以下建议由平台根据数据自动起草，请信访部门研究修改后使用。"


@dataclass(frozen=True)
class UnitReader:
    """The reach of a staff member of `unit` (the same rule as `visible_cases` applies to a user),
    for the command, which runs without a signed-in user."""

    unit: Unit
    is_authenticated: bool = True
    is_superuser: bool = False

    @property
    def unit_id(self) -> int:
        return self.unit.pk


def report_unit_for(user: Any) -> Unit | None:
    """The unit whose report `user` may draw up: their own, a bureau or a government (Art. 41:
    党委和政府信访部门), when they hold a reporting role; else None."""
    unit = getattr(user, "unit", None)
    if unit is None or not supervises(unit) or not user.has_role(*REPORT_ROLES):
        return None
    return unit


@dataclass
class AnnualReport:
    unit: Unit
    root: Unit
    year: int
    total: int = 0
    previous_total: int = 0
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    by_category: list[tuple[str, int, int]] = field(default_factory=list)  # name, year, previous
    by_month: list[tuple[int, int]] = field(default_factory=list)
    by_place: list[tuple[str, int, int]] = field(default_factory=list)
    by_handling_unit: list[tuple[str, int]] = field(default_factory=list)
    indicators: list[tuple[official.Indicator, official.Ratio]] = field(default_factory=list)
    hot: list[Warning] = field(default_factory=list)
    transfers: int = 0
    assignments: int = 0
    orders: int = 0
    recommendations: int = 0
    recommendations_adopted: int = 0
    suggestions: list[str] = field(default_factory=list)


def period(year: int) -> official.Period:
    return official.Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def year_cases(reader: Any, year: int) -> QuerySet[Case]:
    """The cases received in `year` that the reader may see (the report's base)."""
    p = period(year)
    return visible_cases(reader).filter(received_on__gte=p.start, received_on__lte=p.end)


def _top_categories(cases: QuerySet[Case]) -> Counter:
    cats = {c["id"]: c for c in Category.objects.values("id", "name", "parent_id")}

    def top(cid: int | None) -> str:
        if not cid:
            return "未分类"
        while cats[cid]["parent_id"]:
            cid = cats[cid]["parent_id"]
        return cats[cid]["name"]

    out: Counter = Counter()
    for cid, n in cases.values_list("category_id").annotate(n=Count("id")).order_by():
        out[top(cid)] += n
    return out


def _names(cases: QuerySet[Case], field_name: str) -> Counter:
    rows = cases.values_list(f"{field_name}__name").annotate(n=Count("id")).order_by()
    return Counter({name or "未填写": n for name, n in rows})


def annual_report_data(*, unit: Unit, year: int) -> AnnualReport:
    """Every figure of the report of `unit` (a bureau or a government) for `year`."""
    reader = UnitReader(unit)
    root = jurisdiction_root(unit)
    r = AnnualReport(unit=unit, root=root, year=year)
    cases, before = year_cases(reader, year), year_cases(reader, year - 1)
    r.total, r.previous_total = cases.count(), before.count()
    channels = dict(cases.values_list("channel").annotate(n=Count("id")).order_by())
    r.by_channel = [(str(label), channels.get(value, 0)) for value, label in Channel.choices]
    now_c, prev_c = _top_categories(cases), _top_categories(before)
    r.by_category = sorted(((k, now_c[k], prev_c[k]) for k in set(now_c) | set(prev_c)),
                           key=lambda x: (-x[1], -x[2], x[0]))
    months = dict(cases.values_list("received_on__month").annotate(n=Count("id")).order_by())
    r.by_month = [(m, months.get(m, 0)) for m in range(1, 13)]
    now_p, prev_p = _names(cases, "problem_unit"), _names(before, "problem_unit")
    r.by_place = sorted(((k, now_p[k], prev_p[k]) for k in set(now_p) | set(prev_p)),
                        key=lambda x: (-x[1], -x[2], x[0]))
    r.by_handling_unit = sorted(_names(cases.exclude(handling_unit=None), "handling_unit").items(),
                                key=lambda x: (-x[1], x[0]))[:TOP]
    ids = list(units_under(root).values_list("pk", flat=True))
    p = period(year)
    r.indicators = official.jurisdiction_figures(ids, p)
    r.hot = list(visible_warnings(reader).filter(kind=WarningKind.HOT_ISSUE,
                                                 last_signal_on__gte=p.start,
                                                 first_signal_on__lte=p.end)
                 .select_related("responsible_unit").order_by("-statistic", "pk")[:TOP])
    # Art. 41 (二): 转送、交办、督办 by the units of the jurisdiction in the year
    steps = dict(CaseEvent.objects.filter(unit_id__in=ids, at__date__gte=p.start, at__date__lte=p.end,
                                          action__in=[Action.TRANSFER, Action.ASSIGN])
                 .values_list("action").annotate(n=Count("id")).order_by())
    r.transfers, r.assignments = steps.get(Action.TRANSFER, 0), steps.get(Action.ASSIGN, 0)
    r.orders = SupervisionOrder.objects.filter(issuing_unit_id__in=ids, issued_on__gte=p.start,
                                               issued_on__lte=p.end).count()
    recs = Recommendation.objects.filter(issuing_unit_id__in=ids, issued_on__gte=p.start,
                                         issued_on__lte=p.end)
    r.recommendations = recs.count()
    r.recommendations_adopted = recs.filter(adoption__in=[Recommendation.Adoption.ADOPTED,
                                                     Recommendation.Adoption.PARTLY]).count()
    r.suggestions = suggestions(r)
    return r


def _growth(rows: list[tuple[str, int, int]]) -> tuple[str, int, int] | None:
    """The row with the largest increase over the previous year (None when nothing grew)."""
    grown = [x for x in rows if x[1] > x[2]]
    return max(grown, key=lambda x: (x[1] - x[2], x[1]), default=None)


def _pct(now: int, before: int) -> str:
    return f"增长{100 * (now - before) / before:.1f}%" if before else "上年无此类信访"


def suggestions(r: AnnualReport) -> list[str]:
    """Three suggestions drafted from the figures (Art. 41 (三): 改进工作、完善政策的建议)."""
    out = []
    cat = _growth(r.by_category) or (r.by_category[0] if r.by_category else None)
    if cat and cat[1]:
        out.append(f"针对{cat[0]}类信访（本年{cat[1]}件，上年{cat[2]}件，{_pct(cat[1], cat[2])}），"
                   f"建议会同主管部门分析政策执行中的共性问题，研究完善相关政策措施，从源头减少信访。")
    else:
        out.append("本年未登记信访事项，建议核实数据录入是否完整。")
    place = _growth(r.by_place) or (r.by_place[0] if r.by_place else None)
    if place and place[1]:
        out.append(f"{place[0]}的信访量较多（本年{place[1]}件，上年{place[2]}件，"
                   f"{_pct(place[1], place[2])}），建议压实属地责任，开展矛盾纠纷排查化解，"
                   f"推动问题就地解决。")
    else:
        out.append("建议继续落实属地责任，做好矛盾纠纷排查化解。")
    rated = [(i, ratio) for i, ratio in r.indicators
             if ratio.denominator and i.key != "repeat"]
    if rated:
        worst, ratio = min(rated, key=lambda x: (x[1].value, x[0].key))
        out.append(f"{worst.label}为{ratio}，在各项指标中最低，建议查找原因，"
                   f"加强{worst.label}相关环节的督查督办。")
    else:
        out.append("本年尚无可计算的工作指标，建议规范受理、办理、答复和评价环节的记录。")
    return out


def _n(v: int) -> str:
    return str(v)


def annual_report_docx(r: AnnualReport) -> bytes:
    """The report as a .docx the bureau edits (python-docx, the documents app's paper style)."""
    change = (f"，较上年{r.previous_total}件{_pct(r.total, r.previous_total)}"
              if r.previous_total and r.total >= r.previous_total
              else f"，较上年{r.previous_total}件下降{100 * (r.previous_total - r.total) / r.previous_total:.1f}%"
              if r.previous_total else "")
    busiest = max(r.by_month, key=lambda x: (x[1], -x[0]))
    sections: list[papers.Section] = [
        ("一、信访事项的数据统计", [
            f"{r.year}年，{r.root.name}辖区共登记信访事项{r.total}件{change}。"
            + (f"信访量最多的月份为{busiest[0]}月（{busiest[1]}件）。" if r.total else ""),
            "（一）按信访形式",
            papers.Table(header=("信访形式", "件数"), rows=[(k, _n(v)) for k, v in r.by_channel]),
            "（二）按月份",
            papers.Table(header=("月份", "件数"), rows=[(f"{m}月", _n(v)) for m, v in r.by_month]),
        ]),
        ("二、信访事项涉及领域以及被投诉较多的机关、单位", [
            "（一）按内容分类（一级）",
            papers.Table(header=("内容分类", "本年件数", "上年件数"),
                         rows=[(k, _n(a), _n(b)) for k, a, b in r.by_category]),
            "（二）按问题属地",
            papers.Table(header=("问题属地", "本年件数", "上年件数"),
                         rows=[(k, _n(a), _n(b)) for k, a, b in r.by_place[:TOP]]),
            "（三）信访事项较多的责任单位",
            papers.Table(header=("责任单位", "件数"),
                         rows=[(k, _n(v)) for k, v in r.by_handling_unit]),
        ]),
        ("三、工作指标", [
            "各项指标按平台统一口径计算（见指标说明），每件只计一次：",
            papers.Table(header=("指标", "分子", "分母", "比率", "计算方法"),
                         rows=[(str(i.label), _n(x.numerator), _n(x.denominator),
                                f"{100 * x.value:.1f}%" if x.value is not None else "—",
                                str(i.formula)) for i, x in r.indicators]),
        ]),
        ("四、转送、交办、督办情况", [
            f"本年辖区各单位转送信访事项{r.transfers}件次，交办{r.assignments}件次，"
            f"下达督办{r.orders}件；提出改进工作、完善政策、追究责任建议{r.recommendations}件，"
            f"已被采纳{r.recommendations_adopted}件。",
        ]),
        ("五、热点问题", [
            papers.Table(header=("热点问题", "等级", "证据信访件", "责任单位", "最近信号"),
                         rows=[(w.label, level_label(w.level), _n(w.observed),
                                w.responsible_unit.name, f"{w.last_signal_on:%Y-%m-%d}")
                               for w in r.hot])
            if r.hot else "本年未形成热点问题预警。",
        ]),
        ("六、改进工作、完善政策的建议（初稿）", [
            DRAFT, *[f"{i}. {s}" for i, s in enumerate(r.suggestions, start=1)]]),
    ]
    return papers.build_docx(title=f"{r.root.name}{r.year}年度信访情况报告", number="（初稿）",
                             sections=sections,
                             signature=[f"{r.unit.name}\n{clock.today():%Y年%m月%d日}"],
                             style=papers.LETTER)
