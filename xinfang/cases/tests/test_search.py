"""Search by what the query is (issue 17): number or its prefix, imported id, ID number, phone,
name, words of the text — on SQLite and on PostgreSQL with each full-text method, never across
units, never an accusation to the accused unit (Art. 30), newest received first, counted with a cap."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from xinfang.cases import search
from xinfang.cases.models import Case, Purpose
from xinfang.cases.scenarios import petitioner_data, register
from xinfang.cases.search import CappedPaginator, classify, query_lexemes, text_words
from xinfang.cases.selectors import case_search
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db

POSTGRES = pytest.mark.skipif("connection.vendor != 'postgresql'")
#: every full-text method (SQLite ignores the setting: LIKE)
METHODS = pytest.mark.parametrize("method", ["bigram", "jieba", "trigram"])

NOISE = {"title": "广场舞噪音扰民", "request": "请求限制广场舞音量。",
         "facts_reasons": "小区旁广场每晚广场舞噪音很大，影响休息。"}
DEMOLITION = {"title": "拆迁补偿款未到位", "request": "请求落实拆迁补偿。",
              "facts_reasons": "本人房屋被拆迁两年，补偿款仍未发放，去找不到负责人。"}


def _found(user, query: str) -> list[str]:  # noqa: ANN001
    return [c.number for c in case_search(user, query)]


@pytest.fixture
def clerk(county):  # noqa: ANN001
    return county.user(county.bureau, Role.REGISTRAR)


def test_the_query_is_classified_by_its_shape():
    assert classify("AXF-2026-00001")["number"] and not classify("AXF-2026-00001")["text"]
    assert classify("axf-2026-")["number"]  # a prefix, in any case
    assert classify("110105 19491231 002x")["digits"]
    assert classify("138-1234-5678")["digits"]
    assert classify("噪音")["text"] and classify("GD2021000004")["text"]  # an imported id is tried as words too
    assert classify("1234")["text"]  # too short for an ID or phone number


def test_the_words_of_a_text_hold_every_chinese_bigram_and_the_jieba_words():
    words = text_words("去找不到负责人。WiFi 坏了")
    assert {"不到", "找不", "负责", "责人", "wifi"} <= words
    assert "。" not in words
    assert query_lexemes("找不到", "bigram") == ["不到", "找不"]
    assert query_lexemes("WiFi坏了", "bigram") == ["坏了", "wifi"]


@METHODS
def test_search_by_number_prefix_id_phone_name_and_words(county, clerk, method):  # noqa: ANN001
    with override_settings(XINFANG_SEARCH_TEXT=method):  # the cases' words are the method's
        noise = register(county, petitioners=[petitioner_data(name="王小明")], **NOISE)
        other = register(county, petitioners=[petitioner_data(name="李四", id_number="110105198001011238",
                                                              phone="13900001111")], **DEMOLITION)
        assert _found(clerk, noise.number) == [noise.number]
        assert _found(clerk, noise.number.lower()) == [noise.number]
        prefix = noise.number.rsplit("-", 1)[0] + "-"
        assert set(_found(clerk, prefix)) == {noise.number, other.number}
        assert _found(clerk, "11010519491231002x") == [noise.number]  # the ID number, any case
        assert _found(clerk, "139 0000 1111") == [other.number]  # the phone, as typed
        assert _found(clerk, "王小明") == [noise.number]  # the whole name
        assert _found(clerk, "王小") == []  # part of a name: nothing (encrypted)
        assert _found(clerk, "0000") == []  # part of a number: nothing
        # words of two characters (no trigram), longer ones, several, one character
        assert _found(clerk, "噪音") == [noise.number]
        assert _found(clerk, "拆迁") == [other.number]
        assert _found(clerk, "广场舞") == [noise.number]
        assert _found(clerk, "噪音 休息") == [noise.number]
        assert _found(clerk, "噪音 拆迁") == []
        assert _found(clerk, "舞") == [noise.number]
        assert _found(clerk, "赔偿") == []


def test_a_word_the_segmentation_splits_is_found_by_its_bigrams(county, clerk):  # noqa: ANN001
    """不到 is not a jieba word of 设施不到位 (不到位 is), nor 道路 of 人行道路 (人行道, 路): jieba words
    alone would miss these cases (docs/scaling.md "Search"); the bigrams find them, whatever the
    method (trigram: by scanning, two characters have no trigram)."""
    text = "污水治理设施不到位，占用人行道路堆放杂物。"
    assert "不到" not in search.jieba_words(text) and "道路" not in search.jieba_words(text)
    assert {"不到", "道路"} <= text_words(text)
    case = register(county, title="污水治理问题", facts_reasons=text)
    for method in ("bigram", "jieba", "trigram"):
        with override_settings(XINFANG_SEARCH_TEXT=method):
            assert _found(clerk, "不到") == [case.number], method
            assert _found(clerk, "道路") == [case.number], method


def test_search_by_an_imported_case_id(county, clerk):  # noqa: ANN001
    case = register(county, **NOISE)
    Case.objects.filter(pk=case.pk).update(external_id="GD2021000004", import_source="old")
    assert _found(clerk, "GD2021000004") == [case.number]


@METHODS
def test_search_never_crosses_units_nor_shows_an_accusation_to_the_accused(county, other_county, method):  # noqa: ANN001
    with override_settings(XINFANG_SEARCH_TEXT=method):
        mine = register(county, **NOISE)
        theirs = register(other_county, petitioners=[petitioner_data(id_number="110105198001011238")],
                          **NOISE)
        accusation = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                              accused_person="某镇干部李某", title="反映城关镇干部收受好处费噪音",
                              facts_reasons="城关镇某干部在低保审批中收受好处费。")
    clerk = county.user(county.bureau, Role.REGISTRAR)
    accused = county.user(county.township, Role.APPROVER)
    with override_settings(XINFANG_SEARCH_TEXT=method):
        assert set(_found(clerk, "噪音")) == {mine.number, accusation.number}
        assert _found(clerk, theirs.number) == []
        assert _found(clerk, "110105198001011238") == []
        assert accusation.number not in _found(accused, "好处费")
        assert accusation.number not in _found(accused, "噪音")
        assert _found(accused, accusation.number) == []
        assert _found(other_county.user(other_county.bureau, Role.REGISTRAR), "噪音") == [theirs.number]


def test_results_are_the_newest_received_first(county, clerk):  # noqa: ANN001
    today = dt.date.today()
    old = register(county, received_on=(today - dt.timedelta(days=9)).isoformat(), **NOISE)
    new = register(county, received_on=(today - dt.timedelta(days=1)).isoformat(), **NOISE)
    mid = register(county, received_on=(today - dt.timedelta(days=5)).isoformat(), **NOISE)
    assert _found(clerk, "噪音") == [new.number, mid.number, old.number]


def test_the_count_is_capped_and_says_so(county, clerk, monkeypatch):  # noqa: ANN001
    for _ in range(3):
        register(county, **NOISE)
    monkeypatch.setattr(search, "RESULTS_MAX", 2)
    paginator = CappedPaginator(case_search(clerk, "噪音"), 1)
    assert paginator.count == 2 and paginator.capped
    assert paginator.num_pages == 2
    monkeypatch.setattr(search, "RESULTS_MAX", 3)
    paginator = CappedPaginator(case_search(clerk, "噪音"), 1)
    assert paginator.count == 3 and not paginator.capped


def test_the_web_page_says_when_more_were_found_than_listed(client, county, clerk, monkeypatch):  # noqa: ANN001
    from django.urls import reverse

    client.force_login(clerk)
    for _ in range(3):
        register(county, **NOISE)
    monkeypatch.setattr(search, "RESULTS_MAX", 2)
    body = client.post(reverse("web:search"), {"q": "噪音"}, follow=True).content.decode()
    assert "找到 2 件以上" in body


def test_a_search_page_takes_five_statements_whatever_the_query(county, clerk):  # noqa: ANN001
    """The people's cases, the capped count, the page, its petitioners (parties, then people)."""
    for _ in range(3):
        register(county, **NOISE)
    case = register(county, **DEMOLITION)
    clerk.unit  # noqa: B018  (the user's unit is loaded with the session's user)
    for query in ("噪音", case.number, "11010519491231002X", "13812345678", "张三"):
        with CaptureQueriesContext(connection) as cq:
            page = CappedPaginator(case_search(clerk, query).prefetch_related("parties__petitioner"),
                                   30).get_page(1)
            assert list(page)
        assert len(cq.captured_queries) <= 5, (query, [q["sql"] for q in cq.captured_queries])


