"""消息中心 (issue 15 item 7): the bell's unread count, the paged list, mark read, only my own."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from xinfang.cases.scenarios import register
from xinfang.notifications.models import Notification
from xinfang.notifications.services import notify, unread_count
from xinfang.notifications.views import PER_PAGE
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(county):  # noqa: ANN001
    return county.user(county.housing, Role.HANDLER)


def _bell(body: str) -> str:
    """The aria-label of the bell in the top bar."""
    match = re.search(r'class="bell[^"]*" aria-label="([^"]*)"', body)
    assert match, "no bell in the top bar"
    return match.group(1)


def _messages(user, n: int, case=None) -> list[Notification]:  # noqa: ANN001
    return [notify(channel="inapp", user=user, case=case, subject=f"消息{i}", body=f"正文{i}")
            for i in range(n)]


def test_bell_shows_the_unread_count_and_it_falls_after_reading(client, county, handler):  # noqa: ANN001
    # given three unread in-app messages for the handler (and one for somebody else)
    case = register(county)
    first, *_rest = _messages(handler, 3, case=case)
    _messages(county.user(county.bureau, Role.REGISTRAR), 1)
    client.force_login(handler)

    # then the bell says so, accessibly
    assert _bell(client.get(reverse("web:queue")).content.decode()) == "3 条未读消息"

    # when one is opened, it is read and the browser goes to its case
    response = client.post(reverse("notifications:open", args=[first.pk]))
    assert response.status_code == 302 and response.url == reverse("web:case", args=[case.number])
    first.refresh_from_db()
    assert first.read_at is not None
    assert unread_count(handler) == 2
    assert _bell(client.get(reverse("notifications:list")).content.decode()) == "2 条未读消息"

    # when all are marked read, the count is zero
    assert client.post(reverse("notifications:read-all")).status_code == 302
    assert unread_count(handler) == 0
    assert _bell(client.get(reverse("web:queue")).content.decode()) == "0 条未读消息"


def test_mark_one_read_stays_on_the_list(client, handler):  # noqa: ANN001
    message, other = _messages(handler, 2)
    client.force_login(handler)
    page = reverse("notifications:list") + "?page=1"

    response = client.post(reverse("notifications:read", args=[message.pk]), {"next": page})

    assert response.status_code == 302 and response.url == page
    message.refresh_from_db(), other.refresh_from_db()
    assert message.read_at is not None and other.read_at is None


def test_an_outside_next_address_is_not_followed(client, handler):  # noqa: ANN001
    (message,) = _messages(handler, 1)
    client.force_login(handler)
    response = client.post(reverse("notifications:read", args=[message.pk]),
                           {"next": "https://evil.example/"})
    assert response.url == reverse("notifications:list")


def test_list_is_newest_first_paged_and_links_each_case(client, county, handler):  # noqa: ANN001
    case = register(county)
    _messages(handler, PER_PAGE + 2, case=case)
    client.force_login(handler)

    body = client.get(reverse("notifications:list")).content.decode()

    newest, oldest = f"消息{PER_PAGE + 1}", "消息0"
    assert newest in body and oldest not in body  # newest first; the oldest is on page 2
    assert f"共 {PER_PAGE + 2} 条" in body
    assert reverse("notifications:open", args=[Notification.objects.filter(
        subject=newest).get().pk]) in body
    page2 = client.get(reverse("notifications:list"), {"page": 2}).content.decode()
    assert oldest in page2 and newest not in page2


@pytest.mark.parametrize("name", ["open", "read"])
def test_another_users_message_is_404_and_stays_unread(client, county, handler, name):  # noqa: ANN001
    (theirs,) = _messages(county.user(county.bureau, Role.REGISTRAR), 1)
    client.force_login(handler)

    assert client.post(reverse(f"notifications:{name}", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "消息0" not in client.get(reverse("notifications:list")).content.decode()


def test_reading_is_a_post(client, handler):  # noqa: ANN001
    (message,) = _messages(handler, 1)
    client.force_login(handler)
    assert client.get(reverse("notifications:open", args=[message.pk])).status_code == 405
    assert client.get(reverse("notifications:read-all")).status_code == 405
    message.refresh_from_db()
    assert message.read_at is None


def test_sms_to_petitioners_never_count_as_a_staff_members_messages(county, handler, jobs_at_once):  # noqa: ANN001
    case = register(county)  # the acknowledgement SMS to the petitioner (its job run at once)
    assert case.notifications.filter(channel="sms").exists()
    notify(channel="email", user=handler, address="h@example.org", subject="邮件", body="正文")
    assert unread_count(handler) == 0


def test_the_centre_needs_a_login(client):  # noqa: ANN001
    assert client.get(reverse("notifications:list")).status_code == 302
