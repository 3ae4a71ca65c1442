"""The fast track as a workflow on the one engine (a `resolution.machine.Flow` hanging off the case).

`derive` is taken by the system inside the registration's transaction when a party is from Hong
Kong, Macao, Taiwan or abroad (`Petitioner.is_cross_border`); staff may put a case on the track with
a reason, take it off and put it back, each with a reason. Every step is an event on the case
timeline (`fast_track.step`). The track changes no statutory clock (targets.py).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from xinfang.cases.models import Case, Origin
from xinfang.cases.states import TERMINAL
from xinfang.cases.states import Status as CaseStatus
from xinfang.core import clock
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import SYSTEM_ACTOR, is_system, state_guard
from xinfang.resolution.machine import Flow, run, start

from .forms import DeriveForm, ReasonForm
from .models import FastTrack
from .selectors import visible_tracks
from .states import TABLE, TrackAction

A = TrackAction


def cross_border_origins(case: Case) -> list[str]:
    """The origins (香港, 澳门, 台湾, 外籍) of the case's parties from outside the mainland."""
    return sorted(set(case.parties.exclude(petitioner__origin=Origin.MAINLAND)
                      .values_list("petitioner__origin", flat=True)))


# ---- guards ----------------------------------------------------------------------------------

@state_guard
def no_track_yet(case: Case, actor: Any, p: dict[str, Any], action: Any) -> None:
    """One track record per case: taken off, it is put back, not created again."""
    if FastTrack.objects.filter(case=case).exists():
        raise GuardFailed(_("本件已有快速通道记录：已移出的请使用“重新列入快速通道”"))


@state_guard
def cross_border_party(case: Case, actor: Any, p: dict[str, Any], action: Any) -> None:
    """The system lists a case only when a party is from Hong Kong, Macao, Taiwan or abroad."""
    if not cross_border_origins(case):
        raise GuardFailed(_("本件当事人均为内地居民，不自动列入快速通道"))


def _open(case: Case) -> None:
    if case.status in TERMINAL or case.status == CaseStatus.CLOSED:
        raise GuardFailed(_("信访件已办结或已终结，不再调整快速通道"))


@state_guard
def case_open(record: Any, actor: Any, p: dict[str, Any], action: Any) -> None:
    """The track matters only while the case is being handled."""
    _open(record if isinstance(record, Case) else record.case)


# ---- effects ---------------------------------------------------------------------------------

def _derive(actor: Any, p: dict[str, Any], case: Case) -> FastTrack:
    p["origins"] = cross_border_origins(case)
    return FastTrack(case=case, basis=FastTrack.Basis.PARTY, since=clock.now(),
                     reason="、".join(str(Origin(o).label) for o in p["origins"]))


def _put_on(actor: Any, p: dict[str, Any], case: Case) -> FastTrack:
    return FastTrack(case=case, basis=FastTrack.Basis.STAFF, since=clock.now(),
                     reason=p["reason"], changed_by=actor)


def _change(t: FastTrack, actor: Any, p: dict[str, Any]) -> None:
    t.reason, t.since, t.changed_by = p["reason"], clock.now(), actor


def _unit(actor: Any, t: FastTrack | None, case: Case | None) -> bool:
    """Staff of the unit holding the case or of the unit that registered it."""
    case = case if case is not None else (t.case if t is not None else None)
    return case is not None and actor.unit_id in (case.holding_unit_id, case.registered_unit_id)


FLOW = Flow(
    name="fast_track", label="快速通道", model=FastTrack, actions=TrackAction, table=TABLE,
    forms={A.DERIVE: DeriveForm, A.PUT_ON: ReasonForm, A.TAKE_OFF: ReasonForm,
           A.PUT_BACK: ReasonForm},
    effects={A.DERIVE: _derive, A.PUT_ON: _put_on, A.TAKE_OFF: _change, A.PUT_BACK: _change},
    guards={A.DERIVE: (no_track_yet, cross_border_party), A.PUT_ON: (no_track_yet, case_open),
            A.TAKE_OFF: (case_open,), A.PUT_BACK: (case_open,)},
    scopes={"system": lambda a, t, c: is_system(a), "unit": _unit},
    visible=visible_tracks,
)


def track_derive(*, case_id: int) -> FastTrack:
    """The system lists a case whose party is from outside the mainland (at registration)."""
    return start(FLOW, action=A.DERIVE, actor=SYSTEM_ACTOR, params={}, case_id=case_id)


def track_put_on(*, case_id: int, actor: Any, params: dict[str, Any]) -> FastTrack:
    """Staff put a case on the track, with a reason."""
    return start(FLOW, action=A.PUT_ON, actor=actor, params=params, case_id=case_id)


def track_transition(*, track_id: int, action: TrackAction | str, actor: Any,
                     params: dict[str, Any] | None = None) -> FastTrack:
    """The only writer of `FastTrack.status` after creation (take off, put back)."""
    return run(FLOW, record_id=track_id, action=action, actor=actor, params=params)


def on_case_registering(sender: Any, case: Case, actor: Any, **kwargs: Any) -> None:  # noqa: ARG001
    """Receiver of `cases.services.case_registering` (inside the registration's transaction): a
    case with a party from Hong Kong, Macao, Taiwan or abroad goes on the track at once. The parties
    just registered are in memory (`Case.registered_petitioners`): no query unless one is from outside
    the mainland (then the guard reads them again, in the engine's step)."""
    people = getattr(case, "registered_petitioners", None)
    if people is None:  # a sender that did not say who the parties are
        people = [link.petitioner for link in case.parties.select_related("petitioner")]
    if any(person.is_cross_border for person in people):
        track_derive(case_id=case.pk)
