"""One event vocabulary: every timeline row stores a registered type code and structured data.

Each app declares the events it writes in its own `events.py` (imported from its AppConfig.ready):
an `EventType` with a code (`<app>.<what>`), a label, and how to render its data as one line in the
reader's language (a lazy gettext template over the data, each key through a formatter, or a
function). Writers store the code and the data (ids, codes, dates, numbers, names of records, the
words a person typed); nothing composes a sentence at write time. Readers (the case page, the API,
the admin, the exports) call `render`: a code nobody registers any more (an old row) shows as the
code and its data, never an error. Writing an unknown code is a programming error
(`UnknownEventType`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

Formatter = Callable[[Any], str]


class UnknownEventType(LookupError):
    """A writer used a code no app registered: a programming error, never a user's."""


@dataclass(frozen=True)
class EventType:
    """One kind of timeline entry: its code, its label and how its data reads."""

    code: str
    label: Any  # lazy gettext
    text: Any = None  # lazy gettext template over the data: "%(kind)s：%(days)s"; None: the label
    fields: Mapping[str, Formatter] = field(default_factory=dict)  # data key -> formatter
    render_fn: Callable[[Mapping[str, Any]], str] | None = None  # when a template is not enough
    kind: str = ""  # the coarse group a case event is filed under (cases.EventKind)
    sample: Mapping[str, Any] = field(default_factory=dict)  # example data: docs and tests
    doc: str = ""  # one line: when it is written and the article, for the docs table

    @property
    def app(self) -> str:
        return self.code.split(".", 1)[0]

    def render(self, data: Mapping[str, Any]) -> str:
        """The entry as one line in the active language."""
        if self.render_fn is not None:
            return self.render_fn(data)
        if self.text is None:
            return str(self.label)
        return str(self.text) % Values(data, self.fields)


class Values(Mapping[str, str]):
    """The data as a template reads it: each key through its formatter, a missing key as ""."""

    def __init__(self, data: Mapping[str, Any], fields: Mapping[str, Formatter]) -> None:
        self.data, self.fields = data, fields

    def __getitem__(self, key: str) -> str:
        value = self.data.get(key)
        fmt = self.fields.get(key)
        if fmt is not None:
            return fmt(value)
        return "" if value is None else str(value)

    def __iter__(self):  # noqa: ANN204
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


REGISTRY: dict[str, EventType] = {}


def register(*types: EventType) -> None:
    """Add types to the vocabulary; a code registered twice is a programming error."""
    for t in types:
        if t.code in REGISTRY and REGISTRY[t.code] is not t:
            raise ValueError(f"event type {t.code} registered twice")
        REGISTRY[t.code] = t


def event_type(code: str) -> EventType:
    """The registered type `code`; raises UnknownEventType (writers call this before writing)."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise UnknownEventType(f"unregistered event type {code!r}; register it in the app's "
                               "events.py") from None


def type_label(code: str) -> str:
    t = REGISTRY.get(code)
    return str(t.label) if t is not None else code


def render(code: str, data: Mapping[str, Any]) -> str:
    """The text of a stored event; an unregistered code (an old row) shows as the code and its data."""
    t = REGISTRY.get(code)
    if t is None:
        shown = {k: v for k, v in data.items() if v not in ("", None, {}, [])}
        return f"{code} {json.dumps(shown, ensure_ascii=False, sort_keys=True, default=str)}".strip()
    return t.render(data)


def types_of(app: str | None = None) -> list[EventType]:
    return sorted((t for t in REGISTRY.values() if app is None or t.app == app),
                  key=lambda t: t.code)


# --- formatters --------------------------------------------------------------------------------

def choice(*enums: Any) -> Formatter:
    """A stored code shown through its choices' label (the first enum that knows it); else as is."""
    def fmt(value: Any) -> str:
        if value in (None, ""):
            return ""
        for enum in enums:
            if value in enum.values:
                return str(enum(value).label)
        return str(value)
    return fmt


def yes_no(value: Any) -> str:
    if value in (None, ""):
        return ""
    return _("是") if value in (True, "True", "true", 1) else _("否")


def listed(value: Any) -> str:
    if isinstance(value, list | tuple):
        return _("、").join(str(v) for v in value)
    return "" if value is None else str(value)


_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8",
             "九": "9", "十": "10"}
_ARTICLE = re.compile(r"第(\d+)条")
_PARAGRAPH = re.compile(r"第([一二三四五六七八九十])款")
_ITEM = re.compile(r"第（([一二三四五六七八九十])）项")
_CIRCULAR = re.compile(r"国信办发〔(\d{4})〕(\d+)号")


def cite(value: Any) -> str:
    """An article of the regulation as stored (第34条、第45条第（一）项) in the reader's language."""
    text = "" if value is None else str(value)
    if not text or (get_language() or "zh-hans").startswith("zh"):
        return text
    text = _ITEM.sub(lambda m: f" item ({_NUMERALS[m.group(1)]})", text)
    text = _PARAGRAPH.sub(lambda m: f" ¶{_NUMERALS[m.group(1)]}", text)
    text = _ARTICLE.sub(r"Art. \1", text)
    text = _CIRCULAR.sub(r"SBLC circular [\1] No. \2", text)
    return text.replace("、", ", ")


def optional(template: Any, *keys: str, fields: Mapping[str, Formatter] | None = None
             ) -> Callable[[Mapping[str, Any]], str]:
    """A piece of text shown only when the data has all `keys` (e.g. "，回执：%(receipt)s")."""
    def piece(data: Mapping[str, Any]) -> str:
        if not all(data.get(k) not in (None, "", [], False) for k in keys):
            return ""
        return str(template) % Values(data, fields or {})
    return piece


def joined(*parts: Any, fields: Mapping[str, Formatter] | None = None
           ) -> Callable[[Mapping[str, Any]], str]:
    """A render function made of a template and optional pieces, concatenated."""
    def fn(data: Mapping[str, Any]) -> str:
        out = []
        for p in parts:
            out.append(str(p) % Values(data, fields or {}) if isinstance(p, str | Promise)
                       else p(data))
        return "".join(out)
    return fn


def unknown_codes(codes: Iterable[str]) -> list[str]:
    return sorted(set(codes) - set(REGISTRY))


__all__ = ["REGISTRY", "EventType", "UnknownEventType", "choice", "cite", "event_type", "gettext_lazy",
           "joined", "listed", "optional", "register", "render", "type_label", "types_of", "yes_no"]
