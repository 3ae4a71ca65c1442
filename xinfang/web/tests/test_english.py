"""The staff interface in English (language cookie "en"): the main page of every app is translated.

Data (case titles, unit names, stored event notes) stays as entered; what must not stay Chinese is the
interface itself: navigation, headings, table headers, buttons and disclosure summaries.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from xinfang.cases.scenarios import drive_to, register
from xinfang.cases.states import Status
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff]")
# Elements that hold interface text only (h1 may carry a case title or a unit name, i.e. data).
UI = re.compile(r"<(nav|h2|h3|th|summary|button)\b[^>]*>(.*?)</\1>", re.S)
TAGS = re.compile(r"<[^>]+>")
CHINESE_LABELS = ["工作台", "办理记录", "分类研判", "调解督办", "态势", "退出", "法定期限", "可执行的操作",
                  "文书与送达", "信访态势", "主要指标", "待人工研判", "调解、听证、督办与评价"]


@pytest.fixture
def english(client, county):  # noqa: ANN001
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(county.user(county.bureau, Role.APPROVER))
    return client


def chinese_ui(body: str) -> list[str]:
    """Interface texts (navigation, headings, headers, buttons) that still contain Chinese."""
    texts = (" ".join(TAGS.sub(" ", m.group(2)).split()) for m in UI.finditer(body))
    return [t for t in texts if CJK.search(t)]


def get(client, url: str) -> str:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Language"] == "en"
    return response.content.decode()


@pytest.mark.parametrize(("url", "words"), [
    ("web:queue", ["Work queue", "Search", "Log out", "Next deadline"]),
    ("triage:home", ["Triage", "Category model"]),
    ("resolution:home", ["Mediation, hearings, supervision and ratings", "Indicators"]),
    ("documents:home", ["Documents and messages", "Recent documents"]),
    ("warning:dashboard", ["Petition dashboard", "Key figures", "Data table"]),
    ("notifications:list", ["Messages", "My messages", "unread messages"]),
])
def test_app_home_pages_in_english(english, county, url, words):  # noqa: ANN001
    drive_to(county, Status.ACCEPTED)
    body = get(english, reverse(url))
    for word in words:
        assert word in body, (url, word)
    for label in CHINESE_LABELS:
        assert label not in body, (url, label)
    assert chinese_ui(body) == [], url


def test_case_page_with_panels_in_english(english, county):  # noqa: ANN001
    accepted = drive_to(county, Status.ACCEPTED)
    body = get(english, reverse("web:case", args=[accepted.number]))
    for word in ("Timeline", "Statutory deadlines", "Documents and delivery", "Handling",
                 "Mediation · hearing · supervision · rating"):
        assert word in body, word
    for label in CHINESE_LABELS:
        assert label not in body, label
    assert chinese_ui(body) == []

    # statutory citations and what each step is, in English too (the law's text is interface, not data)
    assert "Art. 34" in body and "who is answerable for it as a whole (Art. 10, Art. 38)." in body
    assert "第34条" not in re.sub(r'<ol class="timeline".*?</ol>', "", body, flags=re.S)

    fresh = register(county, title="小区楼道漏水")  # still waiting for triage: the triage panel shows
    body = get(english, reverse("web:case", args=[fresh.number]))
    assert "Triage suggestion" in body and "分类研判" not in body
    assert chinese_ui(body) == []


def test_chinese_stays_the_default(client, county):  # noqa: ANN001
    client.force_login(county.user(county.bureau, Role.APPROVER))
    body = client.get(reverse("web:queue")).content.decode()
    assert "工作台" in body and "Work queue" not in body


def test_every_chinese_string_has_one_english_text_across_the_apps():
    """locale/fill_po.py reads the core file, then each app's locale_en.py, into one catalogue: a
    string given two English texts would silently take the last file's everywhere (an app's "退出":
    "Leave" once turned the staff's "Log out" into "Leave"). An app reuses the existing text, or uses
    a string of its own."""
    import runpy
    from pathlib import Path

    base = Path(settings.BASE_DIR)
    files = sorted((base / "locale").glob("*_translations.py")) + sorted(
        (base / "xinfang").glob("*/locale_en.py"))
    assert len(files) > 5
    first: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in files:
        for chinese, english_text in runpy.run_path(str(path))["EN"].items():
            known = first.setdefault(chinese, (path.name if path.parent.name == "locale"
                                               else path.parent.name, english_text))
            if known[1] != english_text:
                clashes.append((chinese, known, path.parent.name, english_text))
    assert clashes == []


def test_every_catalogue_translates_every_string():
    """An empty or fuzzy entry shows the Chinese to an English reader, and `compilemessages` drops a
    fuzzy one silently. The portal keeps its own catalogue, filled by hand (locale/fill_po.py fills
    locale/en only): three of its entries, a petitioner's review rights among them, once stayed
    Chinese this way."""
    from pathlib import Path

    base = Path(settings.BASE_DIR)
    catalogues = [base / "locale/en/LC_MESSAGES/django.po", *sorted(
        (base / "xinfang").glob("*/locale/en/LC_MESSAGES/django.po"))]
    assert len(catalogues) >= 2
    untranslated = []
    for path in catalogues:
        for entry in path.read_text(encoding="utf-8").split("\n\n"):
            if "msgid" not in entry or '\nmsgid ""\nmsgstr ""\n"' in "\n" + entry:
                continue  # the header
            msgstr = entry[entry.index("msgstr"):]
            empty = re.fullmatch(r'msgstr ""\s*', msgstr) is not None
            if "#, fuzzy" in entry or empty:
                untranslated.append((path.relative_to(base).as_posix(), entry[-160:]))
    assert untranslated == []
