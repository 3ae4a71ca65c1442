"""The documents' event types on the case timeline (see xinfang.core.events)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, choice, cite, joined, optional, register

from .kinds import DocumentKind
from .models import DeliveryMethod

FIELDS = {"kind": choice(DocumentKind), "article": cite, "method": choice(DeliveryMethod)}

DOCUMENT_TYPES = (
    EventType("documents.issued", gettext_lazy("出具文书"), gettext_lazy("出具《%(kind)s》%(number)s（%(article)s）"),
              fields=FIELDS, kind=EventKind.NOTE,
              sample={"kind": "acceptance", "number": "某信受〔2026〕1号", "article": "第23条",
                      "document": 1, "action": "accept"},
              doc="A numbered notice issued, by a step or on its own (Art. 23, 33-36)"),
    EventType("documents.delivered", gettext_lazy("文书送达"),
              render_fn=joined(gettext_lazy("《%(kind)s》%(number)s已%(method)s，送达日期%(new)s"),
                               optional(gettext_lazy("，送达并案信访人%(recipient_name)s"), "recipient_name"),
                               optional(gettext_lazy("，回执：%(receipt)s"), "receipt"), fields=FIELDS),
              kind=EventKind.NOTE,
              sample={"kind": "opinion", "number": "某信复〔2026〕1号", "method": "direct",
                      "new": "2026-05-13", "receipt": "本人签收", "document": 1, "delivery": 1},
              doc="Delivery of a notice recorded; the 复查/复核 window runs from it (Art. 35, 36)"),
)

register(*DOCUMENT_TYPES)
