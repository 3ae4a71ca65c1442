"""The pages offer exactly what the engine allows this user now (issue 15 item 4).

Every button or form that takes a workflow step carries `data-action="<workflow>.<action>"` (and
`data-record` for a resolution record on the case page). For every workflow table × every status ×
every role, the set of steps a page shows equals `xinfang.core.workflow.offered` (creating steps:
`offered_creations`; the one rating form: `allowed` of `rate` / `rate_bureau`); every offered step
posted is taken up (never 403/404/409: at most the parameters are refused), every step not offered
posted gets a 4xx with the engine's reason, never a 500.

A case is walked through the engine to each of its statuses (`scenarios.drive_to`); one record
of each other workflow is built through the services and, for its other statuses, its status is
set directly in the test set-up (a test-only shortcut: the engine is the only writer in the code),
as in core/tests/test_workflows.py. The (status, role) pairs of a workflow are checked in one test
so the county is built once per workflow, and every wrong pair is reported together.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from xinfang.cases.models import Case
from xinfang.cases.scenarios import County, act, drive_to, params_for
from xinfang.cases.states import TRANSITIONS, Action, Status
from xinfang.cases.workflow import CASES
from xinfang.core import workflow as engine
from xinfang.core.tests.test_workflows import RECORD
from xinfang.documents.kinds import DocumentKind
from xinfang.documents.services import standalone_refusal
from xinfang.documents.views import STANDALONE
from xinfang.institutions.disputes import DISPUTES
from xinfang.joint.workflow import PARTS
from xinfang.orgs.models import Role, User
from xinfang.orgs.services import staff_create
from xinfang.resolution import hearings, mediation, satisfaction, supervision
from xinfang.warning.workflow import WARNINGS
from xinfang.xborder.workflow import FLOW as FAST_TRACK

pytestmark = pytest.mark.django_db

FORM = re.compile(r'<form\b[^>]*\bdata-action="([^"]*)"[^>]*>')
RECORD_ATTR = re.compile(r'\bdata-record="(\d+)"')
CREATING_FLOWS = (mediation.FLOW, hearings.FLOW, supervision.ORDER_FLOW, supervision.LEADER_FLOW,
                  supervision.REC_FLOW)
RESOLUTION_FLOWS = {f.name: f for f in (*CREATING_FLOWS, satisfaction.FLOW)}
#: Other workflows created from a panel of the case page (their steps are on their own pages):
#: the Art. 24 dispute (institutions), a joint-handling part (joint), the cross-border fast track
#: (xborder).
PANEL_CREATIONS = (DISPUTES, PARTS, FAST_TRACK)


# ---- who looks ---------------------------------------------------------------------------------

def people(county: County) -> dict[str, User]:
    """One user per role in the petition bureau and in the handling unit (住建局), the county's
    leader and supervisors, the city's leader, the mediation committee's staff, an administrator."""
    out = {f"{unit}:{role}": county.user(getattr(county, unit), role)
           for unit in ("bureau", "housing") for role in (Role.REGISTRAR, Role.HANDLER,
                                                          Role.APPROVER)}
    code = county.county.code.lower()
    for name, username in (("bureau:supervisor", f"{code}_dc"), ("county:leader", f"{code}_ld"),
                           ("city:leader+supervisor", "city_ld"), ("mediation:staff", f"{code}_tj")):
        user = User.objects.filter(username=username).first()
        if user is not None:
            out[name] = user
    out["bureau:administrator"] = (
        User.objects.filter(username=f"{code}_admin").first()
        or staff_create(username=f"{code}_admin", unit=county.bureau, roles=[Role.ADMINISTRATOR]))
    out["housing:supervisor"] = (
        User.objects.filter(username=f"{code}_zj_dc").first()
        or staff_create(username=f"{code}_zj_dc", unit=county.housing, roles=[Role.SUPERVISOR]))
    return out


def world(county: County) -> None:
    from xinfang.resolution.tests.conftest import build_world

    if not User.objects.filter(username=f"{county.county.code.lower()}_dc").exists():
        build_world(county)


# ---- what a page shows ---------------------------------------------------------------------------

def shown(body: str) -> list[tuple[str, str | None]]:
    """Every (action code, record id or None) a form on the page offers."""
    out = []
    for m in FORM.finditer(body):
        record = RECORD_ATTR.search(m.group(0))
        out += [(code, record.group(1) if record else None) for code in m.group(1).split()]
    return out


def get(client, url: str) -> str:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def expected_on_case_page(case: Case, user: User) -> set[str]:
    """What the engine allows `user` on the case itself, the creations on it, the rating form and
    the stand-alone notices."""
    codes = {f"case.{t.action}" for t in engine.offered(CASES, case, user)}
    codes |= {f"case.{a.value}" for a in (Action.RATE, Action.RATE_BUREAU)
              if engine.allowed(CASES, case, a, user)}
    codes |= {f"{f.name}.{t.action}" for f in (*CREATING_FLOWS, *PANEL_CREATIONS)
              for t in engine.offered_creations(f, case, user)}
    codes |= {f"document.{k.value}" for k in STANDALONE if standalone_refusal(user, k) is None}
    return codes


def post(client, url: str, data: dict[str, Any] | None = None) -> int:  # noqa: ANN001
    """POST and roll back whatever the step did (the next pair starts from the same record)."""
    with transaction.atomic():
        status = client.post(url, data or {}).status_code
        transaction.set_rollback(True)
    return status


def case_params(county: County, case: Case, action: Action) -> dict[str, Any]:
    """The case page's form data for `action`: valid parameters where the scenarios know them."""
    try:
        params = params_for(county, case, action)
    except AssertionError:  # params_for asserts what it needs: such a step is posted with none
        params = {}
    return {f"{action.value}-{k}": getattr(v, "pk", v) for k, v in params.items()
            if not isinstance(v, list | dict)}


