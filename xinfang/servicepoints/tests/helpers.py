"""Building needs for the tests: a village point (东街社区) and its township's point (城关镇), each
with the default catalogue and providers; needs recorded by the township's registrar (包村干部)."""

from __future__ import annotations

from xinfang.orgs.models import Role
from xinfang.servicepoints.models import Provider, ProviderKind, ServicePoint
from xinfang.servicepoints.services import default_catalogue
from xinfang.servicepoints.states import NeedAction
from xinfang.servicepoints.workflow import need_record, need_transition

A = NeedAction

VISITOR = {"visitor_name": "李四", "visitor_phone": "13912345678", "place": "东街社区第三小组",
           "text": "邻居加建围墙占用通道，双方争执，请求调解。"}


def point(county, *, village=True, name=None):  # noqa: ANN001, ANN201
    """The village's (or the township's) service point with its catalogue and two providers: the
    township's handler (staff, every service) and a named lawyer (法律服务 only)."""
    unit = county.village if village else county.township
    p, made = ServicePoint.objects.get_or_create(
        unit=unit, name=name or f"{unit.name}信访超市")
    if made:
        services = {s.name: s for s in default_catalogue(p)}
        staff = Provider.objects.create(point=p, kind=ProviderKind.STAFF,
                                        user=county.user(county.township, Role.HANDLER))
        staff.services.set(services.values())
        lawyer = Provider.objects.create(point=p, kind=ProviderKind.LAWYER, name="赵律师")
        lawyer.services.set([services["法律服务"]])
    return p


def worker(county):  # noqa: ANN001, ANN201
    return county.user(county.township, Role.REGISTRAR)


def record(county, p=None, **kw):  # noqa: ANN001, ANN201, ANN003
    p = p or point(county)
    return need_record(actor=kw.pop("actor", None) or worker(county),
                       params={**VISITOR, "point": p.pk, **kw})


def service(p, name="评理调解"):  # noqa: ANN001, ANN201
    return p.services.get(name=name)


def staff_provider(p):  # noqa: ANN001, ANN201
    return p.providers.get(kind=ProviderKind.STAFF)


def step(n, action, actor, **params):  # noqa: ANN001, ANN201, ANN003
    return need_transition(need_id=n.pk, action=action, actor=actor, params=params)


def assign(county, n, name="评理调解"):  # noqa: ANN001, ANN201
    n.refresh_from_db()
    return step(n, A.ASSIGN, worker(county), service=service(n.point, name).pk,
                provider=staff_provider(n.point).pk)


def finish(county, n, satisfaction="satisfied"):  # noqa: ANN001, ANN201
    """Assign (if not yet), start and finish at the point holding the need."""
    n.refresh_from_db()
    if n.status in ("recorded", "referred"):
        n = assign(county, n)
    if n.status == "assigned":
        n = step(n, A.START, worker(county))
    return step(n, A.FINISH, worker(county), outcome="经调解，双方同意拆除加建部分，恢复通行。",
                satisfaction=satisfaction)


def refer(county, n):  # noqa: ANN001, ANN201
    point(county, village=False)  # the township's point must exist
    return step(n, A.REFER, worker(county), reason="涉及宅基地界址，村里无法确认。")


def petition(county, n, **kw):  # noqa: ANN001, ANN201, ANN003
    return step(n, A.PETITION, worker(county), **{
        "title": "邻里通道纠纷调解不成", "request": "请求依法确认通道归属。", "purpose": "request", **kw})


# ---- 四诊合一接访 ----------------------------------------------------------------------------------------

HEARD = {"visitor_name": "钱五", "visitor_phone": "13700001111", "place": "东街社区第二小组",
         "text": "宅基地边界与邻居有争议，多次协商不成。"}


def receive(county, actor=None, **kw):  # noqa: ANN001, ANN201, ANN003
    from xinfang.servicepoints.consults import consult_create
    from xinfang.servicepoints.states import ConsultAction

    return consult_create(action=ConsultAction.RECEIVE, actor=actor or worker(county),
                          params={**HEARD, "unit": county.village.pk, **kw})


def plan(county, actor=None, **kw):  # noqa: ANN001, ANN201, ANN003
    import datetime as dt

    from xinfang.core import clock
    from xinfang.servicepoints.consults import consult_create
    from xinfang.servicepoints.states import ConsultAction

    return consult_create(action=ConsultAction.PLAN, actor=actor or worker(county), params={
        "unit": county.village.pk, "planned_on": (clock.today() + dt.timedelta(days=2)).isoformat(),
        "place": "东街社区8号孙家", "topic": "征迁补偿", **kw})


def cstep(c, action, actor, **params):  # noqa: ANN001, ANN201, ANN003
    from xinfang.servicepoints.consults import consult_transition

    return consult_transition(consult_id=c.pk, action=action, actor=actor, params=params)


# ---- 坐诊预约 ------------------------------------------------------------------------------------------

BOOKER = {"name": "张三", "phone": "13812345678", "matter": "村道路灯坏了半年，晚上出行不便。"}


def reception_day(county, *, weekday=None, capacity=2, **kw):  # noqa: ANN001, ANN201, ANN003
    """The village's fixed reception day: today's weekday unless told, so today is a date of it."""
    from xinfang.core import clock
    from xinfang.servicepoints.models import ReceptionDay

    day, _made = ReceptionDay.objects.get_or_create(
        unit=county.village, weekday=clock.today().weekday() if weekday is None else weekday,
        defaults={"host": "村党组织书记王某", "place": "东街社区党群服务中心",
                  "capacity": capacity, **kw})
    return day


def book_sitting(county, day=None, date=None, **kw):  # noqa: ANN001, ANN201, ANN003
    """A citizen's booking on the portal (a receipt: `.booking`, `.code`)."""
    import secrets

    from xinfang.core import clock
    from xinfang.servicepoints.sittings import sitting_book_online

    day = day or reception_day(county)
    date = date or day.next_dates(clock.today(), 1)[0]
    return sitting_book_online(params={**BOOKER, "reception": day.pk, "date": date.isoformat(),
                                       "token": secrets.token_urlsafe(24), **kw})


def sstep(b, action, actor, **params):  # noqa: ANN001, ANN201, ANN003
    from xinfang.servicepoints.sittings import sitting_transition

    return sitting_transition(booking_id=b.pk, action=action, actor=actor, params=params)
