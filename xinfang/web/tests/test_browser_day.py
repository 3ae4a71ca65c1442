"""A clerk's whole day, every role, in a real headless Chromium (Debian's `chromium`, driven by
Playwright, as the portal's browser test; issue 15, "What it must show"): the county bureau's
registrar registers a petition with the keyboard only, adopts the triage proposal and 交办s it to
the housing bureau; the housing bureau's handler accepts it, records a site visit with its photo
report, drafts the opinion and submits it; the head returns it, the handler asks for an extension
and resubmits, the head approves the extension; the county leader writes an instruction, the handler
reads its message; the head reassigns the case, merges a repeat petition into it and signs off.
In the afternoon the registrar 交办s 20 cases at once and exports the filtered list to Excel.

Everything a step tests is typed and clicked in the browser; the ORM only builds the county (units,
staff, the repeat petition, the 20 cases) and checks the results afterwards. Any response >= 500, any
console error or uncaught page error fails the walk. Screenshots of every step (1280x900 full page,
and the queue and the case page at a phone's 390x844) go to artifacts/screenshots/day/NN-role-step.png;
`make guide-shots` copies a curated set into docs/img/user-guide/ for docs/user-guide.md.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import openpyxl
import pytest

from xinfang.cases.models import Case, OpinionDraft
from xinfang.cases.scenarios import act, build_county, petitioner_data, register
from xinfang.cases.states import Action, Status
from xinfang.core.tests.browser import (
    BROWSER_MARKS,
    PAGE_TIMEOUT_MS,
    SHOTS,
    in_db_thread,
    launch_chromium,
    sync_api,
    wait_for_focus,
)
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role, User
from xinfang.orgs.services import staff_create
from xinfang.triage import shipped

pytestmark = BROWSER_MARKS

DAY = SHOTS / "day"
PASSWORD = "day-walk-2026!"
DESK = (1280, 900)
PHONE = (390, 844)
PETITIONER = {"name": "赵六", "id_number": "11010519491231002X", "phone": "13812345678"}
TITLE = "小区楼道漏水长期无人维修"


@pytest.fixture(autouse=True)
def _sign_off(settings):  # noqa: ANN001
    settings.XINFANG_OPINION_SIGN_OFF = "auto"  # the production default: the head signs drafts off
    settings.XINFANG_CASE_MERGE = True


@pytest.fixture
def browser():  # noqa: ANN201
    DAY.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@dataclass
class Day:
    """The county of the day: who logs in, and the units the steps choose."""

    county: object
    users: dict[str, str]  # role key → username
    housing: int
    housing_name: str
    errors: list[str] = field(default_factory=list)


def build_day() -> Day:
    """Units of a county (bureau, housing bureau, ...) with a registrar, handler and approver each,
    a leader of the county, and a second handler of the housing bureau (for the reassignment)."""
    shipped.load()  # the triage model, loaded once per process: not on the intake desk's clock
    c = build_county("D", password=PASSWORD)
    leader = c.leader()
    leader.set_password(PASSWORD)
    leader.save()
    second = staff_create(username="dzj_handler2", unit=c.housing, roles=[Role.HANDLER],
                          display_name="D住建承办人乙", password=PASSWORD)
    users = {"registrar": c.user(c.bureau, Role.REGISTRAR).username,
             "handler": c.user(c.housing, Role.HANDLER).username,
             "handler2": second.username,
             "approver": c.user(c.housing, Role.APPROVER).username,
             "leader": leader.username}
    return Day(county=c, users=users, housing=c.housing.pk, housing_name=str(c.housing))


class Clerk:
    """One member of staff at their own browser (own cookies), whose every page is watched for
    server errors and console errors."""

    def __init__(self, browser, base: str, day: Day, role: str, *, width: int = DESK[0]) -> None:  # noqa: ANN001
        self.base, self.day, self.role = base, day, role
        self.context = browser.new_context(viewport={"width": width, "height": DESK[1]},
                                           locale="zh-CN", accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(PAGE_TIMEOUT_MS)
        self.page.set_default_navigation_timeout(60_000)
        errors = day.errors
        self.page.on("response", lambda r: r.status >= 500 and errors.append(
            f"{role}: HTTP {r.status} {r.request.method} {r.url}"))
        self.page.on("console", lambda m: m.type == "error" and not m.location.get(
            "url", "").endswith("/favicon.ico") and errors.append(
            f"{role}: console error {m.text} ({self.page.url})"))
        self.page.on("pageerror", lambda e: errors.append(f"{role}: page error {e}"))

    def login(self) -> None:
        """Log in with the keyboard: the username field has the focus, Tab, password, Enter."""
        page = self.page
        page.goto(f"{self.base}/accounts/login/")
        wait_for_focus(page, "username")
        page.keyboard.type(self.day.users[self.role])
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    def shot(self, name: str, *, phone: bool = False) -> None:
        """Full-page screenshot `NN-role-step.png`; `phone`: also the first screen at a phone's
        390 px (`NN-role-step-phone.png`), and the page must not scroll sideways there."""
        self.page.screenshot(path=str(DAY / f"{name}.png"), full_page=True)
        if phone:
            self.page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
            self.page.screenshot(path=str(DAY / f"{name}-phone.png"))
            width = self.page.evaluate("document.documentElement.scrollWidth")
            self.page.set_viewport_size({"width": DESK[0], "height": DESK[1]})
            assert width <= PHONE[0] + 1, f"{name}: {width}px wide at a phone's {PHONE[0]}px"

    def case(self, number: str) -> None:
        self.page.goto(f"{self.base}/cases/{number}/")

    def act(self, action: Action, *, files: dict[str, tuple[str, str, bytes]] | None = None,
            shot: str | None = None, **fields: str) -> str:
        """Open the step's panel under 可执行的操作, fill its fields as typed or chosen, press its
        button; the page must then say 已完成 and show no error. Returns the page's text."""
        page = self.page
        form = page.locator(f'form[action$="/act/{action.value}/"]')
        assert form.count() == 1, f"{action.label} is not offered to {self.role}"
        panel = form.locator("xpath=ancestor::details[1]")
        if not panel.evaluate("d => d.open"):
            panel.locator("summary").click()
        for name, value in fields.items():
            box = form.locator(f'[name="{action.value}-{name}"]')
            if box.evaluate("e => e.tagName") == "SELECT":
                box.select_option(value)
            else:
                box.fill(value)
        for name, (filename, mime, content) in (files or {}).items():
            form.locator(f'[name="{action.value}-{name}"]').set_input_files(
                {"name": filename, "mimeType": mime, "buffer": content})
        if shot:
            self.shot(shot)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        body = page.inner_text("body")
        assert page.locator("li.error").count() == 0, page.inner_text("li.error")
        assert f"已完成：{action.label}" in body, body[:500]
        return body

    def close(self) -> None:
        self.context.close()


