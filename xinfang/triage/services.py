"""Triage writes: propose (rules + model + repeats + group matters) and accept/correct a proposal.

`triage_propose` only advises; `triage_accept` applies the registrar's choice through
`case_transition(..., Action.TRIAGE, ...)` (the only writer of a case's triage fields) and stores the
choice as training feedback.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from xinfang.cases.models import Case, CaseReach, Category, Petitioner
from xinfang.cases.selectors import visible_cases
from xinfang.cases.states import PROCEDURE_ROUTES, Action, LegalRoute, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.core.crypto import blind_indexes
from xinfang.core.errors import InvalidParams
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import county_of, jurisdiction_root, under_q

from . import dedup, dupindex, shipped
from .dupindex import case_text
from .models import RepeatKind, RoutingRule, TriageCorrection, TriageProposal
from .rules import match_rules, resolve_unit
from .textfeatures import normalize_text

_ARTICLE_19 = "第19条"
_ARTICLE_36 = "第36条"
#: fields a registrar may correct, in the order of the correction form
FIELDS = ("category", "unit", "legal_route", "purpose", "simplified", "earlier_case", "link_group")


def _setting(name: str) -> Any:
    return get(name)


def level1(category: Category | None) -> Category | None:
    node = category
    while node is not None and node.parent_id:
        node = node.parent
    return node


_PIECES = re.compile(r"[\W_]+")


def readable(spans: list[str], text: str, limit: int = 5) -> list[str]:
    """Evidence n-gram spans widened to whole words of the text (幸福家 → 幸福家园), split at
    punctuation, so a registrar reads words rather than character fragments."""
    norm = normalize_text(text)
    bounds: list[tuple[int, int]] = []
    pos = 0
    for tok in dedup.tokens(norm):
        bounds.append((pos, pos + len(tok)))
        pos += len(tok)
    out: list[str] = []
    for span in spans:
        at = norm.find(span)
        if at < 0:
            continue
        end = at + len(span)
        start = max((b for b, e in bounds if b <= at), default=at)
        stop = min((e for b, e in bounds if e >= end), default=end)
        for piece in _PIECES.split(norm[start:stop]):
            if 2 <= len(piece) <= 10 and not piece.isdigit() and piece not in out \
                    and not any(piece in kept for kept in out):
                out.append(piece)
    return out[:limit]


# --- the parts ----------------------------------------------------------------------------------

@dataclass
class Draft:
    category: Category | None = None
    category_label: str = ""
    confidence: float | None = None
    unit: Unit | None = None
    legal_route: str = ""
    purpose: str = ""
    simplified: bool = False
    ask_human: bool = False
    route_rule: RoutingRule | None = None
    reasons: list[dict[str, Any]] = field(default_factory=list)
    repeat_kind: str = ""
    earlier_case: Case | None = None
    entity: str = ""
    group_cases: list[Case] = field(default_factory=list)
    group_petitioners: int = 0
    model_version: str = ""
    earlier_ids: set[int] = field(default_factory=set)  # the cases this proposal may point to

    def say(self, kind: str, text: str, **extra: Any) -> None:
        self.reasons.append({"kind": kind, "text": text, **extra})


def _classify(case: Case, text: str, d: Draft) -> None:
    loaded = shipped.load()
    if loaded.model is None:
        d.ask_human = True
        d.say("model_missing", loaded.problem)
        return
    d.model_version = loaded.version
    substance = re.sub(r"[\W_\d]", "", text)
    if len(substance) < _setting("XINFANG_TRIAGE_MIN_CHARS"):
        d.ask_human = True
        d.say("model", f"文字过少（{len(substance)}字），无法可靠分类，请人工研判。")
        return
    pred = loaded.model.predict([text], n_evidence=5)[0]
    d.confidence = round(pred.confidence, 4)
    alts = "、".join(f"{label}（{p:.0%}）" for label, p in pred.alternatives)
    if pred.confidence < shipped.threshold():
        d.ask_human = True
        d.say("model", f"模型把握不足：最可能是“{pred.label}”，置信度仅{pred.confidence:.0%}"
                       f"（低于{shipped.threshold():.0%}），其次{alts}。请人工确定分类。",
              words=readable(pred.evidence, text))
        return
    d.category_label = pred.label
    d.category = Category.objects.filter(level=1, name=pred.label, active=True).first()
    text_ = f"模型判断为“{pred.label}”，置信度{pred.confidence:.0%}（其次{alts}）"
    if d.category is None:
        text_ += "；分类表中尚无该一级分类，请先导入分类表（manage.py load_taxonomy）"
    d.say("model", text_ + "。起作用的词语：", words=readable(pred.evidence, text))
    current = level1(case.category)
    if d.category is not None and current is not None and current.pk == d.category.pk:
        d.category = case.category  # keep the registrar's more specific category


def _apply_rules(case: Case, text: str, d: Draft) -> None:
    category = d.category_label or (level1(case.category).name if case.category else "")
    hits = match_rules(text, category=category, purpose=case.purpose)
    if d.ask_human:  # a catch-all line says nothing about this petition: no automatic value
        hits = [h for h in hits
                if h.rule.phrase_list or h.rule.category_list or h.rule.purpose_list]
    route_hit = next((h for h in hits if h.rule.legal_route), None)
    d.purpose = next((h.rule.set_purpose for h in hits if h.rule.set_purpose), "") or case.purpose
    if route_hit is not None:
        rule = route_hit.rule
        d.legal_route, d.route_rule = rule.legal_route, rule
        said = f"清单事项“{rule.name}”（{rule.article}）→ {rule.get_legal_route_display()}"
        if rule.guidance:
            said += f"；告知信访人：{rule.guidance}"
        d.say("rule", said + ("。触发词：" if route_hit.words else "。"), words=route_hit.words,
              rule=rule.pk)
        d.simplified = rule.simplified
    near = case.problem_unit
    for hit in hits:
        if not hit.rule.names_unit:
            continue
        unit = resolve_unit(hit.rule, near)
        if unit is not None and case.accused_unit is not None and unit.is_within(case.accused_unit):
            d.say("rule", f"清单事项“{hit.rule.name}”指定的{unit}是被反映单位，不予建议"
                          f"（第30条：揭发控告材料不得转交被反映单位）。")
            continue
        if unit is not None:
            d.unit = unit
            if hit is not route_hit:
                d.say("rule", f"清单事项“{hit.rule.name}”（{hit.rule.article}）指定承办单位：{unit}。"
                      + ("触发词：" if hit.words else ""), words=hit.words, rule=hit.rule.pk)
            else:
                d.say("rule", f"该清单事项的承办单位：{unit}。")
            break


def _unit_from_history(case: Case, d: Draft) -> None:
    """The handling unit the bureau's own past cases of this category went to (and a unit model)."""
    loaded = shipped.load(shipped.UNIT_FILE)
    root = county_of(case.problem_unit)
    if loaded.model is not None:
        pred = loaded.model.predict([case_text(case)], n_evidence=3)[0]
        unit = Unit.objects.filter(under_q("", root), code=pred.label, active=True).first()
        if unit is not None and pred.confidence >= shipped.threshold():
            d.unit = unit
            d.say("history", f"承办单位模型（本单位历史案件训练）建议：{unit}，置信度"
                             f"{pred.confidence:.0%}。起作用的词语：",
                  words=readable(pred.evidence, case_text(case)))
            return
    if not d.category_label:
        return
    since = clock.now() - dt.timedelta(days=_setting("XINFANG_TRIAGE_LOOKBACK_DAYS"))
    rows = (Case.objects.filter(under_q("handling_unit", root), handling_unit__isnull=False,
                                category__isnull=False, registered_at__gte=since)
            .exclude(pk=case.pk).select_related("category__parent__parent", "handling_unit")
            .order_by("-registered_at")[:2000])
    counts: Counter[int] = Counter()
    units: dict[int, Unit] = {}
    for other in rows:
        top = level1(other.category)
        if top is not None and top.name == d.category_label:
            counts[other.handling_unit_id] += 1
            units[other.handling_unit_id] = other.handling_unit
    if counts:
        unit_id, n = counts.most_common(1)[0]
        total = sum(counts.values())
        if n >= 2:
            d.unit = units[unit_id]
            d.say("history", f"本辖区近期“{d.category_label}”类信访件{total}件中有{n}件由"
                             f"{units[unit_id]}承办。")


