"""Configuration happens in the Django admin: units, staff, categories, holidays, cases (read)."""

import pytest
from django.urls import reverse

from xinfang.cases.scenarios import register
from xinfang.orgs.services import staff_create

pytestmark = pytest.mark.django_db

PAGES = ["orgs_unit", "orgs_user", "cases_category", "deadlines_holiday", "deadlines_calendaryear",
         "cases_case"]


@pytest.mark.parametrize("model", PAGES)
def test_admin_changelists_and_add_forms_open(client, county, model):  # noqa: ANN001
    register(county)
    admin = staff_create(username="root", unit=county.bureau, roles=["administrator"],
                         password="x", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:{model}_add")).status_code in (200, 403)


def test_admin_is_closed_to_ordinary_staff(client, county):  # noqa: ANN001
    client.force_login(county.user(county.bureau, "registrar"))
    response = client.get(reverse("admin:orgs_unit_changelist"))
    assert response.status_code == 302 and "login" in response.url


def test_the_admin_speaks_as_the_platform_in_both_languages(admin_client):  # noqa: ANN001
    zh = admin_client.get("/admin/").content.decode()
    assert "智慧信访平台 · 系统管理" in zh and "Django" not in zh.split("<body", 1)[1].split("<footer", 1)[0]
    admin_client.cookies["django_language"] = "en"
    en = admin_client.get("/admin/").content.decode()
    assert "Xinfang platform · administration" in en and "Django administration" not in en
