"""The generated 100,000-case database of bench/pages.py (issue 15), written in bulk.

No engine call per case (100,000 registrations through the services take hours): the rows the engine
would have written are generated and inserted directly, with COPY on PostgreSQL and `executemany`
in large transactions on SQLite, ids assigned here. What a case gets, by its status (every status of
`cases.states.Status` occurs):

- the steps that lead to the status (`PATHS`: transfer / assign / accept / answer / review ...), each
  a `case.status_changed` event with the action and the old and new status codes, a `case.routed`
  event when the case moves to another unit, the `CaseAccess` row of every unit it reached;
- the clocks those steps start and end (`deadlines.started` / `deadlines.ended` events): the last
  one still running when the status waits for a staff step, its state from its due date (due soon,
  overdue with a `deadlines.overdue` event and `breached_on`), `Case.next_due` as
  `deadlines.services.sync_next_due` keeps it; a petitioner's window lapsed when past;
- the opinion (处理意见书 / 复查 / 复核) and, for two thirds of the answered ones, the rating;
- a petitioner with encrypted name, ID number, phone and address and their blind indexes;
- a named officer on a third of the accepted cases held by a unit with a handler, an open 督办 on 3 % of the
  cases assigned, accepted or in 依法履职.

Every case's events are hash-chained as `cases.events.record_event` chains them. The data is
generated, not real: titles and names are placeholders unless `texts` are given (bench/province_data.py
draws them from the shared real messages, with generated names and ID numbers).

bench/pages.py's five counties (`five_counties`, the default) or any `areas`, one process or several
(`build_parallel`), on SQLite or PostgreSQL. bench/province_data.py's 120 counties are written by
bench/province_copy.py (COPY text, PostgreSQL only, ~10x cheaper per case) with this module's
`PATHS`, `WEIGHTS` and `CLOCKS`: a change to what a status holds is made here, for both.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from typing import Any

COUNTIES = "ABCDE"

# status -> steps from registration: (action, status after, who holds the case after: "keep",
# "holder" (the unit chosen for the case), "county" (the county government: 复查/复核))
PATHS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "registered": (),
    "transferred": (("transfer", "transferred", "holder"),),
    "assigned": (("assign", "assigned", "holder"),),
    "objected": (("assign", "assigned", "holder"), ("object", "objected", "keep")),
    "routed": (("route", "routed", "keep"),),
    "duty": (("assign", "assigned", "holder"), ("take_up", "duty", "keep")),
    "duty_done": (("assign", "assigned", "holder"), ("take_up", "duty", "keep"),
                  ("discharge", "duty_done", "keep")),
    "accepted": (("assign", "assigned", "holder"), ("accept", "accepted", "keep")),
    "not_accepted": (("not_accept", "not_accepted", "keep"),),
    "not_reaccepted": (("refuse_repeat", "not_reaccepted", "keep"),),
    "answered": (("assign", "assigned", "holder"), ("accept", "accepted", "keep"),
                 ("answer", "answered", "keep")),
    "closed": (("assign", "assigned", "holder"), ("accept", "accepted", "keep"),
               ("answer", "answered", "keep"), ("close", "closed", "keep")),
    "review_requested": (("assign", "assigned", "holder"), ("accept", "accepted", "keep"),
                         ("answer", "answered", "keep"),
                         ("request_review", "review_requested", "county")),
    "reviewed": (("assign", "assigned", "holder"), ("accept", "accepted", "keep"),
                 ("answer", "answered", "keep"), ("request_review", "review_requested", "county"),
                 ("answer_review", "reviewed", "keep")),
    "recheck_requested": (("assign", "assigned", "holder"), ("accept", "accepted", "keep"),
                          ("answer", "answered", "keep"),
                          ("request_review", "review_requested", "county"),
                          ("answer_review", "reviewed", "keep"),
                          ("request_recheck", "recheck_requested", "keep")),
    "rechecked": (("assign", "assigned", "holder"), ("accept", "accepted", "keep"),
                  ("answer", "answered", "keep"), ("request_review", "review_requested", "county"),
                  ("answer_review", "reviewed", "keep"),
                  ("request_recheck", "recheck_requested", "keep"),
                  ("answer_recheck", "rechecked", "keep")),
    "merged": (("assign", "assigned", "holder"), ("accept", "accepted", "keep"),
               ("merge", "merged", "keep")),
}
# (weight among recent cases, weight among cases older than RECENT days): open work is recent
WEIGHTS: dict[str, tuple[int, int]] = {
    "registered": (10, 1), "transferred": (8, 1), "assigned": (8, 1), "objected": (1, 0),
    "routed": (3, 4), "duty": (4, 1), "duty_done": (2, 5), "accepted": (30, 4),
    "not_accepted": (2, 6), "not_reaccepted": (1, 1), "answered": (12, 6), "closed": (6, 50),
    "review_requested": (4, 1), "reviewed": (2, 6), "recheck_requested": (2, 1),
    "rechecked": (1, 5), "merged": (1, 2),
}
RECENT = 90
# action -> (clocks it starts: kind, days, article, for the petitioner; clocks it stops)
CLOCKS: dict[str, tuple[tuple[tuple[str, int, str, bool], ...], tuple[str, ...]]] = {
    "register": ((("intake", 15, "第22条", False),), ()),
    "transfer": ((("acceptance_notice", 15, "第23条", False),), ("intake",)),
    "assign": ((("acceptance_notice", 15, "第23条", False),
                ("assignment", 60, "第22条第（三）项", False)), ("intake",)),
    "object": ((), ()),
    "route": ((), ("intake", "acceptance_notice", "assignment")),
    "take_up": ((("duty", 60, "第31条第（五）项", False),), ("intake", "acceptance_notice")),
    "discharge": ((), ("duty", "assignment")),
    "accept": ((("handling", 60, "第34条", False),), ("intake", "acceptance_notice")),
    "not_accept": ((), ("intake", "acceptance_notice", "assignment")),
    "refuse_repeat": ((), ("intake", "acceptance_notice", "assignment")),
    "answer": ((("review_request", 30, "第35条", True),), ("handling", "assignment")),
    "close": ((), ("review_request",)),
    "request_review": ((("review", 30, "第35条", False),), ("review_request",)),
    "answer_review": ((("recheck_request", 30, "第36条", True),), ("review",)),
    "request_recheck": ((("recheck", 30, "第36条", False),), ("recheck_request",)),
    "answer_recheck": ((), ("recheck",)),
    "merge": ((), ("intake", "acceptance_notice", "assignment", "handling")),
}
PLAIN = set()  # filled on first use (Django's field classes whose value is the attribute)
STAGE = {"answer": "handling", "answer_review": "review", "answer_recheck": "recheck"}


class Writer:
    """Rows of many models inserted in bulk, ids assigned here (COPY on PostgreSQL)."""

    def __init__(self) -> None:
        from django.db import connection, models

        self.connection = connection
        PLAIN.update({models.CharField, models.TextField, models.IntegerField, models.BooleanField,
                      models.PositiveIntegerField, models.PositiveSmallIntegerField,
                      models.SmallIntegerField, models.BigIntegerField, models.AutoField,
                      models.BigAutoField, models.ForeignKey, models.OneToOneField})
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # a bench database: rebuilt, not recovered, after a crash (a test's cannot change it)
            with connection.cursor() as cur:
                cur.execute("PRAGMA synchronous = OFF")
        self.next_id: dict[Any, int] = {}
        self.rows: dict[Any, list] = {}
        self.defaults: dict[Any, list] = {}

    def id_for(self, model: Any) -> int:
        if model not in self.next_id:
            from django.db.models import Max

            self.next_id[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        value = self.next_id[model]
        self.next_id[model] += 1
        return value

    def new(self, model: Any, **values: Any) -> Any:
        """An unsaved instance with its id, built without Model.__init__ (a tenth of the cost):
        each field's default, then `values` by attribute name (`case_id`, not `case`)."""
        from django.db.models.base import ModelState

        if model not in self.defaults:
            self.defaults[model] = [(f.attname, f) for f in model._meta.concrete_fields]
        obj = model.__new__(model)
        obj._state = ModelState()
        obj.__dict__.update({name: f.get_default() for name, f in self.defaults[model]
                             if name not in values})
        obj.__dict__.update(values)
        obj.__dict__["id"] = self.id_for(model)
        return obj

    def add(self, obj: Any) -> Any:
        if obj.pk is None:
            obj.pk = self.id_for(type(obj))
        self.rows.setdefault(type(obj), []).append(obj)
        return obj

    def flush(self, order: Sequence[Any]) -> None:
        for model in order:
            objs = self.rows.pop(model, [])
            if objs:
                self._insert(model, objs)

    def _insert(self, model: Any, objs: list) -> None:
        conn = self.connection
        fields = list(model._meta.concrete_fields)
        columns = [f.column for f in fields]
        convert = [self._converter(f) for f in fields]
        rows = ([fn(o) for fn in convert] for o in objs)
        table = model._meta.db_table
        qn = conn.ops.quote_name
        with conn.cursor() as cur:
            if conn.vendor == "postgresql":
                sql = f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
                with cur.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cur.executemany(f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) "
                                f"VALUES ({marks})", list(rows))

    def _converter(self, field: Any) -> Any:
        """The column's value from an object: the attribute itself for Django's plain fields (the
        same value get_db_prep_save gives them, ten times cheaper), else get_db_prep_save."""
        from django.db import models

        conn, attname = self.connection, field.attname
        if type(field) in PLAIN:
            return lambda o: getattr(o, attname)
        if type(field) is models.DateField:
            if conn.vendor == "postgresql":
                return lambda o: getattr(o, attname)
            return lambda o: None if getattr(o, attname) is None else getattr(o, attname).isoformat()
        return lambda o: field.get_db_prep_save(field.pre_save(o, True), conn)

    def finish(self, models: Iterable[Any]) -> None:
        """PostgreSQL: the id sequences continue after the ids given here."""
        if self.connection.vendor != "postgresql":
            return
        from django.core.management.color import no_style

        with self.connection.cursor() as cur:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), list(models)):
                cur.execute(sql)