def _window_start(case: Case) -> dt.date:
    """The first day of the look-back window, counted from the day the petition was made
    (``received_on``, Art. 20 同一事项), not from its registration: five years of history imported
    on one day keep their own dates."""
    return case.received_on - dt.timedelta(days=_setting("XINFANG_TRIAGE_LOOKBACK_DAYS"))


def _before(case: Case) -> Q:
    """Cases made before this one: an earlier day, or the same day and registered first."""
    return Q(received_on__lt=case.received_on) | Q(received_on=case.received_on, pk__lt=case.pk)


def _earlier_ids(case: Case) -> set[int]:
    """Ids of the cases a proposal may point to: in the registering unit's jurisdiction, made in the
    look-back window before this one. One query; the other reads filter by it in Python.

    Read from the jurisdiction index's rows of the root, by date received (`case_reach_received`,
    cases/reach.py), not from the access rows joined with the units' paths and the cases: at
    1,000,000 imported cases that join cost ~2.7 s of database CPU a proposal (issue 17)."""
    root = jurisdiction_root(case.registered_unit)
    received = case.received_on
    return set(CaseReach.objects.filter(
        Q(received_on__lt=received) | Q(received_on=received, case_id__lt=case.pk),
        unit=root.pk, received_on__gte=_window_start(case)).values_list("case_id", flat=True))


