"""Deriving a matter's district (问题属地) when the source did not give one, with the evidence.

Real exports (12345 hotline, 数字城管, old 信访信息系统) often leave 所属区县 empty. The district is
derived, in this order, from:

1. **the text naming a place of the unit tree**: a district, township (街道/镇/乡) or village
   (社区/村) under ``root`` whose name (or its short form: 岳麓区委区政府 → 岳麓区, A县城关镇 →
   城关镇) occurs in the text;
2. **a named thing known under one district**: the estate, road, company… the text is about
   (``dedup.extract_entities``, the triage extractor) as the key entity of earlier cases
   (``TriageProposal.entity``) whose 问题属地 lies in one district, or as taught by an importer
   (``PlaceIndex.learn``) from rows that did name their district;
3. **the handling unit**: the district whose government or department handled it
   (evidence "由办理单位推定").

Several districts in the text with nothing to choose between them give no unit and a reason; the
handling unit breaks such a tie only when its district is one of those named. Build one
`PlaceIndex` for a bulk job (two queries); `derive_place` builds one per call.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from xinfang.orgs.models import Level, Unit, UnitType
from xinfang.orgs.selectors import under_q

from . import dedup
from .textfeatures import normalize_text

SOURCE_TEXT = "text"
SOURCE_HANDLING_UNIT = "handling_unit"
BY_HANDLING_UNIT = "由办理单位推定"

#: a known entity points to a district when at least this share of its earlier cases lie there
ENTITY_MAJORITY = 0.8
# the endings of a place's name (what a text calls a district, township or village)
_PLACE_ENDINGS = ("区", "县", "市", "旗", "镇", "乡", "街道", "社区", "村", "管委会")
# what follows a place's name in the name of its government or committee
_GOVERNMENT_TAILS = re.compile(
    r"(?:党工委|人民政府|政府|办事处|居民委员会|村民委员会|居委会|村委会|委员会|党委)$"
)
# 岳麓区委区政府 / A县委县政府 → 岳麓区 / A县
_PARTY_AND_GOVERNMENT = re.compile(r"^(.+?)([区县市旗])委\2?政府$")
_MIN_NAME = 3
# entity kinds that stand for a place in the territory (not a district code such as a2区)
_ENTITY_KINDS = frozenset({"estate", "road", "village", "place", "school", "hospital", "company"})


@dataclass(frozen=True)
class PlaceGuess:
    """The derived district (a county-level government unit) or None; ``evidence``: the matched
    words or "由办理单位推定"; ``source``: "text", "handling_unit" or None; ``reason``: why there
    is no unit (ambiguous, nothing found), in Chinese."""

    unit: Unit | None
    evidence: str = ""
    source: str | None = None
    reason: str = ""
    candidates: tuple[Unit, ...] = field(default=())


def place_names(name: str, short_name: str = "", parent_names: Iterable[str] = ()) -> set[str]:
    """The names a text may call a unit's territory by: its name without the government's tail,
    its short name, and the same without a parent's place name in front (A县城关镇 → 城关镇)."""
    out: set[str] = set()
    for raw in (name, short_name):
        n = normalize_text(raw or "").replace(" ", "")
        if not n:
            continue
        m = _PARTY_AND_GOVERNMENT.match(n)
        if m:
            n = m.group(1) + m.group(2)
        n = _GOVERNMENT_TAILS.sub("", n) or n
        if n.endswith("街道办"):
            n = n[:-1]
        out.add(n)
    for parent in parent_names:
        for n in list(out):
            if parent and n.startswith(parent) and len(n) - len(parent) >= _MIN_NAME:
                out.add(n[len(parent):])
    return {n for n in out if len(n) >= _MIN_NAME and n.endswith(_PLACE_ENDINGS)}


