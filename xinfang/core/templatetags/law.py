"""``{{ d.article|cite }}``: an article reference in the reader's language (xinfang.core.law)."""

from django import template

from xinfang.core.law import cite as _cite

register = template.Library()


@register.filter
def cite(text: str) -> str:
    return _cite(text)
