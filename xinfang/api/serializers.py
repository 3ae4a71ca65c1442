"""JSON shapes of the API. Input is validated by the same forms as the staff UI (cases/forms.py);
the input serializers here describe it for the OpenAPI schema."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from xinfang.cases.models import Case, CaseEvent, Channel, IdType, Origin, Purpose
from xinfang.cases.states import TRANSITIONS, Action
from xinfang.deadlines.models import Deadline


class PetitionerIn(serializers.Serializer):
    name = serializers.CharField()
    id_type = serializers.ChoiceField(IdType.choices, required=False)
    id_number = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    address = serializers.CharField(required=False)
    origin = serializers.ChoiceField(Origin.choices, required=False)
    is_representative = serializers.BooleanField(required=False)


class CaseIn(serializers.Serializer):
    channel = serializers.ChoiceField(Channel.choices)
    purpose = serializers.ChoiceField(Purpose.choices)
    problem_unit = serializers.IntegerField(help_text="问题属地（单位ID）")
    category = serializers.IntegerField(required=False, help_text="内容分类ID")
    title = serializers.CharField()
    request = serializers.CharField()
    facts_reasons = serializers.CharField()
    received_on = serializers.DateField(required=False)
    headcount = serializers.IntegerField(required=False)
    is_collective = serializers.BooleanField(required=False)
    is_first_time = serializers.BooleanField(required=False)
    related_case = serializers.CharField(required=False, help_text="既往信访件编号")
    accused_unit = serializers.IntegerField(required=False)
    accused_person = serializers.CharField(required=False)
    petitioners = PetitionerIn(many=True)


class TransitionIn(serializers.Serializer):
    # Steps other parts of the platform take (pause a clock for a hearing...) are not offered here.
    action = serializers.ChoiceField(
        [(a.value, a.label) for a in Action if not TRANSITIONS[a].internal])
    params = serializers.DictField(required=False, help_text="该操作所需的字段，见 /actions/")


class PartyOut(serializers.Serializer):
    name = serializers.CharField(source="petitioner.name")
    id_number = serializers.CharField(source="petitioner.id_number_masked")
    phone = serializers.CharField(source="petitioner.phone_masked")
    origin = serializers.CharField(source="petitioner.origin")
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
    kind_label = serializers.CharField(source="get_kind_display")
    actor = serializers.StringRelatedField()
    unit = serializers.StringRelatedField()

    class Meta:
        model = CaseEvent
        fields = ["at", "kind", "kind_label", "action", "actor", "unit", "old_value", "new_value",
                  "note"]


class CaseOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    holding_unit = serializers.StringRelatedField()
    problem_unit = serializers.StringRelatedField()
    category = serializers.StringRelatedField()
    petitioners = PartyOut(source="parties", many=True)

    class Meta:
        model = Case
        fields = ["id", "number", "title", "status", "status_label", "channel", "purpose",
                  "category", "problem_unit", "holding_unit", "received_on", "registered_at",
                  "headcount", "is_collective", "is_first_time", "petitioners"]


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

        return [a.value for a in available_actions(self.context["request"].user, case)]