# ---- the case workflow ---------------------------------------------------------------------------

def test_case_page_offers_exactly_what_the_engine_allows_every_role_in_every_status(
        client, county):  # noqa: ANN001
    world(county)
    users = people(county)
    wrong, refused_offered, bad_refusals = [], [], []
    for n, status in enumerate(Status):
        case = drive_to(county, status)  # through the engine: its clocks and rows are consistent
        url = reverse("web:case", args=[case.number])
        not_offered: dict[Action, User] = {}
        for who, user in users.items():
            client.force_login(user)
            response = client.get(url)
            if response.status_code == 404:  # outside this user's reach: nothing offered
                assert not engine.offered(CASES, case, user), (status, who)
                continue
            assert response.status_code == 200, (status, who, response.status_code)
            on_page = {code for code, _record in shown(response.content.decode())}
            expected = expected_on_case_page(case, user)
            if on_page != expected:
                wrong.append((status.value, who, sorted(on_page - expected), sorted(expected - on_page)))
            offered = {Action(t.action) for t in engine.offered(CASES, case, user)}
            for action in offered:  # taken up: at most the parameters or a guard refuse it
                code = post(client, reverse("web:case-act", args=[case.number, action.value]),
                            case_params(county, case, action))
                if code in (403, 404, 409) or code >= 500:
                    refused_offered.append((status.value, who, action.value, code))
            for t in TRANSITIONS.values():
                if not t.internal and Action(t.action) not in offered:
                    not_offered.setdefault(Action(t.action), [])
                    not_offered[Action(t.action)].append(user)
        # every step not offered to someone, posted by one of them (in turn): a 4xx, never a 500
        for action, who_not in not_offered.items():
            user = who_not[n % len(who_not)]
            client.force_login(user)
            code = post(client, reverse("web:case-act", args=[case.number, action.value]),
                        case_params(county, case, action))
            if not 400 <= code < 500:
                bad_refusals.append((status.value, user.username, action.value, code))
    assert not wrong, "pages offer other steps than the engine (status, user, extra, missing):\n" + \
        "\n".join(map(str, wrong))
    assert not refused_offered, refused_offered
    assert not bad_refusals, bad_refusals


# ---- the resolution workflows (records on the case page or the 调解督办 pages) ----------------------

def _record_page(record: Any, flow: engine.Workflow) -> str:
    case = getattr(record, "case", None)
    if case is not None:
        return reverse("web:case", args=[case.number])
    tab = {"mediation": "mediations", "recommendation": "recommendations"}[flow.name]
    return f"{reverse('resolution:home')}?tab={tab}"


@pytest.mark.parametrize("name", sorted(RESOLUTION_FLOWS))
def test_resolution_records_offer_exactly_what_the_engine_allows(client, county, name):  # noqa: ANN001
    flow = RESOLUTION_FLOWS[name]
    record = RECORD[name](county)
    world(county)
    users = people(county)
    url = _record_page(record, flow)
    model, field = flow.model, flow.status_field
    wrong, refused_offered, bad_refusals = [], [], []
    for status in flow.statuses:
        model.objects.filter(pk=record.pk).update(**{field: status})  # test set-up only
        record = model.objects.get(pk=record.pk)
        for who, user in users.items():
            client.force_login(user)
            response = client.get(url)
            assert response.status_code in (200, 404), (status, who, response.status_code)
            body = response.content.decode() if response.status_code == 200 else ""
            on_page = {code for code, rec in shown(body)  # 404: the case is outside their reach
                       if code.startswith(f"{name}.") and rec == str(record.pk)}
            offered = {t.action for t in engine.offered(flow, record, user)}
            expected = {f"{name}.{a}" for a in offered}
            if on_page != expected:
                wrong.append((status.value, who, sorted(on_page - expected), sorted(expected - on_page)))
            for t in flow.table.values():
                if t.creates:
                    continue
                code = post(client, reverse("resolution:act", args=[name, record.pk, t.action]))
                if t.action in offered and (code in (403, 404, 409) or code >= 500):
                    refused_offered.append((status.value, who, t.action, code))
                elif t.action not in offered and not 400 <= code < 500:
                    bad_refusals.append((status.value, who, t.action, code))
    assert not wrong, "\n".join(map(str, wrong))
    assert not refused_offered, refused_offered
    assert not bad_refusals, bad_refusals


