"""Building deliberations for the tests: a topic of the county's village (东街社区) opened by the
township's staff, a roster of residents, a petition the township registered itself."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from xinfang.cases.scenarios import register
from xinfang.core import clock
from xinfang.deliberation.services import add_resident, cast_vote
from xinfang.deliberation.states import TopicAction
from xinfang.deliberation.workflow import topic_create, topic_transition
from xinfang.orgs.models import Role

A = TopicAction
PHONES = [f"1390000{i:04d}" for i in range(20)]
NAMES = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十"]


def staff(county, role=Role.HANDLER):  # noqa: ANN001, ANN201
    return county.user(county.township, role)


def at(days: float = 0) -> dt.datetime:
    return clock.now() + dt.timedelta(days=days)


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def residents(county, n=5, unit=None, verified=False):  # noqa: ANN001, ANN201
    """`n` more residents on the roster of `unit` (default the village), the next phones of PHONES."""
    from xinfang.deliberation.models import Resident

    unit = unit or county.village
    start = Resident.objects.filter(unit=unit).count()
    return [add_resident(actor=staff(county), unit=unit, name=NAMES[i % 8], phone=PHONES[i],
                         verified=verified) for i in range(start, start + n)]


def topic_params(county, **kw):  # noqa: ANN001, ANN201, ANN003
    return {"title": "遗址区块农户是否逐步外迁建房",
            "facts": "小古城村遗址区块内有农户建房需求，拟在区块外统一规划宅基地，逐步外迁。",
            "options": "赞成\n反对", "unit": county.village.pk, "eligibility": "roster",
            "opens_at": local(at(0)), "closes_at": local(at(7)), **kw}


def new_topic(county, **kw):  # noqa: ANN001, ANN201, ANN003
    return topic_create(actor=staff(county, Role.REGISTRAR), params=topic_params(county, **kw))


def step(t, action, actor, **params):  # noqa: ANN001, ANN201, ANN003
    return topic_transition(topic_id=t.pk, action=action, actor=actor, params=params)


def petition(county, **kw):  # noqa: ANN001, ANN201, ANN003
    """A petition the township registered (so the township's staff see it)."""
    return register(county, registrar=county.user(county.township, Role.REGISTRAR),
                    title=kw.pop("title", "遗址区块建房审批难"), **kw)


def open_topic(county, n=5, **kw):  # noqa: ANN001, ANN201, ANN003
    people = residents(county, n)
    t = new_topic(county, **kw)
    t = step(t, A.OPEN, staff(county))
    return t, people


def vote_all(t, people, options):  # noqa: ANN001, ANN201
    for person, option in zip(people, options, strict=False):
        cast_vote(topic_id=t.pk, resident_id=person.pk, option=option)


def close(county, t):  # noqa: ANN001, ANN201
    """Close after the period (clock moved past closes_at)."""
    with clock.frozen(t.closes_at + dt.timedelta(minutes=1)):
        return step(t, A.CLOSE, staff(county))


def decide(county, t):  # noqa: ANN001, ANN201
    return step(t, A.DECIDE, staff(county, Role.APPROVER), decision="按多数意见实施逐步外迁方案。",
                reasons="参与表决的村民多数赞成，方案符合遗址保护规划，外迁安置地块已落实。")


def published_topic(county, case=None, votes=(0, 0, 1)):  # noqa: ANN001, ANN201
    """A topic taken through every step: linked to `case` (one the bureau registered: linked by
    hand, as the bureau's case is outside the township's reach), voted on, commented on (one comment
    hidden), closed, decided and published."""
    from xinfang.deliberation.models import TopicCase
    from xinfang.deliberation.services import post_comment

    people = residents(county, len(votes) + 1)
    t = new_topic(county)
    if case is not None:  # test set-up only: the bureau's case linked to the township's topic
        TopicCase.objects.create(topic=t, case=case, linked_at=clock.now())
    t = step(t, A.OPEN, staff(county))
    vote_all(t, people, list(votes))
    post_comment(topic_id=t.pk, resident_id=people[0].pk, text="赞成外迁，希望安置地块尽快落实。")
    bad = post_comment(topic_id=t.pk, resident_id=people[1].pk, text="广告：收购旧房，电话联系")
    step(t, A.HIDE_COMMENT, staff(county), comment=bad.pk, reason="广告")
    t = close(county, t)
    t = decide(county, t)
    return step(t, A.PUBLISH, staff(county, Role.APPROVER))
