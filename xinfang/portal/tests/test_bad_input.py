"""The anonymous portal answers any input with a page, never a server error (Art. 21)."""

from __future__ import annotations

import pytest

from .conftest import open_form, petition_form

NASTY = ["\x00", "9" * 5000, "²³¹", "1101051949123100²X", "１１０１０５１９４９１２３１００２Ｘ", "x" * 20000, "-1",
         str(2**70), "[]", "{'a': 1}", "\ud7ff\ufffd", " "]
FIELDS = ["name", "id_type", "id_number", "phone", "address", "origin", "purpose", "problem_unit",
          "title", "request", "facts_reasons", "is_first_time", "token", "challenge_answer",
          "challenge_token"]


@pytest.mark.parametrize("field", FIELDS)
def test_art21_odd_values_in_the_petition_form_never_crash(client, portal, field):  # noqa: ANN001
    for value in NASTY:
        _html, hidden = open_form(client)
        data = {**hidden, **petition_form(portal), field: value}
        response = client.post("/portal/submit/", data)
        assert response.status_code < 500, (field, value[:20], response.status_code)


def test_art21_a_field_sent_twice_never_crashes(client, portal):  # noqa: ANN001
    _html, hidden = open_form(client)
    data = {**hidden, **petition_form(portal)}
    data["title"] = ["一", "二"]
    data["problem_unit"] = [portal.township.pk, "x"]
    assert client.post("/portal/submit/", data).status_code < 500


@pytest.mark.parametrize("value", NASTY)
def test_art21_odd_values_in_the_tracking_form_never_crash(client, portal, value):  # noqa: ANN001
    for field in ("code", "phone", "challenge_answer", "challenge_token"):
        data = {"code": "ABCD-EFGH", "phone": "13812345678", "challenge_answer": "3",
                "challenge_token": "x", field: value}
        assert client.post("/portal/track/", data).status_code < 500
    assert client.get(f"/portal/track/documents/{2**70}/pdf/").status_code < 500