@POSTGRES
def test_the_words_are_written_at_registration_and_rewritten_when_the_text_changes(county, clerk):  # noqa: ANN001
    case = register(county, **NOISE)
    stored = Case.objects.values_list("search_tokens", flat=True).get(pk=case.pk)
    assert "'噪音'" in stored and "'扰民'" in stored
    case = Case.objects.get(pk=case.pk)
    case.facts_reasons = "楼下餐馆油烟直排。"
    case.save()
    stored = Case.objects.values_list("search_tokens", flat=True).get(pk=case.pk)
    assert "'油烟'" in stored and "'休息'" not in stored
    assert _found(clerk, "油烟") == [case.number]


@POSTGRES
def test_backfill_fills_the_cases_without_words(county, clerk):  # noqa: ANN001
    case = register(county, **NOISE)
    Case.objects.filter(pk=case.pk).update(search_tokens=None)
    with override_settings(XINFANG_SEARCH_TEXT="bigram"):
        assert _found(clerk, "噪音") == []  # a case without words is not found by them
        call_command("backfill_search_tokens", batch=1)
        assert _found(clerk, "噪音") == [case.number]
    assert search.backfill(connection) == 0  # nothing left: running it again does nothing


def test_backfill_on_sqlite_says_there_is_nothing_to_do(capsys):  # noqa: ANN001
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    call_command("backfill_search_tokens")
    assert "无需补写" in capsys.readouterr().out