def _in_window(case: Case, since: dt.date):  # noqa: ANN202
    return Case.objects.filter(_before(case), received_on__gte=since).exclude(pk=case.pk)


def _find_repeats(case: Case, text: str, d: Draft) -> None:
    """Same petitioner (ID number or phone, blind indexes) and/or the same matter already registered."""
    people = list(Petitioner.objects.filter(parties__case=case))
    # Under every accepted index key, so that repeats are found during an index-key rotation too.
    ids = [h for p in people if p.id_number for h in blind_indexes(p.id_number)]
    phones = [h for p in people if p.phone for h in blind_indexes(p.phone)]
    allowed = d.earlier_ids
    same_person = Q(parties__petitioner__in=people)
    if ids:
        same_person |= Q(parties__petitioner__id_number_index__in=ids)
    if phones:
        same_person |= Q(parties__petitioner__phone_index__in=phones)
    same = (_in_window(case, _window_start(case)).filter(same_person).distinct()
            .order_by("-received_on", "-pk").values_list("pk", flat=True))
    mine_ids = [pk for pk in same if pk in allowed][:20]
    found = Case.objects.in_bulk(mine_ids)
    mine = [found[pk] for pk in mine_ids]
    matches: dict[int, dedup.Match] = {}
    by_pk = {c.pk: c for c in mine}
    if allowed:
        top = dupindex.similar_cases(
            jurisdiction_root(case.registered_unit), text, since=_window_start(case),
            until=case.received_on, exclude=case.pk, allowed=allowed, k=8,
            min_score=dedup.DEFAULT_MIN_SCORE)
        index = dupindex.weights()
        by_pk.update(Case.objects.in_bulk([m.doc_id for m in top if m.doc_id not in by_pk]))
        for m in top:
            if m.doc_id in by_pk:
                matches[m.doc_id] = index.compare(text, case_text(by_pk[m.doc_id]))
        for c in mine:
            if c.pk not in matches:
                matches[c.pk] = index.compare(text, case_text(c))
    same_matter = {pk for pk, m in matches.items() if m.kind in ("near_duplicate", "same_topic")}
    mine_pks = {c.pk for c in mine}
    linked = set(case.related_cases.values_list("pk", flat=True))

    def best(pks: set[int]) -> Case:
        return by_pk[max(pks, key=lambda pk: (matches[pk].score, -by_pk[pk].received_on.toordinal()))]

    def how(pk: int) -> str:
        m = matches[pk]
        label = {"near_duplicate": "内容几乎相同", "same_topic": "反映同一事项"}.get(m.kind, "内容相似")
        ents = f"，共同对象：{'、'.join(m.shared_entities)}" if m.shared_entities else ""
        return f"{label}（相似度{m.score:.2f}{ents}）"

    if mine_pks & same_matter or mine_pks & linked:
        pks = (mine_pks & same_matter) or (mine_pks & linked)
        earlier = best(pks) if pks <= matches.keys() else by_pk[min(pks)]
        d.repeat_kind, d.earlier_case = RepeatKind.REPEAT, earlier
        detail = how(earlier.pk) if earlier.pk in matches else "登记时已关联"
        d.say("repeat", f"重复访：同一信访人（证件号码或手机号码相同）已于"
                        f"{earlier.received_on:%Y-%m-%d}反映同一事项，既往件{earlier.number}"
                        f"（{earlier.get_status_display()}），{detail}。如既往件已受理且在办理期限内"
                        f"向上级重复提出，依{_ARTICLE_19}不予受理；复核终结后以同一事实和理由提出的，"
                        f"依{_ARTICLE_36}不再受理。", case=earlier.number)
        return
    others = {pk for pk in same_matter if matches[pk].kind == "near_duplicate"} or same_matter
    if others:
        earlier = best(others)
        d.repeat_kind, d.earlier_case = RepeatKind.SAME_MATTER, earlier
        d.say("repeat", f"同一事项：其他信访人已于{earlier.received_on:%Y-%m-%d}反映，"
                        f"既往件{earlier.number}（{earlier.get_status_display()}），{how(earlier.pk)}。"
                        f"建议关联既往件，合并办理。", case=earlier.number)
        return
    if mine:
        d.repeat_kind = RepeatKind.SAME_PERSON
        d.say("repeat", f"同一信访人另有{len(mine)}件其他事项：" +
              "、".join(c.number for c in mine[:5]) + "。")