def five_counties() -> list[dict]:
    """bench/pages.py's org tree: five counties of `build_county` under one province and city."""
    from xinfang.cases.scenarios import build_county
    from xinfang.orgs.models import Role

    first = build_county(COUNTIES[0])
    counties = [first] + [build_county(code, province=first.province, city=first.city)
                          for code in COUNTIES[1:]]
    areas = []
    for c in counties:
        c.leader()  # the county government's leader: lands on the dashboard
        units = [c.bureau, c.housing, c.township, c.political_legal, c.discipline, c.village,
                 *c.departments]
        areas.append({
            "bureau": c.bureau, "county": c.county, "townships": [c.township],
            "holders": [u for u in units if u.pk != c.bureau.pk],
            "registrar": c.user(c.bureau, Role.REGISTRAR),
            "approver": {u.pk: c.staff.get((u.pk, Role.APPROVER)) for u in units + [c.county]},
            "handler": {u.pk: c.staff.get((u.pk, Role.HANDLER)) for u in units + [c.county]},
        })
    return areas


def build(n: int, seed: int, progress: Any = None, *, areas: list[dict] | None = None,
          days: int = 400, texts: Sequence[tuple[str, str, str]] | None = None,
          chunk: int = 5000, first: int = 0, id_base: int | None = None) -> None:
    """`n` generated cases received over the last `days` days, dealt round the `areas` (default
    `five_counties()`; each a county: its bureau, government, townships, the units that may hold
    its cases and their staff), written `chunk` cases per transaction so memory stays flat.
    `texts`: (title, request, facts) drawn for each case, else a placeholder (see the docstring).
    One worker of several (`build_parallel`): the cases `first` .. `first + n - 1` (case id = index
    + 1 on an empty database), the other tables' ids from `id_base`, no sequence reset."""
    from django.db import transaction

    from xinfang.cases.chain import CHAIN_VERSION, event_hash
    from xinfang.cases.models import (
        Case,
        CaseAccess,
        CaseEvent,
        CasePetitioner,
        Category,
        Opinion,
        Petitioner,
        Rating,
    )
    from xinfang.core import clock
    from xinfang.deadlines.models import Deadline
    from xinfang.orgs.models import Unit
    from xinfang.resolution.models import SupervisionOrder

    rng = random.Random(seed)
    per_county = areas if areas is not None else five_counties()
    leaves = list(Category.objects.filter(level=3, active=True).values_list("pk", flat=True)) or [None]
    statuses = list(WEIGHTS)
    recent_w = [WEIGHTS[s][0] for s in statuses]
    old_w = [WEIGHTS[s][1] for s in statuses]
    channels = ["letter", "visit", "online", "phone", "platform", "leader_mailbox"]
    channel_w = [25, 20, 35, 12, 6, 2]
    purposes = ["request", "request", "request", "suggestion", "appeal", "other"]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
    today, now = clock.today(), clock.now()
    soon = 5
    order = [Case, CaseAccess, Deadline, CaseEvent, Petitioner, CasePetitioner, Opinion, Rating,
             SupervisionOrder]
    w = Writer()
    if id_base is not None:
        w.next_id[Case] = first + 1
        w.next_id.update({model: id_base for model in order[1:]})
    names = dict(Unit.objects.values_list("pk", "name"))

    def clock_row(case: Any, kind: str, days: int, article: str, petitioner: bool, unit_id: int,
                  started: dt.date) -> Any:
        return w.new(Deadline, case_id=case.pk, kind=kind, unit_id=unit_id,
                        started_on=started, days=days, day_unit="calendar",
                        due_on=started + dt.timedelta(days=days), state="open", article=article,
                        for_petitioner=petitioner)

    for start in range(first, first + n, chunk):
        with transaction.atomic():
            for i in range(start, min(first + n, start + chunk)):
                k = per_county[i % len(per_county)]
                bureau, registrar = k["bureau"], k["registrar"]
                age = rng.randint(0, days)
                status = rng.choices(statuses, recent_w if age <= RECENT else old_w)[0]
                received = today - dt.timedelta(days=age)
                holder = bureau if rng.random() < 0.3 else rng.choice(k["holders"])
                path = PATHS[status]
                if path and path[0][0] in ("assign", "transfer") and holder == bureau:
                    if len(path) > 1 and path[1][0] in ("accept", "take_up"):
                        path = path[1:]  # the bureau accepts what it handles itself
                    else:
                        holder = rng.choice(k["holders"])
                registered_at = now - dt.timedelta(days=age, minutes=rng.randint(0, 600))
                townships = k["townships"]
                problem = townships[0] if len(townships) == 1 else rng.choice(townships)
                if texts:
                    title, request, facts = rng.choice(texts)
                else:
                    title, request, facts = f"楼道漏水（{i}）", "请求维修。", "三号楼楼道漏水。"
                case = w.new(
                    Case, number=f"{bureau.code}-{received.year}-{i:06d}",
                    status="registered", channel=rng.choices(channels, channel_w)[0],
                    purpose=rng.choice(purposes), category_id=rng.choice(leaves),
                    problem_unit_id=problem.pk, title=title, request=request,
                    facts_reasons=facts, received_on=received,
                    registered_at=registered_at, registered_unit_id=bureau.pk,
                    registered_by_id=registrar.pk, holding_unit_id=bureau.pk,
                    is_first_time=rng.random() < 0.8)
                events: list[tuple] = []  # (type, action, old, new, data, actor)
                running: dict[str, Any] = {}
                clocks: list[Any] = []
                reached = {bureau.pk: "registered"}
                day = received

                def start_clocks(action: str, on: dt.date, actor: Any, *, case: Any = case,
                                 running: dict = running, clocks: list = clocks,
                                 events: list = events) -> None:
                    starts, stops = CLOCKS[action]
                    for kind in stops:
                        d = running.pop(kind, None)
                        if d is not None:
                            d.state, d.ended_on = "met", min(on, today)
                            if d.due_on < on and not d.for_petitioner:
                                d.state, d.breached_on = "met_late", d.due_on + dt.timedelta(days=1)
                            events.append(("deadlines.ended", "", str(d.due_on), d.state,
                                           {"kind": kind, "deadline": d.pk}, actor))
                    for kind, days, article, petitioner in starts:
                        d = clock_row(case, kind, days, article, petitioner, case.holding_unit_id, on)
                        running[kind] = d
                        clocks.append(d)
                        events.append(("deadlines.started", "", "", str(d.due_on),
                                       {"kind": kind, "deadline": d.pk, "days": days,
                                        "unit": "calendar", "article": article,
                                        "provisional": False}, actor))

                actor = registrar
                events.append(("case.registered", "", "", "registered",
                               {"channel": case.channel, "new": "registered"}, registrar))
                start_clocks("register", day, actor)
                for action, new, move in path:
                    day = min(today, day + dt.timedelta(days=rng.randint(1, 20)))
                    if move != "keep":
                        unit = holder if move == "holder" else k["county"]
                        if unit.pk != case.holding_unit_id:
                            events.append(("case.routed", action, names[case.holding_unit_id],
                                           unit.name, {"from": case.holding_unit_id, "to": unit.pk},
                                           actor))
                            case.sending_unit_id = case.holding_unit_id
                            case.holding_unit_id = unit.pk
                            reached.setdefault(unit.pk, "transfer" if move == "holder" else "review")
                    actor = (k["approver"].get(case.holding_unit_id) if action in STAGE
                             else k["handler"].get(case.holding_unit_id)) or registrar
                    events.append(("case.status_changed", action, case.status, new,
                                   {"params": {}}, actor))
                    case.status = new
                    start_clocks(action, day, actor)
                    if action in STAGE:
                        stage = STAGE[action]
                        w.add(w.new(Opinion, case_id=case.pk, stage=stage, unit_id=case.holding_unit_id,
                                      outcome=rng.choice(["support", "explain", "reject"]),
                                      text="经调查核实，答复如下。", legal_basis="《信访工作条例》第三十二条",
                                      issued_on=day, issued_by_id=actor.pk))
                        case.outcome = "support"
                        if rng.random() < 0.66:
                            sat = rng.choices(["satisfied", "basically", "dissatisfied"], [6, 3, 1])[0]
                            w.add(w.new(Rating, case_id=case.pk, stage=stage, satisfaction=sat,
                                         recorded_at=registered_at + (day - received),
                                         recorded_by_id=registrar.pk))
                            events.append(("case.rated", "rate", "", sat, {"stage": stage}, registrar))
                    if action == "merge":
                        # 并案 into the county's case generated just before this one (same matter)
                        case.merged_into_id = (case.pk - len(per_county)
                                           if i - first >= len(per_county) else None)
                # what is still running: states as the nightly scan leaves them
                for kind, d in running.items():
                    if d.for_petitioner:
                        if d.due_on < today:
                            d.state, d.ended_on = "cancelled", d.due_on + dt.timedelta(days=1)
                            events.append(("deadlines.lapsed", "", str(d.due_on), "cancelled",
                                           {"kind": kind, "deadline": d.pk}, None))
                    elif d.due_on < today:
                        d.state, d.breached_on = "overdue", d.due_on + dt.timedelta(days=1)
                        events.append(("deadlines.overdue", "", str(d.due_on), "overdue",
                                       {"kind": kind, "deadline": d.pk,
                                        "days": (today - d.due_on).days, "due_on": str(d.due_on),
                                        "article": d.article}, None))
                    elif (d.due_on - today).days <= soon:
                        d.state = "due_soon"
                        events.append(("deadlines.due_soon", "", str(d.due_on), "due_soon",
                                       {"kind": kind, "deadline": d.pk,
                                        "days": (d.due_on - today).days}, None))
                staff_due = [d.due_on for d in running.values()
                             if not d.for_petitioner and d.state != "cancelled"]
                case.next_due = min(staff_due) if staff_due else None
                if status == "accepted" and rng.random() < 0.33:
                    officer = k["handler"].get(case.holding_unit_id)
                    case.assigned_officer_id = officer.pk if officer else None
                w.add(case)
                for unit_id, reason in reached.items():
                    w.add(w.new(CaseAccess, case_id=case.pk, unit_id=unit_id, reason=reason))
                for d in clocks:
                    w.add(d)
                prev = ""
                at = registered_at
                for step, (type_, action, old, new, data, who) in enumerate(events):
                    e = w.new(CaseEvent, case_id=case.pk, kind=_kind(type_), type=type_,
                                  action=action,
                                  actor_id=who.pk if who and type_ not in SYSTEM else None,
                                  unit_id=who.unit_id if who and type_ not in SYSTEM else None,
                                  at=at + dt.timedelta(minutes=step), old_value=old, new_value=new,
                                  data=data, prev_hash=prev, chain_version=CHAIN_VERSION)
                    e.hash = prev = event_hash(e, prev)
                    w.add(e)
                if texts:
                    person = w.new(Petitioner, name=rng.choice(surnames) + rng.choice(given),
                                   id_number=_id_number(rng, received), phone=f"139{case.pk:08d}",
                                   address=f"{problem.name}{rng.randint(1, 200)}号")
                else:
                    person = w.new(Petitioner, name=f"张{case.pk}",
                                   id_number="11010519491231002X", phone=f"139{case.pk:08d}",
                                   address="城关镇东街1号")
                for index, value in person.blind_index_values().items():
                    setattr(person, index, value)
                w.add(person)
                w.add(w.new(CasePetitioner, case_id=case.pk, petitioner_id=person.pk))
                if case.status in ("accepted", "assigned", "duty") and rng.random() < 0.03:
                    w.add(w.new(
                        SupervisionOrder, case_id=case.pk, kind="duban", status="open",
                        issuing_unit_id=bureau.pk, issued_by_id=k["approver"][bureau.pk].pk,
                        target_unit_id=case.holding_unit_id,
                        issued_on=today, instructions="请办结并回复",
                        due_on=today + dt.timedelta(days=15)))
            w.flush(order)
        if progress is not None:
            progress(min(first + n, start + chunk) - start)
    if id_base is None:
        w.finish(order)
        from xinfang.cases import reach

        reach.rebuild()  # the jurisdiction index, from the access rows written


