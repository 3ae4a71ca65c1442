"""Unit pickers that follow the unit tree, with search (issue 15 item 5).

`UnitTreeSelect` renders a unit field as a grouped <select>: one <optgroup> per parent unit, names
indented by their depth, so it works without JavaScript; ``orgs/unit_tree.js`` adds a search box
that asks `units_json` (the units the user may route to, as a tree, filtered by the term) and
hides the options that do not match. What may be chosen is still decided on the server: the
fields' querysets (`routable_units`) and the workflow's guards (target_in_jurisdiction, Art. 22).
"""

from __future__ import annotations

from typing import Any

from asgiref.local import Local
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db.models import Count, Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from xinfang.core.conf import get

from .models import Unit

SEARCH_MAX = 50  # characters of a search term


def routable_units(user: Any) -> QuerySet[Unit]:
    """The active units of the user's jurisdiction (Art. 22): the subtree of the unit the user's
    unit answers for — never the province for a county clerk, nothing outside it."""
    from .selectors import units_in_reach

    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    return units_in_reach(user)


def _depth(unit: Unit) -> int:
    return unit.path.rstrip("/").count("/")


_fetched = Local()  # per request: the units of each unit list already read (its SQL → rows)


def _reset_fetched(**_kwargs: Any) -> None:
    _fetched.units = {}
    _fetched.options = {}


def _forget_fetched(**_kwargs: Any) -> None:
    """After the request nothing is kept: a form rendered later in the same thread (a job, a test)
    reads its units afresh instead of the last request's."""
    _fetched.units = None
    _fetched.options = None


request_started.connect(_reset_fetched, dispatch_uid="unittree-fetched")
request_finished.connect(_forget_fetched, dispatch_uid="unittree-forget")


def _per_request(key: str, read: Any) -> Any:
    """`read()`, once per request for `key` (outside a request, e.g. a form rendered in a test or
    a job, read each time)."""
    cache = getattr(_fetched, "units", None)
    if cache is None:
        return read()
    if key not in cache:
        cache[key] = read()
    return cache[key]


def _levels(queryset: QuerySet[Unit]) -> dict[int, int]:
    """{level: units} of a unit list, counted once per request and query (one grouped count)."""
    return _per_request("levels:" + str(queryset.query), lambda: dict(
        queryset.order_by().values_list("level").annotate(n=Count("pk"))))


def _values(key: str, value: list[str]) -> list[Any]:
    """The chosen values that can name a unit by `key`; a value sent by hand that cannot (a
    `?unit=abc`) names none: the form says it is not a valid choice, the picker does not fail."""
    field = Unit._meta.pk if key == "pk" else Unit._meta.get_field(key)
    out = []
    for v in value:
        try:
            out.append(field.to_python(v))
        except ValidationError:
            continue
    # an id beyond a 64-bit integer names no unit (and SQLite cannot even compare it)
    return [v for v in out if v not in (None, "") and not (isinstance(v, int) and abs(v) >= 1 << 63)]


def _units(queryset: QuerySet[Unit]) -> list[Unit]:
    """A field's units, read once per request and query: a page with five routing forms renders
    five unit pickers over the same units, from one query."""
    return _per_request(str(queryset.query), lambda: list(queryset))


