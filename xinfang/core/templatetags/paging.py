"""`{% page_url n %}`: the current URL's query string with only the page number changed (filters kept)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:  # noqa: ANN001
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
