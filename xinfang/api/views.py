"""REST API: register cases (idempotent), read them within the user's jurisdiction, act on them."""

from __future__ import annotations

import logging
from typing import Any

from django.db import DataError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView, exception_handler

from xinfang.cases.forms import ACTION_FORMS
from xinfang.cases.models import Case, CasePetitioner
from xinfang.cases.search import CappedPaginator
from xinfang.cases.selectors import available_actions, case_get, case_search, visible_cases
from xinfang.cases.services import case_register
from xinfang.cases.states import TRANSITIONS, Status
from xinfang.cases.workflow import case_transition
from xinfang.core.clientip import client_ip
from xinfang.core.errors import (
    ConfidentialityViolation,
    DomainError,
    GuardFailed,
    IllegalTransition,
    InvalidParams,
    PermissionDenied,
)

from . import idempotency
from .serializers import (
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CasePageOut,
    CaseRegisteredOut,
    CaseSearchIn,
    ErrorOut,
    TransitionIn,
)

STATUS_FOR = {
    IllegalTransition: 409,
    PermissionDenied: 403,
    ConfidentialityViolation: 403,
    GuardFailed: 422,
    InvalidParams: 400,
}

IDEMPOTENCY = OpenApiParameter(
    idempotency.HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER,
    description="幂等键：同一键的重试返回第一次的结果，绝不重复登记",
)

PREFER = OpenApiParameter(
    "Prefer", OpenApiTypes.STR, OpenApiParameter.HEADER, enum=["return=minimal", "return=representation"],
    description="return=minimal：只返回编号、状态和地址（Location），不返回整件详情，登记更快；"
                "默认 return=representation 返回整件详情。同一幂等键的重试按第一次的形式返回。",
)
REGISTERED = PolymorphicProxySerializer(
    component_name="CaseRegistered", serializers=[CaseDetailOut, CaseRegisteredOut],
    resource_type_field_name=None)


def wants_minimal(request: Request) -> bool:
    """RFC 7240: `Prefer: return=minimal` among the header's comma-separated preferences."""
    return any(p.strip().lower().replace(" ", "") == "return=minimal"
               for p in request.headers.get("Prefer", "").split(","))


def handle_exception(exc: Exception, context: dict) -> Response | None:
    """Domain errors become JSON with a code and a Chinese message; a hidden case is a 404.

    Malformed requests (not JSON, not an object, numbers beyond what the database holds) are a
    400 with a Chinese message too, never a server error.
    """
    if isinstance(exc, Case.DoesNotExist):
        exc = Http404()
    if isinstance(exc, OverflowError | DataError):
        exc = InvalidParams("请求中的数值或文字超出允许范围")
    if isinstance(exc, exceptions.ParseError):
        return Response({"code": "parse_error",
                         "detail": f"请求体不是有效的 JSON：{exc.detail}"}, status=400)
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return Response({"code": "unsupported_media_type",
                         "detail": "只接受 JSON 请求体（Content-Type: application/json）"},
                        status=415)
    if isinstance(exc, DomainError):
        code = next((c for t, c in STATUS_FOR.items() if isinstance(exc, t)), 400)
        body = {"code": exc.code, "detail": exc.message}
        if "errors" in exc.details:
            body["errors"] = exc.details["errors"]
        return Response(body, status=code)
    return exception_handler(exc, context)


def _valid(serializer_class: type, data: object, message: str) -> dict:
    """The request body checked against its declared shape (the OpenAPI schema) before the forms
    see it: an object, fields of the right JSON types, numbers within the database's range."""
    body = serializer_class(data=data)
    if not body.is_valid():
        raise InvalidParams(message, errors=body.errors)
    return body.validated_data


#: the refusals each kind of request can meet, documented with their JSON shape
audit = logging.getLogger("xinfang.audit")
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: ErrorOut, 415: ErrorOut, 422: ErrorOut}


def _case(request: Request, number: str) -> Case:
    return case_get(request.user, number=number)