class PlaceIndex:
    """The places of the territory under ``root`` (None: the whole tree) and the named things
    known under each district, in memory."""

    def __init__(self, root: Unit | None = None, *, learn_from_cases: bool = True,
                 backlog: int = 50_000) -> None:
        qs = Unit.objects.all() if root is None else Unit.objects.filter(under_q("", root))
        fields = ("id", "name", "short_name", "level", "unit_type", "parent_id")
        self.all = {r["id"]: r for r in Unit.objects.values(*fields)}
        inside = set(qs.values_list("id", flat=True)) if root is not None else set(self.all)
        rows = [r for uid, r in self.all.items() if uid in inside]
        self._district: dict[int, int | None] = {}
        self.names: dict[str, set[int]] = defaultdict(set)
        places: dict[int, set[str]] = {}
        for r in sorted(rows, key=lambda r: r["level"]):  # parents first: their short forms count
            if r["unit_type"] == UnitType.PARTY_GOVERNMENT and r["level"] >= Level.COUNTY:
                parents = [n for a in self._chain(r["id"])[1:] for n in places.get(a, ())]
                places[r["id"]] = place_names(r["name"], r["short_name"], parents)
                for n in places[r["id"]]:
                    self.names[n].add(r["id"])
        self._lengths = sorted({len(n) for n in self.names}, reverse=True)
        self._last_chars = {n[-1] for n in self.names}
        self.known: dict[str, Counter[int]] = defaultdict(Counter)  # filled through `_know` only
        # where a known name can end in a text: its last characters and lengths (`_may_know`)
        self._known_ends: dict[str, set[int]] = defaultdict(set)
        # taught rows wait here until a derivation needs the known things (extracting a row's key
        # entity costs ~0.3-0.5 ms: most rows name a place, and then nothing learnt is needed)
        self._pending: deque[tuple[str, int]] = deque(maxlen=backlog)
        if learn_from_cases and rows:
            self._learn_from_proposals(root)

    def _learn_from_proposals(self, root: Unit | None) -> None:
        from django.db.models import Count

        from .models import TriageProposal

        qs = TriageProposal.objects.exclude(entity="")
        if root is not None:
            qs = qs.filter(under_q("case__problem_unit", root))
        for entity, unit_id, n in (qs.values_list("entity", "case__problem_unit_id")
                                   .annotate(n=Count("pk")).values_list("entity", "case__problem_unit_id", "n")):
            district = self.district_of(unit_id)
            if district is not None:
                self._know(normalize_text(entity), district, n)

    def _know(self, name: str, district: int, n: int = 1) -> None:
        self.known[name][district] += n
        if name:
            self._known_ends[name[-1]].add(len(name))

    def district_of(self, unit_id: int | None) -> int | None:
        """The county-level government whose territory holds the unit (a district's department →
        its district); None above county level or outside the tree."""
        if unit_id is None or unit_id not in self.all:
            return None
        if unit_id not in self._district:
            found = None
            for uid in self._chain(unit_id):
                u = self.all[uid]
                if u["level"] < Level.COUNTY:
                    break
                if u["level"] == Level.COUNTY:
                    # the district's government, or the government a district department answers to
                    for cand in (uid, u["parent_id"]):
                        c = self.all.get(cand)
                        if c and c["level"] == Level.COUNTY and \
                                c["unit_type"] == UnitType.PARTY_GOVERNMENT:
                            found = cand
                            break
                    break
            self._district[unit_id] = found
        return self._district[unit_id]

    def _chain(self, uid: int) -> list[int]:
        out = []
        while uid and uid in self.all:
            out.append(uid)
            uid = self.all[uid]["parent_id"] or 0
        return out

    def learn(self, text: str, unit: Unit | int) -> None:
        """Remember the thing ``text`` is about as lying in ``unit``'s district (an importer's rows
        that name their district teach the rows that do not)."""
        district = self.district_of(unit if isinstance(unit, int) else unit.pk)
        if district is not None:  # learnt when first needed (the last `backlog` rows taught)
            self._pending.append((text, district))

    def _learn_pending(self) -> None:
        while self._pending:
            text, district = self._pending.popleft()
            ent = self._key_entity(text)
            if ent is not None and ent.kind in _ENTITY_KINDS:
                self._know(normalize_text(ent.name), district)

    def _key_entity(self, text: str) -> dedup.Entity | None:
        """What a taught text is about (`dedup.key_entity`)."""
        return dedup.key_entity(text)

    def _text_entities(self, text: str) -> list[dedup.Entity]:
        """The entities of a derived text that can match a known name: only its clauses holding
        one are segmented (`_may_know`)."""
        return dedup.extract_entities(text, within=self._may_know)

    # -- the three sources ------------------------------------------------------------------
    def _named_places(self, text: str) -> dict[int, list[str]]:
        """District id → the unit names of its territory found in the text."""
        hits: dict[int, list[str]] = defaultdict(list)
        taken: list[tuple[int, int]] = []
        for end in range(len(text), 0, -1):
            if text[end - 1] not in self._last_chars:
                continue
            for n in self._lengths:
                start = end - n
                if start < 0 or any(s <= start and end <= e for s, e in taken):
                    continue
                name = text[start:end]
                units = self.names.get(name)
                if not units:
                    continue
                taken.append((start, end))
                for uid in units:
                    district = self.district_of(uid)
                    if district is not None and name not in hits[district]:
                        hits[district].append(name)
                break
        return hits

    def _may_know(self, clause: str) -> bool:
        """Whether a known name occurs in the clause. Every name looked up below (a tail of an
        entity's name) lies in the clause of that entity: a clause holding none of the known names
        cannot give a hit and is not segmented."""
        ends = self._known_ends
        for end in range(len(clause), 0, -1):
            lengths = ends.get(clause[end - 1])
            if lengths and any(n <= end and clause[end - n:end] in self.known for n in lengths):
                return True
        return False

    def _known_entities(self, text: str) -> dict[int, list[str]]:
        self._learn_pending()
        if not self.known:  # nothing known: no need to extract the text's entities
            return {}
        hits: dict[int, list[str]] = defaultdict(list)
        for ent in self._text_entities(text):
            if ent.kind not in _ENTITY_KINDS:
                continue
            for name in dedup._tails(ent.name):
                counts = self.known.get(name)
                if not counts:
                    continue
                district, n = counts.most_common(1)[0]
                if n >= ENTITY_MAJORITY * sum(counts.values()):
                    if ent.name not in hits[district]:
                        hits[district].append(ent.name)
                else:  # known under several districts: a candidate for each
                    for d in counts:
                        hits[d].append(ent.name)
                break
        return hits

    def derive(self, text: str, *, handling_unit: Unit | int | None = None) -> PlaceGuess:
        """The district of a matter from its text, else its handling unit (see the module doc)."""
        norm = normalize_text(text or "").replace(" ", "")
        handling = self.district_of(handling_unit if isinstance(handling_unit, int | None)
                                    else handling_unit.pk)
        for source in (self._named_places, self._known_entities):  # the second only if the first finds none
            found = source(norm) if norm or source is self._named_places else {}
            if len(found) == 1:
                (district, words), = found.items()
                return PlaceGuess(self._unit(district), "、".join(words), SOURCE_TEXT)
            if len(found) > 1:
                named = "；".join(f"{self._unit(d).name}（{'、'.join(w)}）" for d, w in found.items())
                candidates = tuple(self._unit(d) for d in found)
                if handling in found:
                    return PlaceGuess(self._unit(handling), f"文中提到{named}；{BY_HANDLING_UNIT}",
                                      SOURCE_HANDLING_UNIT, candidates=candidates)
                return PlaceGuess(None, reason=f"文中提到多个区县：{named}，无法确定问题属地",
                                  candidates=candidates)
        if handling is not None:
            return PlaceGuess(self._unit(handling), BY_HANDLING_UNIT, SOURCE_HANDLING_UNIT)
        if handling_unit is not None:
            return PlaceGuess(None, reason="文中未提到区县、街道或已知地点，办理单位不属于某一区县")
        return PlaceGuess(None, reason="文中未提到区县、街道或已知地点，也没有办理单位")

    def load_units(self) -> None:
        """Read every district's unit now: `derive` then reads no database (the importer converts
        rows in a thread of its own, imports/services.py `_Ahead`)."""
        ids = {self.district_of(uid) for uid in self.all} - {None}
        cache = getattr(self, "_unit_cache", {})
        cache.update(Unit.objects.in_bulk(list(ids - set(cache))))
        self._unit_cache = cache

    def _unit(self, uid: int) -> Unit:
        if not hasattr(self, "_unit_cache"):
            self._unit_cache: dict[int, Unit] = {}
        if uid not in self._unit_cache:
            self._unit_cache[uid] = Unit.objects.get(pk=uid)
        return self._unit_cache[uid]


def derive_place(text: str, *, handling_unit: Unit | None = None,
                 root: Unit | None = None) -> PlaceGuess:
    """The district (问题属地) of a matter whose source gave none, with the evidence: a place of the
    unit tree named in the text, a thing known under one district, else the handling unit's
    district (Art. 22 属地管理: the district answers for matters on its territory)."""
    return PlaceIndex(root).derive(text, handling_unit=handling_unit)
