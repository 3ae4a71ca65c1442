"""The bulk historical writer's shortcut to the timeline hash gives the chain's own digest."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from xinfang.cases.chain import CHAIN_VERSION, event_hash
from xinfang.cases.history import _hash, _plain
from xinfang.cases.models import Channel, EventKind

AT = dt.datetime(2021, 3, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.mark.parametrize(("data", "plain"), [
    ({}, True),
    ({"source": "12345热线", "external_id": "GD1", "batch": 3, "row": 7, "place_assumed": True}, True),
    ({"truncated": {"request": 12000}, "label": "举报", "district": "A1区"}, True),
    ({"kind": "handling", "deadline": 12, "provisional": False, "imported": True, "x": None}, True),
    ({"items": ["a", 1, [True]]}, True),
    ({"ratio": 1.0}, False),  # jsonb gives an integral float back as an integer
    ({"pair": (1, 2)}, False),  # a tuple comes back as a list
    ({"on": dt.date(2021, 3, 5)}, False),  # a date comes back as its text
    ({"channel": Channel.PLATFORM}, False),  # an enum member: the general path
    ({1: "a"}, False),  # a key comes back as a string
])
def test_the_shortcut_hash_is_the_chains_hash(data, plain) -> None:
    # given an event as history_write builds it, with this data
    for prev in ("", "ab" * 32):
        event = SimpleNamespace(case_id=41, kind=EventKind.REGISTERED, type="imports.received",
                                action="", actor_id=5, unit_id=None, at=AT, old_value="",
                                new_value="closed", note="已答复\n“引号”", data=data,
                                prev_hash=prev, chain_version=CHAIN_VERSION)
        # then the shortcut is taken only where it is safe, and the digest is the chain's
        assert _plain(data) is plain
        assert _hash(event, prev) == event_hash(event, prev)


def _fields(case) -> dict:  # noqa: ANN001
    from xinfang.cases.models import Case

    return {f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields}


@pytest.mark.parametrize("values", [
    {},
    # what the importer gives for a row (imports/services._past_case)
    {"registered_unit_id": 3, "registered_by_id": 9, "import_source": "12345热线", "headcount": 1,
     "status": "closed", "channel": Channel.PHONE, "purpose": "complaint", "problem_unit_id": 4,
     "title": "噪声", "request": "夜间施工噪声", "facts_reasons": "（未单独列明）",
     "received_on": AT.date(), "registered_at": AT, "handling_unit_id": None,
     "holding_unit_id": 3, "external_id": "GD1"},
    {"is_first_time": False, "simplified": True, "accused_person": "张三", "next_due": AT.date()},
])
def test_a_case_built_positionally_is_the_case_built_by_name(values) -> None:
    from xinfang.cases.history import new_case
    from xinfang.cases.models import Case

    # given field values by attname, then both constructors make the same unsaved case
    fast, slow = new_case(dict(values)), Case(**values)
    assert _fields(fast) == _fields(slow)
    assert fast._state.adding and fast.pk is None


def test_a_case_built_positionally_refuses_an_unknown_field() -> None:
    from xinfang.cases.history import new_case

    # a misspelt name is an error, as it is for Case(**values), not a field silently left out
    with pytest.raises(TypeError, match="handling_unit_idd"):
        new_case({"handling_unit_idd": 1})