@contextmanager
def clerk(browser, live_server, day: Day, role: str):  # noqa: ANN001, ANN201
    """A member of staff logged in for a stretch of the day."""
    c = Clerk(browser, live_server.url, day, role)
    c.login()
    try:
        yield c
    finally:
        c.close()


def tab_to(page, name: str) -> None:  # noqa: ANN001
    """Press Tab (only Tab) until the field named `name` has the focus."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name}")


# -- the steps, one function per stretch of a role's day ------------------------------------------

def registrar_intake_by_keyboard(r: Clerk) -> str:
    """08:30 the registrar's queue; a visitor: Alt+N, the form with Tab only, Alt+S. Returns the number."""
    page = r.page
    page.wait_for_url("**/queue/")
    r.shot("01-registrar-queue", phone=True)
    page.keyboard.press("Alt+N")  # 新登记
    page.wait_for_url("**/cases/new/")
    wait_for_focus(page, "channel")  # autofocus
    page.keyboard.press("ArrowDown")  # 来访
    tab_to(page, "problem_unit")
    for _ in range(30):  # ↓ through the unit list to the township where the problem is
        page.keyboard.press("ArrowDown")
        if "城关镇" in page.evaluate("document.activeElement.selectedOptions[0].text"):
            break
    else:
        raise AssertionError("↓ never reached the township")
    tab_to(page, "title")
    page.keyboard.type(TITLE)
    tab_to(page, "request")
    page.keyboard.type("请求督促物业尽快维修楼道漏水。")
    tab_to(page, "facts_reasons")
    page.keyboard.type("本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。")
    tab_to(page, "p-0-name")
    page.keyboard.type(PETITIONER["name"])
    tab_to(page, "p-0-id_number")
    page.keyboard.type(PETITIONER["id_number"])
    tab_to(page, "p-0-phone")
    page.keyboard.type(PETITIONER["phone"])
    r.shot("02-registrar-intake-keyboard")
    page.keyboard.press("Alt+S")  # 登记
    page.wait_for_url("**/cases/DXF-*/")
    assert page.locator("li.error").count() == 0
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def registrar_adopts_triage(r: Clerk, day: Day) -> None:
    """The triage panel proposes the housing bureau; one click adopts it (甄别分类)."""
    page = r.page
    panel = page.locator("section.triage")
    assert day.housing_name in panel.inner_text()
    r.shot("03-registrar-triage-proposal", phone=True)
    with page.expect_navigation():
        panel.locator("button", has_text="一键采纳并甄别分类").click()
    assert "已采纳研判建议" in page.inner_text("body")