def test_the_migrations_build_the_word_index_on_postgresql_and_only_the_column_elsewhere():
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "cases_case")]
        assert "search_tokens" in columns
        if connection.vendor != "postgresql":
            return
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases_case'")
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
        cursor.execute("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                       "WHERE attrelid = 'cases_case'::regclass AND attname = 'search_tokens'")
        assert cursor.fetchone()[0] == "tsvector"
    assert "gin (search_tokens)" in indexes["case_search_tokens"]
    # the trigram indexes of 0017 are dropped by 0019: the default method never reads them, and
    # every written case paid for them (a deployment choosing `trigram` creates them)
    assert not {"case_title_trgm", "case_request_trgm", "case_facts_trgm"} & set(indexes)
    # a number's prefix: Django's own pattern index of the unique number
    assert any("varchar_pattern_ops" in d and "(number" in d for d in indexes.values())


@POSTGRES
def test_the_migration_runs_again_without_harm_and_reverses(county):  # noqa: ANN001
    """Its statements are IF NOT EXISTS (indexes built beforehand CONCURRENTLY are kept); backwards
    drops the indexes, forwards builds them again and fills the words of a small table."""
    import importlib

    from django.db import connection as conn

    mig = importlib.import_module("xinfang.cases.migrations.0017_case_search")
    register(county, **NOISE)
    with conn.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger events before CREATE INDEX
    with conn.schema_editor() as editor:
        mig.backwards(None, editor)
    with conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'case_search_tokens'")
        assert cursor.fetchone()[0] == 0
    Case.objects.update(search_tokens=None)
    with conn.schema_editor() as editor:
        mig.forwards(None, editor)
        mig.forwards(None, editor)
    with conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'case_%%_trgm' "
                       "OR indexname = 'case_search_tokens'")
        assert cursor.fetchone()[0] == 4
    assert not Case.objects.filter(search_tokens__isnull=True).exists()


@POSTGRES
def test_the_trigram_indexes_are_dropped_and_come_back_on_reversal(county):  # noqa: ANN001
    import importlib

    from django.db import connection as conn

    mig = importlib.import_module("xinfang.cases.migrations.0019_no_trigram_indexes")

    def trigram_indexes() -> int:
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'case_%%_trgm'")
            return cursor.fetchone()[0]

    register(county, **NOISE)
    with conn.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert trigram_indexes() == 0
    with conn.schema_editor() as editor:
        mig.backwards(None, editor)
    assert trigram_indexes() == 3
    with conn.schema_editor() as editor:
        mig.forwards(None, editor)
        mig.forwards(None, editor)
    assert trigram_indexes() == 0


