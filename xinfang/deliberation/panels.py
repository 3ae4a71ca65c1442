"""The deliberation panel on the staff case page (registered in DeliberationConfig.ready()): the
topics the case is linked to, their status, result and decision, so the case can be answered with
them. Shown to whoever sees the case; a topic's link opens only for those who may see the topic."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .selectors import cases_linked_to_topics, visible_topics


def deliberation_panel(request: HttpRequest, case: Any) -> tuple[str, dict] | None:
    topics = list(cases_linked_to_topics(case))
    if not topics:
        return None
    mine = set(visible_topics(request.user).filter(pk__in=[t.pk for t in topics])
               .values_list("pk", flat=True))
    return "deliberation/_case_panel.html", {"topics": [(t, t.pk in mine) for t in topics]}
