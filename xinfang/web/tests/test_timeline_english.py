"""The case timeline in the reader's language (issue 15 item 6): a demo case taken through many steps
shows no Chinese wording and no raw code in English; only the data stays as entered (names, numbers,
what people typed)."""

import html
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from xinfang.cases.models import Case
from xinfang.orgs.models import User

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff]")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
TIMELINE = re.compile(r'<ol class="timeline" id="case-timeline">(.*?)</ol>', re.S)
TAGS = re.compile(r"<[^>]+>")


def _strings(value) -> list[str]:  # noqa: ANN001
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "params" for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def data_words(case: Case) -> list[str]:
    """What the timeline shows as entered: people, units, notes, names and numbers in the data."""
    words = set()
    for e in case.events.select_related("actor", "unit"):
        words.update(str(x) for x in (e.actor, e.unit) if x is not None)
        words.update(s for s in (e.note, e.old_value, e.new_value, *_strings(e.data)) if CJK.search(s))
    return sorted(words, key=len, reverse=True)


@pytest.fixture
def demo_case(settings, tmp_path):  # noqa: ANN001
    settings.XINFANG_SHARED_DATA = tmp_path  # generated text: no shared data needed
    call_command("seed_demo", cases=30, seed=7)
    return (Case.objects.annotate(types=Count("events__type", distinct=True))
            .order_by("-types", "pk").first())


def test_the_timeline_of_a_demo_case_reads_in_english(client, demo_case):  # noqa: ANN001
    # given the demo case with the most kinds of events, and an English-speaking administrator
    assert demo_case.events.values("type").distinct().count() >= 8
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(User.objects.get(username="admin"))
    # when the case page is shown
    page = client.get(reverse("web:case", args=[demo_case.number]))
    assert page.status_code == 200 and page["Content-Language"] == "en"
    [timeline] = TIMELINE.findall(page.content.decode())
    text = html.unescape(TAGS.sub(" ", timeline))
    for word in data_words(demo_case):
        text = text.replace(word, " ")
    # then nothing of the wording is Chinese and no stored code shows raw
    assert CJK.findall(text) == [], text
    assert SNAKE.findall(text) == [], text
