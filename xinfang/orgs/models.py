"""The unit tree (province .. village) and the staff who work in it.

Jurisdiction is a subtree: each unit stores its materialised `path` ("/1/5/12/"), so "this unit and
everything below it" is one indexed prefix query on any database.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    PROVINCE = 1, _("省")
    CITY = 2, _("市")
    COUNTY = 3, _("县（区）")
    TOWNSHIP = 4, _("乡镇（街道）")
    VILLAGE = 5, _("村（社区）")


class UnitType(models.TextChoices):
    PARTY_GOVERNMENT = "party_gov", _("党委政府")
    PETITION_BUREAU = "bureau", _("信访部门")
    DEPARTMENT = "department", _("职能部门")
    POLITICAL_LEGAL = "political_legal", _("政法机关")
    DISCIPLINE = "discipline", _("纪检监察机关")
    MEDIATION = "mediation", _("调解组织")


class Role(models.TextChoices):
    REGISTRAR = "registrar", _("登记员")
    HANDLER = "handler", _("承办人")
    APPROVER = "approver", _("审批人（单位负责人）")
    SUPERVISOR = "supervisor", _("督查员")
    LEADER = "leader", _("领导")
    ADMINISTRATOR = "administrator", _("管理员")


class Unit(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    code = models.CharField(_("代码"), max_length=20, unique=True, help_text=_("用于编号，如“某信”"))
    short_name = models.CharField(_("文号简称"), max_length=20, blank=True)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    unit_type = models.CharField(_("单位类型"), max_length=20, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if self.parent_id and self.parent and self.level < self.parent.level:
            raise ValueError("下级单位的层级不能高于上级单位")
        old_path = self.path
        super().save(*args, **kwargs)
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        new_path = f"{prefix}{self.pk}/"
        if new_path != old_path:
            Unit.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:  # moved: rewrite the subtree's paths
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    Unit.objects.filter(pk=child.pk).update(
                        path=new_path + child.path[len(old_path):]
                    )
                from .signals import unit_moved

                unit_moved.send(sender=Unit, unit=self, old_path=old_path)

    def ancestor_paths(self) -> list[str]:
        """Paths of this unit and all its ancestors, nearest last."""
        parts = [p for p in self.path.split("/") if p]
        return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]

    def is_within(self, other: Unit) -> bool:
        """True when this unit is `other` or below it."""
        return self.path.startswith(other.path)

    @property
    def doc_prefix(self) -> str:
        return self.short_name or self.name[:2]


class User(AbstractUser):
    """A staff member: belongs to one unit, holds one or more roles there."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("所属单位"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="staff",
    )
    roles = models.ManyToManyField("orgs.StaffRole", verbose_name=_("角色"), blank=True)
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return self.display_name or self.username

    def role_codes(self) -> set[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = set(self.roles.values_list("code", flat=True))
            self._role_codes = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes() & set(roles))


class StaffRole(models.Model):
    """A role as a row, so administrators assign roles in the admin like any other field."""

    code = models.CharField(_("代码"), max_length=20, choices=Role.choices, unique=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self) -> str:
        return str(Role(self.code).label)
