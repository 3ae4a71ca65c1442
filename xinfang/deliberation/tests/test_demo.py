"""The demo (seed_demo's part for 众人议事厅) builds the three topics through the workflow."""

import random

from xinfang.cases.models import CaseEvent
from xinfang.deliberation.demo import seed
from xinfang.deliberation.models import Topic, Vote
from xinfang.deliberation.states import TopicStatus


def test_the_demo_builds_a_published_a_closed_and_an_open_topic(county):
    summary = seed(county=county, cases=[], rng=random.Random(7))
    topics = {t.status: t for t in Topic.objects.all()}
    assert set(topics) == {TopicStatus.PUBLISHED, TopicStatus.CLOSED, TopicStatus.OPEN}
    heritage = topics[TopicStatus.PUBLISHED]
    # 29 of 30 voted, 27 in favour: 93.1 % (the seed's 93 %)
    assert heritage.result == {"counts": [27, 2], "votes": 29, "eligible": 30}
    assert heritage.option_rows[0]["percent"] == 93.1
    linked = list(heritage.links.values_list("case", flat=True))
    assert len(linked) == 2
    assert CaseEvent.objects.filter(case__in=linked, type="deliberation.published").count() == 2
    assert topics[TopicStatus.CLOSED].result["votes"] == 18 and not topics[TopicStatus.CLOSED].decision
    parking = topics[TopicStatus.OPEN]
    assert Vote.objects.filter(topic=parking).count() == 11
    assert parking.comments.filter(hidden=True).count() == 1
    assert parking.number in summary