def _detail(user, **lookup) -> Case:  # noqa: ANN001, ANN003
    """A visible case with everything the detail representation reads, in a fixed few queries
    (the timeline is read by `case_timeline`, with its masking, not from a prefetch)."""
    # only the relations the representation and the offered actions read: each join more costs the
    # planner (case_get's nine-table join planned in ~3.7 ms for a 0.45 ms execution on PostgreSQL)
    case = visible_cases(user).select_related(
        "category__parent__parent", "problem_unit", "holding_unit").get(**lookup)
    prefetch_related_objects(
        [case],
        Prefetch("parties", queryset=CasePetitioner.objects.select_related("petitioner")),
        "deadlines",
    )
    case.reached_by = user.pk  # loaded through the user's reach: the available actions need not ask again
    return case


class ListThrottle(ScopedRateThrottle):
    """Art. 46: a bulk read of identities is rate-limited per user; registering is not."""

    def allow_request(self, request: Request, view) -> bool:  # noqa: ANN001
        return request.method != "GET" or super().allow_request(request, view)

    def get_ident(self, request: Request) -> str:
        """An anonymous caller's address as everywhere else (never a forged X-Forwarded-For)."""
        return client_ip(request) or "unknown"


#: query parameters that would put personal data into a URL (access logs, proxies, history)
PERSONAL_PARAMS = ("q", "name", "id_number", "phone", "address", "mobile", "id_card")
PERSONAL_PARAMS_REFUSED = ("为保护个人信息（第四十六条），查询条件不能放在网址中：请改用 POST /api/v1/cases/search/，"
                           "在 JSON 请求体中提交 {\"q\": \"…\", \"status\": \"…\"}")


def _cases(user, query: str, status_filter: str | None):  # noqa: ANN001, ANN202
    qs = case_search(user, query)  # a search: newest received first
    if status_filter:
        qs = qs.filter(status=status_filter)
    qs = qs.select_related("holding_unit", "problem_unit", "category").prefetch_related(
        "parties__petitioner")
    return qs if query else qs.order_by("-registered_at", "-pk")


class SearchPagination(PageNumberPagination):
    """A search counts and pages at most `RESULTS_MAX` cases (the newest received): no COUNT over a
    province; `count_capped` says there are more."""

    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.capped
        return response


def _audit_page(request: Request, response: Response, *, searched: bool) -> None:
    """Who read how many identities, never what was searched (the query may be an ID number)."""
    rows = len(response.data.get("results", [])) if isinstance(response.data, dict) else 0
    audit.info("api case list: user=%s unit=%s rows=%s page=%s searched=%s",
               request.user.pk, request.user.unit_id, rows,
               request.query_params.get("page", "1"), searched)