@METHODS
def test_a_word_too_long_for_the_index_is_stored_and_found(county, clerk, method):  # noqa: ANN001
    """A run of 5,000 letters pasted into the facts is one 5,000-byte "word": PostgreSQL refuses a
    lexeme over 2,047 bytes, and the registration answered 500 (the portal's odd-input test found
    it with digits). The word is left out of the index; searching for it still finds the case, by
    ILIKE."""
    long_word = "ab" * 2500
    with override_settings(XINFANG_SEARCH_TEXT=method):
        case = register(county, title="超长数字", facts_reasons=f"材料编号 {long_word} 见附件")
    assert long_word in text_words(case.facts_reasons) and long_word in search.bigram_words(case.facts_reasons)
    with override_settings(XINFANG_SEARCH_TEXT=method):
        assert _found(clerk, long_word) == [case.number]
        assert _found(clerk, "超长数字") == [case.number]


# --- the words stored for the default method (issue 16: the import's batch step) ----------------

#: texts where jieba's cut of the ASCII part is not the plain one (dictionary words mixing ASCII and
#: Chinese, c++), full-width and compatibility characters, odd singles, long runs
MADE_UP = [
    "去找不到负责人。WiFi 坏了", "ABT恤衫质量问题", "卡拉OK厅夜间噪音", "c++培训班收费", "AT&T客服",
    "小区4S店占道", "江南style广场舞", "阿Q精神", "ＡＢＣ全角字母与１２３数字", "㍻年间", "⼀号楼漏水",
    "iPhone6 维修点", "编号ab_cd-ef.gh%20号", "café ①号楼 x² ½", "IC卡无法充值", "B超检查收费",
    "Ｂ超", "QQ号被盗", "3栋502室，电话138****0000", "PM2.5超标", "a" * 3000, "x'y\\z 引号",
]


def _askable(words: set[str]) -> set[str]:
    """The lexemes of ``words`` that a ``bigram`` search can ask (``query_lexemes``): Chinese
    bigrams and words without a Chinese character."""
    return {w for w in words
            if not search._CJK_RUN.search(w) or (len(w) == 2 and search._CJK_RUN.fullmatch(w))}


def _texts() -> list[str]:
    import csv
    import itertools
    import random
    from pathlib import Path

    from django.conf import settings

    out = list(MADE_UP)
    shared = Path(settings.XINFANG_SHARED_DATA) / "teddy2020" / "messages_labelled.csv"
    if shared.exists():
        with shared.open(encoding="utf-8", newline="") as f:
            out += [search.case_text(r.get("留言主题"), r.get("留言详情"), None)
                    for r in itertools.islice(csv.DictReader(f), 3000)]
    rng = random.Random(16)
    pieces = [*"abXY09+#&._%-_ \n\t　，。（）()@/é①²ＡＢ１㍻⼀가あ我们的小区大道路江南号店超恤型卡拉",
              "B超", "T恤", "4S店", "江南style", "卡拉OK", "c++", "C#", "AT&T", "QQ号", "小S", "阿Q", "IC卡"]
    out += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    return out


def test_the_bigram_words_are_exactly_what_a_bigram_search_can_ask_of_the_jieba_words():
    """The default method's stored words (no jieba over the Chinese text) hold exactly the lexemes
    of the jieba words + bigrams that a ``bigram`` search can name: every search finds the same
    cases with either (the real messages, when shared/data is there, and made-up texts)."""
    for text in _texts():
        assert search.bigram_words(text) == _askable(text_words(text)), text
    # a dictionary word mixing ASCII and Chinese: jieba decides (ABT恤 → AB, T恤)
    assert search._mixed_words().search("ABT恤") and search.free_words("ABT恤") == {"ab"}
    assert not search._mixed_words().search("iPhone6 维修") and search.free_words("iPhone6 维修") == {"iphone6"}