def registrar_routes(r: Clerk, day: Day) -> None:
    """交办 to the housing bureau with a period (Art. 22 ¶1 (3))."""
    r.act(Action.ASSIGN, unit=str(day.housing), due_days="30", note="请于30日内报送办结报告",
          shot="04-registrar-assign-form")
    r.shot("05-registrar-assigned")


def handler_accepts_records_and_drafts(h: Clerk, number: str) -> None:
    """The housing bureau's handler: the case in the queue, 受理, a site visit with its photo report,
    the draft opinion, submitted for sign-off."""
    page = h.page
    assert number in page.inner_text("table.cases")
    h.shot("06-handler-queue", phone=True)
    page.get_by_role("link", name=number, exact=True).click()
    page.wait_for_url(f"**/cases/{number}/")
    h.act(Action.ACCEPT, note="属本单位职责，予以受理")
    h.act(Action.RECORD_PROGRESS, kind="visit", participants="承办人、物业公司经理",
          text="到小区三号楼现场查看漏水情况并拍照，物业承认屋面防水层破损。",
          files={"attachments": ("现场照片说明.pdf", "application/pdf", b"%PDF-1.4\n%site visit\n")},
          shot="07-handler-progress-form")
    assert "现场照片说明.pdf" in page.inner_text("#handling")
    h.act(Action.DRAFT_OPINION, outcome="support", legal_basis="《物业管理条例》第三十五条",
          text="经调查，反映的楼道漏水属实，已责成物业于十日内维修。", shot="08-handler-draft")
    body = h.act(Action.SUBMIT_DRAFT, note="请审签")
    assert "待审签" in body
    h.shot("09-handler-submitted", phone=True)


def approver_returns(a: Clerk, number: str) -> None:
    a.case(number)
    body = a.act(Action.RETURN_DRAFT, comments="请写明维修期限的起算日", shot="10-approver-return")
    assert "已退回修改" in body and "请写明维修期限的起算日" in body


def handler_revises_and_asks_extension(h: Clerk, number: str) -> None:
    h.case(number)
    h.shot("11-handler-returned")
    h.act(Action.REQUEST_EXTENSION, days="15", reason="需会同街道办事处核实维修资金来源",
          shot="12-handler-extension-request")
    h.act(Action.DRAFT_OPINION, outcome="support", legal_basis="《物业管理条例》第三十五条",
          text="经调查，反映的楼道漏水属实，已责成物业自本意见送达之日起十日内维修。")
    body = h.act(Action.SUBMIT_DRAFT, note="已按退回意见修改")
    assert "待审签" in body


def approver_approves_extension(a: Clerk, number: str) -> None:
    """延期: the head approves the pending request, its days and reason (Art. 34)."""
    a.case(number)
    body = a.act(Action.EXTEND, shot="13-approver-extension")
    assert "已延期" in body


def leader_instructs(ld: Clerk, number: str) -> None:
    """领导批示: shown on top of the case page, and a message to the unit's officers and heads."""
    ld.case(number)
    body = ld.act(Action.INSTRUCT, text="请抓紧办理，按期答复信访人。")
    assert body.index("领导批示") < body.index("信访事项")  # on top of the page
    ld.shot("14-leader-instruction")


