"""The dashboard's place treemap shows the places as separate boxes (issue 15 item 9)."""

from __future__ import annotations

import random

import pytest

from xinfang.cases.demo import build_demo_county, seed_cases
from xinfang.warning.selectors import dashboard_data, place_boxes
from xinfang.warning.views import _chart_data


def _node(name: str, own: int, *children: dict) -> dict:
    return {"name": name, "own": own, "total": own + sum(c["total"] for c in children),
            "children": list(children)}


def _leaves(boxes: list[dict]) -> dict[str, int]:
    out = {}
    for b in boxes:
        out.update(_leaves(b["children"]) if b.get("children") else {b["name"]: b["value"]})
    return out


@pytest.mark.parametrize(("tree", "expected"), [
    # every case in a township and its village, under the county: two boxes, not one
    ([_node("县", 0, _node("镇", 5, _node("村", 3)), _node("局", 0))],
     {"镇（本级）": 5, "村": 3}),
    # two townships: one box each, holding their villages
    ([_node("县", 0, _node("甲镇", 2, _node("甲村", 1)), _node("乙镇", 4))],
     {"甲镇（本级）": 2, "甲村": 1, "乙镇": 4}),
    ([_node("县", 0)], {}),
])
def test_place_boxes(tree, expected) -> None:  # noqa: ANN001
    boxes = place_boxes(tree)
    assert _leaves(boxes) == expected
    assert len(boxes) != 1 or not boxes[0].get("children")  # never one box holding everything


@pytest.mark.django_db
def test_demo_data_gives_several_places() -> None:
    # given the demo's county and cases (problems in the township and in its village)
    county = build_demo_county()
    cases = seed_cases(county, n=12, rng=random.Random(3))
    places = {c.problem_unit_id for c in cases}
    assert len(places) >= 2
    # when the county's leader opens the dashboard, the treemap has a box per place
    d = dashboard_data(county.leader(), list_limit=5)
    boxes = _chart_data(d)["tree"]
    assert len(boxes) >= 2
    assert sum(_leaves(boxes).values()) == len(cases)