def test_the_stored_words_follow_the_method():
    text = "占用人行道堆放杂物 WiFi"
    with override_settings(XINFANG_SEARCH_TEXT="jieba"):
        assert search.search_words(text) == text_words(text)
    for method in ("bigram", "trigram"):
        with override_settings(XINFANG_SEARCH_TEXT=method):
            assert search.search_words(text) == search.bigram_words(text)
    assert "人行道" in text_words(text) and "人行道" not in search.bigram_words(text)
    assert search.tsvector_text({"b", "a'"}) == "'a''' 'b'" and search.tsvector_text(set()) == ""


QUERIES = ["噪音", "广场舞", "扰民 休息", "WiFi", "wifi坏了", "不到", "找不到负责人", "OK", "卡拉OK",
           "iPhone6", "c++", "T恤", "ABT恤", "全角", "ＡＢＣ", "abc", "123", "号楼", "①号楼", "PM2.5",
           "ab_cd", "café", "x²", "平成", "B超", "4S店"]


@POSTGRES
def test_a_bigram_search_finds_the_same_cases_with_the_old_and_the_new_words(county, clerk):  # noqa: ANN001
    """The same texts twice: one copy with the words stored before (jieba words + bigrams), one with
    the default method's; every query finds both copies or neither."""
    texts = MADE_UP[:-2] + [NOISE["facts_reasons"], DEMOLITION["facts_reasons"]]
    old, new = {}, {}
    for text in texts:
        a, b = (register(county, title="比对", facts_reasons=text) for _ in range(2))
        Case.objects.filter(pk=a.pk).update(search_tokens=None)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE cases_case SET search_tokens = %s::tsvector WHERE id = %s",
                           [search.tsvector_text(text_words(search.case_text("比对", "", text))), a.pk])
        old[a.number], new[b.number] = text, text
    with override_settings(XINFANG_SEARCH_TEXT="bigram"):
        for query in QUERIES:
            found = set(_found(clerk, query))
            by_old = {old[n] for n in found if n in old}
            by_new = {new[n] for n in found if n in new}
            assert by_old == by_new, query
        assert _found(clerk, "卡拉OK") and _found(clerk, "广场舞")  # not vacuous


@POSTGRES
def test_a_large_fill_drops_the_index_and_builds_it_again(county, clerk):  # noqa: ANN001
    cases = [register(county, **NOISE), register(county, **DEMOLITION)]
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(search_tokens=None)
    with connection.cursor() as cursor:  # no deferred foreign-key checks pending: the index can go
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert search.backfill(connection, rebuild=True) == 2
    with connection.cursor() as cursor:
        assert search._search_index(cursor) is True
        cursor.execute(f"DROP INDEX {search.SEARCH_INDEX}")  # as an interrupted fill leaves it
    assert search.backfill(connection) == 0 and search.ensure_search_index(connection) is False
    with connection.cursor() as cursor:
        assert search._search_index(cursor) is True  # built again by the next fill
    assert _found(clerk, "噪音") == [cases[0].number] and _found(clerk, "拆迁") == [cases[1].number]
    call_command("backfill_search_tokens", "--all")
    assert _found(clerk, "噪音") == [cases[0].number]


def test_a_persons_many_cases_come_newest_first_without_walking_the_date_index(county, clerk):
    # given one person's cases received on different days (two on the same day), and others
    person = petitioner_data(id_number="11010519491231002X", phone="13812345678")
    today = dt.date.today()
    days = [40, 3, 3, 400, 12]
    mine = [register(county, petitioners=[dict(person)], received_on=today - dt.timedelta(days=d))
            for d in days]
    register(county, petitioners=[petitioner_data(name="李四", id_number="110105198001011238",
                                                  phone="13900001111")], received_on=today)
    expected = [c.number for c in sorted(mine, key=lambda c: (c.received_on, c.pk), reverse=True)]
    # when the clerk searches by the ID or the phone number
    with CaptureQueriesContext(connection) as cq:
        by_id = _found(clerk, "11010519491231002X")
    # then the cases are the person's, newest received first, ties by the later registration
    assert by_id == expected and _found(clerk, "138 1234 5678") == expected
    # and the order is a sort of the found cases, not the received-date index's order (a person
    # whose cases are all old made PostgreSQL read the whole province: 1.9 s at 1,000,000 cases)
    listed = next(q["sql"] for q in cq.captured_queries if "ORDER BY" in q["sql"] and "cases_case" in q["sql"])
    assert "ORDER BY COALESCE(" in listed