def handler_reads_notification(h: Clerk, number: str) -> None:
    """The notification centre: the bell in the top bar counts the leader's instruction as unread;
    opening the message marks it read, leads to the case, and the count goes down."""
    page = h.page
    page.goto(f"{h.base}/queue/")
    bell = page.locator("a.bell")
    before = int(bell.locator(".count").inner_text())
    assert before >= 1, bell.get_attribute("aria-label")
    with page.expect_navigation():
        bell.click()
    inbox = page.locator("ul.inbox")
    unread = inbox.locator("li.unread", has_text="领导批示").filter(has_text=number)
    assert unread.count() == 1, inbox.inner_text()
    h.shot("15-handler-messages")
    with page.expect_navigation():
        unread.first.locator("button").first.click()
    assert page.url.rstrip("/").endswith(f"/cases/{number}")
    count = page.locator("a.bell .count")
    after = int(count.inner_text()) if count.count() else 0
    assert after == before - 1


def approver_reassigns_merges_and_signs(a: Clerk, day: Day, number: str, repeat: str) -> None:
    """The head names the officer, then reassigns; merges the repeat petition into the case; signs off."""
    a.case(number)
    first, second = in_db_thread(lambda: [
        str(User.objects.get(username=day.users[role]).pk) for role in ("handler", "handler2")])
    a.act(Action.ASSIGN_OFFICER, officer=first, note="请抓紧办理")
    body = a.act(Action.ASSIGN_OFFICER, officer=second, note="原承办人休假，改派",
                 shot="16-approver-reassign")
    assert "承办人：D住建承办人乙" in body

    a.case(repeat)
    a.shot("17-approver-repeat-petition")
    body = a.act(Action.MERGE, into=number, reason="同一信访人就同一事项重复信访，并案办理",
                 shot="18-approver-merge")
    assert number in body

    a.case(number)
    sign = a.page.locator(f'form[action$="/act/{Action.ANSWER.value}/"]')
    sign.locator("xpath=ancestor::details[1]/summary").click()
    assert sign.locator('[name="answer-text"]').is_disabled()  # the signed text is the draft's
    body = a.act(Action.ANSWER, delivery_method="direct", shot="19-approver-sign-off")
    assert "自本意见送达之日起十日内维修" in body
    a.shot("20-approver-answered", phone=True)


def test_a_clerks_whole_day(browser, live_server):  # noqa: ANN001
    """Given a county with its staff, when each role works its part of the day in the browser,
    then every step succeeds, the case ends 已答复 with the signed draft as its opinion, extended,
    reassigned, the repeat merged, and no page answered 5xx or logged a console error."""
    day = in_db_thread(build_day)

    with clerk(browser, live_server, day, "registrar") as r:
        number = registrar_intake_by_keyboard(r)
        registrar_adopts_triage(r, day)
        registrar_routes(r, day)

    # a repeat petition of the same petitioner arrives and is 交办'd the same way (setup, not tested)
    def repeat_petition() -> str:
        c = day.county
        b = register(c, title="楼道漏水问题再次反映", petitioners=[petitioner_data(**PETITIONER)])
        return act(c, b, Action.ASSIGN).number
    repeat = in_db_thread(repeat_petition)

    with clerk(browser, live_server, day, "handler") as h:
        handler_accepts_records_and_drafts(h, number)
    with clerk(browser, live_server, day, "approver") as a:
        approver_returns(a, number)
    with clerk(browser, live_server, day, "handler") as h:
        handler_revises_and_asks_extension(h, number)
    with clerk(browser, live_server, day, "approver") as a:
        approver_approves_extension(a, number)
    with clerk(browser, live_server, day, "leader") as ld:
        leader_instructs(ld, number)
    with clerk(browser, live_server, day, "handler") as h:
        handler_reads_notification(h, number)
    with clerk(browser, live_server, day, "approver") as a:
        approver_reassigns_merges_and_signs(a, day, number, repeat)

    assert day.errors == []

    def results() -> dict:
        case = Case.objects.select_related("assigned_officer").get(number=number)
        return {
            "status": case.status, "extended": case.extended,
            "officer": case.assigned_officer.username if case.assigned_officer else None,
            "opinion": case.opinions.get().text,
            "draft": OpinionDraft.objects.get(case=case).text,
            "repeat": Case.objects.values_list("status", "merged_into__number").get(number=repeat),
            "progress": case.progress.count(),
            "read": sorted(Notification.objects.filter(
                user__username=day.users["handler"], case=case, read_at__isnull=False)
                .values_list("subject", flat=True)),
        }
    got = in_db_thread(results)
    assert (got["status"], got["extended"]) == (Status.ANSWERED, True)
    assert got["officer"] == day.users["handler2"]
    assert got["opinion"] == got["draft"] and "送达之日起十日内" in got["opinion"]
    assert got["repeat"] == (Status.MERGED, number)
    assert got["progress"] == 1
    assert got["read"] == [f"领导批示：信访件{number}"]  # the one opened, and only that one