ROWS_PER_CASE = 64  # more than any case's events, clocks, accesses ... (a worker's id block)


def build_parallel(n: int, seed: int, workers: int, progress: Any = None, **kwargs: Any) -> None:
    """`build` in `workers` processes (forked, one connection each) on an empty database: worker
    k writes an equal share of the cases, with the seed `seed + k` and its own block of ids, then
    the id sequences continue after the highest."""
    import multiprocessing
    import time

    from django.db import connections

    from xinfang.cases.models import (
        Case,
        CaseAccess,
        CaseEvent,
        CasePetitioner,
        Opinion,
        Petitioner,
        Rating,
    )
    from xinfang.deadlines.models import Deadline
    from xinfang.resolution.models import SupervisionOrder

    share = -(-n // workers)
    ctx = multiprocessing.get_context("fork")
    done = ctx.Value("q", 0)

    def run(k: int) -> None:
        def count(m: int) -> None:
            with done.get_lock():
                done.value += m

        build(min(share, n - k * share), seed + k, count, first=k * share,
              id_base=k * share * ROWS_PER_CASE + 1, **kwargs)
        connections.close_all()

    connections.close_all()  # each process opens its own
    procs = [ctx.Process(target=run, args=(k,)) for k in range(workers) if k * share < n]
    for p in procs:
        p.start()
    seen = 0
    while any(p.is_alive() for p in procs) or seen < done.value:
        time.sleep(1)
        now = done.value
        if progress is not None and now > seen:
            progress(now - seen)
        seen = now
        if any(p.exitcode not in (None, 0) for p in procs):
            for p in procs:
                p.terminate()
            raise SystemExit("a builder process failed")
    for p in procs:
        p.join()
    Writer().finish([Case, CaseAccess, Deadline, CaseEvent, Petitioner, CasePetitioner, Opinion,
                     Rating, SupervisionOrder])
    from xinfang.cases import reach

    reach.rebuild()  # the jurisdiction index, from the access rows written


def _id_number(rng: random.Random, received: dt.date) -> str:
    """A resident ID number of the GB 11643 shape with its check digit (born 18-80 years before)."""
    born = received - dt.timedelta(days=rng.randint(18 * 365, 80 * 365))
    body = f"{rng.randint(110000, 659000)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * wt for d, wt in zip(body, weights, strict=True)) % 11]


SYSTEM = {"deadlines.overdue", "deadlines.due_soon", "deadlines.lapsed"}  # the nightly scan's


def _kind(type_: str) -> str:
    from xinfang.core.events import event_type

    return event_type(type_).kind
