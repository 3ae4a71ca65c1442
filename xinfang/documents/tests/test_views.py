"""Staff pages for documents: the case-page panel, downloads in jurisdiction only, delivery,
stand-alone notices, the documents page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xinfang.cases.scenarios import ANSWER, act, actor_for, drive_to
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.models import Document
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(county):  # noqa: ANN001
    """A case whose 信访处理意见书 is issued but not yet delivered (尚未送达)."""
    case = drive_to(county, Status.ACCEPTED)
    return case_transition(case_id=case.pk, action=Action.ANSWER,
                           actor=actor_for(county, case, Action.ANSWER), params=dict(ANSWER))


@pytest.fixture
def housing(client, county):  # noqa: ANN001
    client.force_login(county.user(county.housing, Role.HANDLER))
    return client


def _messages(response) -> list[str]:  # noqa: ANN001
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_case_page_lists_the_documents_with_downloads(housing, answered):
    response = housing.get(reverse("web:case", args=[answered.number]))

    body = response.content.decode()
    assert "文书与送达" in body
    for document in answered.documents.all():
        assert document.number in body
        assert reverse("documents:docx", args=[document.pk]) in body
    assert "尚未登记送达" in body
    assert "听证通知书" in body  # stand-alone notices can be issued from here


def test_the_docx_downloads_with_its_chinese_file_name(housing, answered):
    document = answered.documents.get(kind=K.OPINION)

    response = housing.get(reverse("documents:docx", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert response.content == bytes(document.docx)


def test_another_jurisdiction_gets_404_for_documents(client, other_county, answered):
    client.force_login(other_county.user(other_county.housing, Role.HANDLER))
    document = answered.documents.first()

    assert client.get(reverse("documents:docx", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:pdf", args=[document.pk])).status_code == 404
    assert client.post(reverse("documents:delivery", args=[document.pk])).status_code == 404
    page = client.get(reverse("documents:home")).content.decode()
    assert document.number not in page


def test_pdf_without_converter_explains_why_and_keeps_the_docx(housing, answered, settings):
    settings.XINFANG_SOFFICE = "/nonexistent/soffice"
    document = answered.documents.get(kind=K.OPINION)

    response = housing.get(reverse("documents:pdf", args=[document.pk]))

    assert response.status_code == 302 and response.url == reverse("web:case",
                                                                  args=[answered.number])
    assert any("未安装 LibreOffice" in m for m in _messages(response))
    document.refresh_from_db()
    assert "LibreOffice" in document.pdf_error and not document.pdf


def test_recording_delivery_through_the_form(housing, answered):
    document = answered.documents.get(kind=K.OPINION)
    prefix = f"d{document.pk}"

    response = housing.post(reverse("documents:delivery", args=[document.pk]), {
        f"{prefix}-method": "mail", f"{prefix}-delivered_on": clock.today().isoformat(),
        f"{prefix}-receipt": "EMS1234567890"})

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.delivered_on == clock.today()
    # the first delivery starts the petitioner's 30 days (Art. 35)
    window = answered.deadlines.get(kind="review_request")
    assert window.started_on == clock.today()
    assert _messages(response) == [
        f"已登记送达：{document.number}",
        f"申请复查期自送达之日（{clock.today()}）起计算，至{window.due_on}"]
    assert document.deliveries.get().receipt == "EMS1234567890"


def test_a_later_delivery_tells_the_clerk_the_new_window(housing, county):
    with clock.frozen(dt.date(2026, 5, 11)):
        document = drive_to(county, Status.ANSWERED).documents.get(kind=K.OPINION)
    prefix = f"d{document.pk}"
    with clock.frozen(dt.date(2026, 5, 20)):
        response = housing.post(reverse("documents:delivery", args=[document.pk]), {
            f"{prefix}-method": "mail", f"{prefix}-delivered_on": "2026-05-15"})

    assert "申请复查期自送达之日（2026-05-15）起重新计算，至2026-06-15" in _messages(response)


def test_a_delivery_form_error_is_shown(housing, answered):
    document = answered.documents.get(kind=K.OPINION)

    response = housing.post(reverse("documents:delivery", args=[document.pk]),
                            {f"d{document.pk}-method": "carrier-pigeon"})

    assert any("送达方式" in m for m in _messages(response))
    assert not document.deliveries.exists()


def test_issuing_a_hearing_notice_from_the_case_page(housing, county):
    case = drive_to(county, Status.ACCEPTED)
    prefix = "issue-hearing"

    housing.post(reverse("documents:issue", args=[case.number, "hearing"]), {
        f"{prefix}-hearing_time": "2026年12月3日上午9时", f"{prefix}-hearing_place": "听证室",
        f"{prefix}-hearing_officer": "王主任"})

    document = case.documents.get(kind=K.HEARING)
    assert "听证室" in document.text


def test_a_workflow_notice_cannot_be_issued_by_hand(housing, county):
    case = drive_to(county, Status.ACCEPTED)

    response = housing.post(reverse("documents:issue", args=[case.number, "acceptance"]), {})

    assert response.status_code == 404
    assert case.documents.filter(kind=K.ACCEPTANCE).count() == 1


def test_documents_home_lists_recent_documents_and_points_to_the_message_centre(client, county):
    drive_to(county, Status.TRANSFERRED)
    handler = county.user(county.housing, Role.HANDLER)
    client.force_login(handler)

    response = client.get(reverse("documents:home"), {"undelivered": "1"})

    body = response.content.decode()
    assert response.status_code == 200
    assert Document.objects.get(kind=K.TRANSFER).number in body
    # 我的消息 moved to the message centre (issue 15 item 7): a link, not the list
    message = Notification.objects.get(user=handler)
    assert message.subject not in body
    assert reverse("notifications:list") in body


def test_template_download_is_for_admin_staff_only(client, county, admin_user):
    from xinfang.documents.models import DocumentTemplate

    template = DocumentTemplate.objects.get(kind=K.OPINION, active=True)
    client.force_login(county.user(county.housing, Role.HANDLER))
    assert client.get(reverse("documents:template-download", args=[template.pk])).status_code \
        == 302
    client.force_login(admin_user)
    response = client.get(reverse("documents:template-download", args=[template.pk]))
    assert response.status_code == 200 and response.content == bytes(template.content)


def test_documents_home_query_count_does_not_grow_with_the_list(client, county,
                                                                django_assert_num_queries):
    client.force_login(county.user(county.bureau, Role.HANDLER))
    drive_to(county, Status.ACCEPTED)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("documents:home")).status_code == 200
    drive_to(county, Status.ANSWERED)
    drive_to(county, Status.NOT_ACCEPTED)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("documents:home"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == Document.objects.count() > 5


def test_pdf_can_be_made_after_commit_and_a_failure_is_recorded(county, settings,
                                                                 django_capture_on_commit_callbacks):
    settings.XINFANG_DOCUMENTS_PDF_ON_ISSUE = True
    settings.XINFANG_SOFFICE = "/nonexistent/soffice"
    case = drive_to(county, Status.TRANSFERRED)

    with django_capture_on_commit_callbacks(execute=True):
        act(county, case, Action.ACCEPT)

    document = case.documents.get(kind=K.ACCEPTANCE)
    assert not document.pdf and "未安装 LibreOffice" in document.pdf_error
