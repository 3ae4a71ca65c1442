"""`{% if user|may_import %}`: the navigation shows 数据导入 to administrators and registrars."""

from django import template

from xinfang.imports.staff import may_import as _may_import

register = template.Library()


@register.filter
def may_import(user) -> bool:  # noqa: ANN001
    return _may_import(user)