class CaseListCreate(generics.ListAPIView):
    serializer_class = CaseOut
    throttle_classes = [ListThrottle]
    throttle_scope = "case-list"

    def list(self, request: Request, *args, **kwargs) -> Response:  # noqa: ANN002, ANN003
        if any(p in request.query_params for p in PERSONAL_PARAMS):
            return Response({"code": "personal_data_in_url", "detail": PERSONAL_PARAMS_REFUSED},
                            status=400)
        response = super().list(request, *args, **kwargs)
        _audit_page(request, response, searched=False)
        return response

    def get_queryset(self):  # noqa: ANN201
        return _cases(self.request.user, "", self.request.query_params.get("status"))

    @extend_schema(parameters=[
        OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values, description="状态"),
    ], responses={200: CaseOut(many=True), **READ_ERRORS, 400: ErrorOut},
        summary="本单位管辖范围内的信访件",
        description="按编号、姓名、证件号码、手机号码或词语查找请用 POST /api/v1/cases/search/："
                    "网址中带 q、name、id_number、phone 等个人信息参数的请求一律 400。")
    def get(self, request: Request, *args, **kwargs) -> Response:  # noqa: ANN002, ANN003
        return super().get(request, *args, **kwargs)

    @extend_schema(request=CaseIn, responses={201: REGISTERED, **WRITE_ERRORS},
                   parameters=[IDEMPOTENCY, PREFER],
                   summary="登记信访件",
                   description="201：响应头 Location 为本件地址；默认返回整件详情，"
                               "请求头 Prefer: return=minimal 时只返回编号、状态和地址。")
    def post(self, request: Request) -> Response:
        _valid(CaseIn, request.data, "登记信息格式有误")
        minimal = wants_minimal(request)

        def register() -> Response:
            data = dict(request.data)
            petitioners = data.pop("petitioners", None) or []
            case = case_register(actor=request.user, data=data, petitioners=petitioners)
            if minimal:  # the registration's own row: no read of the detail, no serializer of it
                case.url = reverse("api:case", args=[case.number])
                return Response(CaseRegisteredOut(case).data, status=status.HTTP_201_CREATED)
            case = _detail(request.user, pk=case.pk)
            return Response(CaseDetailOut(case, context={"request": request}).data,
                            status=status.HTTP_201_CREATED)

        response = idempotency.idempotent(request, register)
        if response.status_code == status.HTTP_201_CREATED:  # the first answer or its replay
            response["Location"] = reverse("api:case", args=[response.data["number"]])
            if "url" in response.data:
                response["Preference-Applied"] = "return=minimal"
        return response


class CaseSearch(generics.GenericAPIView):
    """Art. 46: the search words travel in the body; rate-limited and logged like the list (same
    per-user budget, `case-list`)."""

    serializer_class = CaseOut
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "case-list"
    pagination_class = SearchPagination

    @extend_schema(request=CaseSearchIn, responses={200: CasePageOut, **READ_ERRORS, 400: ErrorOut,
                                                    415: ErrorOut},
                   parameters=[OpenApiParameter("page", OpenApiTypes.INT, description="页码")],
                   summary="查找信访件（查询条件在请求体中，不进网址和日志）")
    def post(self, request: Request) -> Response:
        body = _valid(CaseSearchIn, request.data, "查询条件格式有误")
        qs = _cases(request.user, body["q"], body.get("status"))
        page = self.paginate_queryset(qs)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        _audit_page(request, response, searched=True)
        return response


class CaseDetail(APIView):
    @extend_schema(responses={200: CaseDetailOut, **READ_ERRORS},
                   summary="信访件详情（含办理记录、期限、可执行操作）")
    def get(self, request: Request, number: str) -> Response:
        return Response(CaseDetailOut(_detail(request.user, number=number),
                                      context={"request": request}).data)


class CaseActions(APIView):
    @extend_schema(responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
                   summary="当前用户可执行的操作及其字段")
    def get(self, request: Request, number: str) -> Response:
        case = _case(request, number)
        actions = []
        for action in available_actions(request.user, case):
            form = ACTION_FORMS[action]()
            actions.append({
                "action": action.value, "label": str(action.label), "doc": gettext(TRANSITIONS[action].doc),
                "fields": {name: {"label": str(f.label), "required": f.required}
                           for name, f in form.fields.items()},
            })
        return Response({"number": case.number, "status": case.status, "actions": actions})


class CaseTransition(APIView):
    @extend_schema(request=TransitionIn, responses={200: CaseDetailOut, **WRITE_ERRORS},
                   parameters=[IDEMPOTENCY],
                   summary="执行流程操作（转送、交办、受理、答复、复查……）")
    def post(self, request: Request, number: str) -> Response:
        body = _valid(TransitionIn, request.data, "请求格式有误")

        def run() -> Response:
            case = _case(request, number)
            case = case_transition(case_id=case.pk, action=body["action"],
                                   actor=request.user, params=body.get("params"))
            case = _detail(request.user, pk=case.pk)
            return Response(CaseDetailOut(case, context={"request": request}).data)

        return idempotency.idempotent(request, run)



