"""Admin: lawyers, their duty days, committees and members are configured here; opinions and
referrals are read here, their status and votes change only through the review workflows."""

from django.contrib import admin

from .models import (
    Committee,
    CommitteeMember,
    CommitteeReferral,
    Lawyer,
    LawyerDuty,
    LawyerOpinion,
    MemberVote,
)


class DutyInline(admin.TabularInline):
    model = LawyerDuty
    extra = 1
    raw_id_fields = ["unit"]


@admin.register(Lawyer)
class LawyerAdmin(admin.ModelAdmin):
    list_display = ["name", "law_firm", "licence_number", "phone_masked", "unit", "active"]
    list_filter = ["active"]
    search_fields = ["law_firm", "licence_number"]
    raw_id_fields = ["unit"]
    inlines = [DutyInline]


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 1


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "unit"]
    raw_id_fields = ["unit"]
    inlines = [MemberInline]


class VoteInline(admin.TabularInline):
    model = MemberVote
    extra = 0
    can_delete = False
    readonly_fields = ["member", "vote", "reasons", "recorded_by", "recorded_at"]
    fields = readonly_fields


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(LawyerOpinion)
class LawyerOpinionAdmin(ReadOnly):
    list_display = ["case", "stage", "lawyer", "status", "conclusion", "submitted_on"]
    list_filter = ["stage", "status"]


@admin.register(CommitteeReferral)
class CommitteeReferralAdmin(ReadOnly):
    list_display = ["case", "stage", "committee", "status", "conclusion", "meeting_on"]
    list_filter = ["stage", "status"]
    inlines = [VoteInline]
