"""The hourly close of the topics whose period has ended (截止计票), by the system actor."""

from __future__ import annotations

from xinfang.core import clock
from xinfang.core.jobs import periodic_job
from xinfang.core.workflow import SYSTEM_ACTOR

from .models import Topic
from .states import TopicAction, TopicStatus


@periodic_job("deliberation.close_due", minute=5)
def close_due() -> str:
    """Close (and count) each open topic past its closing time, once."""
    from .workflow import topic_transition

    ids = list(Topic.objects.filter(status=TopicStatus.OPEN, closes_at__lte=clock.now())
               .values_list("pk", flat=True))
    for pk in ids:
        topic_transition(topic_id=pk, action=TopicAction.CLOSE, actor=SYSTEM_ACTOR)
    return f"closed {len(ids)}"