def test_bulk_assign_twenty_and_export_the_filtered_list(browser, live_server):  # noqa: ANN001
    """Given 20 registered cases and 2 others, when the registrar ticks the 20 in the queue and
    批量交办s them to the housing bureau, then exactly those 20 are 已交办 there; filtered by that
    status and unit, the exported Excel file has as many rows as the queue counts (20)."""
    day = in_db_thread(build_day)

    def cases() -> tuple[list[str], list[str]]:
        c = day.county
        batch = [register(c, title=f"小区物业问题第{i + 1}件",
                          petitioners=[petitioner_data(name=f"信访人{i + 1}")]).number
                 for i in range(20)]
        others = [register(c, title="道路破损", petitioners=[petitioner_data(name="孙八")]).number
                  for _ in range(2)]
        return batch, others
    batch, others = in_db_thread(cases)

    with clerk(browser, live_server, day, "registrar") as r:
        page = r.page
        page.wait_for_url("**/queue/")
        for number in batch:
            page.check(f'input[name=case][value="{number}"]')
        page.select_option('[name="action"]', "assign")
        page.select_option('#bulk [name="unit"]', str(day.housing))
        page.fill('#bulk [name="due_days"]', "30")
        page.fill('#bulk [name="note"]', "请于30日内报送办结报告")
        r.shot("21-registrar-bulk-assign")
        with page.expect_navigation():
            page.click("#bulk button[type=submit]")
        assert page.locator("li.error").count() == 0
        r.shot("22-registrar-bulk-done")

        # the queue filtered: every open case of the jurisdiction, 已交办, at the housing bureau
        page.check('input[name=scope][value="all"]')
        page.click("details.statuses > summary")
        page.check(f'input[name=status][value="{Status.ASSIGNED.value}"]')
        page.select_option('#filters [name="unit"]', str(day.housing))
        with page.expect_navigation():
            page.click("#filters button[type=submit]")
        count = page.inner_text("p.count")
        assert "共 20 件" in count, count
        r.shot("23-registrar-filtered", phone=True)
        with page.expect_download() as download:
            page.click("text=导出筛选结果")
        path = DAY / "queue-export.xlsx"
        download.value.save_as(path)  # before the context closes and deletes the download

    assert day.errors == []
    sheet = openpyxl.load_workbook(path, read_only=True).active
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(numbers) == sorted(batch)

    def moved() -> tuple[set, set]:
        done = set(Case.objects.filter(status=Status.ASSIGNED, holding_unit_id=day.housing)
                   .values_list("number", flat=True))
        left = set(Case.objects.filter(number__in=others).values_list("status", flat=True))
        return done, left
    done, left = in_db_thread(moved)
    assert done == set(batch) and left == {Status.REGISTERED}


def test_adopting_the_triage_proposal_prefills_the_routing_form(browser, live_server):  # noqa: ANN001
    """Given a registered case whose proposal names the housing bureau, when the registrar adopts
    it, then the 交办 and 转送 forms already have the housing bureau chosen."""
    day = in_db_thread(build_day)
    number = in_db_thread(lambda: register(day.county, title=TITLE).number)
    with clerk(browser, live_server, day, "registrar") as r:
        r.case(number)
        with r.page.expect_navigation():
            r.page.click("text=一键采纳并甄别分类")
        for action in (Action.ASSIGN, Action.TRANSFER):
            unit = r.page.locator(f'[name="{action.value}-unit"]').input_value()
            assert unit == str(day.housing), f"{action.label}: {unit!r}"
    assert day.errors == []
