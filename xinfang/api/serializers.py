"""JSON shapes of the API. Input is validated by the same forms as the staff UI (cases/forms.py);
the input serializers here describe it for the OpenAPI schema."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from xinfang.cases.models import Case, CaseEvent, Channel, IdType, NoticeLanguage, Origin, Purpose
from xinfang.cases.states import TRANSITIONS, Action, Status
from xinfang.deadlines.models import Deadline

# What the database columns hold: ids are 64-bit, the headcount a 32-bit positive integer.
MAX_ID = 2**63 - 1
MAX_HEADCOUNT = 2**31 - 1


def _id(**kwargs) -> serializers.IntegerField:  # noqa: ANN003
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _text(max_length: int | None = None, **kwargs) -> serializers.CharField:  # noqa: ANN003
    if kwargs.get("required") is False:
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("allow_null", True)
    return serializers.CharField(max_length=max_length, trim_whitespace=False, **kwargs)


class PetitionerIn(serializers.Serializer):
    """One petitioner; the resident ID number is checked (GB 11643-1999) by the form."""

    name = _text(100, help_text="姓名（名称）")
    id_type = serializers.ChoiceField(IdType.choices, required=False)
    id_number = _text(30, required=False)
    phone = _text(20, required=False)
    address = _text(200, required=False)
    origin = serializers.ChoiceField(Origin.choices, required=False)
    notice_language = serializers.ChoiceField(
        NoticeLanguage.choices, required=False, allow_blank=True,
        help_text="告知语言（短信）：zh-hans 简体中文、zh-hant 繁體中文、en 英文；不填为平台默认语言")
    is_representative = serializers.BooleanField(required=False)


class CaseIn(serializers.Serializer):
    """A petition to register (Art. 19, 21): who, what is asked, the facts and reasons.

    `purpose` or `source_label` (the label of the source system, mapped by
    XINFANG_SOURCE_PURPOSES); `petitioners` may be empty only for 意见建议, 揭发控告 and 其他
    (anonymous; a 求决 or 申诉 needs a named petitioner, Art. 17, 19)."""

    channel = serializers.ChoiceField(Channel.choices)
    purpose = serializers.ChoiceField(Purpose.choices, required=False,
                                      help_text="信访目的；不填时按 source_label 对应")
    source_label = _text(20, required=False,
                         help_text="来源系统的标签（投诉、举报、建议、咨询等），按配置对应信访目的")
    problem_unit = _id(help_text="问题属地（单位ID）")
    category = _id(required=False, allow_null=True, help_text="内容分类ID")
    title = _text(200)
    request = _text()
    facts_reasons = _text(required=False, help_text="事实和理由；来源只有一段内容时可不填")
    received_on = serializers.DateField(required=False, allow_null=True)
    headcount = serializers.IntegerField(required=False, min_value=1, max_value=MAX_HEADCOUNT)
    is_collective = serializers.BooleanField(required=False)
    is_first_time = serializers.BooleanField(required=False)
    related_case = _text(40, required=False, help_text="既往信访件编号")
    accused_unit = _id(required=False, allow_null=True)
    accused_person = _text(100, required=False)
    petitioners = PetitionerIn(many=True, required=False,
                               help_text="信访人；求决、申诉至少一名（第十七条、第十九条），"
                                         "意见建议、揭发控告和其他可为空（匿名）")


class ParamValue(serializers.JSONField):
    """One field of an action: text, a number, true/false or null; never a list or an object
    (a list would reach the form as its Python repr)."""

    def to_internal_value(self, data):  # noqa: ANN001, ANN201
        if isinstance(data, list | dict):
            raise serializers.ValidationError("应为文字、数字或是/否，不能是列表或对象")
        if isinstance(data, int) and not isinstance(data, bool) and abs(data) > MAX_ID:
            raise serializers.ValidationError("数值超出允许范围")
        return data


class TransitionIn(serializers.Serializer):
    # Steps other parts of the platform take (pause a clock for a hearing...) are not offered here.
    action = serializers.ChoiceField(
        [(a.value, a.label) for a in Action if not TRANSITIONS[a].internal])
    params = serializers.DictField(child=ParamValue(), required=False,
                                   help_text="该操作所需的字段，见 /actions/")


class CaseSearchIn(serializers.Serializer):
    """A search whose words may be personal data: sent in the body, never in the URL (Art. 46)."""

    q = _text(200, allow_blank=True, help_text="编号、完整姓名、完整证件号码或手机号码（精确），或概况/诉求中的词语")
    status = serializers.ChoiceField(choices=Status.choices, required=False, help_text="状态")


class ErrorOut(serializers.Serializer):
    """Every refusal: a machine-readable code, a Chinese message, and the fields at fault."""

    code = serializers.CharField(required=False, help_text="错误代码，如 invalid_params")
    detail = serializers.CharField(help_text="中文说明")
    errors = serializers.DictField(required=False, help_text="逐字段的错误说明")


class PartyOut(serializers.Serializer):
    name = serializers.CharField(source="petitioner.name")
    id_number = serializers.CharField(source="petitioner.id_number_masked")
    phone = serializers.CharField(source="petitioner.phone_masked")
    origin = serializers.CharField(source="petitioner.origin")
    notice_language = serializers.CharField(source="petitioner.notice_language")
    is_representative = serializers.BooleanField()


class DeadlineOut(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    state_label = serializers.CharField(source="get_state_display")

    class Meta:
        model = Deadline
        fields = ["kind", "kind_label", "started_on", "due_on", "days", "day_unit",
                  "extended_days", "paused_days", "provisional", "state", "state_label",
                  "ended_on", "article"]


class EventOut(serializers.ModelSerializer):
    """A timeline entry: its type code and data (for programs) and its text in the reader's
    language (for people); `note` is only ever what a person typed."""

    kind_label = serializers.CharField(source="get_kind_display")
    type_label = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    data = serializers.SerializerMethodField()
    actor = serializers.StringRelatedField(allow_null=True)
    unit = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = CaseEvent
        fields = ["at", "kind", "kind_label", "type", "type_label", "text", "data", "action",
                  "actor", "unit", "old_value", "new_value", "note"]

    def get_data(self, event: CaseEvent) -> dict:
        """The type's data; a step's raw parameters (objects as their full names, which may name
        a case the reader may not see, Art. 30) stay in the record and the admin."""
        data = event.data if isinstance(event.data, dict) else {}
        return {k: v for k, v in data.items() if k != "params"}


class CaseOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    holding_unit = serializers.StringRelatedField()
    problem_unit = serializers.StringRelatedField()
    category = serializers.StringRelatedField(allow_null=True)
    petitioners = PartyOut(source="parties", many=True)

    class Meta:
        model = Case
        fields = ["id", "number", "title", "status", "status_label", "channel", "purpose",
                  "category", "problem_unit", "holding_unit", "received_on", "registered_at",
                  "headcount", "is_collective", "is_first_time", "petitioners"]


class CaseRegisteredOut(serializers.Serializer):
    """The minimal answer to a registration (`Prefer: return=minimal`, RFC 7240): the case's number,
    state and address; its whole representation is one GET of `url` away."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    received_on = serializers.DateField()
    registered_at = serializers.DateTimeField()
    url = serializers.CharField(help_text="本件的地址（与 Location 响应头相同）")


