"""Applying the 依法分类处理清单 (RoutingRule rows) to a petition; finding the unit a rule names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import county_of, units_under

from .models import RoutingRule
from .textfeatures import normalize_text


@dataclass
class RuleHit:
    """A rule that applies, with the words of the petition that made it apply."""

    rule: RoutingRule
    words: list[str] = field(default_factory=list)


def _phrase_in(line: str, text: str) -> list[str] | None:
    parts = [normalize_text(p) for p in line.split("+") if p.strip()]
    if parts and all(p in text for p in parts):
        return [p for p in (q.strip() for q in line.split("+")) if p]
    return None


def rule_applies(rule: RoutingRule, text: str, category: str, purpose: str) -> RuleHit | None:
    """The hit when every condition the rule sets holds for this text, category and purpose."""
    norm = normalize_text(text)
    if any(_phrase_in(line, norm) for line in rule.exclude_list):
        return None
    if rule.category_list and category not in rule.category_list:
        return None
    if rule.purpose_list and purpose not in rule.purpose_list:
        return None
    words: list[str] = []
    if rule.phrase_list:
        for line in rule.phrase_list:
            found = _phrase_in(line, norm)
            if found:
                words.extend(w for w in found if w not in words)
        if not words:
            return None
    return RuleHit(rule, words)


def match_rules(
    text: str, *, category: str, purpose: str, rules: Iterable[RoutingRule] | None = None
) -> list[RuleHit]:
    """Every active rule that applies, highest priority first."""
    if rules is None:
        rules = RoutingRule.objects.filter(active=True).select_related("target_unit")
    hits = [h for r in rules if r.active and (h := rule_applies(r, text, category, purpose))]
    hits.sort(key=lambda h: (-h.rule.priority, h.rule.pk or 0))
    return hits


def resolve_unit(rule: RoutingRule, near: Unit) -> Unit | None:
    """The unit a rule names, looked up in the county of ``near`` (the problem's place)."""
    if rule.target_unit_id:
        return rule.target_unit if rule.target_unit.active else None
    if not (rule.target_unit_type or rule.target_unit_name):
        return None
    qs = units_under(county_of(near), active=True)
    if rule.target_unit_type:
        qs = qs.filter(unit_type=rule.target_unit_type)
    if rule.target_unit_name:
        qs = qs.filter(name__contains=rule.target_unit_name)
    return qs.order_by("level", "path").first()
