"""The fast-track section of the staff case page (registered in XborderConfig.ready()): whether the
case is on the track and why, the internal targets beside the statutory due dates, the petitioners'
notice languages, the two-mediator rule, and the steps this user may take."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from xinfang.cases.models import Origin

from .models import FastTrack
from .targets import case_targets
from .workflow import FLOW


def _forms(user: Any, case: Any, track: FastTrack | None) -> list[dict[str, Any]]:
    back = reverse("web:case", args=[case.number])
    out = []
    if track is None:
        for t in FLOW.creations(user, case):
            out.append({"label": FLOW.action_label(t.action), "doc": _(t.doc),
                        "code": f"{FLOW.name}.{t.action}",
                        "form": FLOW.forms[t.action](prefix=f"{FLOW.name}-new-{t.action}"),
                        "url": reverse("xborder:new", args=[case.number, t.action])
                        + f"?next={back}"})
        return out
    for t in FLOW.available(user, track):
        out.append({"label": FLOW.action_label(t.action), "doc": _(t.doc),
                    "code": f"{FLOW.name}.{t.action}", "record": track.pk,
                    "form": FLOW.forms[t.action](prefix=f"{FLOW.name}-{track.pk}-{t.action}"),
                    "url": reverse("xborder:act", args=[track.pk, t.action]) + f"?next={back}"})
    return out


def fast_track_panel(request: HttpRequest, case: Any) -> tuple[str, dict] | None:
    track = FastTrack.objects.filter(case=case).first()
    actions = _forms(request.user, case, track)
    if track is None and not actions:
        return None
    parties = [p.petitioner for p in case.parties.select_related("petitioner")]
    on = track is not None and track.status == FastTrack.Status.ON
    return "xborder/_case_panel.html", {
        "track": track, "targets": case_targets(case) if on else [], "actions": actions,
        "outside": any(p.origin != Origin.MAINLAND for p in parties),
        "languages": [(p, p.get_notice_language_display() or _("默认（简体中文）"))
                      for p in parties if p.is_cross_border or p.notice_language],
    }
