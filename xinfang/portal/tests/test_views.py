"""The public pages: every bad input, the same receipt on a retry, tracking without enumeration,
lockout and rate limits, the petitioner's steps, language and large-text mode."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from xinfang.cases.models import Attachment, Case, Rating
from xinfang.cases.scenarios import act
from xinfang.cases.states import Action, Status
from xinfang.core import clock
from xinfang.portal import views
from xinfang.portal.models import Submission

from .conftest import challenge, file_petition, open_form, petition_form, receipt_code, track_login

PHONE = "13812345678"
WRONG = "查询码或手机号码不正确"


def page(response) -> str:  # noqa: ANN001
    return response.content.decode()


def answered_case(client, c):  # noqa: ANN001, ANN201
    """File online, log in to tracking, and let staff carry the case to an answer."""
    code = receipt_code(file_petition(client, c))
    case = Case.objects.get()
    for action in (Action.TRANSFER, Action.ACCEPT, Action.ANSWER):
        case = act(c, case, action)
    assert track_login(client, code, PHONE).status_code == 302
    return code, case


# --- pages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/portal/", "/portal/guide/", "/portal/privacy/",
                                 "/portal/submit/", "/portal/track/"])
def test_public_pages_need_no_login(client, portal, url):
    response = client.get(url)
    assert response.status_code == 200
    assert 'lang="zh-hans"' in page(response) and "<h1>" in page(response)


def test_guide_lists_the_legal_routes_before_the_form(client, portal):
    html = page(client.get("/portal/guide/"))
    for words in ("诉讼", "仲裁", "行政复议", "党员", "第三十一条"):
        assert words in html
    assert "/portal/submit/" in html


def test_english_version(client, portal):
    client.post("/i18n/setlang/", {"language": "en", "next": "/portal/"})
    html = page(client.get("/portal/"))
    assert 'lang="en"' in html and "Submit a petition" in html and "我要反映问题" not in html
    assert "Online petitions" in html


def test_large_text_and_contrast_cookies_reuse_the_staff_switch(client, portal):
    client.get("/prefs/large/on/?next=/portal/")
    client.get("/prefs/contrast/on/?next=/portal/")
    html = page(client.get("/portal/"))
    assert 'class="large-text high-contrast"' in html and "大字模式：开" in html


# --- submitting ----------------------------------------------------------------------------------

def test_submit_shows_a_receipt_with_code_after_commit(client, portal):
    response = file_petition(client, portal)
    assert response.status_code == 200
    html = page(response)
    case = Case.objects.get()
    assert case.number in html and "138****5678" in html and "data-print" in html  # print button (portal.js)
    assert len(receipt_code(response).replace("-", "")) == 16
    assert "no-store" in response["Cache-Control"]


def test_an_online_petition_reaches_the_triage_assistant(client, portal,
                                                        django_capture_on_commit_callbacks):
    from xinfang.triage.models import TriageProposal

    with django_capture_on_commit_callbacks(execute=True):
        file_petition(client, portal)
    assert TriageProposal.objects.filter(case=Case.objects.get()).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_receipt_is_rendered_only_after_the_petition_is_committed(client, county,
                                                                  settings, monkeypatch):
    settings.XINFANG_PORTAL_UNIT = county.bureau.code
    seen: dict = {}
    original = views.render

    def spy(request, template, ctx=None, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        if template == "portal/receipt.html":
            seen["in_transaction"] = connection.in_atomic_block
            seen["stored"] = Case.objects.filter(pk=ctx["case"].pk).exists()
        return original(request, template, ctx, *a, **kw)

    monkeypatch.setattr(views, "render", spy)
    assert file_petition(client, county).status_code == 200
    assert seen == {"in_transaction": False, "stored": True}


def test_double_submit_files_once_and_shows_the_same_receipt(client, portal):
    _html, hidden = open_form(client)
    data = {**hidden, **petition_form(portal)}
    first = client.post("/portal/submit/", data)
    second = client.post("/portal/submit/", data)  # double click / reload: same token
    assert receipt_code(first) == receipt_code(second)
    assert Case.objects.count() == 1 and Submission.objects.count() == 1


def test_replayed_token_with_other_phone_shows_no_receipt(client, portal):
    _html, hidden = open_form(client)
    client.post("/portal/submit/", {**hidden, **petition_form(portal)})
    response = client.post("/portal/submit/", {**hidden, **petition_form(portal,
                                                                          phone="13900000000")})
    assert response.status_code == 409 and "已经提交过" in page(response)
    assert 'id="query-code"' not in page(response) and Case.objects.count() == 1


@pytest.mark.parametrize("missing", ["name", "id_number", "phone", "address", "problem_unit",
                                     "title", "request", "facts_reasons", "consent",
                                     "guide_confirmed"])
def test_missing_field_is_named_and_nothing_is_filed(client, portal, missing):
    response = file_petition(client, portal, **{missing: None})
    assert response.status_code == 400
    assert f'href="#id_{missing}"' in page(response)
    assert Case.objects.count() == 0


@pytest.mark.parametrize(("field", "value", "message"), [
    ("id_number", "110105194912310021", "居民身份证号码无效"),
    ("phone", "abc", "电话号码格式不正确"),
    ("problem_unit", "999999", "选择一个有效的选项"),
    ("purpose", "accusation", "揭发控告须写明被反映的人员或单位"),
])
def test_wrong_values_are_refused(client, portal, field, value, message):
    response = file_petition(client, portal, **{field: value})
    assert response.status_code == 400 and message in page(response)
    assert Case.objects.count() == 0


def test_errors_are_tied_to_their_fields_for_screen_readers(client, portal):
    html = page(file_petition(client, portal, phone="abc"))
    assert 'aria-invalid="true"' in html and 'id="id_phone_error"' in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert 'id="id_phone_helptext"' in html and 'role="alert"' in html


def test_problem_unit_outside_the_bureau_territory_is_refused(client, portal, other_county):
    response = file_petition(client, portal, problem_unit=other_county.township.pk)
    assert response.status_code == 400 and Case.objects.count() == 0


def test_wrong_challenge_answer_is_refused_with_a_new_question(client, portal):
    _html, hidden = open_form(client)
    hidden["challenge_answer"] = str(int(hidden["challenge_answer"]) + 1)
    response = client.post("/portal/submit/", {**hidden, **petition_form(portal)})
    assert response.status_code == 400 and "计算结果不对" in page(response)
    assert challenge(page(response))["challenge_token"] != hidden["challenge_token"]
    assert Case.objects.count() == 0


def test_a_challenge_serves_one_form_only(client, portal):
    _html, hidden = open_form(client)
    client.post("/portal/submit/", {**hidden, **petition_form(portal)})
    _html, other = open_form(client)
    other.update({k: hidden[k] for k in ("challenge_token", "challenge_answer")})
    response = client.post("/portal/submit/", {**other, **petition_form(portal)})
    assert response.status_code == 400 and Case.objects.count() == 1


MAGIC = {"jpg": b"\xff\xd8\xff\xe0", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-1.4\n"}


def upload(name: str, size: int) -> SimpleUploadedFile:
    """A file of `size` bytes whose first bytes are what its extension says (content is checked)."""
    head = MAGIC.get(name.rpartition(".")[2], b"")
    return SimpleUploadedFile(name, (head + b"x" * size)[:size])


def test_attachment_is_kept(client, portal):
    response = file_petition(client, portal, attachments=upload("照片.jpg", 1000))
    assert response.status_code == 200
    assert Attachment.objects.get().name == "照片.jpg"


def test_oversized_attachment_is_refused(client, portal, settings):
    settings.XINFANG_ATTACHMENT_MAX_BYTES = 1024 * 1024
    response = file_petition(client, portal, attachments=upload("大.pdf", 1024 * 1024 + 1))
    assert response.status_code == 400 and "文件过大" in page(response)
    assert Case.objects.count() == 0


def test_wrong_type_attachment_is_refused(client, portal):
    response = file_petition(client, portal, attachments=upload("病毒.exe", 10))
    assert response.status_code == 400 and "不支持的文件类型" in page(response)
    assert Case.objects.count() == 0


def test_too_many_attachments_are_refused(client, portal, settings):
    settings.XINFANG_PORTAL_MAX_FILES = 2
    files = [upload(f"{i}.png", 10) for i in range(3)]
    response = file_petition(client, portal, attachments=files)
    assert response.status_code == 400 and "附件最多2个" in page(response)


def test_submissions_are_rate_limited_per_address(client, portal, settings):
    settings.XINFANG_PORTAL_LIMITS = {"submit_per_ip": (1, 3600)}
    assert file_petition(client, portal).status_code == 200
    response = file_petition(client, portal, phone="13900000000")
    assert response.status_code == 429 and "过于频繁" in page(response)
    assert Case.objects.count() == 1


def test_submissions_are_rate_limited_per_phone(client, portal, settings):
    settings.XINFANG_PORTAL_LIMITS = {"submit_per_phone": (1, 86400)}
    assert file_petition(client, portal).status_code == 200
    response = file_petition(client, portal, phone="+86 138 1234 5678")
    assert response.status_code == 429 and Case.objects.count() == 1


def test_art21_retry_of_a_form_whose_first_post_died_is_not_counted_again_per_phone(portal, settings,
                                                                                    monkeypatch):
    """Found by bench/fault_submit.py: a worker killed after the per-phone count but before the commit
    made each retry of the *same* form count as another petition, and locked the petitioner out for a
    day (429) with nothing filed. The limit counts petitions (form tokens), not attempts."""
    from django.test import Client

    # given a limit of one petition per phone and a form whose first POST dies mid-registration
    settings.XINFANG_PORTAL_LIMITS = {"submit_per_phone": (1, 86400)}
    client = Client(raise_request_exception=False)
    _html, hidden = open_form(client)
    data = {**hidden, **petition_form(portal)}
    real = views.portal_submit

    def killed(**kwargs):  # noqa: ANN003, ANN202
        raise ConnectionResetError("worker killed")

    monkeypatch.setattr(views, "portal_submit", killed)
    assert client.post("/portal/submit/", data).status_code == 500
    # when the client sends the same form again
    monkeypatch.setattr(views, "portal_submit", real)
    response = client.post("/portal/submit/", data)
    # then it is filed once, and a second, new form from that phone is still refused
    assert response.status_code == 200 and Case.objects.count() == 1
    assert file_petition(client, portal).status_code == 429 and Case.objects.count() == 1


def test_portal_closed_without_a_bureau(client, db, settings):
    settings.XINFANG_PORTAL_UNIT = ""
    assert client.get("/portal/submit/").status_code == 503


# --- tracking ------------------------------------------------------------------------------------

def test_track_shows_own_case_in_plain_language(client, portal):
    code = receipt_code(file_petition(client, portal))
    response = track_login(client, code, PHONE)
    assert response.status_code == 302 and response["Location"] == "/portal/track/case/"
    html = page(client.get("/portal/track/case/"))
    assert "已收到并登记" in html and "第22条" in html and Case.objects.get().number in html


def test_wrong_code_and_wrong_phone_get_the_same_answer(client, portal):
    code = receipt_code(file_petition(client, portal))
    wrong_code = track_login(client, "ABCD-EFGH-JKMN-PQRS", PHONE)
    wrong_phone = track_login(client, code, "13900000000")
    assert wrong_code.status_code == wrong_phone.status_code == 400
    assert WRONG in page(wrong_code) and WRONG in page(wrong_phone)
    assert client.get("/portal/track/case/").status_code == 302  # not let in


def test_missing_track_fields_are_named(client, portal):
    html = page(client.get("/portal/track/"))
    response = client.post("/portal/track/", {"code": "", "phone": "", **challenge(html)})
    assert response.status_code == 400 and 'href="#id_code"' in page(response)


def test_lockout_after_too_many_attempts_even_with_the_right_code(client, portal, settings):
    settings.XINFANG_PORTAL_LIMITS = {"failures": (3, 1800)}
    code = receipt_code(file_petition(client, portal))
    for _ in range(3):
        assert track_login(client, code, "13900000000").status_code == 400
    response = track_login(client, code, PHONE)
    assert response.status_code == 429 and "过于频繁" in page(response)


def test_lockout_holds_for_a_code_from_another_address(client, portal, settings):
    settings.XINFANG_PORTAL_LIMITS = {"failures": (2, 1800)}
    code = receipt_code(file_petition(client, portal))
    for _ in range(2):
        track_login(client, code, "13900000000")
    response = client.get("/portal/track/")
    html = page(response)
    response = client.post("/portal/track/", {"code": code, "phone": PHONE, **challenge(html)},
                           REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429


def test_tracking_is_rate_limited_per_address(client, portal, settings):
    settings.XINFANG_PORTAL_LIMITS = {"track_per_ip": (2, 3600)}
    for _ in range(2):
        track_login(client, "0000-0000-0000-0000", PHONE)
    assert track_login(client, "0000-0000-0000-0000", PHONE).status_code == 429


def test_wrong_challenge_on_track_does_not_verify(client, portal):
    code = receipt_code(file_petition(client, portal))
    html = page(client.get("/portal/track/"))
    data = {"code": code, "phone": PHONE, **challenge(html)}
    data["challenge_answer"] = "-1"
    response = client.post("/portal/track/", data)
    assert response.status_code == 400 and "计算结果不对" in page(response)


def test_only_the_verified_case_is_ever_shown(client, portal):
    mine = receipt_code(file_petition(client, portal))
    other = client.__class__()
    file_petition(other, portal, name="李四", id_number="110101199003074477",
                  phone="13700000000", title="噪音扰民请求处理")
    track_login(client, mine, PHONE)
    html = page(client.get("/portal/track/case/"))
    assert "小区楼道漏水" in html and "噪音扰民" not in html and "李四" not in html


def test_session_access_expires(client, portal):
    code = receipt_code(file_petition(client, portal))
    track_login(client, code, PHONE)
    with clock.frozen(clock.now() + dt.timedelta(minutes=views.SESSION_MINUTES + 1)):
        assert client.get("/portal/track/case/").status_code == 302


def test_leave_ends_access(client, portal):
    code = receipt_code(file_petition(client, portal))
    track_login(client, code, PHONE)
    client.post("/portal/track/leave/")
    assert client.get("/portal/track/case/").status_code == 302


def test_no_action_without_verification(client, portal):
    assert client.post("/portal/track/rate/", {"satisfaction": "satisfied"}).status_code == 302
    assert client.post("/portal/track/request/review/", {"reason": "x"}).status_code == 302
    assert Rating.objects.count() == 0


# --- rating and 复查/复核 -------------------------------------------------------------------------

def test_rate_and_request_review_online(client, portal):
    _code, case = answered_case(client, portal)
    html = page(client.get("/portal/track/case/"))
    assert "评价办理结果" in html and "申请复查" in html and "予以支持" in html
    response = client.post("/portal/track/rate/", {"satisfaction": "unsatisfied",
                                                   "comment": "维修不彻底"})
    assert response.status_code == 302
    assert Rating.objects.get(case=case).satisfaction == "unsatisfied"
    response = client.post("/portal/track/request/review/", {"reason": "维修后仍漏水"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.REVIEW_REQUESTED and case.holding_unit == portal.county
    html = page(client.get("/portal/track/case/"))
    assert "复查申请已提交" in html and "复查中" in html and portal.county.name in html


def test_rating_twice_is_refused_with_the_rule(client, portal):
    answered_case(client, portal)
    client.post("/portal/track/rate/", {"satisfaction": "satisfied"})
    response = client.post("/portal/track/rate/", {"satisfaction": "satisfied"})
    assert response.status_code == 400 and "已有满意度评价" in page(response)


def test_rating_without_choice_is_refused(client, portal):
    answered_case(client, portal)
    response = client.post("/portal/track/rate/", {"satisfaction": ""})
    assert response.status_code == 400 and Rating.objects.count() == 0


def test_review_without_reason_is_refused(client, portal):
    _code, case = answered_case(client, portal)
    response = client.post("/portal/track/request/review/", {"reason": ""})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == Status.ANSWERED


def test_expired_review_window_is_refused_clearly(client, portal):
    code, case = answered_case(client, portal)
    later = clock.now() + dt.timedelta(days=40)
    with clock.frozen(later):
        track_login(client, code, PHONE)  # 40 days later
        html = page(client.get("/portal/track/case/"))
        assert "申请复查的期限已于" in html and 'id="review-btn"' not in html
        response = client.post("/portal/track/request/review/", {"reason": "不服"})
    assert response.status_code == 400
    assert "期限已于" in page(response) and "第35条" in page(response)
    case.refresh_from_db()
    assert case.status == Status.ANSWERED


def test_art35_online_review_request_before_the_answer_is_delivered(client, portal):
    """No window before delivery is recorded: the page says so and the request is not late."""
    from xinfang.cases.scenarios import ANSWER, actor_for
    from xinfang.cases.workflow import case_transition

    code = receipt_code(file_petition(client, portal))
    case = Case.objects.get()
    for action in (Action.TRANSFER, Action.ACCEPT):
        case = act(portal, case, action)
    case = case_transition(case_id=case.pk, action=Action.ANSWER,
                           actor=actor_for(portal, case, Action.ANSWER), params=dict(ANSWER))
    with clock.frozen(clock.now() + dt.timedelta(days=40)):
        assert track_login(client, code, PHONE).status_code == 302
        html = page(client.get("/portal/track/case/"))
        assert 'id="review-not-started"' in html and 'id="review-btn"' in html
        assert "申请复查的期限已于" not in html
        response = client.post("/portal/track/request/review/", {"reason": "维修后仍漏水"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.REVIEW_REQUESTED


def test_recheck_online_after_review_answer(client, portal):
    _code, case = answered_case(client, portal)
    client.post("/portal/track/request/review/", {"reason": "不服"})
    case = act(portal, Case.objects.get(pk=case.pk), Action.ANSWER_REVIEW)
    html = page(client.get("/portal/track/case/"))
    assert "申请复核" in html and portal.city.name in html
    assert client.post("/portal/track/request/recheck/", {"reason": "仍不服"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.RECHECK_REQUESTED and case.holding_unit == portal.city


def test_unknown_request_stage_is_404(client, portal):
    answered_case(client, portal)
    assert client.post("/portal/track/request/other/", {"reason": "x"}).status_code == 404


# --- notices -------------------------------------------------------------------------------------

def test_notices_addressed_to_the_petitioner_can_be_downloaded(client, portal):
    _code, case = answered_case(client, portal)
    html = page(client.get("/portal/track/case/"))
    docs = list(case.documents.all())
    assert docs and "告知书和意见书" in html
    opinion = next(d for d in docs if d.kind == "opinion")
    assert opinion.get_kind_display() in html
    response = client.get(f"/portal/track/documents/{opinion.pk}/docx/")
    assert response.status_code == 200 and response.content[:2] == b"PK"  # a .docx (zip)
    assert "attachment" in response["Content-Disposition"]


def test_pdf_that_cannot_be_made_falls_back_to_word(client, portal, monkeypatch):
    from xinfang.documents.pdf import PdfUnavailable

    _code, case = answered_case(client, portal)
    doc = case.documents.filter(kind="opinion").get()

    def unavailable(document):  # noqa: ANN001, ANN202
        raise PdfUnavailable("LibreOffice 未安装")

    monkeypatch.setattr(views, "document_pdf", unavailable)
    response = client.get(f"/portal/track/documents/{doc.pk}/pdf/", follow=True)
    assert "请下载Word版本" in page(response)


def test_notices_of_other_cases_are_404_and_need_verification(client, portal):
    _code, case = answered_case(client, portal)
    other = client.__class__()
    file_petition(other, portal, phone="13700000000")
    theirs = Case.objects.exclude(pk=case.pk).get()
    act(portal, theirs, Action.TRANSFER)
    their_doc = theirs.documents.first()
    assert client.get(f"/portal/track/documents/{their_doc.pk}/docx/").status_code == 404
    mine = case.documents.first()
    assert client.get(f"/portal/track/documents/{mine.pk}/exe/").status_code == 404
    assert other.get(f"/portal/track/documents/{mine.pk}/docx/").status_code == 302


PROXY = "10.0.0.2"


def test_behind_the_proxy_each_petitioner_has_his_own_limit(client, portal, settings):
    from django.test import Client

    settings.XINFANG_TRUSTED_PROXIES = [PROXY]
    settings.XINFANG_PORTAL_LIMITS = {"track_per_ip": (2, 3600)}
    first = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(2):
        track_login(first, "0000-0000-0000-0000", PHONE)
    assert track_login(first, "0000-0000-0000-0000", PHONE).status_code == 429
    second = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert track_login(second, "0000-0000-0000-0000", PHONE).status_code == 400


def test_a_forged_forwarded_header_does_not_escape_the_portal_limit(client, portal, settings):
    settings.XINFANG_TRUSTED_PROXIES = [PROXY]
    settings.XINFANG_PORTAL_LIMITS = {"track_per_ip": (2, 3600)}
    codes = []
    for i in range(3):  # straight to the server with a new made-up address each time
        html = client.get("/portal/track/").content.decode()
        codes.append(client.post("/portal/track/", {
            "code": "0000-0000-0000-0000", "phone": PHONE, **challenge(html)},
            REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{i + 1}").status_code)
    assert codes == [400, 400, 429]