class CaseDetailOut(CaseOut):
    deadlines = DeadlineOut(many=True)
    timeline = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()

    class Meta(CaseOut.Meta):
        fields = [*CaseOut.Meta.fields, "request", "facts_reasons", "legal_route", "outcome",
                  "extended", "deadlines", "timeline", "available_actions"]

    @extend_schema_field(EventOut(many=True))
    def get_timeline(self, case: Case) -> list[dict]:
        from xinfang.cases.selectors import case_timeline

        return EventOut(case_timeline(self.context["request"].user, case), many=True).data

    def get_available_actions(self, case: Case) -> list[str]:
        from xinfang.cases.selectors import available_actions

        user = self.context["request"].user
        reached = getattr(case, "reached_by", None) == user.pk  # set by the view's `_detail`
        return [a.value for a in available_actions(user, case, reached=reached)]


class CasePageOut(serializers.Serializer):
    """One page of a search (POST the same body to `next` / `previous` for the others)."""

    count = serializers.IntegerField(help_text="找到的件数，最多 1000（按信访日期最新的 1000 件）")
    count_capped = serializers.BooleanField(help_text="找到的多于 1000 件（只列出最新的 1000 件）")
    next = serializers.CharField(allow_null=True, help_text="下一页地址（以同样的请求体 POST）")
    previous = serializers.CharField(allow_null=True, help_text="上一页地址（以同样的请求体 POST）")
    results = CaseOut(many=True)
