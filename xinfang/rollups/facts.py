"""What each case contributes to the indicators, per (unit, day, measure): the same records and
predicates as the live queries of `xinfang.resolution.indicators` (docs/indicators.md), read for a
batch of cases in eight queries and counted here.

The day a fact is attributed to is the day the live computation filters its period on:

| measure | unit | day | d (denominator) | n (numerator) |
|---|---|---|---|---|
| timely_acceptance | the clock's unit | ended_on (met, met late); due_on (overdue); breached_on (running after a breach) | 1 | met on time |
| on_time_completion | same, 办理/复查/复核 clocks | same | 1 | met on time |
| participation | the opinion's unit | issued_on | 1 | rated |
| satisfaction | same, rated opinions only | issued_on | 1 | not 不满意 |
| resolution, first_time_resolution | handling opinion's (or imported answer's) unit | issued_on | 1 | settled (now) |
| repeat | every unit with access to the case | received_on | 1 | a repeat petition |
| repeat_total | every unit above or at an access unit, and 0 (all) | received_on | 1 (each case once) | a repeat petition |
| stage:<kind> | the clock's unit | ended_on | 1 | days used |

The registration day (received_on) never changes; the other days move when the record changes (a
clock overdue on its due date, then met late on the day it ended), which the ledger's difference
handles.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from xinfang.cases.models import Case, CaseAccess, Opinion, Rating, Satisfaction
from xinfang.cases.states import Status
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.imports.models import PastOpinion
from xinfang.orgs.models import Unit
from xinfang.resolution.indicators import AGREEMENT, STAGES
from xinfang.resolution.models import Mediation

Key = tuple[int, dt.date, str]  # (unit id, day, measure)
Facts = dict[Key, list[int]]  # -> [n, d]

ALL_UNITS = 0  # the unit id of the figures over every unit (a deduplicated province-wide total)
ACCEPTANCE = {K.ACCEPTANCE_NOTICE: "timely_acceptance", K.HANDLING: "on_time_completion",
              K.REVIEW: "on_time_completion", K.RECHECK: "on_time_completion"}
STAGE_KINDS = {k for k, _label in STAGES}
ENDED = {DeadlineState.MET, DeadlineState.MET_LATE}
RUNNING = {DeadlineState.OPEN, DeadlineState.DUE_SOON}
SECOND_LOOK = {K.REVIEW, K.RECHECK}


def ancestors(paths: dict[int, str]) -> dict[int, list[int]]:
    """Each unit and the units above it (from the materialised paths "/1/5/12/")."""
    return {pk: [int(x) for x in path.strip("/").split("/") if x] for pk, path in paths.items()}


def unit_paths() -> dict[int, str]:
    return dict(Unit.objects.values_list("pk", "path"))


def _clock_day(state: str, ended_on: dt.date | None, due_on: dt.date,
               breached_on: dt.date | None) -> dt.date | None:
    """The day a clock counts on in `indicators._clock_rate`, None when it does not count."""
    if state in ENDED:
        return ended_on
    if state == DeadlineState.OVERDUE:
        return due_on
    if state in RUNNING:
        return breached_on
    return None


def case_facts(case_ids: Iterable[int], *, above: dict[int, list[int]]) -> dict[int, Facts]:
    """The facts of each case (an empty dict for a case that counts nowhere)."""
    ids = list(case_ids)
    out: dict[int, Facts] = {pk: defaultdict(lambda: [0, 0]) for pk in ids}
    if not ids:
        return out
    cases = {pk: (status, first, received) for pk, status, first, received in
             Case.objects.filter(pk__in=ids).values_list("pk", "status", "is_first_time",
                                                         "received_on")}
    links = Case.related_cases.through.objects
    links_out = set(links.filter(from_case_id__in=ids).values_list("from_case_id", flat=True))
    repeated = set(links.filter(to_case_id__in=ids).values_list("to_case_id", flat=True))
    ratings: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for case_id, stage, sat in Rating.objects.filter(case_id__in=ids).values_list(
            "case_id", "stage", "satisfaction"):
        ratings[case_id].append((stage, sat))
    agreed = set(Mediation.objects.filter(case_id__in=ids, status__in=AGREEMENT)
                 .values_list("case_id", flat=True))
    clocks = list(Deadline.objects.filter(case_id__in=ids).values_list(
        "case_id", "unit_id", "kind", "state", "started_on", "due_on", "ended_on", "breached_on",
        "paused_days", "for_petitioner"))
    reviewed = {c[0] for c in clocks if c[2] in SECOND_LOOK}

    def add(case_id: int, unit_id: int, day: dt.date, measure: str, n: int, d: int = 1) -> None:
        acc = out[case_id][(unit_id, day, measure)]
        acc[0] += n
        acc[1] += d

    # clocks: 及时受理率, 按期办结率 (staff clocks only) and 平均用时 (every clock of a stage)
    for case_id, unit_id, kind, state, started, due, ended, breached, paused, for_petitioner in clocks:
        if unit_id is None:
            continue
        if kind in ACCEPTANCE and not for_petitioner:
            day = _clock_day(state, ended, due, breached)
            if day is not None:
                add(case_id, unit_id, day, ACCEPTANCE[kind], int(state == DeadlineState.MET))
        if kind in STAGE_KINDS and state in ENDED and ended is not None:
            add(case_id, unit_id, ended, f"stage:{kind}", (ended - started).days - paused)

    def settled(case_id: int, *, first_time: bool) -> bool:
        status = cases[case_id][0]
        unsatisfied = any(s == Satisfaction.UNSATISFIED for _st, s in ratings[case_id])
        ok = case_id not in repeated and (
            (status == Status.CLOSED and not unsatisfied) or case_id in agreed)
        return ok and not (first_time and case_id in reviewed)

    def answered(case_id: int, unit_id: int, day: dt.date) -> None:
        add(case_id, unit_id, day, "resolution", int(settled(case_id, first_time=False)))
        add(case_id, unit_id, day, "first_time_resolution", int(settled(case_id, first_time=True)))

    # written answers: 参评率, 满意率 (every stage); 化解率, 一次性化解率 (the handling stage)
    for case_id, unit_id, stage, issued in Opinion.objects.filter(case_id__in=ids).values_list(
            "case_id", "unit_id", "stage", "issued_on"):
        rated = [s for st, s in ratings[case_id] if st == stage]
        add(case_id, unit_id, issued, "participation", int(bool(rated)))
        if rated:
            add(case_id, unit_id, issued, "satisfaction",
                int(any(s != Satisfaction.UNSATISFIED for s in rated)))
        if stage == Opinion.Stage.HANDLING:
            answered(case_id, unit_id, issued)
    for case_id, unit_id, issued in PastOpinion.objects.filter(case_id__in=ids).values_list(
            "case_id", "unit_id", "issued_on"):
        answered(case_id, unit_id, issued)

    # 重复信访率: per unit with access, and each case once above every such unit
    access: dict[int, set[int]] = defaultdict(set)
    for case_id, unit_id in CaseAccess.objects.filter(case_id__in=ids).values_list("case_id", "unit_id"):
        access[case_id].add(unit_id)
    for case_id, units in access.items():
        _status, first, received = cases[case_id]
        repeat = int(not first or case_id in links_out)
        for unit_id in units:
            add(case_id, unit_id, received, "repeat", repeat)
        for unit_id in {a for u in units for a in above.get(u, [u])} | {ALL_UNITS}:
            add(case_id, unit_id, received, "repeat_total", repeat)
    return {pk: {k: v for k, v in facts.items() if v != [0, 0]} for pk, facts in out.items()}


def encode(facts: Facts) -> list[list]:
    return [[u, day.isoformat(), m, n, d] for (u, day, m), (n, d) in sorted(
        facts.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))]


def decode(rows: list[list]) -> Facts:
    return {(u, dt.date.fromisoformat(day), m): [n, d] for u, day, m, n, d in rows}
