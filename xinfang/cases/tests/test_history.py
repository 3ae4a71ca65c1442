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