class UnitTreeSelect(forms.Select):
    """A unit <select> grouped by parent unit (<optgroup>), names indented by depth, with a
    search box when JavaScript runs (``orgs/unit_tree.js``)."""

    search_label = gettext_lazy("搜索单位")
    #: the field offers exactly the units in the user's reach (`routable_units`, what the search
    #: answers from): above `XINFANG_UNIT_PICKER_MAX` of them, only the upper levels that fit and the
    #: chosen units are written, the others are found by the search box (issue 17: a province's
    #: 3,547 units were half of its queue page's CPU and most of its 564 KB)
    reach_only = False
    #: the URL name of the units the search box answers from (`units_json`: the user's reach);
    #: a short (`reach_only`) picker's field must offer exactly those units
    search_url = "unit-tree"
    _more = 0  # units left out of the last rendering, to be found by searching

    def _with_search(self, attrs: dict | None) -> dict:
        """The attributes the search box (``orgs/unit_tree.js``) reads."""
        out = {**(attrs or {}), "data-unit-tree": reverse(self.search_url),
               "data-search-label": str(self.search_label)}
        if self._more:
            out.update({"data-unit-more": str(self._more), "data-found-label": _("搜索结果"),
                        "data-search-label": _("搜索单位：另有%(n)d个下级单位未列出，请输入名称查找")
                        % {"n": self._more}})
        return out

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)  # the options first: they count `_more`
        context["widget"]["attrs"] = self._with_search(context["widget"]["attrs"])
        return context

    def _grouped(self, value: list[str]) -> tuple[list, list]:
        """(the plain choices, the groups of unit choices), each choice (value, text, selected):
        grouped by the offered units' own parents (no query: the top ones stand ungrouped), names
        indented by depth. The units' values come from the field as its choices would give them,
        without a choice object per unit (a province offers 3,500)."""
        choices = self.choices
        plain: list[tuple[Any, str, bool]] = []
        units: list[tuple[Unit, Any]] = []
        if isinstance(choices, ModelChoiceIterator):
            field = choices.field
            if field.empty_label is not None:
                plain.append(("", field.empty_label, "" in value))
            units = [(u, field.prepare_value(u)) for u in self._offered(choices, value)]
        else:
            for option_value, label in choices:
                instance = getattr(option_value, "instance", None)
                if isinstance(instance, Unit):
                    units.append((instance, option_value))
                else:
                    plain.append((option_value, label, str(option_value) in value))
        parents = {u.pk: u.name for u, _v in units}
        top = min((_depth(u) for u, _v in units), default=0)
        by_parent: dict[Any, list] = {}
        for unit, option_value in sorted(units, key=lambda t: t[0].path):
            by_parent.setdefault(unit.parent_id if unit.parent_id in parents else None, []).append(
                (option_value, "\u3000" * (_depth(unit) - top) + unit.name, str(option_value) in value))
        return plain, [(parents.get(parent_id), members) for parent_id, members in by_parent.items()]

    def _offered(self, choices: ModelChoiceIterator, value: list[str]) -> list[Unit]:
        """The units written: all of them, or for a `reach_only` picker over more than
        `XINFANG_UNIT_PICKER_MAX` units the levels from the top that fit within it (at least the
        top one) and the chosen units; `_more` counts the others."""
        self._more = 0
        limit = int(get("XINFANG_UNIT_PICKER_MAX"))
        if not self.reach_only or not limit:
            return _units(choices.queryset)
        units = _units(choices.queryset[:limit + 1])  # a county's: all, in one query
        if len(units) <= limit:
            return units
        per_level = _levels(choices.queryset)
        total = sum(per_level.values())
        upto, shown = min(per_level), 0
        for level in sorted(per_level):
            if shown + per_level[level] > limit and shown:
                break
            upto, shown = level, shown + per_level[level]
        key = choices.field.to_field_name or "pk"
        queryset = choices.queryset.filter(Q(level__lte=upto) | Q(**{f"{key}__in": _values(key, value)}))
        units = _units(queryset)
        self._more = total - len(units)
        return units

    def optgroups(self, name: str, value: list[str], attrs: dict | None = None) -> list:
        plain, grouped = self._grouped(value)
        groups, index = [], 0
        for option_value, label, selected in plain:  # the empty choice ("---------", 全部)
            groups.append((None, [self.create_option(name, option_value, label, selected, index,
                                                     attrs=attrs)], index))
            index += 1
        for group, members in grouped:
            options = []
            for option_value, text, selected in members:
                options.append(self.create_option(name, option_value, text, selected, index, attrs=attrs))
                index += 1
            groups.append((group, options, index))
        return groups

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> str:
        """The same HTML as Django's select template (a test compares them), written in one pass: a
        province's tree is 3,500 options, and a template render of each cost ~0.15 s per picker."""
        options = self._options_html(self.format_value(value))  # first: they count `_more`
        widget = forms.Widget.get_context(self, name, value, self._with_search(attrs))["widget"]
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        out = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"])),
               options, "\n</select>"]
        return mark_safe("".join(out))  # noqa: S308  (every part escaped)

    def _options_html(self, value: list[str]) -> str:
        """The options. Those of the units are written once per request for the same units and
        chosen values: the queue page of a province renders two pickers (the filter, the bulk
        routing) over its 3,547 units, ~half of the page's CPU when each was written afresh (issue
        17); the empty choice, whose label is the field's own, is written each time."""
        cache = getattr(_fetched, "options", None)
        if cache is None or not isinstance(self.choices, ModelChoiceIterator):
            plain, grouped = self._grouped(value)
            return "".join(_option(*choice) for choice in plain) + _groups_html(grouped)
        field = self.choices.field
        plain = [_option("", field.empty_label, "" in value)] if field.empty_label is not None else []
        key = (str(self.choices.queryset.query), field.to_field_name, tuple(value), self.reach_only)
        if key not in cache:
            cache[key] = (_groups_html(self._grouped(value)[1]), self._more)
        html, self._more = cache[key]
        return "".join(plain) + html