@functools.lru_cache(maxsize=20_000)
def _entity_name(text: str) -> str:
    """The key entity of a case that has no proposal yet (memoised by text: cases registered before
    triage ran, imports); a case with a proposal carries it as ``TriageProposal.entity``."""
    found = dedup.key_entity(text)
    return found.name if found and found.kind not in _NOT_GROUP_KINDS else ""


_NOT_GROUP_KINDS = ("area", "road", "village", "place")


def _find_group(case: Case, text: str, d: Draft) -> None:
    """Many petitioners about the same entity within a short window → one collective matter."""
    ent = dedup.key_entity(text)
    if ent is None or ent.kind in _NOT_GROUP_KINDS:
        return
    d.entity = ent.name[:50]
    days = _setting("XINFANG_TRIAGE_GROUP_DAYS")
    minimum = _setting("XINFANG_TRIAGE_GROUP_MIN_PETITIONERS")
    since = case.received_on - dt.timedelta(days=days)
    recent = [pk for pk in _in_window(case, since).order_by("-received_on", "-pk")
              .values_list("pk", flat=True) if pk in d.earlier_ids][:300]
    hits: list[int] = []
    for pk, proposal, entity, *texts in Case.objects.filter(pk__in=recent).values_list(
            "pk", "triage__pk", "triage__entity", *dupindex.TEXT_FIELDS):
        name = entity if proposal is not None else _entity_name(dupindex.text_of(*texts))
        if name and dedup.same_entity(name, ent.name):
            hits.append(pk)
    if not hits:
        return
    group = list(Case.objects.filter(pk__in=hits).order_by("-received_on", "-pk"))
    people = set(Petitioner.objects.filter(parties__case__in=[*group, case])
                 .values_list("pk", flat=True))
    extra = sum(max(c.headcount - c.parties.count(), 0) for c in [*group, case])
    total = len(people) + extra
    if total < minimum:
        return
    d.group_cases, d.group_petitioners = group, total
    d.say("group", f"群体性事项：{days}日内已有{len(group)}件信访件反映“{ent.name}”，涉及约{total}人。"
                   f"建议作为一个集体事项统筹办理（第20条：多人反映同一事项的，推选代表）。",
          cases=[c.number for c in group[:20]])


def _simplified_allowed(case: Case, d: Draft) -> None:
    """简易办理 only for first-time, individual, route (6) items (国信办发〔2022〕17号)."""
    if not d.simplified:
        return
    blockers = []
    if d.legal_route in PROCEDURE_ROUTES:
        blockers.append("属依法导入法定程序的事项")
    if not case.is_first_time or d.repeat_kind == RepeatKind.REPEAT:
        blockers.append("非初次信访")
    if case.is_collective or case.headcount >= 5 or d.group_cases:
        blockers.append("集体或多人事项")
    if case.sending_unit_id:
        blockers.append("上级交办事项")
    if blockers:
        d.simplified = False
        d.say("simplified", "不适用简易办理：" + "、".join(blockers) + "。")
    else:
        d.say("simplified", "可简易办理：初次、个人、事实清楚的咨询或意见建议类事项，"
                            "3个工作日内决定是否受理，受理后10个工作日内答复。")


# --- services -----------------------------------------------------------------------------------

