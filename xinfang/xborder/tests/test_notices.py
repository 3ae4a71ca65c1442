"""Notices in the language the petitioner chose (简体, 繁體, English): the SMS texts of every step,
from a hand-written zh_Hant catalogue of the notices only."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from xinfang.cases.models import NoticeLanguage
from xinfang.cases.scenarios import act, petitioner_data, register
from xinfang.cases.states import Action
from xinfang.documents.kinds import DocumentKind
from xinfang.notifications.models import Channel, Notification
from xinfang.notifications.petitioners import MESSAGES, message_for

from .helpers import hk, tw

PLACEHOLDER = re.compile(r"%\(\w+\)s")


def test_every_petitioner_message_has_its_traditional_text_with_the_same_placeholders():
    import runpy
    from pathlib import Path

    from django.conf import settings

    hant = runpy.run_path(str(Path(settings.BASE_DIR) / "locale" / "zh_hant_notices.py"))["HANT"]
    for template in MESSAGES.values():
        assert template in hant, template
        assert sorted(PLACEHOLDER.findall(hant[template])) == sorted(PLACEHOLDER.findall(template))
    with translation.override("zh-hant"):  # the compiled catalogue is the checked-in one
        for template in MESSAGES.values():
            assert translation.gettext(template) == hant[template]
        assert str(DocumentKind.ACCEPTANCE.label) == "受理告知書"
    with translation.override("zh-hant"):  # a staff string is not in the notices' catalogue
        assert translation.gettext("工作台") == "工作台"


def test_message_for_renders_the_language_asked():
    values = {"unit": "某县信访局", "number": "X-1", "date": "2026年1月2日"}
    plain = message_for("registered", values)
    assert "登记" in plain and "編號" not in plain
    assert "登記，編號X-1" in message_for("registered", values, NoticeLanguage.TRADITIONAL)
    english = message_for("registered", values, NoticeLanguage.ENGLISH)
    assert "registered on 2026-01-02 as X-1" in english


@pytest.mark.django_db
@pytest.mark.usefixtures("jobs_at_once")
def test_each_petitioner_is_told_in_their_own_language_at_every_step(county):
    case = register(county, petitioners=[hk(), tw(), petitioner_data(name="张三")],
                    headcount=3)
    case = act(county, case, Action.TRANSFER)
    case = act(county, case, Action.ACCEPT)

    def bodies(name: str) -> list[str]:
        person = next(p.petitioner for p in case.parties.select_related("petitioner")
                      if p.petitioner.name == name)
        return list(Notification.objects.filter(case=case, channel=Channel.SMS, petitioner=person)
                    .order_by("pk").values_list("body", flat=True))

    hant, english, plain = bodies("黄港民"), bodies("林台生"), bodies("张三")
    assert len(hant) == len(english) == len(plain) == 3  # registered, transferred, accepted
    assert "登記" in hant[0] and "轉送" in hant[1] and "已受理" in hant[2] and "辦理期限" in hant[2]
    assert "registered" in english[0] and "transferred" in english[1]
    assert "accepted" in english[2] and "年" not in english[2].split("]", 1)[1].split("(")[0]
    assert "登记" in plain[0] and "转送" in plain[1] and "办理期限" in plain[2]
    assert not any("登記" in b or "辦理" in b for b in plain)


@pytest.mark.django_db
def test_the_language_is_recorded_at_registration_and_kept_for_a_known_petitioner(county):
    case = register(county, petitioners=[hk()])
    person = case.parties.get().petitioner
    assert person.notice_language == NoticeLanguage.TRADITIONAL
    again = register(county, petitioners=[hk(notice_language="")])  # not chosen this time
    assert again.parties.get().petitioner.pk == person.pk
    person.refresh_from_db()
    assert person.notice_language == NoticeLanguage.TRADITIONAL