def _groups_html(grouped: list) -> str:
    out = []
    for group, members in grouped:
        if group:
            out.append(format_html('\n  <optgroup label="{}">', group))
        out.extend(_option(*choice) for choice in members)
        if group:
            out.append("\n  </optgroup>")
    return "".join(out)


def _option(value: Any, label: str, selected: bool) -> str:
    """One <option> as Django's option template writes it (value and label escaped)."""
    return f'\n  <option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>'


class ReachUnitSelect(UnitTreeSelect):
    """A picker whose field offers exactly the units in the user's reach (`reach_only`): a
    province's lists its upper levels, and its search box finds and adds the others."""

    reach_only = True


class AnyUnitSelect(UnitTreeSelect):
    """A picker over the units of the whole tree (a petition's place, Art. 22, or the accused's
    unit, Art. 30, may lie outside the user's reach): as short as a reach picker over
    `XINFANG_UNIT_PICKER_MAX` units, its search box answering from every active unit
    (`all_units_json`). A dissolved (inactive) unit a field still accepts is listed only in a
    tree that fits, or when chosen."""

    reach_only = True
    search_url = "unit-tree-all"


class UnitTreeSelectMultiple(UnitTreeSelect, forms.SelectMultiple):
    """The same grouped picker for several units (e.g. the parties of an Art. 24 dispute), its units
    read once per request and query like every unit picker of the page."""


def unit_tree(units: list[Unit], term: str = "") -> list[dict]:
    """`units` as a tree ({"id", "name", "children"}); with `term`, only the units whose name
    contains it and the units above them."""
    by_path = {u.path: u for u in units}
    keep = set(by_path)
    if term:
        matched = [u for u in units if term in u.name or term in (u.short_name or "")]
        keep = {p for u in matched for p in by_path if u.path.startswith(p)}
    nodes = {u.pk: {"id": u.pk, "name": u.name, "match": bool(term) and (
        term in u.name or term in (u.short_name or "")), "children": []}
        for u in units if u.path in keep}
    roots = []
    for u in sorted(units, key=lambda u: u.path):
        if u.pk not in nodes:
            continue
        if u.parent_id in nodes:
            nodes[u.parent_id]["children"].append(nodes[u.pk])
        else:
            roots.append(nodes[u.pk])
    return roots


@login_required
@require_GET
def units_json(request: HttpRequest) -> JsonResponse:
    """The units the user may route to, as a tree, filtered by ``?q=`` (JSON)."""
    term = request.GET.get("q", "").strip()
    if len(term) > SEARCH_MAX or "\x00" in term:
        return JsonResponse({"error": _("搜索内容不能超过%(n)d个字") % {"n": SEARCH_MAX}},
                            status=400)
    return _tree_answer(term, routable_units(request.user))


@login_required
@require_GET
def all_units_json(request: HttpRequest) -> JsonResponse:
    """Every active unit (the organisation tree is no secret to staff), as `units_json`: what an
    `AnyUnitSelect` searches."""
    term = request.GET.get("q", "").strip()
    if len(term) > SEARCH_MAX or "\x00" in term:
        return JsonResponse({"error": _("搜索内容不能超过%(n)d个字") % {"n": SEARCH_MAX}},
                            status=400)
    return _tree_answer(term, Unit.objects.filter(active=True))


def _tree_answer(term: str, units: QuerySet[Unit]) -> JsonResponse:
    rows = list(units.only("pk", "name", "short_name", "path", "parent_id"))
    return JsonResponse({"q": term, "units": unit_tree(rows, term)})