def triage_propose(*, case: Case) -> TriageProposal:
    """Propose category, unit, legal route (Art. 31), purpose, repeats and group matter for a case."""
    text = case_text(case)
    dupindex.catch_up()  # this case and any other newly routed ones into the shared index
    d = Draft(earlier_ids=_earlier_ids(case))
    _classify(case, text, d)
    _apply_rules(case, text, d)
    if d.unit is None and not d.ask_human:
        _unit_from_history(case, d)
    accused = case.accused_unit
    if d.unit is not None and accused is not None and d.unit.is_within(accused):
        d.say("rule", f"不建议由{d.unit}承办：揭发控告材料不得转交被反映单位（第30条）。")
        d.unit = None
    _find_repeats(case, text, d)
    _find_group(case, text, d)
    if not d.legal_route and not d.ask_human:
        d.legal_route = LegalRoute.PETITION
    _simplified_allowed(case, d)
    if d.ask_human:
        d.unit = d.unit if d.route_rule is not None else None
    values = {
        "category": d.category, "category_label": d.category_label, "confidence": d.confidence,
        "unit": d.unit, "legal_route": d.legal_route, "purpose": d.purpose,
        "simplified": d.simplified, "ask_human": d.ask_human, "route_rule": d.route_rule,
        "reasons": d.reasons, "repeat_kind": d.repeat_kind, "earlier_case": d.earlier_case,
        "entity": d.entity, "group_petitioners": d.group_petitioners,
        "model_version": d.model_version, "created_at": clock.now(), "decided": False,
    }
    with transaction.atomic():
        proposal, _ = TriageProposal.objects.update_or_create(case=case, defaults=values)
        proposal.group_cases.set(d.group_cases)
    return proposal


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in values.items():
        if hasattr(value, "pk"):
            out[key] = {"id": value.pk, "name": str(getattr(value, "number", None) or value)}
        else:
            out[key] = value
    return out


def triage_accept(
    *, case: Case, actor: Any, corrections: dict[str, Any] | None = None
) -> TriageCorrection:
    """Apply the proposal (with the registrar's corrections) by the TRIAGE action (Art. 22, 31)."""
    proposal = TriageProposal.objects.filter(case=case).first() or triage_propose(case=case)
    corrections = dict(corrections or {})
    case.refresh_from_db(fields=["status"])
    if proposal.ask_human and not corrections:
        raise InvalidParams("本件需人工研判：模型把握不足或模型未安装，请填写分类结果后提交。")
    if case.status != Status.REGISTERED:
        raise InvalidParams(f"信访件当前状态为“{case.get_status_display()}”，已不能甄别分类。")
    proposed = {
        "category": proposal.category, "unit": proposal.unit,
        "legal_route": proposal.legal_route, "purpose": proposal.purpose or case.purpose,
        "simplified": proposal.simplified,
        "earlier_case": proposal.earlier_case,
        "link_group": proposal.is_group_matter,
    }
    final = dict(proposed)
    for key in FIELDS:
        if key in corrections:
            final[key] = corrections[key]
    changed = [k for k in FIELDS if k in corrections and _key(final[k]) != _key(proposed[k])]
    category = final["category"] or case.category
    params = {
        "category": category.pk if category else "",
        "purpose": final["purpose"] or case.purpose,
        "legal_route": final["legal_route"] or "",
        "simplified": bool(final["simplified"]),
        "accused_unit": case.accused_unit_id or "",
    }
    with transaction.atomic():
        case = case_transition(case_id=case.pk, action=Action.TRIAGE, actor=actor, params=params)
        earlier = final["earlier_case"]
        grouped = final["link_group"] and proposal.is_group_matter
        if grouped and earlier is not None and proposal.group_cases.filter(pk=earlier.pk).exists():
            earlier = None  # linked below as one of the group, with the group's name
        if earlier is not None and earlier.pk != case.pk and visible_cases(actor).filter(
                pk=earlier.pk).exists() and not case.related_cases.filter(pk=earlier.pk).exists():
            case = case_transition(case_id=case.pk, action=Action.LINK, actor=actor, params={
                "earlier_case": earlier.number})
        if grouped:
            _link_group(case, proposal, actor)
        top = level1(final["category"])
        correction = TriageCorrection.objects.create(
            proposal=proposal, case=case, accepted=not changed, changed_fields=changed,
            proposed=_snapshot(proposed), final=_snapshot(final), category=final["category"],
            category_label=top.name if top else (proposal.category_label if "category"
                                                 not in changed else ""),
            unit=final["unit"], by=actor, at=clock.now(),
        )
        proposal.decided = True
        proposal.save(update_fields=["decided"])
    return correction


def _link_group(case: Case, proposal: TriageProposal, actor: Any) -> None:
    """Art. 20: many petitioners, one matter. The group's earlier cases (those the registrar may see)
    become related cases of this one, so they are found, supervised and answered together; each
    timeline says so."""
    group = list(proposal.group_cases.filter(pk__in=visible_cases(actor).values("pk"))
                 .order_by("registered_at"))
    if not group:
        return
    linked = set(case.related_cases.values_list("pk", flat=True))
    for other in group:
        if other.pk in linked:  # already linked as the earlier case
            continue
        case_transition(case_id=case.pk, action=Action.LINK, actor=actor, params={
            "earlier_case": other.number, "group": proposal.entity, "group_size": len(group)})


def _key(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else (value or None)