# ---- the warning workflow ------------------------------------------------------------------------

def test_warning_page_offers_exactly_what_the_engine_allows(client, county):  # noqa: ANN001
    from xinfang.warning.models import Warning

    w = RECORD["warning"](county)
    world(county)
    users = people(county)
    url = reverse("warning:detail", args=[w.number])
    wrong, refused_offered, bad_refusals = [], [], []
    for status in WARNINGS.statuses:
        Warning.objects.filter(pk=w.pk).update(status=status)  # test set-up only
        w = Warning.objects.get(pk=w.pk)
        for who, user in users.items():
            client.force_login(user)
            response = client.get(url)
            if response.status_code == 404:  # outside this user's reach: nothing offered
                assert not engine.offered(WARNINGS, w, user), who
                continue
            assert response.status_code == 200
            on_page = {code for code, _r in shown(response.content.decode())}
            offered = {t.action for t in engine.offered(WARNINGS, w, user)}
            if on_page != {f"warning.{a}" for a in offered}:
                wrong.append((status.value, who, sorted(on_page), sorted(offered)))
            for t in WARNINGS.table.values():
                code = post(client, reverse("warning:act", args=[w.number, t.action]))
                if t.action in offered and (code in (403, 404, 409) or code >= 500):
                    refused_offered.append((status.value, who, t.action, code))
                elif t.action not in offered and not 400 <= code < 500:
                    bad_refusals.append((status.value, who, t.action, code))
    assert not wrong, "\n".join(map(str, wrong))
    assert not refused_offered, refused_offered
    assert not bad_refusals, bad_refusals


# ---- the wrong offers reported in issue 15 -----------------------------------------------------

def _codes(client, user: User, case: Case) -> set[str]:  # noqa: ANN001
    client.force_login(user)
    return {code for code, _r in shown(get(client, reverse("web:case", args=[case.number])))}


def test_no_extension_is_offered_after_the_one_allowed(client, county):  # noqa: ANN001
    """Art. 34: once extended, neither 延期 nor 申请延期 is offered, and posting 延期 is refused."""
    case = drive_to(county, Status.ACCEPTED)
    approver = county.user(case.holding_unit, Role.APPROVER)
    handler = county.user(case.holding_unit, Role.HANDLER)
    assert "case.extend" in _codes(client, approver, case)
    assert "case.request_extension" in _codes(client, handler, case)
    case = act(county, case, Action.EXTEND)
    assert case.extended
    assert "case.extend" not in _codes(client, approver, case)
    assert "case.request_extension" not in _codes(client, handler, case)
    client.force_login(approver)
    response = client.post(reverse("web:case-act", args=[case.number, "extend"]),
                           case_params(county, case, Action.EXTEND))
    assert response.status_code == 422
    assert "不能再次延期" in response.content.decode()


def test_one_rating_form_with_what_is_left_to_rate(client, county):  # noqa: ANN001
    """Art. 21: the handling unit's and the bureau's ratings are one form (no second 记录满意度评价
    button); a rating given is no longer offered."""
    case = drive_to(county, Status.ANSWERED)
    registrar = county.user(county.bureau, Role.REGISTRAR)
    client.force_login(registrar)
    body = get(client, reverse("web:case", args=[case.number]))
    rating_forms = [m.group(1) for m in FORM.finditer(body) if "case.rate" in m.group(1)]
    assert rating_forms == ["case.rate case.rate_bureau"]  # one form, both ratings
    satisfaction.satisfaction_record(case_id=case.pk, actor=registrar,
                                     params={"handling": "satisfied", "comment": ""})
    body = get(client, reverse("web:case", args=[case.number]))
    assert [m.group(1) for m in FORM.finditer(body) if "case.rate" in m.group(1)] == [
        "case.rate_bureau"]
    assert 'name="rating-handling"' not in body and 'name="rating-bureau"' in body
    response = client.post(reverse("web:case-act", args=[case.number, "rate"]),
                           {"rate-satisfaction": "satisfied"})
    assert response.status_code == 404  # taken by the rating form, never by hand


@pytest.mark.parametrize("kind", [DocumentKind.SUPERVISION, DocumentKind.WARNING,
                                  DocumentKind.RECOMMENDATION])
def test_the_handling_unit_is_not_offered_the_bureaus_letters(client, county, kind):  # noqa: ANN001
    """督办函, 三项建议函 (Art. 40) and 预警提示函 (Art. 37) are the bureau's: the housing bureau's
    handler is not offered them, and posting one is refused with the reason; the bureau's is."""
    world(county)
    case = drive_to(county, Status.ACCEPTED)
    handler = county.user(county.housing, Role.HANDLER)
    codes = _codes(client, handler, case)
    assert f"document.{kind.value}" not in codes
    assert "order.issue" not in codes and "document.hearing" in codes
    response = client.post(reverse("documents:issue", args=[case.number, kind.value]), {})
    assert response.status_code == 403
    assert "由信访部门" in response.content.decode()
    assert f"document.{kind.value}" in _codes(client, county.user(county.bureau, Role.HANDLER), case)
